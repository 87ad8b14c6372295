/**
 * RaftLog: the replicated metadata log of one quorum member (Kafka's ReplicatedLog / KafkaRaftLog), held
 * in memory as whole batches and persisted in chunks: every append or fetch result is one Storage value,
 * written together with any truncation in one atomic `write`, never one record at a time.
 *
 * Storage layout (store 'kafka'): `<prefix>log/<baseOffset, 16 digits>` → envelope v1 of
 * `{ baseOffset, batches: LogBatch[] }`. Keys sort in offset order.
 * Invariants: batches are contiguous from offset 0 and their epochs never decrease; `durableEndOffset`
 * (what the node may acknowledge) is never above `endOffset()`. Recovery keeps the longest valid prefix
 * of chunks (right magic, version and checksum, contiguous offsets, non-decreasing epochs) and deletes
 * the rest, as Kafka's segment recovery keeps the longest valid prefix of batches.
 */
import { openEnvelope, sealEnvelope } from '../../storage/envelope.ts'
import type { Storage, StorageOp } from '../../storage/storage.ts'
import { batchSize, type LogBatch } from './raft-messages.ts'

const STORE = 'kafka'
const CHUNK_VERSION = 1

interface Chunk {
  key: string
  baseOffset: number
  endOffset: number
}

interface ChunkPayload<R> {
  baseOffset: number
  batches: LogBatch<R>[]
}

/** An (offset, epoch) pair: Kafka's OffsetAndEpoch. */
export interface OffsetAndEpoch {
  offset: number
  epoch: number
}

export class RaftLog<R> {
  private readonly batches: LogBatch<R>[] = []
  private readonly chunks: Chunk[] = []
  private writes: Promise<void> = Promise.resolve()
  /** Bumped by every truncation, so that a write queued before it cannot raise durableEndOffset. */
  private generation = 0
  private durableEnd = 0

  private constructor(
    private readonly storage: Storage,
    private readonly prefix: string,
  ) {}

  /** Reads the persisted log back, keeping its longest valid prefix and deleting what follows. */
  static async recover<R>(storage: Storage, prefix: string): Promise<RaftLog<R>> {
    const log = new RaftLog<R>(storage, prefix)
    const keys = await storage.keys(STORE, `${prefix}log/`)
    const invalid: string[] = []
    for (const key of keys) {
      if (invalid.length > 0 || !(await log.recoverChunk(key))) invalid.push(key)
    }
    if (invalid.length > 0) await storage.write(invalid.map((key) => ({ store: STORE, key, value: null })))
    log.durableEnd = log.endOffset()
    return log
  }

  private async recoverChunk(key: string): Promise<boolean> {
    const bytes = await this.storage.get(STORE, key)
    if (!bytes) return false
    let payload: ChunkPayload<R>
    try {
      payload = openEnvelope(bytes, CHUNK_VERSION, `raft log chunk ${key}`) as ChunkPayload<R>
    } catch {
      return false
    }
    let next = this.endOffset()
    let epoch = this.lastEpoch()
    if (payload.baseOffset !== next || payload.batches.length === 0) return false
    for (const batch of payload.batches) {
      if (batch.baseOffset !== next || batch.epoch < epoch || batchSize(batch) === 0) return false
      next += batchSize(batch)
      epoch = batch.epoch
    }
    this.batches.push(...payload.batches)
    this.chunks.push({ key, baseOffset: payload.baseOffset, endOffset: next })
    return true
  }

  endOffset(): number {
    const last = this.batches.at(-1)
    return last ? last.baseOffset + batchSize(last) : 0
  }

  /** The end offset that has reached Storage: what this node may report to the leader or count as its own. */
  durableEndOffset(): number {
    return this.durableEnd
  }

  /** The epoch of the last batch, 0 for an empty log (Kafka's lastFetchedEpoch). */
  lastEpoch(): number {
    return this.batches.at(-1)?.epoch ?? 0
  }

  /** The batch holding `offset`, if any. */
  batchAt(offset: number): LogBatch<R> | undefined {
    const index = this.indexOf(offset)
    return index < 0 ? undefined : this.batches[index]
  }

