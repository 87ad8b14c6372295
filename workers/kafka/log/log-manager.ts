/**
 * LogManager: every partition log this broker hosts, keyed by topic id and partition, and their
 * persistence in the `kafka` store.
 *
 * Key format: `log/<topicId>/<partition>/<segment base offset, 20 digits>/<byte position, 12 digits>`;
 * the value is the segment's bytes from that position on. Keys sort by segment then position, so a
 * segment is the concatenation of its chunks. Loading stops a segment at the first gap between chunks
 * and recovers its longest valid prefix of whole batches, as Kafka's LogSegment.recover does after an
 * unclean shutdown; everything after a truncated segment is dropped. Recovery repairs storage to match:
 * a truncated segment is rewritten as one chunk at position 0 and every key past the prefix is deleted.
 *
 * A cleaned segment (see cleaner.ts) replaces its group in one write: every chunk of the group goes and the
 * cleaned bytes become one chunk at position 0 under the group's first base offset (an empty cleaned segment
 * is an empty chunk, as Kafka keeps an empty segment file). Offsets may then have gaps, so loading accepts a
 * segment whose base offset lies past the previous segment's next offset. With a swap, an empty active
 * segment is stored as an empty chunk too, so a reload keeps the log end offset. The cleaner checkpoint of
 * each partition is stored beside the logs (offset-checkpoint.ts) and written with the swap. So is the high
 * watermark (replication-offset-checkpoint): Kafka's ReplicaManager writes it from its highwatermark-checkpoint
 * task, at once and then every replica.high.watermark.checkpoint.interval.ms, and once more on a clean shutdown
 * (checkpointHighWatermarks), never with a log flush. Here each run writes, in one storage write, the partitions
 * whose high watermark changed since their last checkpoint. The checkpoint may run ahead of the flushed bytes or
 * lag the high watermark: a loaded log starts from it, never past its recovered log end, and replication raises it.
 * The log start offset (which DeleteRecords moves inside a segment) is checkpointed the same way by the
 * kafka-log-start-offset-checkpoint task, every log.flush.start.offset.checkpoint.interval.ms and on a clean
 * shutdown, for the logs whose start lies inside their first segment (as Kafka leaves the others out); a loaded
 * log starts at the larger of its checkpoint and its first segment's base offset.
 * Both files' changed-value bookkeeping is changed-checkpoints.ts.
 *
 * A follower that starts over at its leader's log start offset (UnifiedLog.truncateFullyAndStartAt) drops every
 * stored chunk and stores its new empty segment as an empty chunk, so a reload keeps the new offsets.
 *
 * Retention (cleanupLogs, Kafka's kafka-log-retention task): 30 s after startup and then every
 * log.retention.check.interval.ms, every log deletes its expired segments and one storage write drops their
 * chunks, as Kafka deletes the segment files.
 */
import type { Allocate, LogEngine, LogSegment } from '../../../engine-wasm/src/log/index.ts'
import type { Storage, StorageOp } from '../../storage/storage.ts'
import type { Cancellable, Scheduler } from '../../net/scheduler.ts'
import { UnifiedLog, type LogConfig } from './unified-log.ts'
import { checkpointKey, decodeCheckpoint, encodeCheckpoint } from './offset-checkpoint.ts'
import { ChangedCheckpoints } from './changed-checkpoints.ts'
import { LogCleaner } from './log-cleaner.ts'

const STORE = 'kafka'
const CLEANER = 'cleaner-offset-checkpoint'
const REPLICATION = 'replication-offset-checkpoint'
const LOG_START = 'log-start-offset-checkpoint'

function partitionPrefix(topicId: string, partition: number): string {
  return `log/${topicId}/${partition}/`
}

function chunkKey(topicId: string, partition: number, baseOffset: number, position: number): string {
  return `${partitionPrefix(topicId, partition)}${String(baseOffset).padStart(20, '0')}/${String(position).padStart(12, '0')}`
}

/** LogManager.InitialTaskDelayMs: the first retention check waits this long after startup. */
const INITIAL_TASK_DELAY_MS = 30_000

