/**
 * The cluster tables of the _cat API with ES 8.17's columns (RestNodesAction, RestHealthAction,
 * RestAllocationAction). Health numbers come from the cluster health function; the machine figures a
 * browser cannot measure (heap, RAM, CPU, load) are fixed, plausible values: a playground deviation, so that
 * transcripts stay deterministic; disk figures follow the disk model of cluster/allocation/cluster-info.ts.
 */
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import { clusterHealth } from '../../cluster/state/cluster-health.ts'
import { ByteSize } from './byte-size.ts'
import { NODE_IP } from './cat-indices.ts'
import { withTimestamp, timestampCells, type CatColumn, type CatTable, type CatValue } from './rest-table.ts'
import { copiesStats, sumStats, type ShardStats } from './shard-stats.ts'
import { roleAbbreviations } from '../actions/node-description.ts'
import { nodeDiskUsage } from '../../cluster/allocation/cluster-info.ts'

const NODES_COLUMNS: readonly CatColumn[] = [
  { name: 'id', aliases: ['id', 'nodeId'], desc: 'unique node id', hidden: true },
  { name: 'ip', aliases: ['i'], desc: 'ip address' },
  { name: 'heap.percent', aliases: ['hp', 'heapPercent'], desc: 'used heap ratio', right: true },
  { name: 'ram.percent', aliases: ['rp', 'ramPercent'], desc: 'used machine memory ratio', right: true },
  { name: 'cpu', desc: 'recent cpu usage', right: true },
  { name: 'load_1m', aliases: ['l'], desc: '1m load avg', right: true },
  { name: 'load_5m', aliases: ['l'], desc: '5m load avg', right: true },
  { name: 'load_15m', aliases: ['l'], desc: '15m load avg', right: true },
  {
    name: 'node.role',
    aliases: ['r', 'role', 'nodeRole'],
    desc: 'm:master eligible node, d:data node, i:ingest node, -:coordinating node only',
  },
  { name: 'master', aliases: ['m'], desc: '*:current master' },
  { name: 'name', aliases: ['n'], desc: 'node name' },
]

/** `_cat/nodes`; the id prints its first 4 characters unless `full_id` is set. */
export function catNodes(state: ClusterState, fullId: boolean): CatTable {
  const rows = state.nodes.map((node) => [
    fullId ? node.id : node.id.slice(0, 4),
    NODE_IP,
    32,
    64,
    1,
    '0.00',
    '0.00',
    '0.00',
    roleAbbreviations(node),
    node.id === state.masterNodeId ? '*' : '-',
    node.name,
  ])
  return { columns: NODES_COLUMNS, rows }
}

const HEALTH_COLUMNS: readonly CatColumn[] = withTimestamp([
  { name: 'cluster', aliases: ['cl'], desc: 'cluster name' },
  { name: 'status', aliases: ['st'], desc: 'health status' },
  { name: 'node.total', aliases: ['nt', 'nodeTotal'], desc: 'total number of nodes', right: true },
  {
    name: 'node.data',
    aliases: ['nd', 'nodeData'],
    desc: 'number of nodes that can store data',
    right: true,
  },
  {
    name: 'shards',
    aliases: ['t', 'sh', 'shards.total', 'shardsTotal'],
    desc: 'total number of shards',
    right: true,
  },
  {
    name: 'pri',
    aliases: ['p', 'shards.primary', 'shardsPrimary'],
    desc: 'number of primary shards',
    right: true,
  },
  {
    name: 'relo',
    aliases: ['r', 'shards.relocating', 'shardsRelocating'],
    desc: 'number of relocating nodes',
    right: true,
  },
  {
    name: 'init',
    aliases: ['i', 'shards.initializing', 'shardsInitializing'],
    desc: 'number of initializing nodes',
    right: true,
  },
  {
    name: 'unassign',
    aliases: ['u', 'shards.unassigned', 'shardsUnassigned'],
    desc: 'number of unassigned shards',
    right: true,
  },
  {
    name: 'unassign.pri',
    aliases: ['up', 'shards.unassigned.primary', 'shardsUnassignedPrimary'],
    desc: 'number of unassigned primary shards',
    right: true,
  },
  { name: 'pending_tasks', aliases: ['pt', 'pendingTasks'], desc: 'number of pending tasks', right: true },
  {
    name: 'max_task_wait_time',
    aliases: ['mtwt', 'maxTaskWaitTime'],
    desc: 'wait time of longest task pending',
    right: true,
  },
  {
    name: 'active_shards_percent',
    aliases: ['asp', 'activeShardsPercent'],
    desc: 'active number of shards in percent',
    right: true,
  },
])

