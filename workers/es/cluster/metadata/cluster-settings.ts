/**
 * Cluster-wide dynamic settings, as ES's ClusterSettings and SettingsUpdater keep them: the persistent and the
 * transient settings ride in the cluster state's metadata as flat `key → string` maps (Settings stores every
 * value as text), the master applies an update to them, and every reader takes a setting's value from the
 * transient map, else the persistent one, else the setting's default (Metadata.settings() merges them so).
 *
 * Registered here, each with its parser (the value check and error text of its ES Setting):
 * - `cluster.routing.allocation.enable` (all | primaries | new_primaries | none: EnableAllocationDecider);
 * - `cluster.routing.rebalance.enable` (all | primaries | replicas | none: EnableAllocationDecider.canRebalance) and
 *   `cluster.routing.allocation.allow_rebalance` (always | indices_primaries_active | indices_all_active, or the
 *   camel-case spellings: ClusterRebalanceAllocationDecider);
 * - the group settings `cluster.routing.allocation.{require,include,exclude}.<attribute>`
 *   (FilterAllocationDecider: comma-separated node names, ids or `*` patterns);
 * - `cluster.max_shards_per_node` (ShardLimitValidator, an int >= 1);
 * - `cluster.routing.allocation.total_shards_per_node` (ShardsLimitAllocationDecider, an int >= -1, -1 for no
 *   limit);
 * - `action.destructive_requires_name` (DestructiveOperations, a boolean);
 * - `indices.lifecycle.poll_interval` (LifecycleSettings: how often ILM runs, a time value, 10m by default);
 * - `search.max_buckets` (MultiBucketConsumerService: the buckets a search's reduce may make, an int >= 0);
 * - `cluster.routing.allocation.cluster_concurrent_rebalance` (ConcurrentRebalanceAllocationDecider, int >= -1,
 *   -1 for no limit), `node_concurrent_recoveries`, `node_concurrent_incoming_recoveries` and
 *   `node_concurrent_outgoing_recoveries` (ThrottlingAllocationDecider, ints >= 0; the last two fall back to
 *   the first) and `node_initial_primaries_recoveries` (int >= 0);
 * - `indices.recovery.max_bytes_per_sec` (RecoverySettings, a byte size: kept, but recoveries are not throttled);
 * - the prefix settings `logger.<name>` (Loggers.LOG_LEVEL_SETTING, a log4j level: kept; the nodes write no logs);
 * - the disk-based allocation settings (`cluster.routing.allocation.disk.*`, `cluster.info.update.interval`:
 *   disk-threshold-settings.ts, with its cross-setting validators run on each scope and on both together): kept,
 *   as the playground models no disk usage;
 * - `cluster.blocks.read_only` and `cluster.blocks.read_only_allow_delete` (Metadata.SETTING_READ_ONLY_SETTING and
 *   SETTING_READ_ONLY_ALLOW_DELETE_SETTING, booleans): true in either scope sets the global block
 *   (cluster-blocks.ts), as SettingsUpdater adds it after every update.
 * Any other key is refused as SettingsUpdater refuses it: `persistent setting [x], not recognized`.
 *
 * Invariants: the stored maps only hold registered keys with values their parser accepts; an update
 * (SettingsUpdater.updateSettings) validates every key before it changes anything, a null value removes a key
 * (a `*` suffix removes every key it matches), and the response lists only the keys it set.
 */
import type { ClusterState } from '../state/cluster-state.ts'
import { actionRequestValidationException, illegalArgumentException } from '../../errors/index.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import { parseTimeValue, timeValueMillis } from '../../common/time/index.ts'
import { parseBytes } from '../../ingest/processors/string-processors.ts'
import { prettyElasticsearch, toJson, type JsonOut } from '../../xcontent/index.ts'
import {
  DISK_THRESHOLD_ENABLED,
  DISK_THRESHOLD_SETTINGS,
  validateDiskThresholds,
} from '../allocation/disk-threshold-settings.ts'

export type SettingsScope = 'persistent' | 'transient'

/** One scope's change as the REST layer parsed it: flat keys, text values, null to remove. */
export type ScopedSettingsUpdate = Readonly<Record<string, string | null>>

