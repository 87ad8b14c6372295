/**
 * Reading index settings from a request body as ES's Settings and IndexScopedSettings read them: the
 * `index.` prefix is optional and may be nested (`{"index":{"number_of_replicas":2}}`) or dotted
 * (`{"index.number_of_replicas":2}`); every value is read as its text. The value errors are the
 * illegal_argument_exception texts of Setting.intSetting and TimeValue.parseTimeValue.
 */
import { illegalArgumentException, illegalStateException } from '../errors/index.ts'
import { XNumber, type XContentObject, type XContentValue } from '../xcontent/index.ts'

/** A setting's value as ES reads it: scalars as their text, anything else as its JSON. */
export function scalarText(value: XContentValue): string {
  if (value instanceof XNumber) return value.text
  if (value === null || typeof value !== 'object') return String(value)
  return JSON.stringify(value instanceof Map ? Object.fromEntries(value) : value)
}

/**
 * Settings.fromXContent's rule for a list value, which every settings body is read through
 * (Settings.Builder.loadFromMap): its elements are strings, numbers or booleans; an object, a list or a null
 * among them is an IllegalStateException.
 */
export function checkValueList(list: readonly XContentValue[]): void {
  for (const value of list) {
    if (value === null || (typeof value === 'object' && !(value instanceof XNumber)))
      throw illegalStateException('only value lists are allowed in serialized settings')
  }
}

/**
 * Flattens settings to `index.`-prefixed keys (Settings.builder().put(map).normalizePrefix("index.")),
 * keeping null values (a reset) and list values as they are (checkValueList).
 */
export function normalizeSettings(settings: XContentObject): Map<string, XContentValue> {
  const out = new Map<string, XContentValue>()
  const walk = (object: XContentObject, prefix: string): void => {
    for (const [key, value] of object) {
      if (value instanceof Map) walk(value, `${prefix}${key}.`)
      else {
        if (Array.isArray(value)) checkValueList(value)
        out.set(`${prefix}${key}`, value)
      }
    }
  }
  walk(settings, '')
  const normalized = new Map<string, XContentValue>()
  for (const [key, value] of out) normalized.set(key.startsWith('index.') ? key : `index.${key}`, value)
  return normalized
}

/** IndexMetadata's bound on index.number_of_shards (es.index.max_number_of_shards). */
export const MAX_NUMBER_OF_SHARDS = 1024

/** Setting.intSetting's parser with a minimum, and a maximum when the setting has one. */
export function parseIntSetting(key: string, value: XContentValue, min: number, max?: number): number {
  const n = parseIntegerSetting(key, value, min, 2 ** 31 - 1)
  if (max !== undefined && n > max)
    throw illegalArgumentException(`Failed to parse value [${n}] for setting [${key}] must be <= ${max}`)
  return n
}

/**
 * Setting.longSetting's parser with a minimum (values past 2^53 are refused as unparsable: a JavaScript
 * number holds them inexactly).
 */
export function parseLongSetting(key: string, value: XContentValue, min: number): number {
  return parseIntegerSetting(key, value, min, Number.MAX_SAFE_INTEGER)
}

function parseIntegerSetting(key: string, value: XContentValue, min: number, max: number): number {
  const text = scalarText(value)
  const n = /^[+-]?\d+$/.test(text) ? Number(text) : NaN
  if (!Number.isSafeInteger(n) || Math.abs(n) > max) {
    throw illegalArgumentException(`Failed to parse value [${text}] for setting [${key}]`)
  }
  if (n < min)
    throw illegalArgumentException(`Failed to parse value [${n}] for setting [${key}] must be >= ${min}`)
  return n
}

/** Settings kept by key with `changes` applied (null removes a key); undefined when none is left. */
export function withSettingChanges<V>(
  current: Readonly<Record<string, V>> | undefined,
  changes: Readonly<Record<string, V | null>>,
): Record<string, V> | undefined {
  const next: Record<string, V> = { ...current }
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete next[key]
    else next[key] = value
  }
  return Object.keys(next).length === 0 ? undefined : next
}

const TIME_UNITS_MS: Record<string, number> = {
  nanos: 1e-6,
  micros: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
}

/** TimeValue.parseTimeValue for a setting: `-1` and `0` need no unit; milliseconds out. */
export function parseTimeSetting(key: string, value: XContentValue): number {
  const text = scalarText(value)
  const normalized = text.trim().toLowerCase()
  if (normalized === '-1') return -1
  if (normalized === '0') return 0
  const match = /^(\d+)\s*(nanos|micros|ms|s|m|h|d)$/.exec(normalized)
  if (!match) {
    throw illegalArgumentException(
      `failed to parse setting [${key}] with value [${text}] as a time value: unit is missing or unrecognized`,
    )
  }
  return Number(match[1]) * TIME_UNITS_MS[match[2]!]!
}
