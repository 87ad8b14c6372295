/**
 * IndexShard: one shard copy's documents. Writes go to the live version map at once (a GET by id is
 * realtime) and are inverted at once into the copy's open in-memory segment (a FlushDictionary, as Lucene's
 * DocumentsWriterPerThread inverts each document as it is added), at provisional doc ids from the searcher's
 * maxDoc on, one per indexed document in the order applied. Only the document itself is kept until the refresh.
 * A refresh seals that buffer into one new segment of the WASM inverted index, and only then do searches see
 * its documents (near-real-time search). A buffered document that a later operation on its `_id` replaced or
 * deleted before the refresh is a delete inside the new segment (Lucene applies buffered deletes by term the
 * same way), so an `_id` has at most one live document; the searched document an operation replaced is deleted
 * at the same refresh. A document with nested objects is one block of Lucene documents (its nested documents, then
 * itself: IndexWriter.updateDocuments), inverted at consecutive doc ids and replaced or deleted as a whole; its
 * nested documents keep no stored fields (an empty record, searcher-docs.ts). The refresh writes the buffered documents into one block of stored fields bytes
 * (searcher-docs.ts) and drops their version map entries, as ES prunes its LiveVersionMap on refresh: from then on
 * GET, versions and seq_no checks read the searcher's stored fields (a document decoded only when read); the
 * version map keeps what is not refreshed and the tombstones.
 *
 * Each refresh with changes flushes one new Lucene segment, then drops fully deleted segments and runs the
 * merges the merge policy asks for (shard-segments.ts); forceMerge merges on request. A flush is a Lucene
 * commit: takeCommit snapshots the segments, their live docs and stored fields and the commit user data
 * (shard-commit.ts) for the store to write (workers/es/indices/shard-store.ts); restoreCommit rebuilds a new
 * copy from the last commit without analysing its documents again, and the translog replays the rest.
 *
 * Invariants: seq_no grows by one per operation (index or delete, including a delete of a missing
 * document); the primary's caller gives each operation its version from currentVersion (the document's, else its
 * tombstone's while the tombstone is younger than index.gc_deletes, 60 s) and the request's version type
 * (index/version-type.ts: one more under internal versioning, the request's own under external), and copies,
 * translog and recovery carry that version as it is; the searcher view (searcher-docs.ts) maps
 * every live Lucene doc id of the inverted index to the document it holds; provisional doc ids run from the
 * searcher's maxDoc on, which nothing changes while the buffer is open (a merge runs only right after a refresh),
 * and become the new segment's doc ids as they are, so no id below maxDoc is an empty "live" document that
 * match_all would count; a merge renumbers them, and the view follows its doc map. A document whose inversion
 * fails part way keeps its provisional doc id and is deleted at the refresh (Lucene's DWPT deletes a document
 * that hit a non-aborting exception); the operation changes nothing else.
 */
import type { FlushDictionary, InvertedIndex } from '../../../../engine-wasm/src/index/index.ts'
import type { ShardRouting } from '../../cluster/state/shard-routing.ts'
import { ReplicaHistory, type HistoryEntry, type RollbackTarget } from '../seqno/replica-history.ts'
import { ReplicationTracker } from '../seqno/replication-tracker.ts'
import { LocalCheckpointTracker } from './local-checkpoint-tracker.ts'
import { SearcherDocs } from './searcher-docs.ts'
import { SearcherPins, type AcquiredSearcher, type ShardSearcher } from './shard-searcher.ts'
import type {
  CommitPoint,
  CommitSegment,
  CommitTombstone,
  SegmentFiles,
  SegmentReads,
  ShardCommit,
} from './shard-commit.ts'
import { ShardSegments, type SegmentStats } from './shard-segments.ts'
import { ShardCounters } from './shard-counters.ts'
import { openStoredFields, type StoredFieldsReader } from './stored-fields.ts'
import { LiveVersionMap, type LiveEntry } from './live-version-map.ts'
import type { RecoveryState } from '../../indices/recovery-state.ts'
import { NOT_FOUND } from '../version-type.ts'
import {
  idOf,
  seqNoOf,
  type ShardOperation,
  type StoredDocument,
  type WriteResult,
  type CurrentVersion,
  type VersionPlan,
} from './shard-operation.ts'