export interface ClusterSettingsUpdate {
  readonly persistent: ScopedSettingsUpdate
  readonly transient: ScopedSettingsUpdate
}

/** EnableAllocationDecider.Allocation. */
export type AllocationEnable = 'all' | 'primaries' | 'new_primaries' | 'none'
/** EnableAllocationDecider.Rebalance. */
export type RebalanceEnable = 'all' | 'primaries' | 'replicas' | 'none'
/** ClusterRebalanceAllocationDecider.ClusterRebalanceType. */
export type ClusterRebalanceType = 'always' | 'indices_primaries_active' | 'indices_all_active'

export const ALLOCATION_ENABLE = 'cluster.routing.allocation.enable'
export const REBALANCE_ENABLE = 'cluster.routing.rebalance.enable'
export const ALLOW_REBALANCE = 'cluster.routing.allocation.allow_rebalance'
export const MAX_SHARDS_PER_NODE = 'cluster.max_shards_per_node'
export const CLUSTER_TOTAL_SHARDS_PER_NODE = 'cluster.routing.allocation.total_shards_per_node'
export const DESTRUCTIVE_REQUIRES_NAME = 'action.destructive_requires_name'
export const LIFECYCLE_POLL_INTERVAL = 'indices.lifecycle.poll_interval'
export const SEARCH_MAX_BUCKETS = 'search.max_buckets'
export const SEARCH_DEFAULT_ALLOW_PARTIAL_RESULTS = 'search.default_allow_partial_results'
export const CLUSTER_CONCURRENT_REBALANCE = 'cluster.routing.allocation.cluster_concurrent_rebalance'
export const NODE_CONCURRENT_RECOVERIES = 'cluster.routing.allocation.node_concurrent_recoveries'
export const NODE_CONCURRENT_INCOMING_RECOVERIES =
  'cluster.routing.allocation.node_concurrent_incoming_recoveries'
export const NODE_CONCURRENT_OUTGOING_RECOVERIES =
  'cluster.routing.allocation.node_concurrent_outgoing_recoveries'
export const NODE_INITIAL_PRIMARIES_RECOVERIES =
  'cluster.routing.allocation.node_initial_primaries_recoveries'
const RECOVERY_MAX_BYTES_PER_SEC = 'indices.recovery.max_bytes_per_sec'
export const CLUSTER_READ_ONLY = 'cluster.blocks.read_only'
export const CLUSTER_READ_ONLY_ALLOW_DELETE = 'cluster.blocks.read_only_allow_delete'
const LOGGER_PREFIX = 'logger.'
/** log4j's Level names (Level.valueOf). */
const LOG_LEVELS = ['OFF', 'FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE', 'ALL']
export type FilterGroup = 'require' | 'include' | 'exclude'
export const FILTER_GROUPS: readonly FilterGroup[] = ['require', 'include', 'exclude']
const FILTER_PREFIX = 'cluster.routing.allocation.'

interface SettingDefinition {
  /** The default (another setting's value for a fallback setting: see `fallback`). */
  readonly defaultValue: string
  /** Setting's fallback: the setting whose value this one takes while unset. */
  readonly fallback?: string
  /** Throws the setting's own IllegalArgumentException for a value it does not accept. */
  readonly validate: (value: string, key: string) => void
}

