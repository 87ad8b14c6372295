/**
 * PercolatorMatchedSlotSubFetchPhase: each hit a percolate query of the search's query matched gets, in its `fields`,
 * the slots of the percolated documents its stored query matched, ascending: `_percolator_document_slot` when the
 * query holds one percolate query, `_percolator_document_slot_<name>` for each when it holds several (`name`, else the
 * field's name). A hit a percolate query did not match (one the rest of the query matched) gets nothing from it.
 * With each, `<that field>_<slot>_matched_queries` for each matched slot where named clauses of the stored query
 * match the document: their names, in the order the stored query's parse met them (ES lists them breadth-first over
 * Lucene's Matches tree, docs/DEVIATIONS.md). The phase runs after the fetch phases the hit's other fields come from
 * (a plugin's sub-phase follows the built-in ones).
 */
import type { JsonOut } from '../../xcontent/index.ts'
import type { PercolatedQuery } from '../queries/percolate-query.ts'
import { withDocumentFields, type DocumentFieldsJson } from './document-fields.ts'

/** PercolatorMatchedSlotSubFetchPhase.FIELD_NAME_PREFIX. */
const FIELD_NAME_PREFIX = '_percolator_document_slot'

/** The hits' sections (null: none has any) with their slots added, or as they were when the query percolated none. */
export function withPercolatorSlots(
  sections: DocumentFieldsJson[] | null,
  percolated: readonly PercolatedQuery[],
  docIds: readonly number[],
): DocumentFieldsJson[] | null {
  if (percolated.length === 0) return sections
  const single = percolated.length === 1
  return docIds.map((docId, i) => {
    const added: Array<[string, JsonOut[]]> = []
    for (const { name, slots, named } of percolated) {
      const matched = slots.get(docId)
      if (matched === undefined) continue
      const field = single ? FIELD_NAME_PREFIX : `${FIELD_NAME_PREFIX}_${name}`
      added.push([field, [...matched]])
      for (const [slot, names] of named.get(docId) ?? [])
        added.push([`${field}_${slot}_matched_queries`, [...names]])
    }
    return withDocumentFields(sections?.[i], added)
  })
}
