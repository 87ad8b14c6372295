/**
 * UnifiedLog: one partition's log, an ordered list of LogSegments (WASM) with the offsets Kafka keeps
 * for it. Invariants: segments are sorted by base offset and contiguous (each segment's base offset is
 * the previous one's next offset); logStartOffset <= highWatermark <= logEndOffset; only the last
 * segment (the active one) is appended to.
 *
 * Persistence: every change to the segment list (an append, a roll, a truncation, a deletion, a cleaned
 * segment's swap, a full truncation) is reported to `pendingFlush` (pending-flush.ts), which hands each out
 * once to LogManager's flush.
 *
 * DeleteRecords moves the log start offset up to at most the high watermark (maybeIncrementLogStartOffset);
 * reads below it are out of range, and retention deletes the segments wholly below it. A follower whose log
 * ends below its leader's log start offset starts over empty there (truncateFullyAndStartAt).
 *
 * Segments roll when the active one would pass segment.bytes or its first batch is older than segment.ms
 * (LogSegment.shouldRoll); retention (`deleteOldSegments`, see log-retention.ts) deletes whole segments
 * from the start and moves the log start offset to the first one kept.
 *
 * Compaction (cleaner.ts): `cleanable()` summarises the segments for the cleaner and `replaceSegments`
 * swaps a cleaned segment in for a group, which storage writes in one go. After cleaning, offsets may
 * have gaps inside and between segments (a segment's next offset may lie below the next base offset): reads
 * move on to the next segment, and a follower appends a leader's batches across gaps. A leader of a
 * compacted topic refuses records without a key (log-validator.ts).
 *
 * Replication: a leader stamps its epoch into every batch it appends (partitionLeaderEpoch lies outside
 * the CRC, as in Kafka); a follower appends the leader's batches at the leader's offsets. The
 * LeaderEpochCache follows the batches and is rebuilt from them when a loaded log is first asked.
 *
 * Idempotent producers (producer-state-manager.ts): a leader's append is checked against the producers'
 * state first; a retried batch already in the log is answered with its original offsets and not appended.
 * Followers update the state from the leader's batches. The state is rebuilt by scanning the segments when
 * a loaded log is first asked and after a truncation (Kafka reloads it from snapshots instead).
 *
 * Transactions: transactional batches open a transaction of their producer; a transaction marker (a control
 * batch, appended by the leader with origin `coordinator`, end-txn-marker.ts) ends it. In UnifiedLog.append's
 * order: the segment append, the producers' entries, then per ended transaction its LSO, an AbortedTxn in the
 * transaction index of the segment holding the marker when it aborted (transaction-index.ts), and
 * completeTxn. The last stable offset is the first unstable offset when below the high watermark, else the
 * high watermark (logStartOffset <= LSO <= HW <= LEO). Truncation drops the AbortedTxn entries of removed
 * markers and rebuilds the producer state; retention drops a deleted segment's entries; a loaded log rebuilds
 * both by scanning.
 */
import { CorruptRecordError } from '../../../engine-wasm/src/log/index.ts'
import type { Allocate, LogEngine, LogSegment, AppendInfo } from '../../../engine-wasm/src/log/index.ts'
import type { Clock } from '../../net/clock.ts'
import { LeaderEpochCache, type EpochEndOffset } from '../replication/leader-epoch-cache.ts'
import { deletableSegmentCount, type RetentionConfig } from './log-retention.ts'
import { DEFAULT_COMPACTION, type CompactionConfig } from './log-cleaner-config.ts'
import type { CleanableLog } from './log-cleaner-manager.ts'
import { validateMessages } from './log-validator.ts'
import type { TopicCompression } from './log-compression-config.ts'
import { ProducerStateManager, producerBatches, type ProducerAnalysis } from './producer-state-manager.ts'
import { TransactionIndex, type AbortedTxn } from './transaction-index.ts'
import { PendingFlush } from './pending-flush.ts'
import {
  LEADER_EPOCH_AT,
  MAX_TIMESTAMP_AT,
  RECORDS_COUNT_AT,
  batchHeaders,
  lengthBelow,
  type BatchHeader,
} from './batch-headers.ts'

/** A log start offset past the high watermark (Kafka's OffsetOutOfRangeException). */
export class OffsetOutOfRangeError extends Error {
  override name = 'OffsetOutOfRangeError'
}

