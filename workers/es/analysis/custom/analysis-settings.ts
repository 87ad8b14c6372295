// Reading one analysis component's settings as Elasticsearch's Settings does: every value may arrive as
// JSON (number, boolean, array) or as its string form ("5", "true", "a,b"), and a bad value is an
// illegal_argument_exception whose text is the one ES's Setting parsers write.
import { IllegalArgumentException } from '../token-list.ts'

/** Settings as they arrive in JSON: `{ "max_token_length": 5, "stopwords": "_english_" }`. */
export type AnalysisSettings = Readonly<Record<string, unknown>>

/** A setting's value as ES would print it back: scalars as text, anything else as JSON. */
export function settingText(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)
}

export function intSetting(settings: AnalysisSettings, key: string, fallback: number): number {
  const value = settings[key]
  if (value === undefined) return fallback
  const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  if (typeof parsed !== 'number' || !Number.isInteger(parsed)) {
    throw new IllegalArgumentException(`Failed to parse value [${settingText(value)}] for setting [${key}]`)
  }
  return parsed
}

export function boolSetting(settings: AnalysisSettings, key: string, fallback: boolean): boolean {
  const value = settings[key]
  if (value === undefined) return fallback
  if (value === true || value === 'true') return true
  if (value === false || value === 'false') return false
  throw new IllegalArgumentException(
    `Failed to parse value [${settingText(value)}] as only [true] or [false] are allowed.`,
  )
}

export function stringSetting(settings: AnalysisSettings, key: string): string | undefined {
  const value = settings[key]
  return value === undefined || value === null ? undefined : settingText(value)
}

/** A list setting: a JSON array, or one string (Settings.getAsList splits none: "a,b" stays one entry). */
export function listSetting(settings: AnalysisSettings, key: string): string[] | undefined {
  const value = settings[key]
  if (value === undefined || value === null) return undefined
  return Array.isArray(value) ? value.map(settingText) : [settingText(value)]
}
