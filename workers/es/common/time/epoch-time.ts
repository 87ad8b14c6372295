/**
 * EpochTime (Elasticsearch 8): the `epoch_millis` and `epoch_second` parsers and printers.
 *
 * Grammar: an optional `-`, 1–19 digits, then optionally `.` and a fraction (up to 6 digits below the
 * millisecond for epoch_millis, up to 9 below the second for epoch_second; a bare trailing `.` is allowed).
 * ES builds each from three java.time parsers (plain, trailing dot, fraction), so a failure reports
 * `Failed to parse with all enclosed parsers`. Printing: epoch_millis prints the integer millis; epoch_second
 * prints seconds with the millis as a fraction when non-zero (`1.5`), negative values with a leading `-`.
 * Round-up parsing (range `gt`/`lte`) defaults the missing sub-unit fraction to its maximum: epoch_second
 * `1` reads as 1.999999999 s, hence 1999 ms and nanoOfMilli 999,999; epoch_millis `1` as 1 ms and 999,999 ns.
 * The nanoseconds below the millisecond are kept (nanoOfMilli) for a positive value; a negative one keeps the
 * millis this parser has always read (the fraction dropped toward zero) and no nanos.
 * Values are absolute instants: a time_zone never applies to them.
 */

import { NANOS_PER_MILLI, type ResolveOutcome } from './temporal-resolver.ts'

export interface EpochUnit {
  name: 'epoch_millis' | 'epoch_second'
  millisPerUnit: number
  /** The fraction's digits: nanoseconds per unit is 10 ** fractionDigits. */
  fractionDigits: number
  /** The unit's grammar: sign, whole units, fraction digits. */
  syntax: RegExp
}

const epochSyntax = (fractionDigits: number): RegExp =>
  new RegExp(`^(-?)([0-9]{1,19})(?:\\.([0-9]{0,${fractionDigits}}))?$`)

export const EPOCH_MILLIS: EpochUnit = {
  name: 'epoch_millis',
  millisPerUnit: 1,
  fractionDigits: 6,
  syntax: epochSyntax(6),
}
export const EPOCH_SECOND: EpochUnit = {
  name: 'epoch_second',
  millisPerUnit: 1000,
  fractionDigits: 9,
  syntax: epochSyntax(9),
}

export function parseEpoch(unit: EpochUnit, text: string, roundUp: boolean): ResolveOutcome | null {
  const match = unit.syntax.exec(text)
  if (match === null) return null
  const [, sign = '', whole = '0', fractionText] = match
  const hasFraction = fractionText !== undefined && fractionText !== ''
  const fractionNanos = hasFraction
    ? Number(fractionText.padEnd(unit.fractionDigits, '0'))
    : roundUp
      ? 10 ** unit.fractionDigits - 1
      : 0
  const magnitude = Number(whole) * unit.millisPerUnit + Math.floor(fractionNanos / NANOS_PER_MILLI)
  if (sign === '-') return { temporal: { kind: 'instant', utcMillis: -magnitude, nanoOfMilli: 0 } }
  return { temporal: { kind: 'instant', utcMillis: magnitude, nanoOfMilli: fractionNanos % NANOS_PER_MILLI } }
}

/**
 * Prints an instant (epoch millis and the nanos below the millisecond, 0 – 999,999): epoch_millis the millis then,
 * when nanoOfMilli is not 0, `.` and up to 6 digits; epoch_second the seconds then the nanos of the second as up to
 * 9 digits; fractions without trailing zeros (appendFraction(…, 0, 6 | 9, true)).
 */
export function printEpoch(unit: EpochUnit, millis: number, nanoOfMilli = 0): string {
  if (unit.millisPerUnit === 1) return String(millis) + fractionText(nanoOfMilli, 6)
  const abs = Math.abs(millis)
  const whole = Math.floor(abs / 1000)
  const fraction = fractionText((abs % 1000) * NANOS_PER_MILLI + nanoOfMilli, 9)
  return (millis < 0 ? '-' : '') + whole + fraction
}

function fractionText(value: number, digits: number): string {
  const text = String(value).padStart(digits, '0').replace(/0+$/, '')
  return text === '' ? '' : '.' + text
}
