/**
 * The collapse value in a collapsed hit's `fields`, as SearchPhaseController.getHits sets it
 * (SearchHit.setDocumentField, after the fetch phase filled the hit's fields HashMap): `"<field>": [value]`, put into
 * the hit's HashMap (java-hash.ts models its order) after the fields the fetch phase gave it, replacing an entry of
 * the same name; a document without a value gets an empty entry, which prints nothing. The sections are JSON text
 * (fetch/document-fields.ts), rendered on the data node.
 */
import { withDocumentFields, type DocumentFieldsJson } from '../fetch/document-fields.ts'
import type { CollapseValue } from './collapse-context.ts'

/** Each hit's sections with its collapse value added; `sections` null stands for no sections on any hit. */
export function withCollapseFields(
  sections: readonly DocumentFieldsJson[] | null,
  field: string,
  values: readonly (CollapseValue | undefined)[],
): DocumentFieldsJson[] {
  return values.map((value, i) =>
    withDocumentFields(sections?.[i], value === null || value === undefined ? [] : [[field, [value]]]),
  )
}
