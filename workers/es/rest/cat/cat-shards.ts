/**
 * `_cat/shards` (RestShardsAction, ES 8.17): a row per copy of every shard of the requested indices, in routing table
 * order (the primary first), with ES's 80 columns: names, aliases, alignment, defaults and descriptions as
 * getTableWithHeader declares them (RestShardsAction's own slips kept: `refresh.external_total` and
 * `refresh.external_time` repeat the aliases of `refresh.total` and `refresh.time`, so `h=rto` names the external
 * one, as buildDisplayHeaders keeps the last match).
 * A copy's statistics come from what its node answered (CopyStats: docs, store, the ShardCounters, segments and
 * SeqNoStats); a copy without them (unassigned, or its node did not answer) has every statistics cell empty, as
 * ES's getOrNull leaves it. The cells it shares with `_cat/indices` are common-stats-cells.ts'; of its own,
 * `path.data` and `path.state` are the node's data path (ShardPath's root paths), `sync_id` is empty, as ES 8's
 * commits have none, and `refresh.is_search_idle` is empty (no search-idle shards here).
 */
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import type { ShardRouting } from '../../cluster/state/shard-routing.ts'
import type { IndexService } from '../../index/index-service.ts'
import type { LocalShardStats } from '../../action/shard-messages.ts'
import { NODE_DATA_PATH } from '../../cluster/allocation/cluster-info.ts'
import { TimeCell } from './time-cell.ts'
import { esColumn, type CatColumn, type CatTable, type CatValue } from './rest-table.ts'
import { statsCell } from './common-stats-cells.ts'
import type { CopyStats } from './shard-stats.ts'
import { NODE_IP } from './cat-indices.ts'

