/**
 * The data-plane transport messages between nodes (ES's indices:data/* and internal:index/shard/*
 * actions): one request union and one response union over the node's `shard` channel. Plain data;
 * an EsException crosses as a WireException. A node that cannot serve a shard request (it holds no such
 * copy, or its copy is not the primary) answers `unavailable`, and the sender retries against the newest
 * cluster state, as ReplicationOperation and TransportSingleShardAction do.
 */
import type { DfsStatistics, ScoreDoc } from '../../../engine-wasm/src/index/index.ts'
import type { WireException } from '../errors/wire-exception.ts'
import type { TasksRequest } from '../tasks/task-manager.ts'
import type { TaskInfo } from '../tasks/task-info.ts'
import type { ShardOperation, StoredDocument } from '../index/shard/index-shard.ts'
import type { SegmentStats } from '../index/shard/shard-segments.ts'
import type { RecoveryState } from '../indices/recovery-state.ts'
import type { ShardCounterValues } from '../index/shard/shard-counters.ts'
import type { Explanation } from '../search/explain/index.ts'
import type { ShardSearchRequest, ShardSearchResult } from '../search/shard-search.ts'
import type { ShardQuerySource } from '../search/index-query-context.ts'
import type { TermVectorsResult } from './term-vectors.ts'
import type { RefreshPolicy, ShardInfo, ShardItemResult, ShardWriteItem } from './doc-write.ts'
import type { ProfileResult } from '../search/profile/profile-result.ts'
import type { RepositoryMetadata } from '../repositories/repositories-metadata.ts'
import type { SliceBuilder } from '../search/slice/slice-builder.ts'

export interface ShardTarget {
  index: string
  uuid: string
  shard: number
}

