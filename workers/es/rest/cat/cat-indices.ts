/**
 * The index tables of the _cat API with ES 8.17's columns (RestIndicesAction, RestCountAction, RestAliasAction;
 * `_cat/shards` is cat-shards.ts'): names, aliases, alignment and default columns as ES declares them,
 * for the columns this node can fill. Rows come in index name order (ES's follows its cluster state map).
 */
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import type { ShardRouting } from '../../cluster/state/shard-routing.ts'
import { clusterHealthStatusFromString, indicesHealth } from '../../cluster/state/cluster-health.ts'
import type { IndexService } from '../../index/index-service.ts'
import { isClosed } from '../../index/index-metadata.ts'
import type { AliasMetadata } from '../../cluster/metadata/alias-metadata.ts'
import { withTimestamp, timestampCells, type CatColumn, type CatTable, type CatValue } from './rest-table.ts'
import { copiesStats, sumStats, type ShardStats } from './shard-stats.ts'

export const NODE_IP = '127.0.0.1'

const INDICES_COLUMNS: readonly CatColumn[] = [
  { name: 'health', aliases: ['h'], desc: 'current health status' },
  { name: 'status', aliases: ['s'], desc: 'open/close status' },
  { name: 'index', aliases: ['i', 'idx'], desc: 'index name' },
  { name: 'uuid', aliases: ['id', 'uuid'], desc: 'index uuid' },
  {
    name: 'pri',
    aliases: ['p', 'shards.primary', 'shardsPrimary'],
    desc: 'number of primary shards',
    right: true,
  },
  {
    name: 'rep',
    aliases: ['r', 'shards.replica', 'shardsReplica'],
    desc: 'number of replica shards',
    right: true,
  },
  { name: 'docs.count', aliases: ['dc', 'docsCount'], desc: 'available docs', right: true },
  { name: 'docs.deleted', aliases: ['dd', 'docsDeleted'], desc: 'deleted docs', right: true },
  { name: 'creation.date', aliases: ['cd'], desc: 'index creation date (millisecond value)', hidden: true },
  { name: 'creation.date.string', aliases: ['cds'], desc: 'index creation date (as string)', hidden: true },
  {
    name: 'store.size',
    aliases: ['ss', 'storeSize'],
    sibling: 'pri',
    desc: 'store size of primaries & replicas',
    right: true,
  },
  { name: 'pri.store.size', desc: 'store size of primaries', right: true },
  { name: 'dataset.size', desc: 'total size of dataset', right: true },
]

/** `_cat/indices`; `health=` keeps the indices of one health status. */
export function catIndices(
  state: ClusterState,
  indices: readonly IndexService[],
  stats: ReadonlyMap<string, ShardStats>,
  healthFilter: string | undefined,
): CatTable {
  const healths = indicesHealth(state)
  const statsOf = (copies: readonly ShardRouting[]): ShardStats | null => {
    const answered = copiesStats(stats, copies)
    return answered.length === 0 ? null : sumStats(answered)
  }
  const rows: CatValue[][] = []
  for (const index of indices) {
    const { name, uuid, numberOfShards, numberOfReplicas, creationDate } = index.metadata
    const health = healths[name]!.status
    // RestIndicesAction parses `health` (ClusterHealthStatus.fromString) for each index it lists
    if (healthFilter !== undefined && clusterHealthStatusFromString(healthFilter) !== health) continue
    const copies = (state.routingTable[name] ?? []).flat()
    // RestIndicesAction: a closed index shows no statistics (empty CommonStats), and neither does an index
    // none of whose copies answered the stats request (IndicesStatsResponse has no IndexStats for it: a red
    // index); the primaries' cells likewise stay empty while no primary copy answered.
    const closed = isClosed(index.metadata)
    const primaries = closed ? null : statsOf(copies.filter((copy) => copy.primary))
    const total = closed ? null : statsOf(copies)
    rows.push([
      health,
      closed ? 'close' : 'open',
      name,
      uuid,
      numberOfShards,
      numberOfReplicas,
      primaries?.docs ?? null,
      primaries?.deleted ?? null,
      creationDate,
      new Date(creationDate).toISOString(),
      total?.store ?? null,
      primaries?.store ?? null,
      total?.store ?? null,
    ])
  }
  return { columns: INDICES_COLUMNS, rows }
}

const COUNT_COLUMNS: readonly CatColumn[] = withTimestamp([
  { name: 'count', aliases: ['dc', 'docs.count', 'docsCount'], desc: 'the document count', right: true },
])

/** `_cat/count`: the hit count of its search (RestCountAction's table), timestamped. */
export function catCount(count: number, now: number): CatTable {
  return { columns: COUNT_COLUMNS, rows: [[...timestampCells(now), count]] }
}

const ALIASES_COLUMNS: readonly CatColumn[] = [
  { name: 'alias', aliases: ['a'], desc: 'alias name' },
  { name: 'index', aliases: ['i', 'idx'], desc: 'index alias points to' },
  { name: 'filter', aliases: ['f', 'fi'], desc: 'filter' },
  { name: 'routing.index', aliases: ['ri', 'routingIndex'], desc: 'index routing' },
  { name: 'routing.search', aliases: ['rs', 'routingSearch'], desc: 'search routing' },
  { name: 'is_write_index', aliases: ['w', 'isWriteIndex'], desc: 'write index' },
]

/**
 * `_cat/aliases` (RestAliasAction): a row per alias of each index, in the order of the get-aliases
 * answer; `*` marks a filter, `-` an unset routing or is_write_index.
 */
export function catAliases(
  found: ReadonlyArray<{ index: string; aliases: ReadonlyArray<[string, AliasMetadata]> }>,
): CatTable {
  const rows: CatValue[][] = found.flatMap(({ index, aliases }) =>
    aliases.map(([alias, metadata]) => [
      alias,
      index,
      metadata.filter === undefined ? '-' : '*',
      metadata.indexRouting || '-',
      metadata.searchRouting || '-',
      metadata.isWriteIndex === undefined ? '-' : String(metadata.isWriteIndex),
    ]),
  )
  return { columns: ALIASES_COLUMNS, rows }
}