/** Runs `task` after `delayMs`, then every `periodMs`, as KafkaScheduler.schedule with a period does. */
function schedulePeriodic(
  scheduler: Scheduler,
  delayMs: number,
  periodMs: number,
  task: () => void,
): Cancellable {
  let next: Cancellable
  let cancelled = false
  const run = (delay: number): void => {
    next = scheduler.schedule(delay, () => {
      task()
      if (!cancelled) run(periodMs)
    })
  }
  run(delayMs)
  return {
    cancel: () => {
      cancelled = true
      next.cancel()
    },
  }
}

export interface LoadReport {
  truncatedBytes: number
}

export class LogManager {
  private readonly logs = new Map<string, UnifiedLog>()
  /** The chunk positions stored for each log's segments, so truncations can delete what they invalidate. */
  private readonly stored = new Map<string, Map<number, Set<number>>>()
  private retentionTask: Cancellable | null = null
  private highWatermarkCheckpointTask: Cancellable | null = null
  private logStartOffsetCheckpointTask: Cancellable | null = null
  private readonly cleanerCheckpoints = new Map<string, number>()
  private readonly highWatermarks = new ChangedCheckpoints(REPLICATION, (log) => log.highWatermark)
  /** As checkpointLogStartOffsetsInDir: only a log start offset inside the first segment needs keeping. */
  private readonly logStartOffsets = new ChangedCheckpoints(LOG_START, (log) =>
    log.logStartOffset > log.firstSegmentBaseOffset ? log.logStartOffset : null,
  )
  private cleaner: LogCleaner | null = null

  constructor(
    private readonly engine: LogEngine,
    private readonly storage: Storage,
    private readonly scheduler: Scheduler | null = null,
  ) {}

  /**
   * Starts the retention check: first after 30 s, then every `retentionCheckIntervalMs`; with
   * `cleanerBackoffMs` (log.cleaner.enable), also the log cleaner (LogCleaner.startup).
   */
  startup(retentionCheckIntervalMs: number, cleanerBackoffMs?: number): void {
    const scheduler = this.scheduler
    if (!scheduler) throw new Error('LogManager.startup needs a scheduler')
    if (cleanerBackoffMs !== undefined) {
      this.cleaner = new LogCleaner(this, this.engine, this.storage, scheduler)
      this.cleaner.startup(cleanerBackoffMs)
    }
    this.retentionTask = schedulePeriodic(scheduler, INITIAL_TASK_DELAY_MS, retentionCheckIntervalMs, () => {
      void this.cleanupLogs(scheduler.now())
    })
  }

  /**
   * Starts the highwatermark-checkpoint task (ReplicaManager.startHighWatermarkCheckPointThread): at once, then
   * every `intervalMs` (replica.high.watermark.checkpoint.interval.ms).
   */
  startHighWatermarkCheckpoints(intervalMs: number): void {
    const scheduler = this.scheduler
    if (!scheduler) throw new Error('LogManager.startHighWatermarkCheckpoints needs a scheduler')
    this.highWatermarkCheckpointTask = schedulePeriodic(scheduler, 0, intervalMs, () => {
      this.checkpointHighWatermarks().catch(() => undefined)
    })
  }

  /**
   * Writes, in one storage write, the high watermark of every partition whose value changed since its last
   * checkpoint (nothing when none did). A failed write is tried again by the next run, as Kafka rewrites the
   * whole file every time.
   */
  async checkpointHighWatermarks(): Promise<void> {
    await this.highWatermarks.write(this.storage, this.logs, (id, log) => this.logs.get(id) === log)
  }

  /**
   * Starts the kafka-log-start-offset-checkpoint task: every `intervalMs`
   * (log.flush.start.offset.checkpoint.interval.ms), as LogManager.startup schedules it.
   */
  startLogStartOffsetCheckpoints(intervalMs: number): void {
    const scheduler = this.scheduler
    if (!scheduler) throw new Error('LogManager.startLogStartOffsetCheckpoints needs a scheduler')
    this.logStartOffsetCheckpointTask = schedulePeriodic(scheduler, intervalMs, intervalMs, () => {
      this.checkpointLogStartOffsets().catch(() => undefined)
    })
  }

