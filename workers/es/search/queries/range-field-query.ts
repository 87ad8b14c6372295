/**
 * The queries on a range field (RangeFieldType.rangeQuery / termQuery over RangeType.rangeQuery, ES 8.17): a range
 * query's bounds against each indexed range, by the query's `relation` (RangeQueryBuilder's ShapeRelation:
 * `intersects`, the default, `contains` or `within`, in any case; `disjoint` and any other name refused); a term
 * query is the range from its value to itself, intersecting.
 *
 * The field must be indexed (failIfNotIndexed: "Cannot search on field [f] since it is not indexed."). A missing bound
 * is the type's min / max value; a bound is parsed as NumberType.parse(Object, false) parses it, an address with
 * InetAddresses.forString, a date with the query's `format` (else the field's), its `time_zone` and date math (`gt`
 * and `lte` rounding up). Then, as RangeType.createQuery does: a lower bound above the upper fails with "Range query
 * `from` value (x) is greater than `to` value (y)"; exclusive bounds are moved in by nextUp / nextDown; and if that
 * leaves nothing the query matches nothing. Failures are the shard's "failed to create query: ...".
 *
 * The index holds each range's lower bound under the field's path and its upper bound under rangeToField's
 * (range-type.ts: numbers in the numeric column, an ip_range's as address terms), so a relation between a document's
 * range [F, T] and the query's [f, t] is two one-sided ranges: intersects F ≤ t and T ≥ f; contains F ≤ f and T ≥ t;
 * within F ≥ f and T ≤ t. They are filters under a constant score of the query's boost, as ES's range field queries
 * score. A document with several ranges in the field matches when its lower and upper bounds satisfy the two sides,
 * even from different ranges (docs/DEVIATIONS.md).
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { DateFormatter, parseDateMath } from '../../common/time/index.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import { rangeDateFormat, type ParsedRange } from '../../index/mapper/range-field.ts'
import { rangeToField, rangeType, type RangeValue } from '../../index/mapper/range-type.ts'
import type { RangeBounds, RangeOptions } from './range-query.ts'

/** The relations a range query takes (ShapeRelation less DISJOINT). */
export type RangeRelation = 'intersects' | 'contains' | 'within'

/** RangeQueryBuilder.relation(String): ShapeRelation.getRelationByName, then the relations a range query allows. */
export function parseRelation(text: string): RangeRelation {
  const name = text.toLowerCase()
  if (name === 'intersects' || name === 'contains' || name === 'within') return name
  if (name === 'disjoint') throw illegalArgumentException(`[range] query does not support relation [${text}]`)
  throw illegalArgumentException(`${text} is not a valid relation`)
}

/** The query a range field builds for the bounds (see the header); throws the parse failures unwrapped. */
export function rangeFieldQuery(
  field: string,
  mapping: FieldMapping,
  bounds: RangeBounds,
  options: RangeOptions,
  boost: number,
): IndexQuery {
  if (mapping.index === false)
    throw illegalArgumentException(`Cannot search on field [${field}] since it is not indexed.`)
  const range = rangeQueryBounds(mapping, bounds, options)
  if (range === null) return { type: 'matchNone' }
  const { from, to } = range
  const side = (path: string, min: RangeValue | null, max: RangeValue | null): IndexQuery =>
    typeof from === 'string'
      ? {
          type: 'termRange',
          field: path,
          lower: min as string | null,
          upper: max as string | null,
          includeLower: true,
          includeUpper: true,
          boost: 1,
        }
      : {
          type: 'numericRange',
          field: path,
          lower: (min as number | null) ?? -Infinity,
          upper: (max as number | null) ?? Infinity,
          boost: 1,
        }
  const upperField = rangeToField(field)
  const filter =
    options.relation === 'contains'
      ? [side(field, null, from), side(upperField, to, null)]
      : options.relation === 'within'
        ? [side(field, from, null), side(upperField, null, to)]
        : [side(field, null, to), side(upperField, from, null)]
  return {
    type: 'constantScore',
    filter: { type: 'bool', must: [], should: [], mustNot: [], filter, minimumShouldMatch: 0, boost: 1 },
    boost,
  }
}

/**
 * The inclusive range a query's bounds name on a range field (see the header: parsed, checked, exclusive bounds moved
 * in), or null when that leaves nothing; throws the parse failures unwrapped. A term query's value is the bounds
 * `[value, value]`, both included.
 */
export function rangeQueryBounds(
  mapping: FieldMapping,
  bounds: RangeBounds,
  options: RangeOptions,
): ParsedRange | null {
  const type = rangeType(mapping.type)
  const parse = boundParser(mapping, options)
  const lower = bounds.from === null ? type.minValue : parse(bounds.from, !bounds.includeLower)
  const upper = bounds.to === null ? type.maxValue : parse(bounds.to, bounds.includeUpper)
  if (lower > upper)
    throw illegalArgumentException(
      `Range query \`from\` value (${type.javaText(lower)}) is greater than \`to\` value (${type.javaText(upper)})`,
    )
  const from = bounds.includeLower ? lower : type.nextUp(lower)
  const to = bounds.includeUpper ? upper : type.nextDown(upper)
  return from > to ? null : { from, to }
}

/** How the field reads a query's bound text (`roundUp`: a date's rounding direction). */
function boundParser(
  mapping: FieldMapping,
  options: RangeOptions,
): (text: string, roundUp: boolean) => RangeValue {
  const type = rangeType(mapping.type)
  if (type.parseObject !== null) return type.parseObject
  const formatter = DateFormatter.forPattern(options.format ?? rangeDateFormat(mapping))
  return (text, roundUp) =>
    parseDateMath(text, options.nowMillis, roundUp, options.timeZone ?? null, formatter)
}
