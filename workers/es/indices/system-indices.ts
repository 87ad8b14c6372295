/**
 * SystemIndices: the features that own system indices (SystemIndices.Feature, from the server and the default
 * distribution's modules: SystemIndexPlugin.getFeatureName / getFeatureDescription, ES 8.17), and which feature an
 * index belongs to. Of their system indices the playground creates three kinds, so only those descriptors are known:
 * `tasks` owns `.tasks*` (TaskResultsService's stored task results), `enrich` owns `.enrich-*` (the indices enrich
 * policies build) and `async_search` owns `.async-search*` (AsyncTaskIndexService's stored async search results). A descriptor's pattern is SystemIndexDescriptor's: a name, `*` matching any run.
 */
import { simpleMatch } from '../common/simple-match.ts'

export interface SystemIndexFeature {
  readonly name: string
  readonly description: string
  /** The patterns of the feature's system indices the playground can hold (none for the others). */
  readonly indexPatterns: readonly string[]
}

/** By feature name. */
export const SYSTEM_INDEX_FEATURES: readonly SystemIndexFeature[] = [
  {
    name: 'async_search',
    description: 'Manages results of async searches',
    indexPatterns: ['.async-search*'],
  },
  { name: 'enrich', description: 'Manages data related to Enrich policies', indexPatterns: ['.enrich-*'] },
  {
    name: 'ent_search',
    description: 'Manages configuration for Enterprise Search features',
    indexPatterns: [],
  },
  { name: 'fleet', description: 'Manages configuration for Fleet', indexPatterns: [] },
  { name: 'geoip', description: 'Manages data related to GeoIP database downloader', indexPatterns: [] },
  {
    name: 'inference_plugin',
    description: 'Inference plugin for managing inference services and inference',
    indexPatterns: [],
  },
  { name: 'kibana', description: 'Manages Kibana configuration and reports', indexPatterns: [] },
  {
    name: 'logstash_management',
    description: 'Enables Logstash Central Management pipeline storage',
    indexPatterns: [],
  },
  {
    name: 'machine_learning',
    description: 'Provides anomaly detection and forecasting functionality',
    indexPatterns: [],
  },
  {
    name: 'searchable_snapshots',
    description: 'Manages caches and configuration for searchable snapshots',
    indexPatterns: [],
  },
  {
    name: 'security',
    description: 'Manages configuration for Security features, such as users and roles',
    indexPatterns: [],
  },
  { name: 'synonyms', description: 'Manages synonyms', indexPatterns: [] },
  { name: 'tasks', description: 'Manages task results', indexPatterns: ['.tasks*'] },
  { name: 'transform', description: 'Manages configuration and state for transforms', indexPatterns: [] },
  { name: 'watcher', description: 'Manages Watch definitions and state', indexPatterns: [] },
]

/** Whether `index` is one of the feature's system indices. */
export function isFeatureIndex(feature: SystemIndexFeature, index: string): boolean {
  return feature.indexPatterns.some((pattern) => simpleMatch(pattern, index))
}

/** The feature whose system index `index` is, or null for a plain index. */
export function systemIndexFeature(index: string): string | null {
  return SYSTEM_INDEX_FEATURES.find((feature) => isFeatureIndex(feature, index))?.name ?? null
}
