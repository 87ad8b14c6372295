/**
 * ProducerStateManager: one partition's idempotent producers, by producer id (Kafka's ProducerStateManager
 * without transactions). A leader's append is first analysed (UnifiedLog.analyzeAndValidateProducerState):
 * a batch that repeats one of its producer's 5 cached batches is a duplicate, answered with the original
 * offsets and not appended (error NONE, as Kafka answers); other batches are validated (ProducerAppendInfo)
 * and their entries take effect only once the append succeeded (`update`). A follower's and a loading log's
 * batches update the state without sequence checks.
 *
 * Batch header fields read here (RecordBatch v2, big-endian): baseOffset i64 @0, batchLength i32 @8,
 * attributes i16 @21 (0x20 control), lastOffsetDelta i32 @23, maxTimestamp i64 @35, producerId i64 @43,
 * producerEpoch i16 @51, baseSequence i32 @53.
 *
 * Persistence: Kafka keeps .snapshot files; the playground keeps none and rebuilds the state by scanning the
 * log when a log is loaded or truncated (UnifiedLog). So a producer whose batches retention or compaction
 * removed is forgotten after a reload, and its next batch is accepted whatever its sequence, as Kafka
 * accepts it once the producer's state has expired.
 */
import { ProducerAppendInfo, type AppendOrigin } from './producer-append-info.ts'
import { incrementSequence } from '../../protocol/kafka.ts'
import { NO_PRODUCER_ID, ProducerStateEntry, type BatchMetadata } from './producer-state-entry.ts'

const BATCH_LENGTH_AT = 8
const ATTRIBUTES_AT = 21
const LAST_OFFSET_DELTA_AT = 23
const MAX_TIMESTAMP_AT = 35
const PRODUCER_ID_AT = 43
const PRODUCER_EPOCH_AT = 51
const BASE_SEQUENCE_AT = 53
const BATCH_HEADER_SIZE = 61
const LOG_OVERHEAD = 12
const CONTROL_FLAG = 0x20

/** A data batch of an idempotent producer, at the offsets it has (or will have) in the log. */
export interface ProducerBatch extends BatchMetadata {
  producerId: number
  producerEpoch: number
}

/**
 * The producer batches among back-to-back batches, skipping control batches and batches without a producer
 * id. With `firstOffset`, offsets are assigned from it (a leader's append); otherwise the headers' are used.
 */
export function producerBatches(bytes: Uint8Array, firstOffset?: number): ProducerBatch[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const found: ProducerBatch[] = []
  let next = firstOffset
  for (let at = 0; at + BATCH_HEADER_SIZE <= bytes.length;) {
    const delta = view.getInt32(at + LAST_OFFSET_DELTA_AT)
    const baseOffset = next ?? Number(view.getBigInt64(at))
    if (next !== undefined) next += delta + 1
    const producerId = Number(view.getBigInt64(at + PRODUCER_ID_AT))
    const control = (view.getInt16(at + ATTRIBUTES_AT) & CONTROL_FLAG) !== 0
    if (producerId !== NO_PRODUCER_ID && !control) {
      const firstSeq = view.getInt32(at + BASE_SEQUENCE_AT)
      found.push({
        producerId,
        producerEpoch: view.getInt16(at + PRODUCER_EPOCH_AT),
        firstSeq,
        lastSeq: incrementSequence(firstSeq, delta),
        firstOffset: baseOffset,
        lastOffset: baseOffset + delta,
        timestamp: Number(view.getBigInt64(at + MAX_TIMESTAMP_AT)),
      })
    }
    at += LOG_OVERHEAD + view.getInt32(at + BATCH_LENGTH_AT)
  }
  return found
}

/** What an append would change: the duplicate it repeats, or the producers' entries after it. */
export interface ProducerAnalysis {
  duplicate: BatchMetadata | null
  updated: ProducerAppendInfo[]
}

export class ProducerStateManager {
  private readonly producers = new Map<number, ProducerStateEntry>()

  get activeProducers(): ReadonlyMap<number, ProducerStateEntry> {
    return this.producers
  }

  lastEntry(producerId: number): ProducerStateEntry | undefined {
    return this.producers.get(producerId)
  }

  /**
   * Validates the batches (throws ProducerStateError); a client's batch that repeats a cached batch stops the
   * analysis and is returned as the duplicate. `topicPartition` names the partition in error messages.
   */
  analyze(batches: readonly ProducerBatch[], origin: AppendOrigin, topicPartition = ''): ProducerAnalysis {
    const updated = new Map<number, ProducerAppendInfo>()
    for (const batch of batches) {
      const current = this.producers.get(batch.producerId)
      if (origin === 'client' && current) {
        const duplicate = current.findDuplicateBatch(batch.producerEpoch, batch.firstSeq, batch.lastSeq)
        if (duplicate) return { duplicate, updated: [] }
      }
      let info = updated.get(batch.producerId)
      if (!info) {
        const entry = current ?? new ProducerStateEntry(batch.producerId)
        info = new ProducerAppendInfo(topicPartition, batch.producerId, entry, origin)
        updated.set(batch.producerId, info)
      }
      info.appendDataBatch(batch.producerEpoch, batch)
    }
    return { duplicate: null, updated: [...updated.values()] }
  }

  /** Applies an analysed append that went into the log. */
  update(appended: readonly ProducerAppendInfo[]): void {
    for (const info of appended) {
      let entry = this.producers.get(info.producerId)
      if (!entry) {
        entry = new ProducerStateEntry(info.producerId)
        this.producers.set(info.producerId, entry)
      }
      entry.update(info.updated)
    }
  }

  /** A follower's (or a loading log's) batches, appended without sequence checks. */
  applyReplicated(batches: readonly ProducerBatch[]): void {
    this.update(this.analyze(batches, 'replication').updated)
  }
}