export {
  idOf,
  seqNoOf,
  type ShardOperation,
  type StoredDocument,
  type WriteResult,
  type CurrentVersion,
  type VersionPlan,
} from './shard-operation.ts'

const GC_DELETES_MS = 60_000

/**
 * Inverts a document into the shard's open buffer as the block of (provisional) documents from `docId` on (its nested
 * documents, then itself); answers how many documents the block has.
 */
export type AnalyzeDocument = (docId: number, flush: FlushDictionary) => number

export class IndexShard implements ShardSearcher {
  private readonly live = new LiveVersionMap()
  private readonly docs: SearcherDocs
  private readonly segments: ShardSegments
  /** The searchers acquired on this copy's view (scroll and point-in-time contexts). */
  private readonly pins: SearcherPins
  /** The open in-memory segment: the inverted buffered documents (null while none is). */
  private buffer: FlushDictionary | null = null
  /** The buffered documents by provisional doc id, from the searcher's maxDoc on (null: a nested document). */
  private buffered: Array<StoredDocument | null> = []
  /** Provisional doc ids deleted inside the buffer (replaced, deleted or failed before the refresh). */
  private bufferDeletes: number[] = []
  /** The `_id`s of the operations applied since the last refresh, each once, in the order first applied. */
  private highestSeqNo = -1
  private checkpoints = new LocalCheckpointTracker()
  private lastRefresh: number
  private closed = false
  /**
   * Set by IndicesService: stores a commit of this copy (flush). Without it (a copy with no store) a flush
   * commits in memory only.
   */
  onFlush: ((shard: IndexShard) => void) | null = null
  /** The operation primary term: new operations get it; a promotion raises it. */
  primaryTerm = 1
  /** This copy's entry in the applied routing table: its allocation id, primary flag and state. */
  routing: ShardRouting | null = null
  /** False while the copy recovers: it takes replicated writes but serves no reads. */
  recovered = false
  /** How this copy was last recovered (indices/recovery-state.ts), for `_cat/recovery`. */
  recoveryState: RecoveryState | null = null
  /** On a primary: the recovering replicas (allocation ids) that already receive its writes. */
  readonly tracked = new Set<string>()
  /** The global checkpoint, the copies' local checkpoints (on a primary) and the operation term. */
  readonly replicationTracker = new ReplicationTracker()
  /** On a replica: the operations above the global checkpoint, to roll back (seqno/replica-history.ts). */
  private readonly history = new ReplicaHistory()
  /** What the stats APIs show of this copy's work (shard-counters.ts). */
  readonly counters = new ShardCounters()

  constructor(
    readonly shardId: number,
    private readonly index: InvertedIndex,
    now: number,
  ) {
    this.lastRefresh = now
    this.docs = new SearcherDocs(findLiveIn(index), index.storedFieldsCompressor)
    this.segments = new ShardSegments(index, this.docs, this.counters)
    this.pins = new SearcherPins(this, () => {
      const copy = index.copy(this.docs.deletedIn(0, this.docs.maxDoc))
      return { index: copy, docs: this.docs.snapshot(findLiveIn(copy)) }
    })
  }

  /** A searcher of this copy's current view that stays as it is until closed (shard-searcher.ts). */
  acquireSearcher(): AcquiredSearcher {
    return this.pins.acquire()
  }

  /** True once the copy is closed: its index is freed and nothing it was doing may be stored any more. */
  get isClosed(): boolean {
    return this.closed
  }

  /** True while operations wait for a refresh to become searchable. */
  get hasPendingOperations(): boolean {
    return this.live.pendingIds.length > 0
  }

  /** The highest sequence number this copy holds (-1 when empty). */
  get maxSeqNo(): number {
    return this.highestSeqNo
  }

  get localCheckpoint(): number {
    return this.checkpoints.checkpoint
  }

