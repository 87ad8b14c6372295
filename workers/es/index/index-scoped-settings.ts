/**
 * IndexScopedSettings: the index settings Elasticsearch 8.17 knows (BUILT_IN_INDEX_SETTINGS and the ones the
 * default distribution's modules and x-pack plugins register that learners meet), each with its scope and,
 * where it is simple, its value parser with ES's error text:
 * - `dynamic`: updatable on an open index (Property.Dynamic);
 * - `static`: updatable only on a closed index;
 * - `final`: never updatable (Property.Final: "final <index> setting [key], not updateable");
 * - `private`: managed by Elasticsearch (Property.PrivateIndex, or IndexScopedSettings.isPrivateSetting).
 * A key ending in `.` is a group or affix setting: it covers every key below it (index.analysis.,
 * index.routing.allocation.require., ...). AbstractScopedSettings.validate checks keys in sorted order (the
 * Settings' TreeMap), each for being known then for its value; an unknown key gets the hint of the registered
 * concrete keys whose Lucene LevenshteinDistance similarity is above 0.7.
 * The keys the playground acts on are read elsewhere (index-metadata.ts, index-limit-settings.ts, the
 * analysis settings); the others are kept as text and shown by GET _settings (IndexMetadata.otherSettings).
 */
import { EsException, illegalArgumentException } from '../errors/index.ts'
import type { XContentValue } from '../xcontent/index.ts'
import { closestNames, didYouMean } from '../common/did-you-mean.ts'
import {
  MAX_NUMBER_OF_SHARDS,
  parseIntSetting,
  parseLongSetting,
  parseTimeSetting,
  scalarText,
  withSettingChanges,
} from './index-settings.ts'
import { INDEX_LIMIT_KEYS, parseIndexLimit } from './index-limit-settings.ts'
import { parseAllocationEnable, parseRebalanceEnable } from '../cluster/metadata/cluster-settings.ts'

type SettingScope = 'dynamic' | 'static' | 'final' | 'private'

type Parse = (key: string, value: XContentValue) => void

interface IndexSetting {
  readonly scope: SettingScope
  readonly parse?: Parse
}

/** Booleans.parseBoolean, strict: only `true` and `false`. */
export function parseBooleanSetting(value: XContentValue): boolean {
  const text = scalarText(value)
  if (text === 'true') return true
  if (text === 'false') return false
  throw illegalArgumentException(`Failed to parse value [${text}] as only [true] or [false] are allowed.`)
}

const int =
  (min: number, max?: number): Parse =>
  (key, value) =>
    parseIntSetting(key, value, min, max)
const long =
  (min: number): Parse =>
  (key, value) =>
    parseLongSetting(key, value, min)
const time: Parse = (key, value) => void parseTimeSetting(key, value)
const bool: Parse = (_key, value) => void parseBooleanSetting(value)
/** EnableAllocationDecider's Allocation.parse and Rebalance.parse, shared with the cluster settings. */
const allocationEnable: Parse = (_key, value) => void parseAllocationEnable(scalarText(value))
const rebalanceEnable: Parse = (_key, value) => void parseRebalanceEnable(scalarText(value))

/** index.translog.sync_interval: Setting.timeSetting's minimum, 100ms. */
const syncInterval: Parse = (key, value) => {
  if (parseTimeSetting(key, value) < 100) {
    throw illegalArgumentException(
      `failed to parse value [${scalarText(value)}] for setting [${key}], must be >= [100ms]`,
    )
  }
}

const setting = (scope: SettingScope, parse?: Parse): IndexSetting => (parse ? { scope, parse } : { scope })
const dynamic = (parse?: Parse) => setting('dynamic', parse)
const fixed = (parse?: Parse) => setting('static', parse)
const final = (parse?: Parse) => setting('final', parse)
const managed = () => setting('private')

const SLOWLOG_THRESHOLDS = [
  'index.search.slowlog.threshold.query.',
  'index.search.slowlog.threshold.fetch.',
  'index.indexing.slowlog.threshold.index.',
].flatMap((prefix) => ['warn', 'info', 'debug', 'trace'].map((level) => `${prefix}${level}`))

