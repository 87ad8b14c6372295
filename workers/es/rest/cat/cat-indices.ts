/**
 * The index tables of the _cat API (RestIndicesAction, RestCountAction, RestAliasAction; `_cat/shards` is
 * cat-shards.ts'). Rows come in index name order (ES's follows its cluster state map).
 *
 * `_cat/indices` has ES 8.17's columns, declared from the attribute text getTableWithHeader gives Table.addCell: each
 * statistic is a total column with `sibling:pri` followed by its `pri.` twin (`pri.store.size` and `pri.memory.total`
 * as ES words them). Totals are the sum of every copy that answered the stats request, primaries the sum of the
 * primary copies among them (CommonStats, common-stats.ts' sumShardStats); their cells are common-stats-cells.ts',
 * the ones `_cat/shards` shows for a copy. A closed index, or one none of whose copies answered (IndicesStatsResponse
 * has no IndexStats for it: a red index), has an empty CommonStats, and so has the primaries' side while no primary
 * answered: every statistics cell is then empty but `memory.total` (getTotalMemory sums what it has: 0b).
 * `search.throttled` is false: the playground has no frozen (search-throttled) indices.
 */
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import type { ShardRouting } from '../../cluster/state/shard-routing.ts'
import { clusterHealthStatusFromString, indicesHealth } from '../../cluster/state/cluster-health.ts'
import type { IndexService } from '../../index/index-service.ts'
import { isClosed } from '../../index/index-metadata.ts'
import type { AliasMetadata } from '../../cluster/metadata/alias-metadata.ts'
import { sumShardStats, type CommonStats } from '../actions/common-stats.ts'
import { ByteSize } from './byte-size.ts'
import {
  esColumn,
  withTimestamp,
  timestampCells,
  type CatColumn,
  type CatTable,
  type CatValue,
} from './rest-table.ts'
import { statsCell } from './common-stats-cells.ts'
import type { CopyStats } from './shard-stats.ts'

export const NODE_IP = '127.0.0.1'

/** A statistic's two cells as RestIndicesAction adds them: the total (`sibling:pri`) and its `pri.` twin. */
function statistic(
  name: string,
  aliases: string,
  desc: string,
  priDesc = desc,
): Array<readonly [string, string]> {
  return [
    [name, `sibling:pri;alias:${aliases};default:false;text-align:right;desc:${desc}`],
    [`pri.${name}`, `default:false;text-align:right;desc:${priDesc}`],
  ]
}

const FIXED_BITSET_DESC =
  'memory used by fixed bit sets for nested object field types and type filters for types referred in _parent fields'