  /** The current document with this `_id` (a realtime GET): the version map's, else the searcher's. */
  get(id: string): StoredDocument | null {
    const entry = this.live.get(id)
    return entry ? entry.doc : this.getFromSearcher(id)
  }

  /** The document with this `_id` as of the last refresh (a GET with `realtime=false`). */
  getFromSearcher(id: string): StoredDocument | null {
    const docId = this.docs.docId(id)
    return docId === undefined ? null : (this.docs.get(docId) ?? null)
  }

  /**
   * The current version of this `_id` as InternalEngine.resolveDocVersion finds it: its document's, else its tombstone's
   * while that is younger than gc_deletes (`deleted`), else NOT_FOUND (deleted too). One look-up in the version map, and
   * in the searcher only when the map has no entry.
   */
  currentVersion(id: string, now: number): CurrentVersion {
    const entry = this.live.get(id)
    if (!entry) {
      const docId = this.docs.docId(id)
      return docId === undefined
        ? { version: NOT_FOUND, deleted: true }
        : { version: this.docs.version(docId), deleted: false }
    }
    if (entry.doc) return { version: entry.doc.version, deleted: false }
    return { version: now - entry.deletedAt < GC_DELETES_MS ? entry.version : NOT_FOUND, deleted: true }
  }

  /**
   * Indexes (creates or replaces) a document whose fields are already analysed, with the version `plan` gives it;
   * `storedFields`: its fields mapped with `store: true` (StoredDocument.storedFields), kept with it but not in the
   * operation.
   */
  indexDocument(
    id: string,
    source: string,
    routing: string | null,
    analyzed: AnalyzeDocument,
    now: number,
    plan: VersionPlan,
    storedFields?: string,
  ): { write: WriteResult; operation: ShardOperation } {
    const doc: StoredDocument = {
      id,
      source,
      routing,
      version: plan.version,
      seqNo: this.highestSeqNo + 1,
      primaryTerm: this.primaryTerm,
    }
    const operation: ShardOperation = { op: 'index', doc }
    this.apply(operation, analyzed, now, storedFields)
    return {
      write: {
        result: plan.existed ? 'updated' : 'created',
        version: doc.version,
        seqNo: doc.seqNo,
        primaryTerm: doc.primaryTerm,
      },
      operation,
    }
  }

  /** Deletes a document (or records the delete of a missing one) with the version `plan` gives it. */
  deleteDocument(
    id: string,
    now: number,
    plan: VersionPlan,
  ): { write: WriteResult; operation: ShardOperation } {
    const { existed, version } = plan
    const seqNo = ++this.highestSeqNo
    const operation: ShardOperation = { op: 'delete', id, version, seqNo, primaryTerm: this.primaryTerm }
    this.apply(operation, null, now)
    return {
      write: { result: existed ? 'deleted' : 'not_found', version, seqNo, primaryTerm: this.primaryTerm },
      operation,
    }
  }

  /**
   * Applies an operation, fresh or replayed from the translog: an index operation's document is inverted into
   * the open buffer by `analyzed` first; when that throws, the operation changes nothing but a deleted
   * provisional doc id, and the error goes on to the caller. The document is kept with `storedFields` (its fields
   * mapped with `store: true`, parsed from its source on every copy) when it has any.
   */
  apply(
    operation: ShardOperation,
    analyzed: AnalyzeDocument | null,
    now: number,
    storedFields?: string,
  ): void {
    const id = idOf(operation)
    const seqNo = seqNoOf(operation)
    let entry: LiveEntry
    if (operation.op === 'index') {
      if (!analyzed) throw new Error(`index operation on [${id}] without its analysis`)
      const blockStart = this.docs.maxDoc + this.buffered.length
      const doc = storedFields === undefined ? operation.doc : { ...operation.doc, storedFields }
      const docId = this.invert(doc, analyzed)
      entry = {
        doc,
        deletedAt: 0,
        seqNo,
        version: operation.doc.version,
        buffered: docId,
        blockStart,
        pending: false,
      }
    } else {
      entry = {
        doc: null,
        deletedAt: now,
        seqNo,
        version: operation.version,
        buffered: -1,
        blockStart: -1,
        pending: false,
      }
    }
    this.recordHistory(operation, false, now)
    this.place(id, entry)
    this.highestSeqNo = Math.max(this.highestSeqNo, seqNo)
    this.checkpoints.markProcessed(seqNo)
  }

