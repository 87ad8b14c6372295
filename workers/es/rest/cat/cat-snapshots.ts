/**
 * `_cat/snapshots[/{repository}]` (RestSnapshotAction) and `_cat/repositories` (RestRepositoriesAction) with ES
 * 8.17's columns. A snapshot row: its name, repository, state, start and end as epoch seconds and HH:mm:ss (UTC),
 * the duration as TimeValue prints it, and its index and shard counts; `reason` only when `h=` asks for it. A
 * repository row: its name and type.
 */
import { TimeCell } from './time-cell.ts'
import type { RepositoryMetadata } from '../../repositories/repositories-metadata.ts'
import type { SnapshotInfo } from '../../snapshots/snapshot-info.ts'
import type { CatColumn, CatTable } from './rest-table.ts'

const SNAPSHOT_COLUMNS: readonly CatColumn[] = [
  { name: 'id', aliases: ['id', 'snapshot'], desc: 'unique snapshot' },
  { name: 'repository', aliases: ['re', 'repo'], desc: 'repository name' },
  { name: 'status', aliases: ['s', 'status'], desc: 'snapshot name', right: true },
  {
    name: 'start_epoch',
    aliases: ['ste', 'startEpoch'],
    desc: 'start time in seconds since 1970-01-01 00:00:00',
  },
  { name: 'start_time', aliases: ['sti', 'startTime'], desc: 'start time in HH:MM:SS' },
  { name: 'end_epoch', aliases: ['ete', 'endEpoch'], desc: 'end time in seconds since 1970-01-01 00:00:00' },
  { name: 'end_time', aliases: ['eti', 'endTime'], desc: 'end time in HH:MM:SS' },
  { name: 'duration', aliases: ['dur', 'duration'], desc: 'duration', right: true },
  { name: 'indices', aliases: ['i', 'indices'], desc: 'number of indices', right: true },
  {
    name: 'successful_shards',
    aliases: ['ss', 'successful_shards'],
    desc: 'number of successful shards',
    right: true,
  },
  { name: 'failed_shards', aliases: ['fs', 'failed_shards'], desc: 'number of failed shards', right: true },
  { name: 'total_shards', aliases: ['ts', 'total_shards'], desc: 'number of total shards', right: true },
  { name: 'reason', aliases: ['r', 'reason'], desc: 'reason for failures', hidden: true },
]

const REPOSITORY_COLUMNS: readonly CatColumn[] = [
  { name: 'id', aliases: ['id', 'repoId'], desc: 'unique repository id' },
  { name: 'type', aliases: ['t', 'type'], desc: 'repository type' },
]

/** DateFormatter.forPattern("HH:mm:ss") in UTC. */
function hms(millis: number): string {
  return new Date(millis).toISOString().slice(11, 19)
}

export function catSnapshots(snapshots: readonly SnapshotInfo[]): CatTable {
  return {
    columns: SNAPSHOT_COLUMNS,
    rows: snapshots.map((info) => [
      info.name,
      info.repository,
      info.state,
      Math.floor(info.startTime / 1000),
      hms(info.startTime),
      Math.floor(info.endTime / 1000),
      hms(info.endTime),
      TimeCell.ofMillis(info.endTime - info.startTime),
      info.indices.length,
      info.successfulShards,
      info.totalShards - info.successfulShards,
      info.totalShards,
      info.reason,
    ]),
  }
}

export function catRepositories(repositories: readonly RepositoryMetadata[]): CatTable {
  return { columns: REPOSITORY_COLUMNS, rows: repositories.map((repo) => [repo.name, repo.type]) }
}