/** A follower append whose first offset is not the log end offset (Kafka's UnexpectedAppendOffsetException). */
export class UnexpectedAppendOffsetError extends Error {
  override name = 'UnexpectedAppendOffsetError'
}

/** The topic configs a log obeys; time-based roll and retention apply when set (Kafka's LogConfig). */
export interface LogConfig extends Partial<RetentionConfig>, Partial<CompactionConfig> {
  segmentBytes: number
  segmentMs?: number
  /** compression.type with its level; `producer` when left out. */
  compression?: TopicCompression
}

export class UnifiedLog {
  private readonly segments: LogSegment[]
  /** What storage has not been told yet, handed out to LogManager's flush. */
  readonly pendingFlush: PendingFlush
  /** Per segment base offset: the max timestamp of its first append (LogSegment.rollingBasedTimestamp). */
  private readonly rollingBase = new Map<number, number>()
  private epochCache: LeaderEpochCache | null = null
  private producerStateCache: ProducerStateManager | null = null
  /** The aborted transactions by segment; rebuilt with the producer state. */
  private readonly txnIndex = new TransactionIndex()
  highWatermark: number
  logStartOffset: number

  constructor(
    private readonly engine: LogEngine,
    public config: LogConfig,
    segments: LogSegment[] = [],
    private readonly clock: Clock | null = null,
  ) {
    this.segments = segments.length > 0 ? segments : [engine.newSegment(0)]
    this.pendingFlush = new PendingFlush(this.segments)
    this.logStartOffset = this.segments[0]?.baseOffset ?? 0
    this.highWatermark = this.logEndOffset
  }

  private get activeSegment(): LogSegment {
    const last = this.segments[this.segments.length - 1]
    if (!last) throw new Error('UnifiedLog has no segment')
    return last
  }

  get logEndOffset(): number {
    return this.activeSegment.nextOffset
  }

  /** The base offset of the first segment (the log start offset sits at or past it). */
  get firstSegmentBaseOffset(): number {
    return this.segments[0]?.baseOffset ?? this.logEndOffset
  }

  get segmentCount(): number {
    return this.segments.length
  }

  /** The compaction settings, Kafka's defaults where the config leaves them out. */
  get compaction(): CompactionConfig {
    const c = this.config
    return {
      compact: c.compact ?? DEFAULT_COMPACTION.compact,
      deleteRetentionMs: c.deleteRetentionMs ?? DEFAULT_COMPACTION.deleteRetentionMs,
      minCleanableRatio: c.minCleanableRatio ?? DEFAULT_COMPACTION.minCleanableRatio,
      minCompactionLagMs: c.minCompactionLagMs ?? DEFAULT_COMPACTION.minCompactionLagMs,
      maxCompactionLagMs: c.maxCompactionLagMs ?? DEFAULT_COMPACTION.maxCompactionLagMs,
    }
  }

  /**
   * Appends validated batches as the leader; rolls a new segment first when the active one is full. With
   * `leaderEpoch`, stamps it into every batch (in place) and records where the epoch starts. A compacted
   * log refuses the whole append when a record has no key (RecordValidationError, Kafka's INVALID_RECORD);
   * an idempotent producer's batch out of sequence or of an old epoch is refused (ProducerStateError), and
   * one already appended is answered with its first append's offsets (batchCount 0) and not appended again.
   * `topicPartition` names the partition in those messages. Compressed batches have their records checked,
   * and batches are recompressed to the topic's compression.type unless it is `producer` (log-validator.ts).
   * With origin `coordinator` the batches are transaction markers (endTxnMarkerBatch): appended as they are
   * (an uncompressed control batch stays uncompressed), checked for producer and coordinator epochs only.
   */
  appendAsLeader(
    received: Uint8Array,
    leaderEpoch?: number,
    topicPartition = '',
    origin: 'client' | 'coordinator' = 'client',
  ): AppendInfo {
    const batches =
      origin === 'coordinator'
        ? received
        : validateMessages(
            this.engine,
            received,
            { compact: this.compaction.compact, compression: this.config.compression ?? 'producer' },
            topicPartition,
          )
    const producers = this.producerState.analyze(
      producerBatches(batches, this.logEndOffset),
      origin,
      topicPartition,
    )
    const { duplicate } = producers
    if (duplicate) {
      return {
        firstOffset: duplicate.firstOffset,
        lastOffset: duplicate.lastOffset,
        maxTimestamp: duplicate.timestamp,
        offsetOfMaxTimestamp: duplicate.lastOffset,
        batchCount: 0,
        recordCount: 0,
        bytes: 0,
      }
    }
    if (leaderEpoch !== undefined) {
      for (const header of batchHeaders(batches))
        header.view.setInt32(header.at + LEADER_EPOCH_AT, leaderEpoch)
    }
    const info = this.append(batches)
    this.applyProducerState(producers)
    if (leaderEpoch !== undefined && info.batchCount > 0) this.epochs.assign(leaderEpoch, info.firstOffset)
    return info
  }

