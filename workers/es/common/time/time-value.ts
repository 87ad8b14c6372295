/**
 * TimeValue.parseTimeValue (Elasticsearch 8, libs/core): `<n><unit>` with units nanos, micros, ms, s, m, h, d,
 * matched on the lower-cased, trimmed text, except minutes, which need a lower-case `m` in the original text
 * (`M` means months). `-1` and `0` may have no unit. Errors, all IllegalArgumentException:
 *   `failed to parse setting [name] with value [v] as a time value: unit is missing or unrecognized`
 *   `failed to parse setting [name] with value [v] as a time value: negative durations are not supported`
 *   `failed to parse [v], fractional time values are not supported` / `failed to parse [v]` (caused by
 *   NumberFormatException `For input string: "x"`).
 * millis() truncates toward zero, as TimeUnit.toMillis does (`1500micros` is 1 ms).
 */

import { illegalArgumentException, javaException } from './time-errors.ts'

const NANOS_PER_UNIT: Array<[string, number]> = [
  ['nanos', 1],
  ['micros', 1e3],
  ['ms', 1e6],
  ['s', 1e9],
]

export interface TimeValue {
  duration: number
  /** Nanoseconds per unit of `duration`. */
  nanosPerUnit: number
}

export function timeValueMillis(t: TimeValue): number {
  return Math.trunc((t.duration * t.nanosPerUnit) / 1e6)
}

export function parseTimeValue(text: string, settingName: string): TimeValue {
  const normalized = text.toLowerCase().trim()
  for (const [suffix, nanos] of NANOS_PER_UNIT) {
    if (normalized.endsWith(suffix))
      return { duration: parseDuration(text, normalized, suffix, settingName), nanosPerUnit: nanos }
  }
  if (text.endsWith('m'))
    return { duration: parseDuration(text, normalized, 'm', settingName), nanosPerUnit: 60e9 }
  if (normalized.endsWith('h'))
    return { duration: parseDuration(text, normalized, 'h', settingName), nanosPerUnit: 3600e9 }
  if (normalized.endsWith('d'))
    return { duration: parseDuration(text, normalized, 'd', settingName), nanosPerUnit: 86400e9 }
  if (/^-0*1$/.test(normalized)) return { duration: -1, nanosPerUnit: 1e6 }
  if (/^0+$/.test(normalized)) return { duration: 0, nanosPerUnit: 1e6 }
  throw illegalArgumentException(
    `failed to parse setting [${settingName}] with value [${text}] as a time value: unit is missing or unrecognized`,
  )
}

function parseDuration(initial: string, normalized: string, suffix: string, settingName: string): number {
  const s = normalized.slice(0, normalized.length - suffix.length).trim()
  if (!/^[+-]?[0-9]+$/.test(s)) {
    const cause = javaException('NumberFormatException', `For input string: "${s}"`)
    const fractional = s.trim() !== '' && Number.isFinite(Number(s))
    const reason = fractional
      ? `failed to parse [${initial}], fractional time values are not supported`
      : `failed to parse [${initial}]`
    throw illegalArgumentException(reason, cause)
  }
  const value = Number(s)
  if (value < -1) {
    throw illegalArgumentException(
      `failed to parse setting [${settingName}] with value [${initial}] as a time value: negative durations are not supported`,
    )
  }
  return value
}
