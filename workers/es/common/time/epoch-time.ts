/**
 * EpochTime (Elasticsearch 8): the `epoch_millis` and `epoch_second` parsers and printers.
 *
 * Grammar: an optional `-`, 1–19 digits, then optionally `.` and a fraction (up to 6 digits below the
 * millisecond for epoch_millis, up to 9 below the second for epoch_second; a bare trailing `.` is allowed).
 * ES builds each from three java.time parsers (plain, trailing dot, fraction), so a failure reports
 * `Failed to parse with all enclosed parsers`. Printing: epoch_millis prints the integer millis; epoch_second
 * prints seconds with the millis as a fraction when non-zero (`1.5`), negative values with a leading `-`.
 * Round-up parsing (range `gt`/`lte`) defaults the missing sub-unit fraction to its maximum: epoch_second
 * `1` reads as 1.999999999 s, hence 1999 ms; epoch_millis only gains nanoseconds, invisible at millis.
 * Values are absolute instants: a time_zone never applies to them.
 */

import type { ResolveOutcome } from './temporal-resolver.ts'

export interface EpochUnit {
  name: 'epoch_millis' | 'epoch_second'
  millisPerUnit: number
  /** The unit's grammar: sign, whole units, fraction digits. */
  syntax: RegExp
}

const epochSyntax = (fractionDigits: number): RegExp =>
  new RegExp(`^(-?)([0-9]{1,19})(?:\\.([0-9]{0,${fractionDigits}}))?$`)

export const EPOCH_MILLIS: EpochUnit = { name: 'epoch_millis', millisPerUnit: 1, syntax: epochSyntax(6) }
export const EPOCH_SECOND: EpochUnit = { name: 'epoch_second', millisPerUnit: 1000, syntax: epochSyntax(9) }

export function parseEpoch(unit: EpochUnit, text: string, roundUp: boolean): ResolveOutcome | null {
  const match = unit.syntax.exec(text)
  if (match === null) return null
  const [, sign = '', whole = '0', fractionText] = match
  const hasFraction = fractionText !== undefined && fractionText !== ''
  const fractionMillis = hasFraction
    ? Math.floor(Number('0.' + fractionText) * unit.millisPerUnit)
    : roundUp
      ? unit.millisPerUnit - 1
      : 0
  const magnitude = Number(whole) * unit.millisPerUnit + fractionMillis
  return { temporal: { kind: 'instant', utcMillis: sign === '-' ? -magnitude : magnitude } }
}

export function printEpoch(unit: EpochUnit, millis: number): string {
  if (unit.millisPerUnit === 1) return String(millis)
  const abs = Math.abs(millis)
  const whole = Math.floor(abs / 1000)
  const fraction = String(abs % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '')
  return (millis < 0 ? '-' : '') + whole + (fraction === '' ? '' : '.' + fraction)
}
