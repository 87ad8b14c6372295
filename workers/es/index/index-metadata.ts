/**
 * IndexMetadata: what the cluster state holds for one index: its name, uuid, creation date, settings
 * and mapping. Persisted as an enveloped JSON record (format version 1) at `indices/<uuid>/meta`; fields
 * added later are optional, so older records stay readable.
 */
import { utcZonedDateTimeString } from '../common/time/zoned-date-time-string.ts'
import type { Mapping } from './mapper/mapping.ts'
import type { JsonOut } from '../xcontent/index.ts'
import type { IndexAnalysisSettings } from '../analysis/custom/index-analysis-settings.ts'
import type { AliasesMetadata } from '../cluster/metadata/alias-metadata.ts'
import { javaStringKeyOrder } from '../../net/java-hash.ts'
import { simpleMatch } from '../common/simple-match.ts'
import { limitDefaults } from './index-limit-settings.ts'
import type { OtherSettingValue } from './index-scoped-settings.ts'
import { mappingLimits } from './mapper/mapping-limits.ts'
import type { IndexMapperSettings } from './mapper/document-parser.ts'
import { IGNORE_ABOVE_DEFAULT } from './mapper/keyword-field.ts'
import type { LifecycleExecutionState } from '../ilm/lifecycle-execution-state.ts'
import type { SnapshotRecoverySource } from '../snapshots/restore-service.ts'

export interface IndexMetadata {
  name: string
  uuid: string
  creationDate: number
  numberOfShards: number
  numberOfReplicas: number
  routingNumShards: number
  /** index.refresh_interval in milliseconds; -1 disables scheduled refreshes. */
  refreshIntervalMs: number
  /** index.refresh_interval as it was set, when it was set (GET _settings shows it only then). */
  refreshInterval?: string
  mapping: Mapping
  /** index.analysis and the limits it is checked against; absent when the index defines none. */
  analysis?: IndexAnalysisSettings
  /** The index's aliases (IndexMetadata.aliases), by name; absent when it has none. */
  aliases?: AliasesMetadata
  /** index.default_pipeline and index.final_pipeline, when set. */
  defaultPipeline?: string
  finalPipeline?: string
  /**
   * The limit settings the index sets (index-limit-settings.ts: index.max_result_window, ...), by full key, each
   * as the text it was given; absent when it sets none.
   */
  limits?: Readonly<Record<string, string>>
  /** index.hidden: left out of wildcard expressions (absent: false). */
  hidden?: boolean
  /**
   * The known index settings the playground keeps without acting on them (index-scoped-settings.ts:
   * index.blocks.write, index.lifecycle.name, ...), by full key, each as the text (or list) it was given;
   * absent when the index sets none.
   */
  otherSettings?: Readonly<Record<string, OtherSettingValue>>
  /** The data stream this index backs (IndexAbstraction.getParentDataStream), when it backs one. */
  dataStream?: string
  /** index.provided_name when it differs from the name: a date math expression the name was resolved from. */
  providedName?: string
  /**
   * IndexMetadata.State: `close` once `_close` closed the index (absent: open). A closed index keeps its
   * settings, mapping and stored copies; its settings then carry index.verified_before_close: true.
   */
  state?: 'close'
  /** The index a split, shrink or clone made this one from (IndexMetadata.getResizeSourceIndex), if any. */
  resize?: ResizeMetadata
  /** Where the index stands in its ILM policy (LifecycleExecutionState), once ILM initialized it. */
  lifecycleState?: LifecycleExecutionState
  /** The snapshot a restored index's primaries recover from (SnapshotRecoverySource), if it was restored. */
  restore?: SnapshotRecoverySource
}

/**
 * A resized index's origin, shown by GET _settings as index.resize.source.name and .uuid, with
 * index.routing.allocation.initial_recovery._id (the nodes a shrunk index's primaries start on; null after a
 * split or clone) and index.routing_partition_size (the source's, 1 unless it set one).
 */
export interface ResizeMetadata {
  sourceName: string
  sourceUuid: string
  initialRecoveryIds: string | null
}

export const isClosed = (metadata: IndexMetadata): boolean => metadata.state === 'close'

