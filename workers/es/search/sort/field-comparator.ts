/**
 * FieldComparator for the playground's SortFields: a document's sort value (its doc values reduced by the
 * MultiValueMode, or the missing substitute) and the order of two values, as Lucene's comparators and
 * TopFieldCollector order hits.
 *
 * Invariants:
 * - a sort value is a number (score, doc id, long, double, float) or, for keywords, a string or null
 *   (missing); longs are integral doubles, Long.MAX_VALUE / MIN_VALUE being ±2^63; the coordinating node's merge
 *   also compares bigints (a date_nanos value's nanoseconds) with them;
 * - `compareSortValues` < 0 when `a` comes first in the final order (descending already applied);
 *   ties are left to the caller (shard index, then doc id);
 * - keyword values compare in UTF-8 byte order (BytesRef), a null keyword first or last as `missingFirst` says.
 */
import { compareUtf8 } from '../../index/mapper/doc-values.ts'
import type { FieldValue } from '../aggregations/index.ts'
import type { SortMode } from './sort-builder.ts'
import type { SortField } from './sort-field.ts'

export type SortValue = number | string | null

/** What ordering two sort values needs of their SortField: plain data, so it can cross nodes. */
export type SortKeyOrder = Pick<SortField, 'type' | 'descending' | 'missingFirst'>

/** A sort key's order as plain data (a SortField also holds formatters, which cross no wire). */
export function sortKeyOrder({ type, descending, missingFirst }: SortKeyOrder): SortKeyOrder {
  return { type, descending, missingFirst }
}

/** The sort value of one document for one field. */
export function docSortValue(
  field: SortField,
  values: readonly FieldValue[],
  docId: number,
  score: number,
): SortValue {
  if (field.type === 'score') return Math.fround(score)
  if (field.type === 'doc') return docId
  // ShardDocSortField.encodeShardAndDoc: (shardRequestIndex << 32) | doc
  if (field.type === 'shard_doc') return (field.shardRequestIndex ?? 0) * 2 ** 32 + docId
  if (values.length === 0) return field.missing
  if (field.type === 'keyword') {
    const strings = values.map(String)
    return field.mode === 'max' ? strings[strings.length - 1]! : strings[0]!
  }
  const picked = pick(field.mode, values as readonly number[], field.type === 'long')
  return field.type === 'float' ? Math.fround(picked) : picked
}

/** MultiValueMode.pick over sorted values; LONG modes round averages and medians (Math.round). */
function pick(mode: SortMode, values: readonly number[], integral: boolean): number {
  const count = values.length
  const round = (x: number): number => (integral ? Math.floor(x + 0.5) : x)
  switch (mode) {
    case 'min':
      return values[0]!
    case 'max':
      return values[count - 1]!
    case 'sum':
      return values.reduce((a, b) => a + b, 0)
    case 'avg': {
      const sum = values.reduce((a, b) => a + b, 0)
      return count > 1 ? round(sum / count) : sum
    }
    case 'median': {
      const middle = count >> 1
      return count % 2 === 1 ? values[middle]! : round((values[middle - 1]! + values[middle]!) / 2)
    }
  }
}

/** One field's comparison in the final order (reversal applied). */
export function compareSortValues(field: SortKeyOrder, a: SortValue | bigint, b: SortValue | bigint): number {
  if (field.type === 'keyword' && (a === null || b === null)) {
    if (a === b) return 0
    return (a === null) === field.missingFirst ? -1 : 1
  }
  let order: number
  if (typeof a === 'string' && typeof b === 'string') order = compareUtf8(a, b)
  else
    order =
      (a as number | bigint) < (b as number | bigint)
        ? -1
        : (a as number | bigint) > (b as number | bigint)
          ? 1
          : 0
  return field.descending ? -order : order
}

/** Compares two documents' sort values field by field. */
export function compareFieldDocs(
  fields: readonly SortKeyOrder[],
  a: ReadonlyArray<SortValue | bigint>,
  b: ReadonlyArray<SortValue | bigint>,
): number {
  for (let i = 0; i < fields.length; i++) {
    const c = compareSortValues(fields[i]!, a[i] ?? null, b[i] ?? null)
    if (c !== 0) return c
  }
  return 0
}