/** RestShardsAction.getTableWithHeader's cells, as [name, attributes]. */
const HEADER: ReadonlyArray<readonly [string, string]> = [
  ['index', 'default:true;alias:i,idx;desc:index name'],
  ['shard', 'default:true;alias:s,sh;desc:shard name'],
  ['prirep', 'alias:p,pr,primaryOrReplica;default:true;desc:primary or replica'],
  ['state', 'default:true;alias:st;desc:shard state'],
  ['docs', 'alias:d,dc;text-align:right;desc:number of docs in shard'],
  ['store', 'alias:sto;text-align:right;desc:store size of shard (how much disk it uses)'],
  ['dataset', 'text-align:right;desc:total size of dataset'],
  ['ip', 'default:true;desc:ip of node where it lives'],
  ['id', 'default:false;desc:unique id of node where it lives'],
  ['node', 'default:true;alias:n;desc:name of node where it lives'],
  ['sync_id', 'alias:sync_id;default:false;desc:sync id'],
  ['unassigned.reason', 'alias:ur;default:false;desc:reason shard became unassigned'],
  ['unassigned.at', 'alias:ua;default:false;desc:time shard became unassigned (UTC)'],
  ['unassigned.for', 'alias:uf;default:false;text-align:right;desc:time has been unassigned'],
  [
    'unassigned.details',
    'alias:ud;default:false;desc:additional details as to why the shard became unassigned',
  ],
  ['recoverysource.type', 'alias:rs;default:false;desc:recovery source type'],
  ['completion.size', 'alias:cs,completionSize;default:false;text-align:right;desc:size of completion'],
  [
    'fielddata.memory_size',
    'alias:fm,fielddataMemory;default:false;text-align:right;desc:used fielddata cache',
  ],
  [
    'fielddata.evictions',
    'alias:fe,fielddataEvictions;default:false;text-align:right;desc:fielddata evictions',
  ],
  [
    'query_cache.memory_size',
    'alias:qcm,queryCacheMemory;default:false;text-align:right;desc:used query cache',
  ],
  [
    'query_cache.evictions',
    'alias:qce,queryCacheEvictions;default:false;text-align:right;desc:query cache evictions',
  ],
  ['flush.total', 'alias:ft,flushTotal;default:false;text-align:right;desc:number of flushes'],
  ['flush.total_time', 'alias:ftt,flushTotalTime;default:false;text-align:right;desc:time spent in flush'],
  ['get.current', 'alias:gc,getCurrent;default:false;text-align:right;desc:number of current get ops'],
  ['get.time', 'alias:gti,getTime;default:false;text-align:right;desc:time spent in get'],
  ['get.total', 'alias:gto,getTotal;default:false;text-align:right;desc:number of get ops'],
  [
    'get.exists_time',
    'alias:geti,getExistsTime;default:false;text-align:right;desc:time spent in successful gets',
  ],
  [
    'get.exists_total',
    'alias:geto,getExistsTotal;default:false;text-align:right;desc:number of successful gets',
  ],
  [
    'get.missing_time',
    'alias:gmti,getMissingTime;default:false;text-align:right;desc:time spent in failed gets',
  ],
  [
    'get.missing_total',
    'alias:gmto,getMissingTotal;default:false;text-align:right;desc:number of failed gets',
  ],
  [
    'indexing.delete_current',
    'alias:idc,indexingDeleteCurrent;default:false;text-align:right;desc:number of current deletions',
  ],
  [
    'indexing.delete_time',
    'alias:idti,indexingDeleteTime;default:false;text-align:right;desc:time spent in deletions',
  ],
  [
    'indexing.delete_total',
    'alias:idto,indexingDeleteTotal;default:false;text-align:right;desc:number of delete ops',
  ],
  [
    'indexing.index_current',
    'alias:iic,indexingIndexCurrent;default:false;text-align:right;desc:number of current indexing ops',
  ],
  [
    'indexing.index_time',
    'alias:iiti,indexingIndexTime;default:false;text-align:right;desc:time spent in indexing',
  ],
  [
    'indexing.index_total',
    'alias:iito,indexingIndexTotal;default:false;text-align:right;desc:number of indexing ops',
  ],
  [
    'indexing.index_failed',
    'alias:iif,indexingIndexFailed;default:false;text-align:right;desc:number of failed indexing ops',
  ],
  ['merges.current', 'alias:mc,mergesCurrent;default:false;text-align:right;desc:number of current merges'],
  [
    'merges.current_docs',
    'alias:mcd,mergesCurrentDocs;default:false;text-align:right;desc:number of current merging docs',
  ],
  [
    'merges.current_size',
    'alias:mcs,mergesCurrentSize;default:false;text-align:right;desc:size of current merges',
  ],
  ['merges.total', 'alias:mt,mergesTotal;default:false;text-align:right;desc:number of completed merge ops'],
  ['merges.total_docs', 'alias:mtd,mergesTotalDocs;default:false;text-align:right;desc:docs merged'],
  ['merges.total_size', 'alias:mts,mergesTotalSize;default:false;text-align:right;desc:size merged'],
  ['merges.total_time', 'alias:mtt,mergesTotalTime;default:false;text-align:right;desc:time spent in merges'],
  ['refresh.total', 'alias:rto,refreshTotal;default:false;text-align:right;desc:total refreshes'],
  ['refresh.time', 'alias:rti,refreshTime;default:false;text-align:right;desc:time spent in refreshes'],
  [
    'refresh.external_total',
    'alias:rto,refreshTotal;default:false;text-align:right;desc:total external refreshes',
  ],
  [
    'refresh.external_time',
    'alias:rti,refreshTime;default:false;text-align:right;desc:time spent in external refreshes',
  ],
  [
    'refresh.listeners',
    'alias:rli,refreshListeners;default:false;text-align:right;desc:number of pending refresh listeners',
  ],
  [
    'search.fetch_current',
    'alias:sfc,searchFetchCurrent;default:false;text-align:right;desc:current fetch phase ops',
  ],
  [
    'search.fetch_time',
    'alias:sfti,searchFetchTime;default:false;text-align:right;desc:time spent in fetch phase',
  ],
  ['search.fetch_total', 'alias:sfto,searchFetchTotal;default:false;text-align:right;desc:total fetch ops'],
  [
    'search.open_contexts',
    'alias:so,searchOpenContexts;default:false;text-align:right;desc:open search contexts',
  ],
  [
    'search.query_current',
    'alias:sqc,searchQueryCurrent;default:false;text-align:right;desc:current query phase ops',
  ],
  [
    'search.query_time',
    'alias:sqti,searchQueryTime;default:false;text-align:right;desc:time spent in query phase',
  ],
  [
    'search.query_total',
    'alias:sqto,searchQueryTotal;default:false;text-align:right;desc:total query phase ops',
  ],
  [
    'search.scroll_current',
    'alias:scc,searchScrollCurrent;default:false;text-align:right;desc:open scroll contexts',
  ],
  [
    'search.scroll_time',
    'alias:scti,searchScrollTime;default:false;text-align:right;desc:time scroll contexts held open',
  ],
  [
    'search.scroll_total',
    'alias:scto,searchScrollTotal;default:false;text-align:right;desc:completed scroll contexts',
  ],
  ['segments.count', 'alias:sc,segmentsCount;default:false;text-align:right;desc:number of segments'],
  ['segments.memory', 'alias:sm,segmentsMemory;default:false;text-align:right;desc:memory used by segments'],
  [
    'segments.index_writer_memory',
    'alias:siwm,segmentsIndexWriterMemory;default:false;text-align:right;desc:memory used by index writer',
  ],
  [
    'segments.version_map_memory',
    'alias:svmm,segmentsVersionMapMemory;default:false;text-align:right;desc:memory used by version map',
  ],
  [
    'segments.fixed_bitset_memory',
    'alias:sfbm,fixedBitsetMemory;default:false;text-align:right;desc:memory used by fixed bit sets for nested object' +
      ' field types and type filters for types referred in _parent fields',
  ],
  ['seq_no.max', 'alias:sqm,maxSeqNo;default:false;text-align:right;desc:max sequence number'],
  [
    'seq_no.local_checkpoint',
    'alias:sql,localCheckpoint;default:false;text-align:right;desc:local checkpoint',
  ],
  [
    'seq_no.global_checkpoint',
    'alias:sqg,globalCheckpoint;default:false;text-align:right;desc:global checkpoint',
  ],
  ['warmer.current', 'alias:wc,warmerCurrent;default:false;text-align:right;desc:current warmer ops'],
  ['warmer.total', 'alias:wto,warmerTotal;default:false;text-align:right;desc:total warmer ops'],
  [
    'warmer.total_time',
    'alias:wtt,warmerTotalTime;default:false;text-align:right;desc:time spent in warmers',
  ],
  ['path.data', 'alias:pd,dataPath;default:false;text-align:right;desc:shard data path'],
  ['path.state', 'alias:ps,statsPath;default:false;text-align:right;desc:shard state path'],
  [
    'refresh.is_search_idle',
    'alias:rsi,refreshSearchIdle;default:false;text-align:right;desc:shard idle state',
  ],
  [
    'bulk.total_operations',
    'alias:bto,bulkTotalOperations;default:false;text-align:right;desc:number of bulk shard ops',
  ],
  [
    'bulk.total_time',
    'alias:btti,bulkTotalTime;default:false;text-align:right;desc:time spend in shard bulk',
  ],
  [
    'bulk.total_size_in_bytes',
    'alias:btsi,bulkTotalSizeInBytes;default:false;text-align:right;desc:total size in bytes of shard bulk',
  ],
  [
    'bulk.avg_time',
    'alias:bati,bulkAvgTime;default:false;text-align:right;desc:average time spend in shard bulk',
  ],
  [
    'bulk.avg_size_in_bytes',
    'alias:basi,bulkAvgSizeInBytes;default:false;text-align:right;desc:avg size in bytes of shard bulk',
  ],
  [
    'dense_vector.value_count',
    'alias:dvc,denseVectorCount;default:false;text-align:right;desc:number of indexed dense vectors in shard',
  ],
  [
    'sparse_vector.value_count',
    'alias:svc,sparseVectorCount;default:false;text-align:right;desc:number of indexed sparse vectors in shard',
  ],
]