/** An index's settings when its creation does not give them (ES 8: 1 shard, 1 replica, refresh every second). */
export const DEFAULT_INDEX_SETTINGS = { numberOfShards: 1, numberOfReplicas: 1, refreshIntervalMs: 1000 }

export const INDEX_METADATA_VERSION = 1
export const metadataKey = (uuid: string): string => `indices/${uuid}/meta`
export const translogPrefix = (uuid: string, shard: number): string =>
  `indices/${uuid}/shards/${shard}/translog/`

/**
 * What the index's mappers read from its settings: index.mapping.ignore_malformed, index.mapping.ignore_above (an
 * integer text, validated when set: index-scoped-settings.ts); whether it backs a data stream; the mapping limits.
 */
export function mapperSettings(metadata: IndexMetadata): IndexMapperSettings {
  const ignoreAbove = metadata.otherSettings?.['index.mapping.ignore_above']
  return {
    ignoreMalformed: metadata.otherSettings?.['index.mapping.ignore_malformed'] === 'true',
    ignoreAbove: typeof ignoreAbove === 'string' ? Number(ignoreAbove) : IGNORE_ABOVE_DEFAULT,
    dataStream: metadata.dataStream !== undefined,
    limits: mappingLimits(metadata.otherSettings),
  }
}

/** IndexVersion.current() of ES 8.17.0 (Lucene 9.12), the version every index is created with. */
export const INDEX_VERSION_CURRENT = 8_521_000
/** IndexVersions.MINIMUM_COMPATIBLE of ES 8.17: the oldest index version (7.0.0) a node reads. */
export const MINIMUM_COMPATIBLE_INDEX_VERSION = 7_000_099

export const TIER_PREFERENCE = 'index.routing.allocation.include._tier_preference'

/** DataTier.DefaultHotAllocationSettingProvider's preference: a data stream's backing index goes to the hot tier. */
export function defaultTierPreference(dataStream: boolean): string {
  return dataStream ? 'data_hot' : 'data_content'
}