/** The concrete settings, by key. */
const SETTINGS = new Map<string, IndexSetting>([
  // IndexMetadata
  ['index.number_of_shards', final(int(1, MAX_NUMBER_OF_SHARDS))],
  ['index.number_of_replicas', dynamic(int(0))],
  ['index.number_of_routing_shards', fixed(int(1))],
  ['index.routing_partition_size', final(int(1))],
  ['index.auto_expand_replicas', dynamic()],
  ['index.blocks.read_only', dynamic(bool)],
  ['index.blocks.read', dynamic(bool)],
  ['index.blocks.write', dynamic(bool)],
  ['index.blocks.metadata', dynamic(bool)],
  ['index.blocks.read_only_allow_delete', dynamic(bool)],
  ['index.priority', dynamic(int(0))],
  ['index.hidden', dynamic(bool)],
  ['index.format', final(int(0))],
  ['index.version.created', managed()],
  ['index.version.compatibility', managed()],
  ['index.routing_path', final()],
  ['index.mode', final()],
  ['index.write.wait_for_active_shards', dynamic()],
  // Allocation
  ['index.routing.allocation.enable', dynamic(allocationEnable)],
  ['index.routing.rebalance.enable', dynamic(rebalanceEnable)],
  ['index.routing.allocation.total_shards_per_node', dynamic(int(-1))],
  ['index.routing.allocation.include._tier_preference', dynamic()],
  ['index.routing.allocation.disk.watermark.ignore', dynamic(bool)],
  ['index.allocation.max_retries', dynamic(int(0))],
  ['index.unassigned.node_left.delayed_timeout', dynamic(time)],
  // IndexSettings
  ['index.refresh_interval', dynamic(time)],
  ['index.translog.durability', dynamic()],
  ['index.translog.sync_interval', fixed(syncInterval)],
  ['index.translog.flush_threshold_size', dynamic()],
  ['index.translog.flush_threshold_age', dynamic(time)],
  ['index.translog.generation_threshold_size', dynamic()],
  ['index.translog.retention.age', dynamic(time)],
  ['index.translog.retention.size', dynamic()],
  ['index.flush_after_merge', dynamic()],
  ['index.warmer.enabled', dynamic(bool)],
  ['index.query.default_field', dynamic()],
  ['index.query_string.lenient', dynamic(bool)],
  ['index.query.parse.allow_unmapped_fields', dynamic(bool)],
  ['index.shard.check_on_startup', fixed()],
  ['index.max_refresh_listeners', dynamic(int(0))],
  ['index.max_adjacency_matrix_filters', dynamic(int(1))],
  ['index.highlight.weight_matches_mode.enabled', dynamic(bool)],
  ['index.gc_deletes', dynamic(time)],
  ['index.soft_deletes.enabled', final(bool)],
  ['index.soft_deletes.retention.operations', dynamic(long(0))],
  ['index.soft_deletes.retention_lease.period', dynamic(time)],
  ['index.requests.cache.enable', dynamic(bool)],
  ['index.search.idle.after', dynamic(time)],
  ['index.default_pipeline', dynamic()],
  ['index.final_pipeline', dynamic()],
  ['index.fielddata.cache', fixed()],
  ['index.lifecycle.origination_date', dynamic(long(-1))],
  ['index.lifecycle.parse_origination_date', dynamic(bool)],
  ['index.lifecycle.prefer_ilm', dynamic(bool)],
  ['index.verified_before_close', managed()],
  // Slow logs
  ...SLOWLOG_THRESHOLDS.map((key): [string, IndexSetting] => [key, dynamic(time)]),
  ['index.search.slowlog.include.user', dynamic(bool)],
  ['index.indexing.slowlog.include.user', dynamic(bool)],
  ['index.indexing.slowlog.reformat', dynamic(bool)],
  ['index.indexing.slowlog.source', dynamic()],
  // Merges
  ['index.compound_format', dynamic()],
  ['index.merge.policy.type', fixed()],
  ['index.merge.policy.deletes_pct_allowed', dynamic()],
  ['index.merge.policy.expunge_deletes_allowed', dynamic()],
  ['index.merge.policy.floor_segment', dynamic()],
  ['index.merge.policy.max_merge_at_once', dynamic(int(2))],
  ['index.merge.policy.max_merged_segment', dynamic()],
  ['index.merge.policy.segments_per_tier', dynamic()],
  ['index.merge.policy.merge_factor', dynamic(int(2))],
  ['index.merge.scheduler.auto_throttle', dynamic(bool)],
  ['index.merge.scheduler.max_merge_count', dynamic()],
  ['index.merge.scheduler.max_thread_count', dynamic()],
  // Index sorting
  ['index.sort.field', final()],
  ['index.sort.order', final()],
  ['index.sort.missing', final()],
  ['index.sort.mode', final()],
  // Mappings
  ['index.mapping.total_fields.limit', dynamic(long(0))],
  ['index.mapping.total_fields.ignore_dynamic_beyond_limit', dynamic(bool)],
  ['index.mapping.depth.limit', dynamic(long(1))],
  ['index.mapping.nested_fields.limit', dynamic(long(0))],
  ['index.mapping.nested_objects.limit', dynamic(long(0))],
  ['index.mapping.field_name_length.limit', dynamic(long(1))],
  ['index.mapping.dimension_fields.limit', dynamic(long(0))],
  ['index.mapping.ignore_malformed', fixed(bool)],
  ['index.mapping.ignore_above', fixed(int(0))],
  ['index.mapping.coerce', fixed(bool)],
  ['index.load_fixed_bitset_filters_eagerly', fixed(bool)],
  // PercolatorFieldMapper.INDEX_MAP_UNMAPPED_FIELDS_AS_TEXT_SETTING
  ['index.percolator.map_unmapped_fields_as_text', fixed(bool)],
  // Store and codec
  ['index.codec', fixed()],
  ['index.store.type', fixed()],
  ['index.store.preload', fixed()],
  ['index.store.stats_refresh_interval', fixed(time)],
  ['index.store.fs.fs_lock', fixed()],
  ['index.queries.cache.enabled', fixed(bool)],
  ['index.recovery.type', fixed()],
  // x-pack: index lifecycle management
  ['index.lifecycle.name', dynamic()],
  ['index.lifecycle.rollover_alias', dynamic()],
  ['index.lifecycle.indexing_complete', dynamic(bool)],
  ['index.lifecycle.step.wait_time_threshold', dynamic(time)],
  ['index.lifecycle.skip', dynamic(bool)],
  // The limits (index-limit-settings.ts), with their own minimums.
  ...INDEX_LIMIT_KEYS.map((key): [string, IndexSetting] => [key, dynamic(parseIndexLimit)]),
])

