/**
 * SnapshotInfo: what a finished snapshot records (the repository's `snap-<uuid>.dat` blob) and how ES 8.17's
 * SnapshotInfo.toXContentExternal renders it in the create, get and restore-related APIs. Field order:
 * snapshot, uuid, repository, version_id, version, indices, data_streams, include_global_state, state,
 * start_time, start_time_in_millis, end_time, end_time_in_millis, duration_in_millis, failures, shards
 * {total, failed, successful}, feature_states. Times print as strict_date_optional_time in UTC.
 *
 * The version is the IndexVersion the snapshot was written with (since 8.10 `version_id` is that id, `version` the
 * release it maps to): 8.17.0 writes IndexVersions.V8_DEPRECATE_SOURCE_MODE_MAPPER, 8_521_00_0.
 */
import type { JsonOut } from '../xcontent/index.ts'

export const SNAPSHOT_VERSION_ID = 8_521_00_0
export const SNAPSHOT_VERSION = '8.17.0'

export type SnapshotState = 'IN_PROGRESS' | 'SUCCESS' | 'PARTIAL' | 'FAILED'

export interface SnapshotShardFailure {
  index: string
  indexUuid: string
  shard: number
  reason: string
  nodeId: string | null
  status: string
}

export interface SnapshotInfo {
  name: string
  uuid: string
  repository: string
  indices: string[]
  dataStreams: string[]
  includeGlobalState: boolean
  state: SnapshotState
  reason: string | null
  startTime: number
  /** 0 while in progress. */
  endTime: number
  totalShards: number
  successfulShards: number
  failures: SnapshotShardFailure[]
}

function failureJson(failure: SnapshotShardFailure): JsonOut {
  return {
    index: failure.index,
    index_uuid: failure.indexUuid,
    shard_id: failure.shard,
    reason: failure.reason,
    node_id: failure.nodeId ?? undefined,
    status: failure.status,
  }
}

/** SnapshotInfo.toXContentExternal (verbose). */
export function snapshotInfoJson(info: SnapshotInfo): Map<string, JsonOut> {
  const out = new Map<string, JsonOut>([
    ['snapshot', info.name],
    ['uuid', info.uuid],
    ['repository', info.repository],
    ['version_id', SNAPSHOT_VERSION_ID],
    ['version', SNAPSHOT_VERSION],
    ['indices', info.indices],
    ['data_streams', info.dataStreams],
    ['include_global_state', info.includeGlobalState],
    ['state', info.state],
  ])
  if (info.reason !== null) out.set('reason', info.reason)
  out.set('start_time', new Date(info.startTime).toISOString())
  out.set('start_time_in_millis', info.startTime)
  if (info.endTime !== 0) {
    out.set('end_time', new Date(info.endTime).toISOString())
    out.set('end_time_in_millis', info.endTime)
    out.set('duration_in_millis', info.endTime - info.startTime)
  }
  out.set('failures', info.failures.map(failureJson))
  out.set('shards', {
    total: info.totalShards,
    failed: info.totalShards - info.successfulShards,
    successful: info.successfulShards,
  })
  out.set('feature_states', [])
  return out
}