/** The index's settings as ES keeps them: `index.`-prefixed keys in sorted order, values as text or lists. */
export function flatSettings(metadata: IndexMetadata): Map<string, JsonOut> {
  const out = new Map<string, JsonOut>([
    ['index.creation_date', String(metadata.creationDate)],
    ['index.number_of_replicas', String(metadata.numberOfReplicas)],
    ['index.number_of_shards', String(metadata.numberOfShards)],
    ['index.provided_name', metadata.providedName ?? metadata.name],
    [TIER_PREFERENCE, defaultTierPreference(metadata.dataStream !== undefined)],
    ['index.uuid', metadata.uuid],
    ['index.version.created', String(INDEX_VERSION_CURRENT)],
  ])
  if (metadata.refreshInterval !== undefined) out.set('index.refresh_interval', metadata.refreshInterval)
  if (metadata.defaultPipeline !== undefined) out.set('index.default_pipeline', metadata.defaultPipeline)
  if (metadata.finalPipeline !== undefined) out.set('index.final_pipeline', metadata.finalPipeline)
  if (metadata.hidden !== undefined) out.set('index.hidden', String(metadata.hidden))
  if (isClosed(metadata)) out.set('index.verified_before_close', 'true')
  if (metadata.resize !== undefined) {
    out.set('index.resize.source.name', metadata.resize.sourceName)
    out.set('index.resize.source.uuid', metadata.resize.sourceUuid)
    out.set('index.routing.allocation.initial_recovery._id', metadata.resize.initialRecoveryIds)
    out.set('index.routing_partition_size', '1')
  }
  for (const [key, value] of Object.entries(metadata.limits ?? {})) out.set(key, value)
  for (const [key, value] of Object.entries(metadata.otherSettings ?? {})) {
    out.set(key, typeof value === 'string' ? value : [...value])
  }
  const flatten = (value: unknown, key: string): void => {
    if (Array.isArray(value)) out.set(key, value.map(String))
    else if (typeof value === 'object' && value !== null) {
      for (const [name, entry] of Object.entries(value)) flatten(entry, `${key}.${name}`)
    } else out.set(key, String(value))
  }
  flatten(metadata.analysis?.analysis ?? {}, 'index.analysis')
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** The release IndexVersion.toReleaseVersion names for INDEX_VERSION_CURRENT. */
const INDEX_VERSION_CURRENT_RELEASE = '8.17.0'

/**
 * IndexMetadata.addHumanReadableSettings (GET /<index> and GET _settings with `?human`): the flat settings with
 * `index.version.created_string` and `index.creation_date_string` (ZonedDateTime.toString in UTC) added, in key order.
 */
export function addHumanReadableSettings(settings: ReadonlyMap<string, JsonOut>): Map<string, JsonOut> {
  const out = new Map(settings)
  out.set('index.version.created_string', INDEX_VERSION_CURRENT_RELEASE)
  const created = settings.get('index.creation_date')
  if (typeof created === 'string')
    out.set('index.creation_date_string', utcZonedDateTimeString(Number(created)))
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/**
 * The settings GET _settings?include_defaults lists under `defaults`: those of the playground's index settings
 * the index does not set, with their default values as text (ES lists every registered index setting).
 */
export function defaultSettings(metadata: IndexMetadata): Array<[string, JsonOut]> {
  const out: Array<[string, JsonOut]> = limitDefaults(metadata)
  if (metadata.refreshInterval === undefined) out.push(['index.refresh_interval', '1s'])
  if (metadata.defaultPipeline === undefined) out.push(['index.default_pipeline', '_none'])
  if (metadata.finalPipeline === undefined) out.push(['index.final_pipeline', '_none'])
  if (metadata.hidden === undefined) out.push(['index.hidden', 'false'])
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

/**
 * The `settings` object of GET /<index>/_settings and GET /<index>: flat (`flat_settings=true`) or
 * nested as Settings.getAsStructuredMap nests it, each level in the iteration order of the HashMap it
 * is built in; `names` keeps the keys matching any of its `*` patterns.
 */
export function settingsToJson(metadata: IndexMetadata, flat = false, names?: readonly string[]): JsonOut {
  return entriesToJson([...flatSettings(metadata)], flat, names)
}

/** Flat settings entries as a `settings` object: flat or structured, keeping the keys `names` match. */
export function entriesToJson(
  entries: ReadonlyArray<[string, JsonOut]>,
  flat: boolean,
  names?: readonly string[],
): Map<string, JsonOut> {
  const settings = entries.filter(
    ([key]) => names === undefined || names.some((name) => simpleMatch(name, key)),
  )
  if (flat) return new Map(settings)
  return structured(settings)
}

/** A level of Settings.getAsStructuredMap: nested levels, or a leaf's value. */
type StructuredNode = Map<string, StructuredNode> | { readonly value: JsonOut }

/**
 * Settings.getAsStructuredMap over flat entries (in key order, as Settings keeps them): nested by `.`, each level in
 * Java HashMap order. A key that is both a value and a prefix keeps its value, and the keys below it stay dotted at
 * its level (`"low": "90%", "low.max_headroom": "100GB"`), as its processSetting does.
 */
export function structured(entries: ReadonlyArray<[string, JsonOut]>): Map<string, JsonOut> {
  const root = new Map<string, StructuredNode>()
  for (const [key, value] of entries) processSetting(root, '', key, value)
  return structuredJson(root)
}

function processSetting(
  level: Map<string, StructuredNode>,
  prefix: string,
  setting: string,
  value: JsonOut,
): void {
  const dot = setting.indexOf('.')
  if (dot < 0) {
    const inner = level.get(prefix + setting)
    if (inner instanceof Map) for (const [key, node] of inner) level.set(`${prefix}${setting}.${key}`, node)
    level.set(prefix + setting, { value })
    return
  }
  const key = prefix + setting.slice(0, dot)
  const rest = setting.slice(dot + 1)
  const existing = level.get(key)
  if (existing === undefined) {
    const inner = new Map<string, StructuredNode>()
    processSetting(inner, '', rest, value)
    level.set(key, inner)
  } else if (existing instanceof Map) processSetting(existing, '', rest, value)
  else processSetting(level, `${key}.`, rest, value)
}

function structuredJson(level: ReadonlyMap<string, StructuredNode>): Map<string, JsonOut> {
  const out = new Map<string, JsonOut>()
  for (const key of javaStringKeyOrder([...level.keys()])) {
    const node = level.get(key)!
    out.set(key, node instanceof Map ? structuredJson(node) : node.value)
  }
  return out
}