  /**
   * Appends the leader's batches at the leader's offsets (UnifiedLog.appendAsFollower): the first starts at
   * or past the log end offset and each starts past the one before; their epochs enter the cache. Batches
   * a cleaner left gaps between go in through segment recovery, which keeps their offsets.
   */
  appendAsFollower(batches: Uint8Array): AppendInfo {
    let expected = this.logEndOffset
    let gaps = false
    const headers = batchHeaders(batches)
    for (const { baseOffset, lastOffset } of headers) {
      if (baseOffset < expected) {
        throw new UnexpectedAppendOffsetError(
          `Unexpected offset in append: first offset ${baseOffset} but the next offset is ${expected}`,
        )
      }
      gaps ||= baseOffset > expected
      expected = lastOffset + 1
    }
    // The state is built (from the segments) before the append, so the new batches enter it once.
    const producers = this.producerState
    const info = gaps ? this.appendAcrossGaps(batches, headers) : this.append(batches, true)
    for (const { epoch, baseOffset } of headers) this.epochs.assign(epoch, baseOffset)
    this.applyProducerState(producers.analyze(producerBatches(batches), 'replication'))
    return info
  }

  /** The producers' entries and ended transactions of an append that went into the active segment. */
  private applyProducerState(analysis: ProducerAnalysis): void {
    const segmentBase = this.activeSegment.baseOffset
    this.producerState.apply(analysis, (txn) => this.txnIndex.append(segmentBase, txn))
  }

  /** LogSegment.shouldRoll: the batches would pass segment.bytes, or the segment is older than segment.ms. */
  private shouldRoll(active: LogSegment, incomingBytes: number): boolean {
    if (active.sizeInBytes === 0) return false
    if (active.sizeInBytes + incomingBytes > this.config.segmentBytes) return true
    const { segmentMs } = this.config
    if (segmentMs === undefined || this.clock === null) return false
    return this.clock.now() - this.rollingBasedTimestamp(active) > segmentMs
  }

  private rollingBasedTimestamp(segment: LogSegment): number {
    const known = this.rollingBase.get(segment.baseOffset)
    if (known !== undefined) return known
    const bytes = segment.logBytes()
    const first = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigInt64(MAX_TIMESTAMP_AT)
    this.rollingBase.set(segment.baseOffset, Number(first))
    return Number(first)
  }

  private roll(): void {
    const next = this.logEndOffset
    this.segments.push(this.engine.newSegment(next))
    this.pendingFlush.segmentRolled(next)
  }

  /** Appends to the active segment (rolled first when due); `replicated`: a leader's batches, CRCs checked. */
  private append(batches: Uint8Array, replicated = false): AppendInfo {
    const active = this.activeSegment
    const roll = this.shouldRoll(active, batches.length)
    if (roll) this.roll()
    try {
      const target = this.activeSegment
      const wasEmpty = target.sizeInBytes === 0
      const info = target.append(batches, replicated)
      if (wasEmpty && info.batchCount > 0) this.rollingBase.set(target.baseOffset, info.maxTimestamp)
      return info
    } catch (error) {
      // A refused append changes nothing, so the segment rolled for it goes again.
      if (roll) {
        this.segments.pop()?.free()
        this.pendingFlush.segmentDropped(active.nextOffset)
      }
      throw error
    }
  }