/** RestIndicesAction.getTableWithHeader's cells, as [name, attributes]. */
const HEADER: ReadonlyArray<readonly [string, string]> = [
  ['health', 'alias:h;desc:current health status'],
  ['status', 'alias:s;desc:open/close status'],
  ['index', 'alias:i,idx;desc:index name'],
  ['uuid', 'alias:id,uuid;desc:index uuid'],
  ['pri', 'alias:p,shards.primary,shardsPrimary;text-align:right;desc:number of primary shards'],
  ['rep', 'alias:r,shards.replica,shardsReplica;text-align:right;desc:number of replica shards'],
  ['docs.count', 'alias:dc,docsCount;text-align:right;desc:available docs'],
  ['docs.deleted', 'alias:dd,docsDeleted;text-align:right;desc:deleted docs'],
  ['creation.date', 'alias:cd;default:false;desc:index creation date (millisecond value)'],
  ['creation.date.string', 'alias:cds;default:false;desc:index creation date (as string)'],
  ['store.size', 'sibling:pri;alias:ss,storeSize;text-align:right;desc:store size of primaries & replicas'],
  ['pri.store.size', 'text-align:right;desc:store size of primaries'],
  ['dataset.size', 'text-align:right;desc:total size of dataset'],
  ...statistic('completion.size', 'cs,completionSize', 'size of completion'),
  ...statistic('fielddata.memory_size', 'fm,fielddataMemory', 'used fielddata cache'),
  ...statistic('fielddata.evictions', 'fe,fielddataEvictions', 'fielddata evictions'),
  ...statistic('query_cache.memory_size', 'qcm,queryCacheMemory', 'used query cache'),
  ...statistic('query_cache.evictions', 'qce,queryCacheEvictions', 'query cache evictions'),
  ...statistic('request_cache.memory_size', 'rcm,requestCacheMemory', 'used request cache'),
  ...statistic('request_cache.evictions', 'rce,requestCacheEvictions', 'request cache evictions'),
  ...statistic('request_cache.hit_count', 'rchc,requestCacheHitCount', 'request cache hit count'),
  ...statistic('request_cache.miss_count', 'rcmc,requestCacheMissCount', 'request cache miss count'),
  ...statistic('flush.total', 'ft,flushTotal', 'number of flushes'),
  ...statistic('flush.total_time', 'ftt,flushTotalTime', 'time spent in flush'),
  ...statistic('get.current', 'gc,getCurrent', 'number of current get ops'),
  ...statistic('get.time', 'gti,getTime', 'time spent in get'),
  ...statistic('get.total', 'gto,getTotal', 'number of get ops'),
  ...statistic('get.exists_time', 'geti,getExistsTime', 'time spent in successful gets'),
  ...statistic('get.exists_total', 'geto,getExistsTotal', 'number of successful gets'),
  ...statistic('get.missing_time', 'gmti,getMissingTime', 'time spent in failed gets'),
  ...statistic('get.missing_total', 'gmto,getMissingTotal', 'number of failed gets'),
  ...statistic('indexing.delete_current', 'idc,indexingDeleteCurrent', 'number of current deletions'),
  ...statistic('indexing.delete_time', 'idti,indexingDeleteTime', 'time spent in deletions'),
  ...statistic('indexing.delete_total', 'idto,indexingDeleteTotal', 'number of delete ops'),
  ...statistic('indexing.index_current', 'iic,indexingIndexCurrent', 'number of current indexing ops'),
  ...statistic('indexing.index_time', 'iiti,indexingIndexTime', 'time spent in indexing'),
  ...statistic('indexing.index_total', 'iito,indexingIndexTotal', 'number of indexing ops'),
  ...statistic('indexing.index_failed', 'iif,indexingIndexFailed', 'number of failed indexing ops'),
  ...statistic('merges.current', 'mc,mergesCurrent', 'number of current merges'),
  ...statistic('merges.current_docs', 'mcd,mergesCurrentDocs', 'number of current merging docs'),
  ...statistic('merges.current_size', 'mcs,mergesCurrentSize', 'size of current merges'),
  ...statistic('merges.total', 'mt,mergesTotal', 'number of completed merge ops'),
  ...statistic('merges.total_docs', 'mtd,mergesTotalDocs', 'docs merged'),
  ...statistic('merges.total_size', 'mts,mergesTotalSize', 'size merged'),
  ...statistic('merges.total_time', 'mtt,mergesTotalTime', 'time spent in merges'),
  ...statistic('refresh.total', 'rto,refreshTotal', 'total refreshes'),
  ...statistic('refresh.time', 'rti,refreshTime', 'time spent in refreshes'),
  ...statistic('refresh.external_total', 'rto,refreshTotal', 'total external refreshes'),
  ...statistic('refresh.external_time', 'rti,refreshTime', 'time spent in external refreshes'),
  ...statistic('refresh.listeners', 'rli,refreshListeners', 'number of pending refresh listeners'),
  ...statistic('search.fetch_current', 'sfc,searchFetchCurrent', 'current fetch phase ops'),
  ...statistic('search.fetch_time', 'sfti,searchFetchTime', 'time spent in fetch phase'),
  ...statistic('search.fetch_total', 'sfto,searchFetchTotal', 'total fetch ops'),
  ...statistic('search.open_contexts', 'so,searchOpenContexts', 'open search contexts'),
  ...statistic('search.query_current', 'sqc,searchQueryCurrent', 'current query phase ops'),
  ...statistic('search.query_time', 'sqti,searchQueryTime', 'time spent in query phase'),
  ...statistic('search.query_total', 'sqto,searchQueryTotal', 'total query phase ops'),
  ...statistic('search.scroll_current', 'scc,searchScrollCurrent', 'open scroll contexts'),
  ...statistic('search.scroll_time', 'scti,searchScrollTime', 'time scroll contexts held open'),
  ...statistic('search.scroll_total', 'scto,searchScrollTotal', 'completed scroll contexts'),
  ...statistic('segments.count', 'sc,segmentsCount', 'number of segments'),
  ...statistic('segments.memory', 'sm,segmentsMemory', 'memory used by segments'),
  ...statistic(
    'segments.index_writer_memory',
    'siwm,segmentsIndexWriterMemory',
    'memory used by index writer',
  ),
  ...statistic('segments.version_map_memory', 'svmm,segmentsVersionMapMemory', 'memory used by version map'),
  ...statistic('segments.fixed_bitset_memory', 'sfbm,fixedBitsetMemory', FIXED_BITSET_DESC),
  ...statistic('warmer.current', 'wc,warmerCurrent', 'current warmer ops'),
  ...statistic('warmer.total', 'wto,warmerTotal', 'total warmer ops'),
  ...statistic('warmer.total_time', 'wtt,warmerTotalTime', 'time spent in warmers'),
  ...statistic('suggest.current', 'suc,suggestCurrent', 'number of current suggest ops'),
  ...statistic('suggest.time', 'suti,suggestTime', 'time spend in suggest'),
  ...statistic('suggest.total', 'suto,suggestTotal', 'number of suggest ops'),
  ...statistic('memory.total', 'tm,memoryTotal', 'total used memory', 'total user memory'),
  ['search.throttled', 'alias:sth;default:false;desc:indicates if the index is search throttled'],
  ...statistic('bulk.total_operations', 'bto,bulkTotalOperation', 'number of bulk shard ops'),
  ...statistic('bulk.total_time', 'btti,bulkTotalTime', 'time spend in shard bulk'),
  ...statistic('bulk.total_size_in_bytes', 'btsi,bulkTotalSizeInBytes', 'total size in bytes of shard bulk'),
  ...statistic('bulk.avg_time', 'bati,bulkAvgTime', 'average time spend in shard bulk'),
  ...statistic('bulk.avg_size_in_bytes', 'basi,bulkAvgSizeInBytes', 'average size in bytes of shard bulk'),
]