const SETTINGS: Readonly<Record<string, SettingDefinition>> = {
  [ALLOCATION_ENABLE]: { defaultValue: 'all', validate: (value) => parseAllocationEnable(value) },
  [REBALANCE_ENABLE]: { defaultValue: 'all', validate: (value) => parseRebalanceEnable(value) },
  [ALLOW_REBALANCE]: {
    defaultValue: 'indices_all_active',
    validate: (value) => parseClusterRebalanceType(value),
  },
  [MAX_SHARDS_PER_NODE]: { defaultValue: '1000', validate: (value, key) => parseIntAtLeast(value, key, 1) },
  [DESTRUCTIVE_REQUIRES_NAME]: { defaultValue: 'true', validate: (value) => parseBoolean(value) },
  [LIFECYCLE_POLL_INTERVAL]: { defaultValue: '10m', validate: (value, key) => parsePositiveTime(value, key) },
  [SEARCH_MAX_BUCKETS]: { defaultValue: '65536', validate: (value, key) => parseIntAtLeast(value, key, 0) },
  [SEARCH_DEFAULT_ALLOW_PARTIAL_RESULTS]: { defaultValue: 'true', validate: (value) => parseBoolean(value) },
  [CLUSTER_CONCURRENT_REBALANCE]: {
    defaultValue: '2',
    validate: (value, key) => parseIntAtLeast(value, key, -1),
  },
  [NODE_CONCURRENT_RECOVERIES]: {
    defaultValue: '2',
    validate: (value, key) => parseIntAtLeast(value, key, 0),
  },
  [NODE_CONCURRENT_INCOMING_RECOVERIES]: {
    defaultValue: '2',
    fallback: NODE_CONCURRENT_RECOVERIES,
    validate: (value, key) => parseIntAtLeast(value, key, 0),
  },
  [NODE_CONCURRENT_OUTGOING_RECOVERIES]: {
    defaultValue: '2',
    fallback: NODE_CONCURRENT_RECOVERIES,
    validate: (value, key) => parseIntAtLeast(value, key, 0),
  },
  [NODE_INITIAL_PRIMARIES_RECOVERIES]: {
    defaultValue: '4',
    validate: (value, key) => parseIntAtLeast(value, key, 0),
  },
  [CLUSTER_TOTAL_SHARDS_PER_NODE]: {
    defaultValue: '-1',
    validate: (value, key) => parseIntAtLeast(value, key, -1),
  },
  [RECOVERY_MAX_BYTES_PER_SEC]: { defaultValue: '40mb', validate: (value, key) => parseBytes(value, key) },
  [CLUSTER_READ_ONLY]: { defaultValue: 'false', validate: (value) => parseBoolean(value) },
  [DISK_THRESHOLD_ENABLED]: { defaultValue: 'true', validate: (value) => parseBoolean(value) },
  ...DISK_THRESHOLD_SETTINGS,
  [CLUSTER_READ_ONLY_ALLOW_DELETE]: { defaultValue: 'false', validate: (value) => parseBoolean(value) },
}

/** A `logger.<name>` key's value: log4j's Level.valueOf (trimmed, upper-cased). */
function parseLogLevel(value: string): string {
  const level = value.trim().toUpperCase()
  if (!LOG_LEVELS.includes(level)) throw illegalArgumentException(`Unknown level constant [${level}].`)
  return level
}

/** The group settings (Setting.groupSetting): any attribute under the prefix, any text value. */
function filterGroupOf(key: string): FilterGroup | null {
  for (const group of FILTER_GROUPS) {
    const prefix = `${FILTER_PREFIX}${group}.`
    if (key.startsWith(prefix) && key.length > prefix.length) return group
  }
  return null
}

function isLoggerKey(key: string): boolean {
  return key.startsWith(LOGGER_PREFIX) && key.length > LOGGER_PREFIX.length
}

function isRegistered(key: string): boolean {
  return Object.hasOwn(SETTINGS, key) || filterGroupOf(key) !== null || isLoggerKey(key)
}

/** Allocation.parse (cluster and index setting): upper-cased in its error, as ES reports it. */
export function parseAllocationEnable(value: string): AllocationEnable {
  const upper = value.toUpperCase()
  switch (upper) {
    case 'ALL':
    case 'PRIMARIES':
    case 'NEW_PRIMARIES':
    case 'NONE':
      return upper.toLowerCase() as AllocationEnable
    default:
      throw illegalArgumentException(`Illegal allocation.enable value [${upper}]`)
  }
}

/** Rebalance.parse (cluster and index setting): upper-cased in its error, as ES reports it. */
export function parseRebalanceEnable(value: string): RebalanceEnable {
  const upper = value.toUpperCase()
  switch (upper) {
    case 'ALL':
    case 'PRIMARIES':
    case 'REPLICAS':
    case 'NONE':
      return upper.toLowerCase() as RebalanceEnable
    default:
      throw illegalArgumentException(`Illegal rebalance.enable value [${upper}]`)
  }
}

