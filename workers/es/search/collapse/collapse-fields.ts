/**
 * The collapse value in a collapsed hit's `fields`, as SearchPhaseController.getHits sets it
 * (SearchHit.setDocumentField, after the fetch phase filled the hit's fields HashMap): `"<field>": [value]`, put into
 * the hit's HashMap (java-hash.ts models its order) after the fields the fetch phase gave it, replacing an entry of
 * the same name; a document without a value gets an empty entry, which prints nothing. The sections are JSON text
 * (fetch/document-fields.ts), rendered on the data node.
 */
import { JavaHashMapModel } from '../../../net/java-hash.ts'
import { parseJson, toJson, type JsonOut, type XContentValue } from '../../xcontent/index.ts'
import type { DocumentFieldsJson } from '../fetch/document-fields.ts'
import type { CollapseValue } from './collapse-context.ts'

/** Each hit's sections with its collapse value added; `sections` null stands for no sections on any hit. */
export function withCollapseFields(
  sections: readonly DocumentFieldsJson[] | null,
  field: string,
  values: readonly (CollapseValue | undefined)[],
): DocumentFieldsJson[] {
  return values.map((value, i) => {
    const hit = sections?.[i] ?? { fields: null, ignoredFieldValues: null }
    if (value === null || value === undefined) return hit
    const fetched = hit.fields === null ? new Map<string, XContentValue>() : parseJson(hit.fields)
    const entries = fetched instanceof Map ? fetched : new Map<string, XContentValue>()
    const order = new JavaHashMapModel()
    for (const name of entries.keys()) order.put(name)
    order.put(field)
    const out = new Map<string, JsonOut>()
    for (const name of order.order()) out.set(name, name === field ? [value] : entries.get(name)!)
    return { ...hit, fields: toJson(out) }
  })
}
