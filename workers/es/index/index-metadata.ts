/**
 * IndexMetadata: what the cluster state holds for one index: its name, uuid, creation date, settings
 * and mapping. Persisted as an enveloped JSON record (format version 1) at `indices/<uuid>/meta`.
 */
import { setOwn, type Mapping } from './mapper/mapping.ts'
import type { JsonOut } from '../xcontent/index.ts'
import type { IndexAnalysisSettings } from '../analysis/custom/index-analysis-settings.ts'

export interface IndexMetadata {
  name: string
  uuid: string
  creationDate: number
  numberOfShards: number
  numberOfReplicas: number
  routingNumShards: number
  /** index.refresh_interval in milliseconds; -1 disables scheduled refreshes. */
  refreshIntervalMs: number
  mapping: Mapping
  /** index.analysis and the limits it is checked against; absent when the index defines none. */
  analysis?: IndexAnalysisSettings
}

export const INDEX_METADATA_VERSION = 1
export const metadataKey = (uuid: string): string => `indices/${uuid}/meta`
export const translogPrefix = (uuid: string, shard: number): string =>
  `indices/${uuid}/shards/${shard}/translog/`

/** The `settings.index` object of GET /<index>/_settings, with ES's string values. */
export function settingsToJson(metadata: IndexMetadata): JsonOut {
  const analysis = metadata.analysis?.analysis
  return {
    index: {
      routing: { allocation: { include: { _tier_preference: 'data_content' } } },
      number_of_shards: String(metadata.numberOfShards),
      provided_name: metadata.name,
      creation_date: String(metadata.creationDate),
      ...(analysis && Object.keys(analysis).length > 0 ? { analysis: settingStrings(analysis) } : {}),
      number_of_replicas: String(metadata.numberOfReplicas),
      uuid: metadata.uuid,
      version: { created: '8521000' },
    },
  }
}

/** Settings values as ES stores them: every scalar a string, objects and lists kept as such. */
function settingStrings(value: unknown): JsonOut {
  if (Array.isArray(value)) return value.map(settingStrings)
  if (typeof value === 'object' && value !== null) {
    const out: { [key: string]: JsonOut } = {}
    for (const [key, entry] of Object.entries(value)) setOwn(out, key, settingStrings(entry))
    return out
  }
  return String(value)
}