/**
 * ClusterRebalanceType.parseString (case-insensitive). Its error names the Setting by its toString: the setting's
 * XContent (key, properties, is_group_setting, default) pretty-printed.
 */
function parseClusterRebalanceType(value: string): ClusterRebalanceType {
  const lower = value.toLowerCase()
  if (lower === 'always') return 'always'
  if (lower === 'indices_primaries_active' || lower === 'indicesprimariesactive')
    return 'indices_primaries_active'
  if (lower === 'indices_all_active' || lower === 'indicesallactive') return 'indices_all_active'
  const setting = new Map<string, JsonOut>([
    ['key', ALLOW_REBALANCE],
    ['properties', ['Dynamic', 'NodeScope']],
    ['is_group_setting', false],
    ['default', SETTINGS[ALLOW_REBALANCE]!.defaultValue],
  ])
  throw illegalArgumentException(
    `Illegal value for ${prettyElasticsearch(toJson(setting)).trimEnd()}: ${value}`,
  )
}

/** Setting.intSetting with a minimum. */
function parseIntAtLeast(value: string, key: string, min: number): number {
  const n = /^[+-]?\d+$/.test(value) ? Number(value) : NaN
  if (!Number.isSafeInteger(n) || Math.abs(n) > 2 ** 31 - 1) {
    throw illegalArgumentException(`Failed to parse value [${value}] for setting [${key}]`)
  }
  if (n < min)
    throw illegalArgumentException(`Failed to parse value [${n}] for setting [${key}] must be >= ${min}`)
  return n
}

/** Setting.positiveTimeSetting: a time value of at least 0, in milliseconds. */
function parsePositiveTime(value: string, key: string): number {
  const millis = timeValueMillis(parseTimeValue(value, key))
  if (millis < 0)
    throw illegalArgumentException(`failed to parse value [${value}] for setting [${key}], must be >= [0ms]`)
  return millis
}

/** Booleans.parseBoolean: only `true` and `false`. */
function parseBoolean(value: string): boolean {
  if (value === 'true') return true
  if (value === 'false') return false
  throw illegalArgumentException(`Failed to parse value [${value}] as only [true] or [false] are allowed.`)
}

/** Metadata.persistentSettings / transientSettings of the state (empty when none were ever set). */
export function scopedSettings(state: ClusterState, scope: SettingsScope): Readonly<Record<string, string>> {
  return (scope === 'persistent' ? state.metadata.persistentSettings : state.metadata.transientSettings) ?? {}
}

/**
 * The value in force: transient over persistent, else the fallback setting's value in force, else the default
 * (undefined for an unset group key).
 */
function effective(state: ClusterState, key: string): string | undefined {
  const fallback = SETTINGS[key]?.fallback
  return (
    state.metadata.transientSettings?.[key] ??
    state.metadata.persistentSettings?.[key] ??
    (fallback !== undefined ? effective(state, fallback) : SETTINGS[key]?.defaultValue)
  )
}

/** An int setting's value in force (its parser checked it when it was set). */
export function intSetting(state: ClusterState, key: string): number {
  return Number(effective(state, key)!)
}

export function allocationEnable(state: ClusterState): AllocationEnable {
  return parseAllocationEnable(effective(state, ALLOCATION_ENABLE)!)
}

export function rebalanceEnable(state: ClusterState): RebalanceEnable {
  return parseRebalanceEnable(effective(state, REBALANCE_ENABLE)!)
}

export function clusterRebalanceType(state: ClusterState): ClusterRebalanceType {
  return parseClusterRebalanceType(effective(state, ALLOW_REBALANCE)!)
}

export function maxShardsPerNode(state: ClusterState): number {
  return parseIntAtLeast(effective(state, MAX_SHARDS_PER_NODE)!, MAX_SHARDS_PER_NODE, 1)
}

export function lifecyclePollIntervalMillis(state: ClusterState): number {
  return parsePositiveTime(effective(state, LIFECYCLE_POLL_INTERVAL)!, LIFECYCLE_POLL_INTERVAL)
}

