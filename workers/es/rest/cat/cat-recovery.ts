/**
 * `_cat/recovery` (RestCatRecoveryAction) with ES 8.17's columns: a row per shard copy that has a RecoveryState
 * (indices/recovery-state.ts). Indices come in the order of the HashMap TransportRecoveryAction collects them
 * in, each index's rows sorted by shard number. Times print as TimeValue and strict_date_optional_time,
 * percentages as `%1.1f%%`, sizes as ByteSizeValue; a store recovery has no source (`n/a`), and only snapshot
 * recoveries (none here) name a repository and snapshot.
 */
import type { RecoveryState } from '../../indices/recovery-state.ts'
import { recoveryTime, translogRecoveredPercent } from '../../indices/recovery-state.ts'
import { TimeCell } from './time-cell.ts'
import { ByteSize } from './byte-size.ts'
import { NODE_IP } from './cat-indices.ts'
import { recoveriesByIndex } from '../actions/recovery-action.ts'
import type { CatColumn, CatTable, CatValue } from './rest-table.ts'

const RECOVERY_COLUMNS: readonly CatColumn[] = [
  { name: 'index', aliases: ['i', 'idx'], desc: 'index name' },
  { name: 'shard', aliases: ['s', 'sh'], desc: 'shard name' },
  { name: 'start_time', aliases: ['start'], desc: 'recovery start time', hidden: true },
  {
    name: 'start_time_millis',
    aliases: ['start_millis'],
    desc: 'recovery start time in epoch milliseconds',
    hidden: true,
  },
  { name: 'stop_time', aliases: ['stop'], desc: 'recovery stop time', hidden: true },
  {
    name: 'stop_time_millis',
    aliases: ['stop_millis'],
    desc: 'recovery stop time in epoch milliseconds',
    hidden: true,
  },
  { name: 'time', aliases: ['t', 'ti'], desc: 'recovery time' },
  { name: 'type', aliases: ['ty'], desc: 'recovery type' },
  { name: 'stage', aliases: ['st'], desc: 'recovery stage' },
  { name: 'source_host', aliases: ['shost'], desc: 'source host' },
  { name: 'source_node', aliases: ['snode'], desc: 'source node name' },
  { name: 'target_host', aliases: ['thost'], desc: 'target host' },
  { name: 'target_node', aliases: ['tnode'], desc: 'target node name' },
  { name: 'repository', aliases: ['rep'], desc: 'repository' },
  { name: 'snapshot', aliases: ['snap'], desc: 'snapshot' },
  { name: 'files', aliases: ['f'], desc: 'number of files to recover' },
  { name: 'files_recovered', aliases: ['fr'], desc: 'files recovered' },
  { name: 'files_percent', aliases: ['fp'], desc: 'percent of files recovered' },
  { name: 'files_total', aliases: ['tf'], desc: 'total number of files' },
  { name: 'bytes', aliases: ['b'], desc: 'number of bytes to recover' },
  { name: 'bytes_recovered', aliases: ['br'], desc: 'bytes recovered' },
  { name: 'bytes_percent', aliases: ['bp'], desc: 'percent of bytes recovered' },
  { name: 'bytes_total', aliases: ['tb'], desc: 'total number of bytes' },
  { name: 'translog_ops', aliases: ['to'], desc: 'number of translog ops to recover' },
  { name: 'translog_ops_recovered', aliases: ['tor'], desc: 'translog ops recovered' },
  { name: 'translog_ops_percent', aliases: ['top'], desc: 'percent of translog ops recovered' },
]

/** `%1.1f%%` of a Java float. */
function percent(value: number): string {
  return `${value.toFixed(1)}%`
}

function row(state: RecoveryState, now: number): CatValue[] {
  const source = state.sourceNode
  // No file details but a snapshot's (see recovery-state.ts): RecoveryState.Index reports 0 files and 0.0% then.
  const files = state.files ?? { count: 0, bytes: 0 }
  const read = files.count > 0 ? 100 : 0
  return [
    state.index,
    state.shard,
    new Date(state.startTime).toISOString(),
    state.startTime,
    new Date(state.stopTime).toISOString(),
    state.stopTime,
    TimeCell.ofMillis(recoveryTime(state, now)),
    state.type.toLowerCase(),
    state.stage,
    source === null ? 'n/a' : NODE_IP,
    source?.name ?? 'n/a',
    NODE_IP,
    state.targetNode.name,
    state.snapshot?.repository ?? 'n/a',
    state.snapshot?.snapshot ?? 'n/a',
    files.count,
    files.count,
    percent(read),
    files.count,
    new ByteSize(files.bytes),
    new ByteSize(files.bytes),
    percent(read),
    new ByteSize(files.bytes),
    state.translogTotal,
    state.translogRecovered,
    percent(translogRecoveredPercent(state)),
  ]
}

/** The table of the copies' recovery states; `activeOnly` keeps the recoveries not done yet. */
export function catRecovery(states: readonly RecoveryState[], activeOnly: boolean, now: number): CatTable {
  const rows = recoveriesByIndex(states, activeOnly).flatMap(([, copies]) =>
    copies.map((state) => row(state, now)),
  )
  return { columns: RECOVERY_COLUMNS, rows }
}
