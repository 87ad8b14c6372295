/**
 * The lookup of a `range` enrich policy (ES 8.17): EnrichProcessorFactory runs a range policy through MatchProcessor,
 * so the document's value is a term query on the enrich index's range field (a list a terms query: a term query per
 * member, any of them), and RangeFieldType.termQuery is the range from the value to itself, intersecting: the enrich
 * documents with a range that holds the value.
 *
 * The value's text (a number's as written, a boolean's `true` / `false`, an object or list as Java prints it) is parsed
 * as the range field parses a query's bound (range-field-query.ts: NumberType.parse, InetAddresses.forString, or the
 * field's date format with date math rounding the upper end up); a value that does not parse fails the processor
 * with that parse failure, as the enrich shard's toQuery throws it. An enrich document's ranges are read as its
 * mapping reads them (range-field.ts); one that does not parse holds nothing. A member of a list that is null is
 * no term. The enrich shard's search context cannot tell the time, so a date_range value starting with `now` fails
 * with DateMathParser's "could not read the current timestamp" (its cause left out: docs/DEVIATIONS.md).
 */
import { EsException } from '../../errors/index.ts'
import { XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import type { FieldMapping } from '../../index/mapper/mapping.ts'
import { javaToString } from '../../index/mapper/mapping-parser.ts'
import { rangeValues, type ParsedRange } from '../../index/mapper/range-field.ts'
import { rangeQueryBounds } from '../../search/queries/range-field-query.ts'
import { matchFieldValue } from './enrich-lookup.ts'

/** Object.toString of a term query's value. */
function termText(value: NonNullable<XContentValue>): string {
  if (value instanceof XNumber) return value.text
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return String(value)
  return javaToString(value)
}

/** Whether an enrich document holds the document's value (see the header); throws the value's parse failure. */
export function rangeMatcher(
  value: XContentValue,
  matchField: string,
  mapping: FieldMapping,
): (source: XContentObject) => boolean {
  const members = Array.isArray(value) ? value : [value]
  const terms = members.flatMap((member): ParsedRange[] => {
    if (member === null) return []
    const text = termText(member)
    if (mapping.type === 'date_range' && text.startsWith('now'))
      throw new EsException({
        type: 'parse_exception',
        reason: 'could not read the current timestamp',
        status: 400,
      })
    const bounds = { from: text, to: text, includeLower: true, includeUpper: true }
    // nowMillis is never read: a value starting with `now` failed above
    const range = rangeQueryBounds(mapping, bounds, { nowMillis: 0 })
    return range === null ? [] : [range]
  })
  const leaf = matchField.slice(matchField.lastIndexOf('.') + 1)
  return (source) => {
    const stored = matchFieldValue(source, matchField)
    if (stored === undefined || terms.length === 0) return false
    const ranges = rangeValues(matchField, leaf, mapping, stored, null)
    return ranges.some((range) => terms.some((term) => range.from <= term.to && range.to >= term.from))
  }
}