  /** Makes `entry` the version map's entry of `id`; a buffered block it replaces is deleted in the buffer. */
  private place(id: string, entry: LiveEntry): void {
    const replaced = this.live.place(id, entry)
    if (replaced !== undefined && replaced.buffered >= 0)
      for (let d = replaced.blockStart; d <= replaced.buffered; d++) this.bufferDeletes.push(d)
  }

  /**
   * Inverts `doc`'s block into the open buffer from the next provisional doc id on; answers the doc id of `doc`
   * itself (the block's last). When inverting fails, every document the block started is deleted (the last one
   * started keeps `doc`'s stored fields).
   */
  private invert(doc: StoredDocument, analyzed: AnalyzeDocument): number {
    const first = this.docs.maxDoc + this.buffered.length
    const buffer = (this.buffer ??= this.index.newFlush())
    let count: number
    try {
      count = analyzed(first, buffer)
    } catch (error) {
      for (let d = first; d <= buffer.lastAdded; d++) {
        this.buffered.push(d === buffer.lastAdded ? doc : null)
        this.bufferDeletes.push(d)
      }
      throw error
    }
    for (let n = 1; n < count; n++) this.buffered.push(null)
    this.buffered.push(doc)
    return first + count - 1
  }

  /**
   * True when this copy already holds `operation` or a later operation on the same id: a replica
   * receives an id's operations from both the primary's live writes and its recovery snapshot, in
   * either order, and keeps the one with the higher sequence number (InternalEngine's
   * plan-for-non-primary compares seq_no the same way).
   */
  isStale(operation: ShardOperation): boolean {
    const id = idOf(operation)
    const seqNo = seqNoOf(operation)
    const entry = this.live.get(id)
    if (entry) return entry.seqNo >= seqNo
    const docId = this.docs.docId(id)
    return docId !== undefined && this.docs.seqNo(docId) >= seqNo
  }

  /**
   * An operation a replica receives but holds a newer one of (isStale): processed without changing a
   * document, as InternalEngine's plan for a stale operation on a non-primary (processButSkipLucene).
   */
  skipStale(operation: ShardOperation, now: number): void {
    this.recordHistory(operation, true, now)
    this.highestSeqNo = Math.max(this.highestSeqNo, seqNoOf(operation))
    this.checkpoints.markProcessed(seqNoOf(operation))
  }

  /** Whether this copy processed the operation with this sequence number. */
  hasProcessed(seqNo: number): boolean {
    return this.checkpoints.hasProcessed(seqNo)
  }

  /**
   * Marks every sequence number up to `seqNo` processed: a new primary's gaps (fillSeqNoGaps), or what a
   * primary's recovery snapshot or resync covered on a replica.
   */
  fillSeqNoGaps(seqNo: number): void {
    this.checkpoints.fillUpTo(seqNo)
    this.highestSeqNo = Math.max(this.highestSeqNo, seqNo)
  }

  /** The global checkpoint advanced on a replica: the history at or below it is no longer needed. */
  updateGlobalCheckpointOnReplica(globalCheckpoint: number): void {
    if (globalCheckpoint <= this.replicationTracker.globalCheckpoint) return
    this.replicationTracker.updateGlobalCheckpointOnReplica(globalCheckpoint)
    this.history.advance(globalCheckpoint)
  }

  /**
   * A replica's rollback to its global checkpoint (resetEngineToGlobalCheckpoint): nothing above it is
   * processed any more; answers the state each id an operation above it touched goes back to, which the caller
   * applies (restoreTarget).
   */
  rollbackToGlobalCheckpoint(): RollbackTarget[] {
    const globalCheckpoint = this.replicationTracker.globalCheckpoint
    const targets = this.history.rollback(globalCheckpoint)
    this.checkpoints.rollbackTo(globalCheckpoint)
    this.highestSeqNo = Math.min(this.highestSeqNo, globalCheckpoint)
    return targets
  }