const SHARDS_COLUMNS: readonly CatColumn[] = HEADER.map(([name, attributes]) => esColumn(name, attributes))

/** RestShardsAction's node cell: a relocating copy's node, `->` and its target's address, id and name. */
function catNodeName(state: ClusterState, copy: ShardRouting): string | null {
  const name = (id: string | null): string | null => state.nodes.find((node) => node.id === id)?.name ?? null
  if (copy.relocatingNodeId === null) return name(copy.nodeId)
  return `${name(copy.nodeId)} -> ${NODE_IP} ${copy.relocatingNodeId} ${name(copy.relocatingNodeId)}`
}

/** The cells RestShardsAction reads from a copy's ShardStats rather than its CommonStats. */
const COPY_CELLS: ReadonlyMap<string, (stats: LocalShardStats) => CatValue> = new Map<
  string,
  (stats: LocalShardStats) => CatValue
>([
  ['seq_no.max', (stats) => stats.seqNo.maxSeqNo],
  ['seq_no.local_checkpoint', (stats) => stats.seqNo.localCheckpoint],
  ['seq_no.global_checkpoint', (stats) => stats.seqNo.globalCheckpoint],
  ['path.data', () => NODE_DATA_PATH],
  ['path.state', () => NODE_DATA_PATH],
  ['refresh.is_search_idle', () => null],
])

/** The statistics columns: from `completion.size` to the end. */
const STATISTICS_CELLS = SHARDS_COLUMNS.slice(
  SHARDS_COLUMNS.findIndex((column) => column.name === 'completion.size'),
).map(({ name }) => COPY_CELLS.get(name) ?? statsCell(name))

const NO_STATISTICS: readonly CatValue[] = STATISTICS_CELLS.map(() => null)

/** `_cat/shards`: every copy of every shard of `indices`; `now` dates `unassigned.for`. */
export function catShards(
  state: ClusterState,
  indices: readonly IndexService[],
  stats: ReadonlyMap<string, CopyStats>,
  now: number,
): CatTable {
  const rows: CatValue[][] = []
  for (const index of indices) {
    for (const copies of state.routingTable[index.metadata.name] ?? []) {
      for (const copy of copies) {
        const assigned = copy.state !== 'UNASSIGNED'
        const shard = copy.allocationId === null ? undefined : stats.get(copy.allocationId)
        const info = copy.unassignedInfo
        rows.push([
          copy.index,
          copy.shard,
          copy.primary ? 'p' : 'r',
          copy.state,
          shard?.docs ?? null,
          shard?.store ?? null,
          shard?.store ?? null,
          assigned ? NODE_IP : null,
          assigned ? copy.nodeId : null,
          assigned ? catNodeName(state, copy) : null,
          null,
          info?.reason ?? null,
          info ? new Date(info.at).toISOString() : null,
          info ? TimeCell.ofMillis(Math.max(0, now - info.at)) : null,
          info?.details ?? null,
          copy.recoverySource?.toLowerCase() ?? null,
          ...(shard === undefined ? NO_STATISTICS : STATISTICS_CELLS.map((cell) => cell(shard.local))),
        ])
      }
    }
  }
  return { columns: SHARDS_COLUMNS, rows }
}
