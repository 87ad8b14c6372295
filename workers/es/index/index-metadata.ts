/**
 * IndexMetadata: what the cluster state holds for one index: its name, uuid, creation date, settings
 * and mapping. Persisted as an enveloped JSON record (format version 1) at `indices/<uuid>/meta`.
 */
import type { Mapping } from './mapper/mapping.ts'
import type { JsonOut } from '../xcontent/index.ts'

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
}

export const INDEX_METADATA_VERSION = 1
export const metadataKey = (uuid: string): string => `indices/${uuid}/meta`
export const translogPrefix = (uuid: string, shard: number): string =>
  `indices/${uuid}/shards/${shard}/translog/`

/** The `settings.index` object of GET /<index>/_settings, with ES's string values. */
export function settingsToJson(metadata: IndexMetadata): JsonOut {
  return {
    index: {
      routing: { allocation: { include: { _tier_preference: 'data_content' } } },
      number_of_shards: String(metadata.numberOfShards),
      provided_name: metadata.name,
      creation_date: String(metadata.creationDate),
      number_of_replicas: String(metadata.numberOfReplicas),
      uuid: metadata.uuid,
      version: { created: '8521000' },
    },
  }
}