  /** Puts an id with no operation at or below the global checkpoint back to having none. */
  forget(id: string, now: number): void {
    this.place(id, {
      doc: null,
      deletedAt: now - GC_DELETES_MS,
      seqNo: -1,
      version: 0,
      buffered: -1,
      blockStart: -1,
      pending: false,
    })
  }

  /** The operations rollbacks undid that no resync settled yet (a promoted copy puts them back). */
  undoneOperations(): HistoryEntry[] {
    return this.history.undoneOperations()
  }

  /** Whether a rollback undid operations that no resync settled yet. */
  hasUndoneOperations(): boolean {
    return this.history.hasUndone()
  }

  /** The new primary's resync arrived: the history is settled. */
  settleHistory(): void {
    this.history.settle()
  }

  /** This copy is the primary now: its history is dropped. */
  dropHistory(): void {
    this.history.clear()
  }

  /** A replica records each operation in its history (what a rollback needs); a primary records nothing. */
  private recordHistory(operation: ShardOperation, stale: boolean, now: number): void {
    if (!this.routing || this.routing.primary) return
    const globalCheckpoint = this.replicationTracker.globalCheckpoint
    this.history.record({ operation, at: now }, stale, globalCheckpoint, (id) => this.currentEntry(id))
  }

  /** The id's current state as an operation (null when it has none). */
  private currentEntry(id: string): HistoryEntry | null {
    const entry = this.live.get(id)
    if (entry && entry.seqNo < 0) return null
    if (entry?.doc) return { operation: { op: 'index', doc: entry.doc }, at: 0 }
    if (entry) {
      const { version, seqNo, deletedAt } = entry
      return { operation: { op: 'delete', id, version, seqNo, primaryTerm: this.primaryTerm }, at: deletedAt }
    }
    const doc = this.get(id)
    return doc ? { operation: { op: 'index', doc }, at: 0 } : null
  }

  /**
   * The operations that rebuild this copy's documents on a recovering replica, in sequence number order:
   * each id's latest operation, tombstones still inside index.gc_deletes included.
   */
  recoverySnapshot(now: number): ShardOperation[] {
    return this.latestOperations(-1, (deletedAt) => now - deletedAt < GC_DELETES_MS)
  }

  /**
   * What a new primary resyncs to its replicas (PrimaryReplicaSyncer): each id's latest operation above
   * `seqNo` (the global checkpoint), deletes of any age included, in sequence number order.
   */
  operationsAbove(seqNo: number): ShardOperation[] {
    return this.latestOperations(seqNo, () => true)
  }

  private latestOperations(above: number, keepTombstone: (deletedAt: number) => boolean): ShardOperation[] {
    const operations: ShardOperation[] = this.searchedDocuments(above).map((doc) => ({ op: 'index', doc }))
    for (const [id, { doc, deletedAt, seqNo, version }] of this.live) {
      if (seqNo <= above) continue
      if (doc) operations.push({ op: 'index', doc })
      else if (keepTombstone(deletedAt))
        operations.push({ op: 'delete', id, version, seqNo, primaryTerm: this.primaryTerm })
    }
    return operations.sort((a, b) => seqNoOf(a) - seqNoOf(b))
  }

  /**
   * index.refresh_interval: a scheduled refresh runs every interval since the shard started; calling
   * this at any time applies the refreshes that would have run by `now`.
   */
  maybeScheduledRefresh(now: number, intervalMs: number): void {
    if (intervalMs <= 0 || this.live.pendingIds.length === 0) return
    const ticks = Math.floor((now - this.lastRefresh) / intervalMs)
    if (ticks >= 1) this.refresh(this.lastRefresh + ticks * intervalMs)
  }