/** SearchService.DEFAULT_ALLOW_PARTIAL_SEARCH_RESULTS: what a search without allow_partial_search_results does. */
export function defaultAllowPartialSearchResults(state: ClusterState): boolean {
  return parseBoolean(effective(state, SEARCH_DEFAULT_ALLOW_PARTIAL_RESULTS)!)
}

export function destructiveRequiresName(state: ClusterState): boolean {
  return parseBoolean(effective(state, DESTRUCTIVE_REQUIRES_NAME)!)
}

/**
 * A global block setting: `SETTING.get(persistentSettings) || SETTING.get(transientSettings)`, so a block set in one
 * scope holds whatever the other says.
 */
export function blockSettingSet(
  state: ClusterState,
  key: typeof CLUSTER_READ_ONLY | typeof CLUSTER_READ_ONLY_ALLOW_DELETE,
): boolean {
  return (['persistent', 'transient'] as const).some((scope) => scopedSettings(state, scope)[key] === 'true')
}

/**
 * A filter group in force (DiscoveryNodeFilters' source): attribute → its comma-separated values, in key
 * order; transient keys override persistent ones attribute by attribute; empty values drop out.
 */
export function allocationFilters(state: ClusterState, group: FilterGroup): Array<[string, string[]]> {
  const prefix = `${FILTER_PREFIX}${group}.`
  const merged = new Map<string, string>()
  for (const scope of ['persistent', 'transient'] as const) {
    for (const [key, value] of Object.entries(scopedSettings(state, scope))) {
      if (key.startsWith(prefix)) merged.set(key.slice(prefix.length), value)
    }
  }
  return [...merged]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([attribute, value]): [string, string[]] => [
      attribute,
      value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v.length > 0),
    ])
    .filter(([, values]) => values.length > 0)
}

/**
 * ClusterUpdateSettingsRequest's validation, then SettingsUpdater's checks on both scopes (transient first):
 * every key must be registered and every value valid before anything changes.
 */
export function validateClusterSettingsUpdate(update: ClusterSettingsUpdate): void {
  const keys = Object.keys(update.persistent).length + Object.keys(update.transient).length
  if (keys === 0) throw actionRequestValidationException(['no settings to update'])
  for (const scope of ['transient', 'persistent'] as const) {
    for (const [key, value] of Object.entries(update[scope])) {
      if (value === null && key.endsWith('*')) continue
      if (!isRegistered(key)) throw illegalArgumentException(`${scope} setting [${key}], not recognized`)
      if (value !== null && isLoggerKey(key)) parseLogLevel(value)
      else if (value !== null) SETTINGS[key]?.validate(value, key)
    }
  }
}

/** The master's side of TransportClusterUpdateSettingsAction: the state with both scopes updated. */
export function applyClusterSettingsUpdate(state: ClusterState, update: ClusterSettingsUpdate): ClusterState {
  validateClusterSettingsUpdate(update)
  const persistentSettings = applyScope(scopedSettings(state, 'persistent'), update.persistent)
  const transientSettings = applyScope(scopedSettings(state, 'transient'), update.transient)
  // The settings' validators on each scope's settings, then on Metadata.settings() (transient over persistent).
  for (const settings of [
    transientSettings,
    persistentSettings,
    { ...persistentSettings, ...transientSettings },
  ])
    validateDiskThresholds(settings)
  return { ...state, metadata: { ...state.metadata, persistentSettings, transientSettings } }
}

function applyScope(
  current: Readonly<Record<string, string>>,
  update: ScopedSettingsUpdate,
): Record<string, string> {
  const next = { ...current }
  for (const [key, value] of Object.entries(update)) {
    if (value !== null) next[key] = value
    else for (const existing of Object.keys(next)) if (simpleMatch(key, existing)) delete next[existing]
  }
  return next
}

/** Every registered setting's default, flat: GET _cluster/settings?include_defaults's `defaults`. */
export function clusterSettingDefaults(): Array<[string, string]> {
  return Object.entries(SETTINGS)
    .map(([key, definition]): [string, string] => [key, definition.defaultValue])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}