/** `_cat/health`: one row; the percentage as `%1.1f%%`, no pending task wait as `-`. */
export function catHealth(state: ClusterState, now: number): CatTable {
  const health = clusterHealth(state)
  const unassignedPrimaries = Object.values(state.routingTable)
    .flat(2)
    .filter((copy) => copy.primary && copy.state === 'UNASSIGNED').length
  return {
    columns: HEALTH_COLUMNS,
    rows: [
      [
        ...timestampCells(now),
        health.cluster_name,
        health.status,
        health.number_of_nodes,
        health.number_of_data_nodes,
        health.active_shards,
        health.active_primary_shards,
        health.relocating_shards,
        health.initializing_shards,
        health.unassigned_shards,
        unassignedPrimaries,
        health.number_of_pending_tasks,
        '-',
        `${health.active_shards_percent_as_number.toFixed(1)}%`,
      ],
    ],
  }
}

const ALLOCATION_COLUMNS: readonly CatColumn[] = [
  { name: 'shards', aliases: ['s'], desc: 'number of shards on node', right: true },
  {
    name: 'shards.undesired',
    desc: 'number of shards that are scheduled to be moved elsewhere',
    right: true,
  },
  {
    name: 'write_load.forecast',
    aliases: ['wlf', 'writeLoadForecast'],
    desc: 'sum of index write load forecasts',
    right: true,
  },
  {
    name: 'disk.indices.forecast',
    aliases: ['dif', 'diskIndicesForecast'],
    desc: 'sum of shard size forecasts',
    right: true,
  },
  { name: 'disk.indices', aliases: ['di', 'diskIndices'], desc: 'disk used by ES indices', right: true },
  { name: 'disk.used', aliases: ['du', 'diskUsed'], desc: 'disk used (total, not just ES)', right: true },
  { name: 'disk.avail', aliases: ['da', 'diskAvail'], desc: 'disk available', right: true },
  { name: 'disk.total', aliases: ['dt', 'diskTotal'], desc: 'total capacity of all volumes', right: true },
  { name: 'disk.percent', aliases: ['dp', 'diskPercent'], desc: 'percent disk used', right: true },
  { name: 'host', aliases: ['h'], desc: 'host of node' },
  { name: 'ip', desc: 'ip of node' },
  { name: 'node', aliases: ['n'], desc: 'name of node' },
  { name: 'node.role', aliases: ['r', 'role', 'nodeRole'], desc: 'node roles' },
]

/** `_cat/allocation`: a row per data node, and one `UNASSIGNED` row counting unassigned copies. */
export function catAllocation(state: ClusterState, stats: ReadonlyMap<string, ShardStats>): CatTable {
  const copies = Object.values(state.routingTable).flat(2)
  const rows: CatValue[][] = state.nodes.map((node) => {
    const onNode = copies.filter((copy) => copy.nodeId === node.id)
    const indicesBytes = sumStats(copiesStats(stats, onNode)).store.bytes
    const disk = nodeDiskUsage(node, indicesBytes)
    const used = disk.totalBytes - disk.freeBytes
    return [
      onNode.length,
      0,
      '0.0',
      new ByteSize(indicesBytes),
      new ByteSize(indicesBytes),
      new ByteSize(used),
      new ByteSize(disk.freeBytes),
      new ByteSize(disk.totalBytes),
      Math.floor((used * 100) / disk.totalBytes),
      NODE_IP,
      NODE_IP,
      node.name,
      roleAbbreviations(node),
    ]
  })
  const unassigned = copies.filter((copy) => copy.nodeId === null).length
  if (unassigned > 0) {
    rows.push([unassigned, null, null, null, null, null, null, null, null, null, null, 'UNASSIGNED', null])
  }
  return { columns: ALLOCATION_COLUMNS, rows }
}
