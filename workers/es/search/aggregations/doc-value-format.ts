/**
 * DocValueFormat as a NamedWriteable: the formats an aggregation result carries (how a key or value prints
 * as `key_as_string`, `value_as_string`...) written as plain data for another node and read back there.
 *
 * Wire form (ES's DocValueFormat names): `null` is RAW (no `*_as_string`); `{type: 'bool'}` prints 1/0 as
 * true/false; `{type: 'date_time', pattern, zone}` is DocValueFormat.DateTime, written as its formatter's
 * pattern and its zone id and read back with DateFormatter.forPattern and ZoneId.of, as ES does;
 * `{type: 'decimal', pattern}` is DocValueFormat.Decimal, a Java DecimalFormat pattern (common/decimal-format.ts).
 */
import { DateFormatter, ZoneId } from '../../common/time/index.ts'
import { DecimalFormat } from '../../common/decimal-format.ts'
import type { ValueFormat } from './aggregation-context.ts'
import { DateValueFormat } from './date-value-format.ts'

export type ValueFormatWire =
  | { readonly type: 'bool' }
  | { readonly type: 'date_time'; readonly pattern: string; readonly zone: string }
  | { readonly type: 'decimal'; readonly pattern: string }

/** DocValueFormat.BOOLEAN: boolean fields' terms keys (1 and 0) print as "true" and "false". */
export const BOOLEAN_FORMAT: ValueFormat = {
  format: (value) => (value !== 0 ? 'true' : 'false'),
  writeTo: () => ({ type: 'bool' }),
}

/** DocValueFormat.Decimal: `new DecimalFormat(pattern)` in the ROOT locale; a bad pattern fails as applyPattern does. */
export function decimalValueFormat(pattern: string): ValueFormat {
  const format = new DecimalFormat(pattern)
  return { format: (value) => format.format(value), writeTo: () => ({ type: 'decimal', pattern }) }
}

export function writeValueFormat(format: ValueFormat | null): ValueFormatWire | null {
  return format === null ? null : format.writeTo()
}

export function readValueFormat(wire: ValueFormatWire | null): ValueFormat | null {
  if (wire === null) return null
  if (wire.type === 'bool') return BOOLEAN_FORMAT
  if (wire.type === 'decimal') return decimalValueFormat(wire.pattern)
  return new DateValueFormat(DateFormatter.forPattern(wire.pattern), ZoneId.of(wire.zone))
}