/** SimilarityService.BUILT_IN: index.similarity.<name> may not redefine these. */
const BUILT_IN_SIMILARITIES = ['BM25', 'boolean']

/** The group and affix settings, by prefix. */
const GROUPS: ReadonlyArray<[string, IndexSetting]> = [
  ['index.analysis.', fixed()],
  [
    'index.similarity.',
    fixed((key) => {
      const name = key.slice('index.similarity.'.length).split('.')[0]!
      if (BUILT_IN_SIMILARITIES.includes(name)) {
        throw illegalArgumentException(
          `illegal value for [index.similarity.${name}] cannot redefine built-in similarity`,
        )
      }
    }),
  ],
  ['index.routing.allocation.require.', dynamic()],
  ['index.routing.allocation.include.', dynamic()],
  ['index.routing.allocation.exclude.', dynamic()],
]

/** IndexScopedSettings.isPrivateSetting: keys set by Elasticsearch itself, not registered settings. */
const UNREGISTERED_PRIVATE = new Set([
  'index.creation_date',
  'index.uuid',
  'index.history.uuid',
  'index.version.upgraded',
  'index.provided_name',
  'index.merge.enabled',
  'index.shrink.source.uuid',
  'index.shrink.source.name',
  'index.resize.source.uuid',
  'index.resize.source.name',
])

/** The setting `key` belongs to, or undefined when ES does not know it. */
function indexSetting(key: string): IndexSetting | undefined {
  if (UNREGISTERED_PRIVATE.has(key) || key.startsWith('index.routing.allocation.initial_recovery.')) {
    return managed()
  }
  return SETTINGS.get(key) ?? GROUPS.find(([prefix]) => key.startsWith(prefix))?.[1]
}

export const isDynamicIndexSetting = (key: string): boolean => indexSetting(key)?.scope === 'dynamic'
export const isFinalIndexSetting = (key: string): boolean => indexSetting(key)?.scope === 'final'

/** The setting `key` belongs to, or AbstractScopedSettings.validate's "unknown setting" error with its hint. */
export function knownIndexSetting(key: string): IndexSetting {
  const known = indexSetting(key)
  if (known === undefined)
    throw illegalArgumentException(`unknown setting [${key}]${unknownSettingHint(key)}`)
  return known
}

