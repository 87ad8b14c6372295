/**
 * SnapshotsStatusResponse for finished snapshots (TransportSnapshotsStatusAction reads them from the repository):
 * per snapshot `snapshot, repository, uuid, state, include_global_state, shards_stats, stats, indices`; per index
 * `shards_stats, stats, shards`; per shard `{"stage": "DONE", "stats"}`. SnapshotStats renders
 * `incremental {file_count, size_in_bytes}, total {...}, start_time_in_millis, time_in_millis`.
 *
 * The counts come from each shard's blob: the commit's files and bytes as the primary reported them. ES counts as
 * incremental only the files the repository did not hold yet; the playground copies whole shards, so incremental
 * equals total (docs/DEVIATIONS.md).
 */
import type { JsonOut } from '../xcontent/index.ts'
import type { ShardSnapshot } from '../repositories/blob-store-repository.ts'
import type { SnapshotInfo } from './snapshot-info.ts'

interface Stats {
  files: number
  bytes: number
  startTime: number
  time: number
}

function statsJson(stats: Stats): JsonOut {
  const counts = { file_count: stats.files, size_in_bytes: stats.bytes }
  return {
    incremental: counts,
    total: counts,
    start_time_in_millis: stats.startTime,
    time_in_millis: stats.time,
  }
}

function shardsStats(done: number, failed: number): JsonOut {
  return { initializing: 0, started: 0, finalizing: 0, done, failed, total: done + failed }
}

function sum(shards: readonly ShardSnapshot[], startTime: number, time: number): Stats {
  return {
    files: shards.reduce((n, shard) => n + shard.files, 0),
    bytes: shards.reduce((n, shard) => n + shard.bytes, 0),
    startTime,
    time,
  }
}

/** One finished snapshot's status; `shards` holds each index's shard blobs by shard number. */
export function snapshotStatusJson(
  info: SnapshotInfo,
  shards: ReadonlyMap<string, ReadonlyMap<number, ShardSnapshot>>,
): JsonOut {
  const indices: Record<string, JsonOut> = {}
  const all: ShardSnapshot[] = []
  for (const index of info.indices) {
    const held = shards.get(index) ?? new Map<number, ShardSnapshot>()
    const list = [...held.values()]
    all.push(...list)
    const start = Math.min(...list.map((shard) => shard.startTime), info.startTime)
    const end = Math.max(...list.map((shard) => shard.startTime + shard.time), start)
    const failed = info.failures.filter((failure) => failure.index === index).length
    indices[index] = {
      shards_stats: shardsStats(list.length, failed),
      stats: statsJson(sum(list, start, end - start)),
      shards: Object.fromEntries(
        [...held].map(([number, shard]) => [
          String(number),
          { stage: 'DONE', stats: statsJson(sum([shard], shard.startTime, shard.time)) },
        ]),
      ),
    }
  }
  return {
    snapshot: info.name,
    repository: info.repository,
    uuid: info.uuid,
    state: info.state,
    include_global_state: info.includeGlobalState,
    shards_stats: shardsStats(all.length, info.failures.length),
    stats: statsJson(sum(all, info.startTime, info.endTime - info.startTime)),
    indices,
  }
}
