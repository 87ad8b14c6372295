/**
 * TimeValue's printed forms (ES 8 libs/core TimeValue), as ILM and rollover conditions show them:
 * - getStringRep: the duration in the unit it was given (`10s`, `30d`, `0ms`); -1 ms prints `-1`;
 * - toHumanReadableString(n): the largest unit the value reaches (d, h, m, s, ms, micros, nanos) with at most
 *   `n` fraction digits, cut rather than rounded, a zero fraction left out (explain's `age`, n = 2);
 *   toString() is toHumanReadableString(1) (the phase-timing error's min_age, a met rollover condition's age);
 *   a negative duration prints as its milliseconds.
 */
import type { TimeValue } from './time-value.ts'

const SUFFIX: ReadonlyMap<number, string> = new Map([
  [1, 'nanos'],
  [1e3, 'micros'],
  [1e6, 'ms'],
  [1e9, 's'],
  [60e9, 'm'],
  [3600e9, 'h'],
  [86400e9, 'd'],
])

export function timeValueStringRep(value: TimeValue): string {
  if (value.duration < 0 && value.nanosPerUnit === 1e6) return String(value.duration)
  return `${value.duration}${SUFFIX.get(value.nanosPerUnit)!}`
}

const HUMAN_UNITS: ReadonlyArray<[number, string]> = [
  [86400e9, 'd'],
  [3600e9, 'h'],
  [60e9, 'm'],
  [1e9, 's'],
  [1e6, 'ms'],
  [1e3, 'micros'],
]

/** TimeValue.toHumanReadableString(fractionPieces) of a duration in milliseconds. */
export function humanReadableMillis(millis: number, fractionPieces: number): string {
  return humanReadableNanos(millis * 1e6, fractionPieces)
}

/** TimeValue.toHumanReadableString(fractionPieces) of a duration in nanoseconds. */
export function humanReadableNanos(nanos: number, fractionPieces: number): string {
  if (nanos < 0) return String(Math.round(nanos / 1e6))
  if (nanos === 0) return '0s'
  const [size, suffix] = HUMAN_UNITS.find(([unit]) => nanos >= unit) ?? [1, 'nanos']
  const text = javaDoubleText(nanos / size)
  const dot = text.indexOf('.')
  const fraction = text.slice(dot + 1, Math.min(dot + 1 + fractionPieces, text.length))
  const whole = text.slice(0, dot)
  return Number(fraction) === 0 || fractionPieces <= 0 ? `${whole}${suffix}` : `${whole}.${fraction}${suffix}`
}

/** Double.toString for the plain-notation values a duration gives: always a `.` and a fraction digit. */
function javaDoubleText(value: number): string {
  const text = String(value)
  return text.includes('.') ? text : `${text}.0`
}