  /** Index of the batch holding `offset`, -1 when none does. */
  private indexOf(offset: number): number {
    let lo = 0
    let hi = this.batches.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const batch = this.batches[mid]!
      if (offset < batch.baseOffset) hi = mid - 1
      else if (offset >= batch.baseOffset + batchSize(batch)) lo = mid + 1
      else return mid
    }
    return -1
  }

  /**
   * The largest epoch not above `epoch` and the offset where it ends (the start of the next epoch, or the
   * log end): LeaderEpochFileCache.endOffsetFor. An epoch older than the whole log ends at offset 0.
   */
  endOffsetForEpoch(epoch: number): OffsetAndEpoch {
    let found: OffsetAndEpoch = { offset: 0, epoch: 0 }
    for (const batch of this.batches) {
      if (batch.epoch > epoch) return { offset: batch.baseOffset, epoch: found.epoch }
      found = { offset: batch.baseOffset + batchSize(batch), epoch: batch.epoch }
    }
    return found
  }

  /**
   * ReplicatedLog.validateOffsetAndEpoch: null when a follower at (fetchOffset, lastFetchedEpoch) agrees
   * with this log, or the diverging (epoch, end offset) it must truncate to.
   */
  validateOffsetAndEpoch(fetchOffset: number, lastFetchedEpoch: number): OffsetAndEpoch | null {
    if (fetchOffset === 0 && lastFetchedEpoch === 0) return null
    const end = this.endOffsetForEpoch(lastFetchedEpoch)
    return end.epoch !== lastFetchedEpoch || end.offset < fetchOffset ? end : null
  }

  /**
   * The offset a follower truncates to on a diverging-epoch answer (ReplicatedLog.truncateToEndOffset):
   * within the same epoch the lower of the two end offsets, otherwise where this log's older epoch ends.
   */
  truncationOffsetFor(diverging: OffsetAndEpoch): number {
    const local = this.endOffsetForEpoch(diverging.epoch)
    return local.epoch === diverging.epoch ? Math.min(local.offset, diverging.offset) : local.offset
  }

  /** Up to `maxBatches` whole batches from `offset` on (a batch boundary, as fetch offsets are). */
  read(offset: number, maxBatches: number): LogBatch<R>[] {
    const index = this.indexOf(offset)
    return index < 0 ? [] : this.batches.slice(index, index + maxBatches)
  }

  /**
   * Truncates to `truncateTo` (when below the end) and appends `batches`, in memory at once and in
   * Storage as one atomic write; resolves when that write, and every write before it, has landed.
   */
  write(batches: LogBatch<R>[], truncateTo: number | null = null): Promise<void> {
    const ops: StorageOp[] = []
    if (truncateTo !== null && truncateTo < this.endOffset()) {
      ops.push(...this.truncate(truncateTo))
      this.generation++
      this.durableEnd = Math.min(this.durableEnd, truncateTo)
    }
    if (batches.length > 0) ops.push(this.append(batches))
    const generation = this.generation
    const end = this.endOffset()
    this.writes = this.writes
      .then(() => (ops.length > 0 ? this.storage.write(ops) : undefined))
      .then(() => {
        if (generation === this.generation) this.durableEnd = Math.max(this.durableEnd, end)
      })
    return this.writes
  }

  private append(batches: LogBatch<R>[]): StorageOp {
    const baseOffset = this.endOffset()
    let next = baseOffset
    for (const batch of batches) {
      if (batch.baseOffset !== next)
        throw new Error(`batch at ${batch.baseOffset} does not follow offset ${next}`)
      next += batchSize(batch)
    }
    this.batches.push(...batches)
    const key = `${this.prefix}log/${String(baseOffset).padStart(16, '0')}`
    this.chunks.push({ key, baseOffset, endOffset: next })
    const payload: ChunkPayload<R> = { baseOffset, batches }
    return { store: STORE, key, value: sealEnvelope(CHUNK_VERSION, payload) }
  }

  private truncate(offset: number): StorageOp[] {
    const index = this.indexOf(offset)
    const kept = this.batches[index]
    if (kept?.kind === 'data' && kept.baseOffset < offset) {
      this.batches[index] = { ...kept, records: kept.records.slice(0, offset - kept.baseOffset) }
      this.batches.length = index + 1
    } else if (index >= 0) this.batches.length = index
    const ops: StorageOp[] = []
    while (this.chunks.length > 0 && this.chunks.at(-1)!.endOffset > offset) {
      const chunk = this.chunks.pop()!
      ops.push({ store: STORE, key: chunk.key, value: null })
      if (chunk.baseOffset < offset) {
        const payload: ChunkPayload<R> = {
          baseOffset: chunk.baseOffset,
          batches: this.read(chunk.baseOffset, Infinity),
        }
        ops.push({ store: STORE, key: chunk.key, value: sealEnvelope(CHUNK_VERSION, payload) })
        this.chunks.push({ key: chunk.key, baseOffset: chunk.baseOffset, endOffset: offset })
      }
    }
    return ops
  }
}