export type ShardRequest =
  /** indices:data/write/bulk[s][p] */
  | (ShardTarget & { type: 'write_primary'; items: ShardWriteItem[]; refresh: RefreshPolicy })
  /**
   * indices:data/write/bulk[s][r]: to the copy with this allocation id, in the primary's term, with the
   * primary's global checkpoint.
   */
  | (ShardTarget & {
      type: 'write_replica'
      allocationId: string
      primaryTerm: number
      globalCheckpoint: number
      operations: ShardOperation[]
      refresh: RefreshPolicy
    })
  /**
   * internal:index/seq_no/resync[r]: a new primary's operations above its global checkpoint, to the copy with
   * this allocation id; every sequence number up to `maxSeqNo` (trimAboveSeqNo) is covered by them.
   */
  | (ShardTarget & {
      type: 'resync'
      allocationId: string
      primaryTerm: number
      globalCheckpoint: number
      maxSeqNo: number
      operations: ShardOperation[]
    })
  /**
   * indices:data/read/get[s]: realtime (the version map first), or from the last refreshed searcher, after a refresh
   * of the copy when `refresh` asks one (ShardGetService; `refresh` counts only when not realtime).
   */
  | (ShardTarget & { type: 'get'; id: string; realtime: boolean; refresh: boolean })
  /** The documents a query matches in a copy's last refreshed view, in `_doc` order (a scroll's pages). */
  | (ShardTarget & {
      type: 'scan'
      /** The query the copy builds (index-query-context.ts). */
      source: ShardQuerySource
      /** A sliced scroll's TermsSliceQuery on `_id` (search/slice/slice-builder.ts); absent: every match. */
      slice?: SliceBuilder
    })
  /** indices:data/read/search[phase/dfs]: the statistics the query's scoring asks for on the copy */
  | (ShardTarget & { type: 'dfs' } & ShardSearchRequest)
  /** indices:data/read/search[phase/query] (with the fetch folded in; after a DFS phase, with its sums) */
  | (ShardTarget & { type: 'search' } & ShardSearchRequest)
  /**
   * indices:data/read/search[phase/query/scroll]: the next page of the scroll context `id` of this node's session
   * `sessionId`; its keep alive renewed when `keepAlive` (ms) is given.
   */
  | { type: 'scroll'; sessionId: string; id: number; keepAlive: number | null; selfAdvance: boolean }
  /** The scroll's fetch phase (ShardFetchRequest.lastEmittedDoc): the page took `emitted` more of the context's documents. */
  | { type: 'scroll_emitted'; sessionId: string; id: number; emitted: number }
  /**
   * indices:data/read/open_reader_context: a point in time's reader context on the copy, with this keep alive
   * (ms); with an `indexFilter` (a query's JSON), none is opened when no document of the copy matches it.
   */
  | (ShardTarget & {
      type: 'open_reader_context'
      keepAlive: number
      indexFilter: string | null
      now: number
    })
  /** indices:data/read/search[free_context] */
  | { type: 'free_context'; sessionId: string; id: number }
  /** indices:data/read/search[clear_scroll_contexts]: every scroll context of the node */
  | { type: 'free_all_scrolls' }
  /** indices:data/read/tv[s]: the term vectors of the document with this `_id` for the `fields` selected */
  | (ShardTarget & { type: 'termvectors'; id: string; fields: string[] | null })
  /**
   * indices:data/read/explain[s]: the query's explanation for the document with this `_id`; with `withDocument`,
   * the document itself from the same searcher (its `get` section)
   */
  | (ShardTarget & { type: 'explain'; id: string; source: ShardQuerySource; withDocument: boolean })
  /** indices:admin/refresh[s] */
  | (ShardTarget & { type: 'refresh' })
  /** indices:admin/flush[s] */
  | (ShardTarget & { type: 'flush' })
  /**
   * internal:cluster/snapshot/snapshot_shard on the primary: the copy is flushed (IndexShard.acquireLastIndexCommit
   * with flushFirst) and its committed documents answered
   */
  | (ShardTarget & { type: 'snapshot_shard' })
  /** internal:admin/repository/verify: this node's check of the repository's test blob `tests-<seed>/master.dat` */
  | { type: 'verify_repository'; repository: RepositoryMetadata; seed: string }
  /** indices:admin/forcemerge (one copy); maxNumSegments null: only the merges the policy asks for */
  | (ShardTarget & {
      type: 'force_merge'
      maxNumSegments: number | null
      onlyExpungeDeletes: boolean
      flush: boolean
    })
  /** indices:monitor/segments (one copy) */
  | (ShardTarget & { type: 'segments' })
  /**
   * indices:admin/reload_analyzers, once per node holding a copy of the index: the index's search analyzers
   * reloaded for `resource` (a synonyms set id; null: all), or only listed when `preview`, once this node applied
   * the cluster state of version `stateVersion` (the sets the sender saw)
   */
  | (ShardTarget & {
      type: 'reload_analyzers'
      resource: string | null
      preview: boolean
      stateVersion: number
    })
  /** indices:monitor/recovery (one copy, initializing ones too) */
  | (ShardTarget & { type: 'recovery_state' })
  /** internal:index/shard/recovery/start_recovery, to the primary */
  | (ShardTarget & { type: 'start_recovery'; targetAllocationId: string })
  /** internal:index/shard/recovery/handoff_primary_context, to a relocating primary from its target */
  | (ShardTarget & { type: 'relocation_handoff'; targetAllocationId: string })
  /** indices:monitor/stats on one node: every copy it holds */
  | { type: 'shard_stats' }
  /**
   * cluster:monitor/tasks/lists[n]: the node's matching tasks (tasks/task-manager.ts); `parentTask`: the `GET _tasks`
   * task it runs under (`<node id>:<number>`), null when the coordinating node looks up one task
   */
  | { type: 'list_tasks'; request: TasksRequest; parentTask: string | null }
  /** cluster:admin/tasks/cancel[n]: the node's matching tasks cancelled */
  | { type: 'cancel_tasks'; request: TasksRequest; reason: string }
  /** cluster:admin/reindex/rethrottle[n]: the node's matching by-query tasks rethrottled (Infinity: unlimited) */
  | { type: 'rethrottle_tasks'; request: TasksRequest; requestsPerSecond: number }

