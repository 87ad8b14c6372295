/**
 * The date_nanos field (DateFieldMapper with Resolution.NANOSECONDS, ES 8.17): values are instants stored as longs of
 * nanoseconds since the epoch (DateUtils.toLong: 1970-01-01T00:00:00Z to 2262-04-11T23:47:16.854775807Z, else
 * ES's illegal_argument_exception, which fails the document), parsed with the field's `format` (default
 * strict_date_optional_time_nanos||epoch_millis); `_source` keeps the value as sent.
 *
 * Column encoding (sortableDouble): the index's numeric column holds float64 (engine-wasm doc-values.ts), whose 53-bit
 * significand cannot hold nanoseconds past 2^53 (about 104 days after 1970). A double's 64 bits can: a long n in
 * [0, 2^63) is stored as the double whose bit pattern is n − 2^62 (below 2^62, as −(the double of bits 2^62 − n)).
 * The map is one-to-one, every image is finite (|value| ≤ 2.0, subnormals included) and it keeps order, so the
 * column's inclusive range test (NUMERIC_RANGE), its exists test and the sorts of the doc values compare
 * encoded values exactly as Lucene compares the longs. It is Lucene's NumericUtils.sortableDoubleBits run backwards:
 * the column, the segment codec and the WASM queries are unchanged, and a date_nanos value takes the 8 bytes any
 * numeric value takes. Arithmetic on encoded values means nothing: whatever reads a value decodes it first.
 */
import { DateFormatter, toLong } from '../../common/time/index.ts'
import type { LeafValue } from './document-parser.ts'
import { defaultFormatMillis } from './doc-values.ts'
import type { FieldMapping } from './mapping.ts'

/** The format a date_nanos field without `format` parses and prints with. */
export const DEFAULT_DATE_NANOS_FORMAT = 'strict_date_optional_time_nanos||epoch_millis'

const HALF_RANGE = 1n << 62n
const NANOS_PER_MILLI = 1_000_000n
const scratch = new DataView(new ArrayBuffer(8))

/** The column's double for epoch nanoseconds in [0, 2^63) (see the header). */
export function sortableDouble(nanos: bigint): number {
  const offset = nanos - HALF_RANGE
  scratch.setBigInt64(0, offset < 0n ? -offset : offset)
  const magnitude = scratch.getFloat64(0)
  return offset < 0n ? -magnitude : magnitude
}

/** The epoch nanoseconds a column double stands for: sortableDouble's inverse. */
export function nanosOfSortableDouble(value: number): bigint {
  scratch.setFloat64(0, Math.abs(value))
  const magnitude = scratch.getBigInt64(0)
  return value < 0 ? HALF_RANGE - magnitude : HALF_RANGE + magnitude
}

/** The epoch millis of a column double (DateUtils.toMilliSeconds): what aggregations read of a date_nanos value. */
export function millisOfSortableDouble(value: number): number {
  return Number(nanosOfSortableDouble(value) / NANOS_PER_MILLI)
}

/** The format a date_nanos field parses and prints with. */
export function dateNanosFormat(field: Pick<FieldMapping, 'format'>): string {
  return field.format ?? DEFAULT_DATE_NANOS_FORMAT
}

/**
 * How a date_nanos field reads a `_source` value: epoch nanoseconds, parsed with the field's `format` (a JSON
 * integer in the default format is epoch millis without parsing its text, as for a date field).
 */
export function dateNanos(field: Pick<FieldMapping, 'format'>): (value: LeafValue) => bigint {
  const format = dateNanosFormat(field)
  const formatter = DateFormatter.forPattern(format)
  return (value) => {
    const millis = format === DEFAULT_DATE_NANOS_FORMAT ? defaultFormatMillis(value) : undefined
    return millis === undefined ? formatter.parseNanos(String(value)) : toLong({ millis, nanoOfMilli: 0 })
  }
}