  /**
   * Makes every operation since the last refresh searchable: the open buffer sealed into one new segment (its
   * replaced documents deleted in it), the searched documents those operations replaced or deleted deleted, in
   * one batch, then the merges the policy asks for.
   */
  refresh(now: number): void {
    this.lastRefresh = now
    this.counters.refreshTotal++
    // A buffer may hold only a failed document (no operation): it is sealed too, as a merge may follow.
    if (this.live.pendingIds.length === 0 && this.buffered.length === 0) return
    this.pins.beforeChange()
    const deletes = this.bufferDeletes
    for (const id of this.live.pendingIds) {
      const previous = this.docs.delete(id)
      if (previous !== undefined) for (let d = previous.start; d <= previous.end; d++) deletes.push(d)
    }
    this.live.refreshed()
    const docBase = this.docs.maxDoc
    const local = deletes.filter((docId) => docId >= docBase).map((docId) => docId - docBase)
    this.docs.addDocuments(
      this.buffered,
      local.sort((a, b) => a - b),
    )
    if (this.buffer) this.index.addFlush(this.buffer)
    if (deletes.length > 0) this.index.deleteDocuments(deletes)
    this.buffer = null
    this.buffered = []
    this.bufferDeletes = []
    this.segments.afterFlush()
  }

  /** A flush: refreshes, then commits the segments (Lucene's IndexWriter.commit). */
  flush(now: number): void {
    this.refresh(now)
    this.commit()
  }

  private commit(): void {
    if (this.onFlush) this.onFlush(this)
    else this.segments.commit(this.segments.searched())
  }

  /**
   * A commit of what the searcher holds (call right after a refresh): every segment with its live docs, the
   * files of the segments `isStored` says the store lacks, and the commit user data.
   */
  takeCommit(isStored: (generation: number) => boolean): ShardCommit {
    const segments: CommitSegment[] = []
    const files: SegmentFiles[] = []
    this.index.segments().forEach(({ generation, docBase, maxDoc }, ordinal) => {
      segments.push({ generation, maxDoc, deleted: this.docs.deletedIn(docBase, maxDoc) })
      if (isStored(generation)) return
      const image = this.index.segmentImage(ordinal)
      files.push({ generation, image, storedFields: this.docs.storedFields(docBase, maxDoc) })
    })
    const tombstones: CommitTombstone[] = []
    for (const [id, { doc, seqNo, version, deletedAt }] of this.live)
      if (!doc) tombstones.push({ id, seqNo, version, deletedAt })
    const searched = this.segments.searched()
    return {
      counter: this.index.segmentCounter,
      segments,
      localCheckpoint: this.checkpoints.checkpoint,
      maxSeqNo: this.highestSeqNo,
      tombstones,
      files,
      onStored: () => this.segments.commit(searched),
    }
  }

  /**
   * Rebuilds this new, empty copy from a stored commit (StoreRecovery): each segment's image into the index in
   * one call as soon as it is read, its stored fields (their bytes, nothing decoded) into the searcher's view, its
   * live docs applied; the tombstones into the version map; the operations above the commit are the translog's to
   * replay. `files` holds every segment the commit names. A copy closed meanwhile stops (its index is freed).
   * A segment whose image is of an older index codec than this version reads (a store written by an earlier
   * playground) is not loaded: its live documents, read from its stored fields, are answered as index operations
   * to replay with the translog's, so nothing stored is lost (Lucene would refuse such an index and ES ask for a
   * reindex: this is that reindex, from `_source`).
   */
  async restoreCommit(
    point: CommitPoint,
    files: ReadonlyMap<number, SegmentReads>,
  ): Promise<ShardOperation[]> {
    if (this.docs.maxDoc !== 0 || this.live.size !== 0 || this.buffered.length !== 0)
      throw new Error('restoreCommit needs an empty copy')
    const deletes: number[] = []
    const reindexed: ShardOperation[] = []
    for (const segment of point.segments) {
      const stored = files.get(segment.generation)
      if (!stored) throw new Error(`commit ${point.generation}: segment ${segment.generation} is missing`)
      const image = await stored.image
      if (this.closed) return []
      const loaded = this.index.loadSegment(image)
      const reader = openStoredFields(await stored.storedFields)
      if (this.closed) return []
      if (reader.maxDoc !== segment.maxDoc)
        throw new Error(
          `segment ${segment.generation}: ${reader.maxDoc} stored documents, maxDoc ${segment.maxDoc}`,
        )
      if (!loaded) {
        reindexed.push(...liveDocuments(reader, segment.deleted))
        continue
      }
      const docBase = this.docs.addSegment(reader, segment.deleted)
      for (const local of segment.deleted) deletes.push(docBase + local)
    }
    this.index.advanceSegmentCounter(point.counter)
    if (deletes.length > 0) this.index.deleteDocuments(deletes)
    for (const { id, seqNo, version, deletedAt } of point.tombstones)
      this.live.restoreTombstone(id, {
        doc: null,
        deletedAt,
        seqNo,
        version,
        buffered: -1,
        blockStart: -1,
        pending: false,
      })
    this.highestSeqNo = point.userData.max_seq_no
    this.checkpoints = new LocalCheckpointTracker(point.userData.local_checkpoint)
    this.segments.commit(this.segments.searched())
    return reindexed
  }

