/**
 * A `terms` query on a numeric point field (NumberFieldMapper.NumberType.termsQuery: IntPoint, LongPoint,
 * DoublePoint, FloatPoint and HalfFloatPoint.newSetQuery for integer, short, byte, long, double, float and
 * half_float): one constant-score PointInSetQuery, whose toString is `field:{v1 v2}`, its values sorted and
 * deduplicated (PointInSetQuery keeps its packed points in order, once each) and each printed as its point type
 * prints it. An integral type drops the values with a decimal part first, which its exact-value query already
 * refuses (a MatchNoDocsQuery); when none is left the query is `MatchNoDocsQuery("All values have a decimal part")`.
 * The playground runs the set as the exact-value point ranges it stands for, which
 * match the same documents, under that description.
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { pointValueText } from '../explain/query-description.ts'

const SET_TYPES = new Set(['long', 'integer', 'short', 'byte', 'double', 'float', 'half_float'])

/**
 * The PointInSetQuery of a `terms` query on `field` of mapping type `type` from each value's exact-value query;
 * null for a type that builds no point set (another field type keeps ES's ConstantScore of its term queries).
 */
export function pointSetQuery(
  field: string,
  type: string,
  exact: IndexQuery[],
  boost: number,
): IndexQuery | null {
  if (!SET_TYPES.has(type)) return null
  const ranges = exact.flatMap((query) => (query.type === 'numericRange' ? [query] : []))
  if (ranges.length === 0) return { type: 'matchNone', reason: 'All values have a decimal part' }
  const point = ranges[0]!.point
  if (point === undefined) return null
  const values = [...new Set(ranges.map((range) => range.lower))].sort((a, b) => a - b)
  const description = `${field}:{${values.map((value) => pointValueText(point, value)).join(' ')}}`
  const filter: IndexQuery =
    ranges.length === 1
      ? ranges[0]!
      : { type: 'bool', must: [], should: ranges, mustNot: [], filter: [], minimumShouldMatch: 0, boost: 1 }
  return { type: 'constantScore', filter, boost, description }
}
