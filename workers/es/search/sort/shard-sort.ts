/**
 * The query phase of a sorted search on one shard (TopFieldCollector): every match gets its sort values,
 * matches at or before `search_after` are dropped, and the best `k` are kept in sort order, ties broken
 * by ascending doc id as Lucene breaks them inside a shard.
 */
import type { ScoreDoc } from '../../../../engine-wasm/src/index/index.ts'
import type { DocValuesSource } from '../aggregations/index.ts'
import { compareFieldDocs, docSortValue, type SortValue } from './field-comparator.ts'
import type { SortField } from './sort-field.ts'

export interface FieldDoc {
  docId: number
  score: number
  sortValues: SortValue[]
}

export function topFieldDocs(
  matches: readonly ScoreDoc[],
  fields: readonly SortField[],
  source: DocValuesSource,
  after: readonly SortValue[] | null,
  k: number,
): FieldDoc[] {
  const docs: FieldDoc[] = []
  for (const { docId, score } of matches) {
    const sortValues = fields.map((field) =>
      docSortValue(field, field.field === null ? [] : source.values(field.field, docId), docId, score),
    )
    if (after !== null && compareFieldDocs(fields, sortValues, after) <= 0) continue
    docs.push({ docId, score, sortValues })
  }
  docs.sort((a, b) => compareFieldDocs(fields, a.sortValues, b.sortValues) || a.docId - b.docId)
  return docs.slice(0, k)
}