const INDICES_COLUMNS: readonly CatColumn[] = HEADER.map(([name, attributes]) => esColumn(name, attributes))

const FIRST_STATISTIC = INDICES_COLUMNS.findIndex((column) => column.name === 'completion.size')

const ZERO_BYTES = new ByteSize(0)

/** A statistics column's cell from the index's total and primaries' CommonStats (null: empty). */
type IndexCell = (total: CommonStats | null, primaries: CommonStats | null) => CatValue

function indexCell(name: string): IndexCell {
  if (name === 'search.throttled') return () => 'false'
  if (name === 'memory.total' || name === 'pri.memory.total') return () => ZERO_BYTES
  const primary = name.startsWith('pri.')
  const cell = statsCell(primary ? name.slice('pri.'.length) : name)
  return (total, primaries) => {
    const stats = primary ? primaries : total
    return stats === null ? null : cell(stats)
  }
}

const STATISTICS_CELLS: readonly IndexCell[] = INDICES_COLUMNS.slice(FIRST_STATISTIC).map(({ name }) =>
  indexCell(name),
)

/** `_cat/indices`; `health=` keeps the indices of one health status. */
export function catIndices(
  state: ClusterState,
  indices: readonly IndexService[],
  stats: ReadonlyMap<string, CopyStats>,
  healthFilter: string | undefined,
): CatTable {
  const healths = indicesHealth(state)
  const statsOf = (copies: readonly ShardRouting[]): CommonStats | null => {
    const answered = copies.flatMap((copy) => {
      const copyStats = copy.allocationId === null ? undefined : stats.get(copy.allocationId)
      return copyStats === undefined ? [] : [copyStats.local]
    })
    return answered.length === 0 ? null : sumShardStats(answered)
  }
  const rows: CatValue[][] = []
  for (const index of indices) {
    const { name, uuid, numberOfShards, numberOfReplicas, creationDate } = index.metadata
    const health = healths[name]!.status
    // RestIndicesAction parses `health` (ClusterHealthStatus.fromString) for each index it lists
    if (healthFilter !== undefined && clusterHealthStatusFromString(healthFilter) !== health) continue
    const copies = (state.routingTable[name] ?? []).flat()
    const closed = isClosed(index.metadata)
    const primaries = closed ? null : statsOf(copies.filter((copy) => copy.primary))
    const total = closed ? null : statsOf(copies)
    const store = (sum: CommonStats | null): ByteSize | null =>
      sum === null ? null : new ByteSize(sum.storeBytes)
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
      store(total),
      store(primaries),
      store(total),
      ...STATISTICS_CELLS.map((cell) => cell(total, primaries)),
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