  /** A follower's append of batches with offset gaps: the active segment is rebuilt by recovery. */
  private appendAcrossGaps(batches: Uint8Array, headers: readonly BatchHeader[]): AppendInfo {
    if (this.shouldRoll(this.activeSegment, batches.length)) this.roll()
    const active = this.activeSegment
    const before = active.logBytes()
    const joined = new Uint8Array(before.length + batches.length)
    joined.set(before)
    joined.set(batches, before.length)
    const { segment, truncatedBytes } = this.engine.recoverSegment(active.baseOffset, joined)
    if (truncatedBytes > 0) {
      segment.free()
      throw new CorruptRecordError(
        `Follower append to segment ${active.baseOffset} has ${truncatedBytes} invalid bytes`,
      )
    }
    this.segments[this.segments.length - 1] = segment
    active.free()
    const first = headers[0]
    const last = headers[headers.length - 1]
    let recordCount = 0
    let maxTimestamp = -1
    let offsetOfMaxTimestamp = -1
    for (const { view, at, lastOffset } of headers) {
      recordCount += view.getInt32(at + RECORDS_COUNT_AT)
      const stamp = Number(view.getBigInt64(at + MAX_TIMESTAMP_AT))
      if (stamp > maxTimestamp) [maxTimestamp, offsetOfMaxTimestamp] = [stamp, lastOffset]
    }
    return {
      firstOffset: first?.baseOffset ?? this.logEndOffset,
      lastOffset: last?.lastOffset ?? this.logEndOffset - 1,
      maxTimestamp,
      offsetOfMaxTimestamp,
      batchCount: headers.length,
      recordCount,
      bytes: batches.length,
    }
  }

  /** The bytes of every segment (Kafka's UnifiedLog.size). */
  get size(): number {
    return this.segments.reduce((sum, segment) => sum + segment.sizeInBytes, 0)
  }

  /** The segments as the log cleaner sees them (LogCleanerManager reads these). */
  cleanable(): CleanableLog {
    return {
      segments: this.segments.map((segment) => ({
        baseOffset: segment.baseOffset,
        size: segment.sizeInBytes,
        largestTimestamp: segment.maxTimestamp,
        firstBatchTimestamp: segment.sizeInBytes === 0 ? -1 : this.rollingBasedTimestamp(segment),
      })),
      logStartOffset: this.logStartOffset,
      logEndOffset: this.logEndOffset,
      lastStableOffset: this.lastStableOffset,
      compaction: this.compaction,
    }
  }

  /** A copy of the .log bytes of the segment at `baseOffset`. */
  segmentLogBytes(baseOffset: number): Uint8Array {
    const segment = this.segments.find((s) => s.baseOffset === baseOffset)
    if (!segment) throw new RangeError(`No segment with base offset ${baseOffset}`)
    return segment.logBytes()
  }

  /**
   * Swaps `cleaned` in for the consecutive non-active segments at `baseOffsets` (UnifiedLog.replaceSegments);
   * `cleaned` has the first one's base offset and `abortedTxns` as its transaction index.
   */
  replaceSegments(
    cleaned: LogSegment,
    baseOffsets: readonly number[],
    abortedTxns: readonly AbortedTxn[],
  ): void {
    const start = this.segments.findIndex((s) => s.baseOffset === baseOffsets[0])
    const group = this.segments.slice(start, start + baseOffsets.length)
    const matches =
      group.length === baseOffsets.length && group.every((s, i) => s.baseOffset === baseOffsets[i])
    if (start < 0 || !matches || start + group.length >= this.segments.length) {
      throw new RangeError(`Segments ${baseOffsets.join(', ')} are not consecutive non-active segments`)
    }
    this.segments.splice(start, group.length, cleaned)
    this.loadProducerState()
    for (const base of baseOffsets) this.txnIndex.deleteSegment(base)
    for (const txn of abortedTxns) this.txnIndex.append(cleaned.baseOffset, txn)
    for (const segment of group) {
      this.rollingBase.delete(segment.baseOffset)
      segment.free()
    }
    this.pendingFlush.replaced(baseOffsets, cleaned)
  }

  /** The base offset of the active segment when it is empty (storage keeps it so the end offset survives). */
  get emptyActiveSegment(): number | null {
    return this.activeSegment.sizeInBytes === 0 ? this.activeSegment.baseOffset : null
  }

  /** The leader epoch of the last batch, or -1 (Kafka's latestEpoch). */
  get latestEpoch(): number {
    return this.epochs.latestEpoch
  }