  /** Writes the log start offsets that changed since their last checkpoint, in one storage write. */
  async checkpointLogStartOffsets(): Promise<void> {
    await this.logStartOffsets.write(this.storage, this.logs, (id, log) => this.logs.get(id) === log)
  }

  /** Deletes every log's expired segments and persists the deletion; returns how many segments went. */
  async cleanupLogs(now: number): Promise<number> {
    let deleted = 0
    for (const log of this.logs.values()) deleted += log.deleteOldSegments(now)
    if (deleted > 0) await this.storage.write(this.takeFlushOps())
    return deleted
  }

  private static id(topicId: string, partition: number): string {
    return `${topicId}/${partition}`
  }

  /** Every log with its topic id and partition. */
  allLogs(): Array<{ topicId: string; partition: number; log: UnifiedLog }> {
    return [...this.logs].map(([id, log]) => {
      const [topicId, partition] = id.split('/') as [string, string]
      return { topicId, partition: Number(partition), log }
    })
  }

  /** The partition's cleaner checkpoint (first dirty offset), undefined before its first cleaning. */
  cleanerCheckpoint(topicId: string, partition: number): number | undefined {
    return this.cleanerCheckpoints.get(LogManager.id(topicId, partition))
  }

  /** Moves the partition's cleaner checkpoint; returns the storage operation that persists it. */
  updateCleanerCheckpoint(topicId: string, partition: number, offset: number): StorageOp {
    this.cleanerCheckpoints.set(LogManager.id(topicId, partition), offset)
    const value = encodeCheckpoint(topicId, partition, offset)
    return { store: STORE, key: checkpointKey(CLEANER, topicId, partition), value }
  }

  getLog(topicId: string, partition: number): UnifiedLog | undefined {
    return this.logs.get(LogManager.id(topicId, partition))
  }

  createLog(topicId: string, partition: number, config: LogConfig): UnifiedLog {
    const existing = this.getLog(topicId, partition)
    if (existing) return existing
    const log = new UnifiedLog(this.engine, config, [], this.scheduler)
    const id = LogManager.id(topicId, partition)
    this.logs.set(id, log)
    this.logStartOffsets.remember(id, log.logStartOffset)
    return log
  }

  /** Restores a partition's log from storage; a missing log is created empty. */
  async loadLog(topicId: string, partition: number, config: LogConfig): Promise<LoadReport> {
    const keys = await this.storage.keys(STORE, partitionPrefix(topicId, partition))
    const chunksBySegment = new Map<number, string[]>()
    for (const key of keys) {
      const parts = key.split('/')
      const base = Number(parts[3])
      chunksBySegment.set(base, [...(chunksBySegment.get(base) ?? []), key])
    }
    const segments: LogSegment[] = []
    const kept = new Set<string>()
    const rewrites: StorageOp[] = []
    let truncatedBytes = 0
    for (const [base, chunkKeys] of [...chunksBySegment].sort((a, b) => a[0] - b[0])) {
      const expectedBase = segments.length === 0 ? base : segments[segments.length - 1]!.nextOffset
      if (base < expectedBase) break
      const { bytes, chunkCount } = await this.concatenateChunks(chunkKeys)
      const { segment, truncatedBytes: lost } = this.engine.recoverSegment(base, bytes)
      segments.push(segment)
      truncatedBytes += lost
      if (lost === 0 && chunkCount === chunkKeys.length) {
        for (const key of chunkKeys) kept.add(key)
        continue
      }
      // The segment ends early: its valid prefix becomes one chunk at position 0, so later appends follow it.
      const key = chunkKey(topicId, partition, base, 0)
      kept.add(key)
      rewrites.push({ store: STORE, key, value: segment.logBytes() })
      break
    }
    // Stored bytes past the recovered prefix are deleted, as Kafka truncates the segment and deletes the
    // later ones; otherwise a reload could splice them behind newer appends.
    const deletes = keys
      .filter((key) => !kept.has(key))
      .map((key): StorageOp => ({ store: STORE, key, value: null }))
    await this.storage.write([...deletes, ...rewrites])
    const id = LogManager.id(topicId, partition)
    const log = new UnifiedLog(this.engine, config, segments, this.scheduler)
    // LogLoader: the checkpointed log start offset when it lies past the first segment's base offset.
    const start = await this.storage.get(STORE, checkpointKey(LOG_START, topicId, partition))
    if (start)
      log.logStartOffset = Math.min(
        Math.max(log.logStartOffset, decodeCheckpoint(LOG_START, start)),
        log.logEndOffset,
      )
    this.logStartOffsets.remember(id, log.logStartOffset)
    // The high watermark comes back from its checkpoint (never past the recovered log end), or from the log
    // start when none was stored: what lies above it is committed only once the followers hold it again.
    const hw = await this.storage.get(STORE, checkpointKey(REPLICATION, topicId, partition))
    log.highWatermark = Math.max(
      log.logStartOffset,
      Math.min(hw ? decodeCheckpoint(REPLICATION, hw) : log.logStartOffset, log.logEndOffset),
    )
    this.highWatermarks.remember(id, log.highWatermark)
    this.logs.set(id, log)
    const checkpoint = await this.storage.get(STORE, checkpointKey(CLEANER, topicId, partition))
    if (checkpoint) this.cleanerCheckpoints.set(id, decodeCheckpoint(CLEANER, checkpoint))
    for (const key of [...kept, ...rewrites.map((op) => op.key)]) this.remember(id, key)
    return { truncatedBytes }
  }