/**
 * AbstractScopedSettings.validate for one key: known, then its value (null: a reset, not parsed). Private keys
 * pass here; the caller decides (PUT _settings refuses them, index creation ignores them).
 */
export function validateIndexSetting(key: string, value: XContentValue): void {
  const known = knownIndexSetting(key)
  if (value !== null) known.parse?.(key, value)
}

/** validateIndexSetting over `settings` in sorted key order (Settings' TreeMap): the first error wins. */
export function validateIndexSettings(settings: ReadonlyMap<string, XContentValue>): void {
  for (const key of [...settings.keys()].sort()) validateIndexSetting(key, settings.get(key)!)
}

/**
 * AbstractScopedSettings.validate's hint: the registered concrete keys whose similarity to the unknown one is
 * above 0.7, best first, or the default advice.
 */
function unknownSettingHint(key: string): string {
  const known = closestNames(key, [...SETTINGS.keys()], 0.7)
  if (known.length === 0) {
    return ' please check that any required plugins are installed, or check the breaking changes documentation for removed settings'
  }
  return didYouMean(known)
}

/**
 * The keys the playground reads into IndexMetadata's own fields; the registry's other keys are kept as text
 * in IndexMetadata.otherSettings.
 */
const MODELLED = new Set([
  'index.number_of_shards',
  'index.number_of_replicas',
  'index.refresh_interval',
  'index.default_pipeline',
  'index.final_pipeline',
  'index.hidden',
  ...INDEX_LIMIT_KEYS,
])

/** Whether `key` (known and not private) is kept as text in IndexMetadata.otherSettings. */
function isOtherIndexSetting(key: string): boolean {
  const known = indexSetting(key)
  return (
    known !== undefined &&
    known.scope !== 'private' &&
    !MODELLED.has(key) &&
    !key.startsWith('index.analysis.')
  )
}

export type OtherSettingValue = string | readonly string[]

/** A setting's value as kept: text, or a list of texts. */
function otherSettingValue(value: Exclude<XContentValue, null>): OtherSettingValue {
  return Array.isArray(value) ? value.map(scalarText) : scalarText(value)
}

/** The other settings `settings` sets (null values: a reset, kept as null). */
export function readOtherSettings(
  settings: ReadonlyMap<string, XContentValue>,
): Record<string, OtherSettingValue | null> {
  const out: Record<string, OtherSettingValue | null> = {}
  for (const [key, value] of settings) {
    if (isOtherIndexSetting(key)) out[key] = value === null ? null : otherSettingValue(value)
  }
  return out
}

/** The index's other settings with `changes` applied (null removes a key); undefined when none is left. */
export const withOtherSettingChanges = withSettingChanges<OtherSettingValue>

/**
 * A new index's index.hidden and other settings, read from the merged settings (the templates' then the
 * request's, `index.`-prefixed; the request's validated first by validateIndexSettings); null values are not
 * set, unknown and private keys are left out.
 */
export function createIndexSettings(settings: ReadonlyMap<string, XContentValue>): {
  hidden?: boolean
  otherSettings?: Record<string, OtherSettingValue>
} {
  const hidden = settings.get('index.hidden')
  const others = Object.entries(readOtherSettings(settings)).filter(
    (entry): entry is [string, OtherSettingValue] => entry[1] !== null,
  )
  return {
    ...(hidden !== undefined && hidden !== null ? { hidden: parseBooleanSetting(hidden) } : {}),
    ...(others.length > 0 ? { otherSettings: Object.fromEntries(others) } : {}),
  }
}

/** Settings as a template keeps them: `index.` keys, values as text, lists of texts or null. */
export type SettingTexts = Readonly<Record<string, string | readonly string[] | null>>

/** validateIndexSettings over settings kept as text (a template's). */
export function validateIndexSettingTexts(settings: SettingTexts): void {
  validateIndexSettings(
    new Map<string, XContentValue>(
      Object.entries(settings).map(([key, value]) => [
        key,
        value !== null && typeof value === 'object' ? [...value] : value,
      ]),
    ),
  )
}

/**
 * validateIndexSettingTexts' first error message, or null: MetadataIndexTemplateService.validate collects it
 * among a composable template's validation errors.
 */
export function indexSettingsError(settings: SettingTexts): string | null {
  try {
    validateIndexSettingTexts(settings)
    return null
  } catch (error) {
    if (error instanceof EsException) return error.reason
    throw error
  }
}