  /** The epoch <= `epoch` this log knows and the offset where it ends (endOffsetForEpoch). */
  endOffsetForEpoch(epoch: number): EpochEndOffset {
    return this.epochs.endOffsetFor(epoch, this.logEndOffset)
  }

  /** A new leader's epoch starts at its log end offset even before it appends (maybeAssignEpochStartOffset). */
  assignEpochStartOffset(epoch: number, startOffset: number): void {
    this.epochs.assign(epoch, startOffset)
  }

  /** The producers' state, rebuilt from the segments when first asked after a load or truncation. */
  get producerState(): ProducerStateManager {
    return this.loadProducerState()
  }

  /** The producer state and, with it, the transaction index, rebuilt by scanning when not cached. */
  private loadProducerState(): ProducerStateManager {
    if (this.producerStateCache) return this.producerStateCache
    const state = new ProducerStateManager()
    this.txnIndex.clear()
    for (const segment of this.segments) {
      const base = segment.baseOffset
      state.applyReplicated(producerBatches(segment.logBytes()), (txn) => this.txnIndex.append(base, txn))
    }
    this.producerStateCache = state
    return state
  }

  /**
   * UnifiedLog.lastStableOffset: the first offset of the earliest transaction still open or whose marker is
   * not yet below the high watermark, when that is below the high watermark; otherwise the high watermark.
   */
  get lastStableOffset(): number {
    const firstUnstable = this.producerState.firstUnstableOffset(this.highWatermark)
    return firstUnstable !== null && firstUnstable < this.highWatermark ? firstUnstable : this.highWatermark
  }

  /** The AbortedTxn entries of the segment at `baseOffset` (its `.txnindex`), oldest first. */
  abortedTxns(baseOffset: number): readonly AbortedTxn[] {
    this.loadProducerState()
    return this.txnIndex.entries(baseOffset)
  }

  /**
   * UnifiedLog.collectAbortedTransactions: the aborted transactions overlapping [fetchOffset, upperBoundOffset)
   * from the segment holding fetchOffset on, for a read_committed fetch answer.
   */
  collectAbortedTransactions(fetchOffset: number, upperBoundOffset: number): AbortedTxn[] {
    const bases = this.segments.slice(this.segmentIndexFor(fetchOffset)).map((segment) => segment.baseOffset)
    this.loadProducerState()
    return this.txnIndex.collectAbortedTxns(fetchOffset, upperBoundOffset, bases)
  }

  private get epochs(): LeaderEpochCache {
    if (this.epochCache) return this.epochCache
    const cache = new LeaderEpochCache()
    for (const segment of this.segments) {
      for (const { epoch, baseOffset } of batchHeaders(segment.logBytes())) cache.assign(epoch, baseOffset)
    }
    this.epochCache = cache
    return cache
  }

  /**
   * Drops every batch whose last offset is at or past `offset` (whole segments first, then inside the one
   * holding it), as a follower does before it refetches from a new leader. Keeps one segment; the high
   * watermark and the epoch cache follow the new log end offset.
   */
  truncateTo(offset: number): void {
    if (offset >= this.logEndOffset) {
      // As Kafka's UnifiedLog.truncateTo: the epoch cache is truncated even then, since a conflicting epoch
      // entry may sit at the end of the log (an epoch assigned on election, with no records in it).
      this.epochs.truncateFromEnd(offset)
      return
    }
    while (this.segments.length > 1 && this.activeSegment.baseOffset >= offset) {
      const dropped = this.segments.pop()!
      this.pendingFlush.segmentDropped(dropped.baseOffset)
      this.rollingBase.delete(dropped.baseOffset)
      dropped.free()
    }
    const active = this.activeSegment
    active.truncateTo(offset)
    this.pendingFlush.truncated(active.baseOffset, active.sizeInBytes)
    this.highWatermark = Math.min(this.highWatermark, this.logEndOffset)
    this.logStartOffset = Math.min(this.logStartOffset, this.logEndOffset)
    this.epochs.truncateFromEnd(this.logEndOffset)
    this.producerStateCache = null
  }