  /** The bytes of the chunks that follow one another without a gap from position 0, and how many. */
  private async concatenateChunks(keys: string[]): Promise<{ bytes: Uint8Array; chunkCount: number }> {
    const chunks: Uint8Array[] = []
    let size = 0
    for (const key of keys) {
      const position = Number(key.slice(key.lastIndexOf('/') + 1))
      if (position !== size) break
      const chunk = await this.storage.get(STORE, key)
      if (!chunk) break
      chunks.push(chunk)
      size += chunk.length
    }
    const out = new Uint8Array(size)
    let at = 0
    for (const chunk of chunks) {
      out.set(chunk, at)
      at += chunk.length
    }
    return { bytes: out, chunkCount: chunks.length }
  }

  private remember(id: string, key: string): void {
    const parts = key.split('/')
    const base = Number(parts[3])
    const position = Number(parts[4])
    const segments = this.stored.get(id) ?? new Map<number, Set<number>>()
    const positions = segments.get(base) ?? new Set<number>()
    positions.add(position)
    segments.set(base, positions)
    this.stored.set(id, segments)
  }

  /**
   * The deletes a truncation needs: every chunk of later segments, every chunk of the truncated segment
   * at or past its new size, and the chunk that straddles the new size (the log hands that one out
   * again, cut to size, through rewindFlushed).
   */
  private truncationDeletes(id: string, log: UnifiedLog, topicId: string, partition: number): StorageOp[] {
    const ops: StorageOp[] = []
    // Taken even when nothing is stored yet, so an old truncation never applies to later chunks.
    const truncations = log.pendingFlush.takeTruncations()
    const segments = this.stored.get(id)
    if (!segments) return ops
    const drop = (base: number, position: number): void => {
      ops.push({ store: STORE, key: chunkKey(topicId, partition, base, position), value: null })
      segments.get(base)?.delete(position)
    }
    for (const { segmentBaseOffset, size } of truncations) {
      for (const [base, positions] of segments) {
        if (base > segmentBaseOffset) for (const position of positions) drop(base, position)
      }
      const positions = [...(segments.get(segmentBaseOffset) ?? [])].sort((a, b) => a - b)
      const kept = positions.filter((p) => p < size)
      for (const position of positions.filter((p) => p >= size)) drop(segmentBaseOffset, position)
      const last = kept[kept.length - 1]
      if (last !== undefined && !positions.includes(size)) {
        drop(segmentBaseOffset, last)
        log.pendingFlush.rewindFlushed(segmentBaseOffset, last)
      }
    }
    return ops
  }

  /** The deletes of every stored chunk of the segments retention deleted. */
  private segmentDeletes(id: string, log: UnifiedLog, topicId: string, partition: number): StorageOp[] {
    const segments = this.stored.get(id)
    const ops: StorageOp[] = []
    for (const base of log.pendingFlush.takeDeletedSegments()) {
      for (const position of segments?.get(base) ?? []) {
        ops.push({ store: STORE, key: chunkKey(topicId, partition, base, position), value: null })
      }
      segments?.delete(base)
    }
    return ops
  }

