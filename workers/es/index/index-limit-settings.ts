/**
 * IndexSettings' dynamic limit settings: integer index settings with ES's default and minimum
 * (Setting.intSetting), each checked where ES checks it on the shard of the index it belongs to. An index's
 * metadata keeps the ones that were set as their text (`IndexMetadata.limits`, keyed by the full setting key,
 * the value as it was given: GET _settings prints it back); an absent key takes its default, and
 * index.max_rescore_window falls back to index.max_result_window's value (its fallback setting). A null in an
 * update removes the key (the default again).
 */
import { perObjectMemo } from '../common/per-object-memo.ts'
import type { XContentValue } from '../xcontent/index.ts'
import { parseIntSetting, scalarText, withSettingChanges } from './index-settings.ts'
import type { IndexMetadata } from './index-metadata.ts'

/** The resolved limits of one index, as IndexSettings' getters answer them. */
export interface IndexLimits {
  readonly maxResultWindow: number
  readonly maxInnerResultWindow: number
  readonly maxRescoreWindow: number
  readonly maxScriptFields: number
  readonly maxDocvalueFieldsSearch: number
  readonly maxTermsCount: number
  readonly maxRegexLength: number
  readonly maxNgramDiff: number
  readonly maxShingleDiff: number
  readonly maxAnalyzedOffset: number
  readonly maxTokenCount: number
  readonly topMetricsMaxSize: number
  readonly maxSlicesPerScroll: number
}

interface LimitSetting {
  readonly key: string
  readonly field: keyof IndexLimits
  readonly defaultValue: number
  readonly min: number
}

const MAX_RESULT_WINDOW = 'index.max_result_window'
const MAX_RESCORE_WINDOW = 'index.max_rescore_window'

/** IndexSettings' (and SearchService's, for max_regex_length) definitions. */
const LIMIT_SETTINGS: readonly LimitSetting[] = [
  { key: MAX_RESULT_WINDOW, field: 'maxResultWindow', defaultValue: 10_000, min: 1 },
  { key: 'index.max_inner_result_window', field: 'maxInnerResultWindow', defaultValue: 100, min: 1 },
  // Its default is max_result_window's value (resolved in indexLimits).
  { key: MAX_RESCORE_WINDOW, field: 'maxRescoreWindow', defaultValue: 10_000, min: 1 },
  { key: 'index.max_script_fields', field: 'maxScriptFields', defaultValue: 32, min: 0 },
  { key: 'index.max_docvalue_fields_search', field: 'maxDocvalueFieldsSearch', defaultValue: 100, min: 0 },
  { key: 'index.max_terms_count', field: 'maxTermsCount', defaultValue: 65_536, min: 1 },
  { key: 'index.max_regex_length', field: 'maxRegexLength', defaultValue: 1000, min: 1 },
  { key: 'index.max_ngram_diff', field: 'maxNgramDiff', defaultValue: 1, min: 0 },
  { key: 'index.max_shingle_diff', field: 'maxShingleDiff', defaultValue: 3, min: 0 },
  { key: 'index.highlight.max_analyzed_offset', field: 'maxAnalyzedOffset', defaultValue: 1_000_000, min: 1 },
  { key: 'index.analyze.max_token_count', field: 'maxTokenCount', defaultValue: 10_000, min: 1 },
  // x-pack analytics' TopMetricsAggregationBuilder setting
  { key: 'index.top_metrics_max_size', field: 'topMetricsMaxSize', defaultValue: 10, min: 1 },
  { key: 'index.max_slices_per_scroll', field: 'maxSlicesPerScroll', defaultValue: 1024, min: 1 },
]
const BY_KEY = new Map(LIMIT_SETTINGS.map((setting) => [setting.key, setting]))

/** The limit settings' keys (all dynamic). */
export const INDEX_LIMIT_KEYS: readonly string[] = LIMIT_SETTINGS.map(({ key }) => key)

export const isIndexLimitSetting = (key: string): boolean => BY_KEY.has(key)

/** Setting.intSetting's parse of one limit: its value, or ES's illegal_argument_exception. */
export function parseIndexLimit(key: string, value: XContentValue): number {
  const setting = BY_KEY.get(key)
  if (setting === undefined) throw new Error(`not a limit setting: ${key}`)
  return parseIntSetting(key, value, setting.min)
}

/**
 * The limits a settings map sets (normalized `index.` keys), validated, as the text to keep; null values
 * (a reset) are kept as null. Other keys are ignored.
 */
export function readLimitSettings(
  settings: ReadonlyMap<string, XContentValue>,
): Record<string, string | null> {
  const out: Record<string, string | null> = {}
  for (const [key, value] of settings) {
    if (!isIndexLimitSetting(key)) continue
    if (value !== null) parseIndexLimit(key, value)
    out[key] = value === null ? null : scalarText(value)
  }
  return out
}

/** The index's limits with `changes` applied (null removes a key); undefined when none is left. */
export const withLimitChanges = withSettingChanges<string>

/** Resolved limits by the `limits` record they come from (records are replaced, never changed in place). */
const resolved = perObjectMemo(resolveLimits)

/** The index's limits: the set ones, the defaults for the rest. Every search asks, so they are resolved once. */
export function indexLimits(metadata: Pick<IndexMetadata, 'limits'>): IndexLimits {
  const set = metadata.limits
  if (set === undefined) return DEFAULT_INDEX_LIMITS
  return resolved(set)
}

function resolveLimits(set: Readonly<Record<string, string>>): IndexLimits {
  const value = (setting: LimitSetting): number => {
    const text = set[setting.key]
    if (text !== undefined) return parseIndexLimit(setting.key, text)
    if (setting.key === MAX_RESCORE_WINDOW) return value(BY_KEY.get(MAX_RESULT_WINDOW)!)
    return setting.defaultValue
  }
  const out: Partial<Record<keyof IndexLimits, number>> = {}
  for (const setting of LIMIT_SETTINGS) out[setting.field] = value(setting)
  return out as IndexLimits
}

/** The limits the index does not set, with their default values as text (GET _settings?include_defaults). */
export function limitDefaults(metadata: Pick<IndexMetadata, 'limits'>): Array<[string, string]> {
  const limits = indexLimits(metadata)
  return LIMIT_SETTINGS.filter(({ key }) => metadata.limits?.[key] === undefined).map(({ key, field }) => [
    key,
    String(limits[field]),
  ])
}

/** The limits with ES's defaults (an index that sets none). */
export const DEFAULT_INDEX_LIMITS: IndexLimits = resolveLimits({})