  /**
   * UnifiedLog.deleteOldSegments at `now`: the segments before the log start offset, then those past
   * retention.bytes, then those older than retention.ms (only with cleanup.policy delete), never at or past
   * the high watermark. Deleting every segment first rolls an empty one at the log end offset. Returns the
   * number of segments deleted.
   */
  deleteOldSegments(now: number): number {
    const summaries = this.segments.map((segment, i) => ({
      baseOffset: segment.baseOffset,
      size: segment.sizeInBytes,
      largestTimestamp: segment.maxTimestamp,
      nextBaseOffset: this.segments[i + 1]?.baseOffset ?? null,
    }))
    const count = deletableSegmentCount(summaries, {
      now,
      logStartOffset: this.logStartOffset,
      highWatermark: this.highWatermark,
      logEndOffset: this.logEndOffset,
      config: {
        deletePolicy: this.config.deletePolicy ?? true,
        retentionMs: this.config.retentionMs ?? -1,
        retentionBytes: this.config.retentionBytes ?? -1,
      },
    })
    if (count === 0) return 0
    if (count === this.segments.length) this.roll()
    for (const segment of this.segments.splice(0, count)) {
      this.pendingFlush.segmentDeleted(segment.baseOffset)
      this.rollingBase.delete(segment.baseOffset)
      this.txnIndex.deleteSegment(segment.baseOffset)
      segment.free()
    }
    this.logStartOffset = Math.max(this.logStartOffset, this.segments[0]?.baseOffset ?? this.logEndOffset)
    return count
  }

  /**
   * UnifiedLog.maybeIncrementLogStartOffset: a leader deleting records (ClientRecordDeletion) or a follower
   * taking its leader's log start offset (LeaderOffsetIncremented) moves the log start offset forward; the
   * segments wholly below it go at the next retention check. Past the high watermark it refuses
   * (OffsetOutOfRangeError); returns whether the offset moved.
   */
  maybeIncrementLogStartOffset(offset: number, topicPartition = ''): boolean {
    if (offset > this.highWatermark) {
      throw new OffsetOutOfRangeError(
        `Cannot increment the log start offset to ${offset} of partition ${topicPartition} since it is larger than the high watermark ${this.highWatermark}`,
      )
    }
    if (offset <= this.logStartOffset) return false
    this.logStartOffset = offset
    return true
  }

  /**
   * UnifiedLog.truncateFullyAndStartAt: a follower whose log ends below its leader's log start offset drops
   * every segment and starts empty at `offset`.
   */
  truncateFullyAndStartAt(offset: number): void {
    for (const segment of this.segments.splice(0)) {
      this.pendingFlush.segmentDeleted(segment.baseOffset)
      this.rollingBase.delete(segment.baseOffset)
      segment.free()
    }
    this.segments.push(this.engine.newSegment(offset))
    this.pendingFlush.fullyTruncated(offset)
    this.logStartOffset = offset
    this.highWatermark = offset
    this.epochCache = null
    this.producerStateCache = null
  }

  /**
   * Whole batches from the one holding fetchOffset, up to maxBytes (at least one batch), all below `upTo`.
   * A segment with nothing at or past fetchOffset (a gap the cleaner left) passes on to the next one, as
   * LocalLog.read does.
   */
  read(fetchOffset: number, maxBytes: number, upTo: number, allocate?: Allocate): Uint8Array {
    if (fetchOffset >= upTo) return new Uint8Array(0)
    for (let index = this.segmentIndexFor(fetchOffset); index < this.segments.length; index++) {
      const segment = this.segments[index]!
      // log.wasm looks an offset up relative to the segment's base, so a later segment reads from its base.
      const batches = segment.read(Math.max(fetchOffset, segment.baseOffset), maxBytes, allocate)
      if (batches.length > 0) return batches.subarray(0, lengthBelow(batches, upTo))
    }
    return new Uint8Array(0)
  }

  /** True when the offset lies outside [logStartOffset, logEndOffset]. */
  isOutOfRange(offset: number): boolean {
    return offset < this.logStartOffset || offset > this.logEndOffset
  }

  offsetForTimestamp(timestamp: number): number | null {
    for (const segment of this.segments) {
      if (segment.maxTimestamp >= timestamp) return segment.offsetForTimestamp(timestamp)
    }
    return null
  }

  close(): void {
    for (const segment of this.segments) segment.free()
    this.segments.length = 0
  }

  private segmentIndexFor(offset: number): number {
    let lo = 0
    let hi = this.segments.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      const segment = this.segments[mid]
      if (segment && segment.baseOffset <= offset) lo = mid
      else hi = mid - 1
    }
    return lo
  }
}