  /**
   * _forcemerge on this copy: pending operations are flushed into a segment first (IndexWriter.forceMerge
   * does), then the merges run; `flush` commits after them.
   */
  forceMerge(now: number, maxNumSegments: number | null, onlyExpungeDeletes: boolean, flush: boolean): void {
    this.refresh(now)
    this.pins.beforeChange()
    this.segments.forceMerge(maxNumSegments, onlyExpungeDeletes)
    if (flush) this.commit()
  }

  /** The segments the _segments and _cat/segments APIs show. */
  segmentStats(): SegmentStats[] {
    return this.segments.list()
  }

  /** Deleted documents still in the searcher's segments, and the segments' size in bytes. */
  get storeStats(): { deleted: number; sizeInBytes: number } {
    return { deleted: this.segments.deletedDocs, sizeInBytes: this.segments.sizeInBytes }
  }

  /** The document a searcher hit refers to. */
  searchedDocument(docId: number): StoredDocument | undefined {
    return this.docs.get(docId)
  }

  /** The root document of the block a searched doc id is in (itself for a root), if live. */
  blockRoot(docId: number): number | undefined {
    return this.docs.blockRoot(docId)
  }

  /** The first doc id of the block a searched root document ends (its first nested document, else itself). */
  blockStart(docId: number): number {
    return this.docs.blockStart(docId)
  }

  get searcherIndex(): InvertedIndex {
    return this.index
  }

  /** Every live document of this copy (read-only; simulation checks compare copies with it). */
  liveDocuments(): StoredDocument[] {
    const docs = this.searchedDocuments()
    for (const { doc } of this.live.values()) if (doc) docs.push(doc)
    return docs
  }

  get liveDocCount(): number {
    let count = this.docs.liveCount
    for (const [id, { doc }] of this.live)
      count += (doc ? 1 : 0) - (this.docs.docId(id) === undefined ? 0 : 1)
    return count
  }

  /** The searcher's live documents above seq_no `above` the version map does not hold a newer operation of. */
  private searchedDocuments(above = -1): StoredDocument[] {
    const docs: StoredDocument[] = []
    for (const docId of this.docs.liveDocIds()) {
      const doc = above < 0 || this.docs.seqNo(docId) > above ? this.docs.get(docId) : undefined
      if (doc && !this.live.has(doc.id)) docs.push(doc)
    }
    return docs
  }

  close(): void {
    this.closed = true
    this.pins.closeAll()
    this.index.free()
  }
}

/** Looks an `_id` up in an index's `_id` terms: its live doc id, if any. */
function findLiveIn(index: InvertedIndex): (id: string) => number | undefined {
  return (id) => index.search({ type: 'term', field: '_id', term: id, boost: 1 }, 1).scoreDocs[0]?.docId
}

/** The live documents of a stored segment, as index operations. */
function liveDocuments(reader: StoredFieldsReader, deleted: readonly number[]): ShardOperation[] {
  const gone = new Set(deleted)
  const operations: ShardOperation[] = []
  for (let local = 0; local < reader.maxDoc; local++) {
    const doc = gone.has(local) ? null : reader.document(local)
    if (doc) operations.push({ op: 'index', doc })
  }
  return operations
}