/**
 * What peer recovery sends a recovering copy: each id's latest operation on the primary, the primary's local
 * checkpoint (every sequence number up to it is covered by them), its global checkpoint and its term.
 */
export interface RecoverySnapshot {
  operations: ShardOperation[]
  localCheckpoint: number
  globalCheckpoint: number
  primaryTerm: number
}

export type ItemOutcome = { ok: true; value: ShardItemResult } | { ok: false; error: WireException }

export interface LocalShardStats {
  index: string
  shard: number
  allocationId: string
  docs: number
  deleted: number
  storeBytes: number
  /** The segments of the copy's searcher. */
  segments: number
  /** The copy's open scroll and point-in-time reader contexts (SearchStats' open_contexts). */
  openContexts: number
  counters: ShardCounterValues
  /** SeqNoStats: the copy's max_seq_no, local_checkpoint and global_checkpoint. */
  seqNo: { maxSeqNo: number; localCheckpoint: number; globalCheckpoint: number }
}

export type ShardResponse =
  | { type: 'write_primary'; items: ItemOutcome[]; shards: ShardInfo; forcedRefresh: boolean }
  | { type: 'ack' }
  | { type: 'get'; doc: StoredDocument | null }
  | { type: 'scan'; docs: StoredDocument[] }
  | ({ type: 'recovery' } & RecoverySnapshot)
  /** A replica's answer to a write or a resync (ReplicaResponse): its local checkpoint. */
  | { type: 'replica'; localCheckpoint: number }
  /** Every started copy of the node `node` (its id), as of `timestamp` (the node's clock). */
  | { type: 'shard_stats'; node: string; timestamp: number; shards: LocalShardStats[] }
  | { type: 'segments'; segments: SegmentStats[] }
  /** The names of the analyzers a reload reached (TransportReloadAnalyzersAction.ReloadResult). */
  | { type: 'analyzers_reloaded'; analyzers: string[] }
  /** VerifyNodeRepositoryAction: the node (id and name) and the failure it met, or null. */
  | { type: 'repository_verified'; node: string; name: string; failure: string | null }
  /** The primary's committed documents in seq_no order, with the commit's files (segments) and their bytes. */
  | { type: 'shard_snapshot'; docs: StoredDocument[]; maxSeqNo: number; files: number; bytes: number }
  /** The copy's RecoveryState, null when it has none (not recovering here yet). */
  | { type: 'recovery_state'; recovery: RecoveryState | null }
  /**
   * The search's shard result, from the node `node` (its id); of a scroll, with its reader context and (for a page
   * after the first) the search request it runs.
   */
  | {
      type: 'search'
      node: string
      result: ShardSearchResult
      reader?: { sessionId: string; id: number }
      request?: { body: string | null; params: Array<[string, string]> }
    }
  /** The reader context a point in time opened on the node `node`, or null when the index filter skipped it. */
  | { type: 'reader_opened'; node: string; reader: { sessionId: string; id: number } | null }
  /** SearchFreeContextResponse: whether the context was freed. */
  | { type: 'freed'; freed: boolean }
  /** The shard's DFS phase result (DfsSearchResult), from the node `node` (its id); with `profile`, its profile. */
  | { type: 'dfs'; node: string; result: DfsStatistics; knn: ScoreDoc[][]; profile?: ProfileResult }
  /** The shard's DFS or query phase failed. */
  | { type: 'search_failed'; node: string; error: WireException }
  | { type: 'termvectors'; result: TermVectorsResult }
  /** null: the document is not in the copy's searcher; `doc` only when the request asked `withDocument`. */
  | { type: 'explain'; explanation: Explanation | null; doc?: StoredDocument }
  | { type: 'unavailable'; reason: string }
  /** A node's part of the tasks APIs: its tasks' TaskInfo, or the exception its part failed with. */
  | { type: 'tasks'; tasks: TaskInfo[] }
  | { type: 'tasks_failed'; error: WireException }