  /**
   * The operations of each segment swap: delete every chunk of the replaced segments, then put the cleaned
   * bytes at position 0; after a swap an unstored empty active segment gets an empty chunk.
   */
  private replacementOps(id: string, log: UnifiedLog, topicId: string, partition: number): StorageOp[] {
    const replaced = log.pendingFlush.takeReplacedSegments()
    if (replaced.length === 0) return []
    const segments = this.stored.get(id) ?? new Map<number, Set<number>>()
    this.stored.set(id, segments)
    const ops: StorageOp[] = []
    const put = (base: number, bytes: Uint8Array): void => {
      ops.push({ store: STORE, key: chunkKey(topicId, partition, base, 0), value: bytes })
      segments.set(base, new Set([0]))
    }
    for (const { replacedBaseOffsets, baseOffset, bytes } of replaced) {
      for (const base of replacedBaseOffsets) {
        for (const position of segments.get(base) ?? []) {
          ops.push({ store: STORE, key: chunkKey(topicId, partition, base, position), value: null })
        }
        segments.delete(base)
      }
      put(baseOffset, bytes)
    }
    const empty = log.emptyActiveSegment
    if (empty !== null && !segments.has(empty)) put(empty, new Uint8Array(0))
    return ops
  }

  /**
   * Storage operations that persist every byte appended, and forget every byte truncated, since the last call;
   * the appended bytes are copied into arrays from `allocate` (default: fresh ones).
   */
  takeFlushOps(allocate?: Allocate): StorageOp[] {
    const ops: StorageOp[] = []
    for (const [id, log] of this.logs) {
      const [topicId, partitionText] = id.split('/') as [string, string]
      const partition = Number(partitionText)
      ops.push(...this.truncationDeletes(id, log, topicId, partition))
      ops.push(...this.replacementOps(id, log, topicId, partition))
      ops.push(...this.segmentDeletes(id, log, topicId, partition))
      const restart = log.pendingFlush.takeFullTruncation()
      if (restart !== null) {
        // The new empty segment is stored as an empty chunk, so a reload starts at the new offset.
        const key = chunkKey(topicId, partition, restart, 0)
        ops.push({ store: STORE, key, value: new Uint8Array(0) })
        this.remember(id, key)
      }
      for (const chunk of log.pendingFlush.takeUnflushed(allocate)) {
        const key = chunkKey(topicId, partition, chunk.segmentBaseOffset, chunk.position)
        ops.push({ store: STORE, key, value: chunk.bytes })
        this.remember(id, key)
      }
    }
    return ops
  }

  /** Closes and forgets one partition's log; returns the storage operations that delete its bytes. */
  async deleteLog(topicId: string, partition: number): Promise<StorageOp[]> {
    const id = LogManager.id(topicId, partition)
    this.logs.get(id)?.close()
    this.logs.delete(id)
    this.stored.delete(id)
    const keys = await this.storage.keys(STORE, partitionPrefix(topicId, partition))
    const ops = keys.map((key): StorageOp => ({ store: STORE, key, value: null }))
    if (this.cleanerCheckpoints.delete(id)) {
      ops.push({ store: STORE, key: checkpointKey(CLEANER, topicId, partition), value: null })
    }
    // Deleted even when no checkpoint of this log is known: one may still be in flight, and lands before this.
    ops.push(this.highWatermarks.forget(id), this.logStartOffsets.forget(id))
    return ops
  }

  /** Closes and forgets a topic's logs; returns the storage operations that delete their bytes. */
  async deleteLogs(topicId: string, partitions: number): Promise<StorageOp[]> {
    const ops: StorageOp[] = []
    for (let p = 0; p < partitions; p++) ops.push(...(await this.deleteLog(topicId, p)))
    return ops
  }

  close(): void {
    this.retentionTask?.cancel()
    this.highWatermarkCheckpointTask?.cancel()
    this.logStartOffsetCheckpointTask?.cancel()
    this.cleaner?.shutdown()
    for (const log of this.logs.values()) log.close()
    this.logs.clear()
  }
}
