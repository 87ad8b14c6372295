/**
 * The producer's RecordAccumulator, as Kafka's: records wait in ProducerBatches, a deque of them per
 * topic-partition (only the last batch takes appends), until the Sender drains them.
 *
 * - `ready` names the leaders with a sendable partition: its first batch is full (or not alone), has waited
 *   linger.ms, or a flush or close is under way; a batch in retry backs off retry.backoff.ms from its last
 *   attempt first, a muted partition (max.in.flight.requests.per.connection = 1) waits for its batch in
 *   flight. Partitions whose leader is unknown name their topic for a metadata update.
 * - `drain` takes, for each node the Sender can send to, at most one batch per partition of that node, in the
 *   node's partition order from a rotating start (drainBatchesForOneNode's per-node drain index, so no
 *   partition starves), until the request would pass max.request.size. An idempotent producer stamps a
 *   batch with its partition's next sequence when the batch leaves here the first time; a batch in retry goes
 *   again only as its partition's first batch in flight, and new batches wait while the producer has no id
 *   or must bump its epoch. A partition that cannot go stops the node's drain, as Kafka's `break` does.
 * - `reenqueue` puts a batch to retry back at the front, in sequence order among the batches in retry.
 * - `expiredBatches` removes the batches that waited delivery.timeout.ms since creation.
 *
 * A request's size counts each batch's built bytes once it has been built, else its estimate (Kafka counts
 * a new batch's closed, possibly compressed, bytes; this one builds batches after the drain).
 *
 * Batch buffers come from a BufferPool (batch.size each, as Kafka's `free` pool) and go back to it when the
 * batch is deallocated. A request carries a copy of a batch's bytes (ProducerBatch.build), never its buffer,
 * so a reused buffer never changes bytes in flight.
 */
import type { RecordInput } from '../../../../engine-wasm/src/log/index.ts'
import type { Callback, RecordMetadata, TopicPartition } from '../api.ts'
import { BufferPool } from './buffer-pool.ts'
import { ProducerBatch } from './producer-batch.ts'
import { recordSizeUpperBound } from './record-size.ts'
import type { TransactionManager } from './transaction-manager.ts'

/** buffer.memory's default (32 MiB): the most the BufferPool keeps in free buffers. */
const BUFFER_MEMORY = 33_554_432

/** What the accumulator needs to know: how batches fill and when they are sendable. */
export interface AccumulatorConfig {
  batchSize: number
  compressed: boolean
  lingerMs: number
  retryBackoffMs: number
  deliveryTimeoutMs: number
}

/** The cluster as the accumulator sees it (Kafka's MetadataSnapshot). */
export interface MetadataSnapshot {
  /** The partition's leader, or -1 when it is unknown or cannot be reached. */
  leaderFor(topic: string, partition: number): number
  /** The partitions this node leads, in metadata order. */
  partitionsForNode(node: number): readonly TopicPartition[]
}

/**
 * RecordAppendResult: the record's future (undefined when it was appended with a callback), whether its batch
 * is ready to send, and the bytes it added.
 */
export interface RecordAppendResult {
  future: Promise<RecordMetadata> | undefined
  batchIsFull: boolean
  newBatchCreated: boolean
  appendedBytes: number
  /** Every batch of the partition is full: the sticky partitioner may move on (allBatchesFull). */
  allBatchesFull: boolean
}

export interface ReadyCheckResult {
  readyNodes: Set<number>
  /** Milliseconds until a partition not sendable yet may be (Infinity when none waits). */
  nextReadyCheckDelayMs: number
  unknownLeaderTopics: Set<string>
}

export class RecordAccumulator {
  /** Each partition's batches, oldest first, by topic and partition. */
  private readonly deques = new Map<string, Array<ProducerBatch[] | undefined>>()
  /** Batches created and not yet settled (IncompleteBatches), for flush. */
  private readonly incomplete = new Set<ProducerBatch>()
  /** Partitions with a batch in flight, when order must hold without idempotence. */
  private readonly muted = new Set<string>()
  /** Where each node's next drain starts in its partition list. */
  private readonly drainIndexes = new Map<number, number>()
  private flushesInProgress = 0
  private closed = false
  /** Batch buffers of batch.size, reused once their batch is done (at most buffer.memory of them kept). */
  private readonly free: BufferPool

  constructor(
    private readonly config: AccumulatorConfig,
    private readonly transactionManager: TransactionManager | null,
  ) {
    this.free = new BufferPool(config.batchSize, BUFFER_MEMORY)
  }

  /** Whether any batch waits to be drained (RecordAccumulator.hasUndrained). */
  get hasUndrained(): boolean {
    for (const byPartition of this.deques.values()) {
      for (const deque of byPartition) if (deque !== undefined && deque.length > 0) return true
    }
    return false
  }

  /**
   * RecordAccumulator.append: into the partition's last batch, or a new one when it does not fit (sized for
   * the record's AbstractRecords.estimateSizeInBytesUpperBound if that exceeds batch.size). `keyValueHeaders`
   * is the record's keyValueHeadersSize; `callback`, when given, is called once the record's batch settles.
   */
  append(
    topic: string,
    partition: number,
    input: RecordInput,
    keyValueHeaders: number,
    nowMs: number,
    callback: Callback | null = null,
  ): RecordAppendResult {
    const deque = this.dequeFor(topic, partition)
    let batch = deque[deque.length - 1]
    const before = batch?.estimatedSizeInBytes ?? 0
    let future = batch === undefined ? null : batch.tryAppend(input, keyValueHeaders, callback)
    let appendedBytes = 0
    const newBatchCreated = batch === undefined || future === null
    if (batch !== undefined && future !== null) appendedBytes = batch.estimatedSizeInBytes - before
    else {
      const { batchSize, compressed } = this.config
      const writeLimit = Math.max(batchSize, recordSizeUpperBound(keyValueHeaders))
      const buffer = this.free.allocate(writeLimit)
      batch = new ProducerBatch(topic, partition, writeLimit, compressed, nowMs, buffer)
      deque.push(batch)
      this.incomplete.add(batch)
      // A new batch always takes its first record.
      future = batch.tryAppend(input, keyValueHeaders, callback) ?? undefined
      appendedBytes = batch.estimatedSizeInBytes
    }
    const full = batch.isFull
    return {
      future,
      batchIsFull: deque.length > 1 || full,
      newBatchCreated,
      appendedBytes,
      allBatchesFull: full,
    }
  }

  private dequeFor(topic: string, partition: number): ProducerBatch[] {
    let byPartition = this.deques.get(topic)
    if (byPartition === undefined) {
      byPartition = []
      this.deques.set(topic, byPartition)
    }
    let deque = byPartition[partition]
    if (deque === undefined) {
      deque = []
      byPartition[partition] = deque
    }
    return deque
  }

  /** RecordAccumulator.ready: the nodes with a sendable partition, and when to look again. */
  ready(metadata: MetadataSnapshot, nowMs: number): ReadyCheckResult {
    const readyNodes = new Set<number>()
    const unknownLeaderTopics = new Set<string>()
    let nextReadyCheckDelayMs = Infinity
    const { lingerMs, retryBackoffMs } = this.config
    const forced = this.closed || this.flushesInProgress > 0
    for (const [topic, byPartition] of this.deques) {
      for (let partition = 0; partition < byPartition.length; partition++) {
        const deque = byPartition[partition]
        const batch = deque?.[0]
        if (deque === undefined || batch === undefined) continue
        const leader = metadata.leaderFor(topic, partition)
        if (leader < 0) {
          unknownLeaderTopics.add(topic)
          continue
        }
        if (readyNodes.has(leader) || this.isMuted(topic, partition)) continue
        const waited = batch.waitedTimeMs(nowMs)
        const backingOff = batch.attempts > 0 && waited < retryBackoffMs
        const timeToWait = backingOff ? retryBackoffMs : lingerMs
        const sendable = deque.length > 1 || batch.isFull || waited >= timeToWait || forced
        if (sendable && !backingOff) readyNodes.add(leader)
        else nextReadyCheckDelayMs = Math.min(nextReadyCheckDelayMs, Math.max(timeToWait - waited, 0))
      }
    }
    return { readyNodes, nextReadyCheckDelayMs, unknownLeaderTopics }
  }

  /** RecordAccumulator.drain: each node's batches for one produce request of at most `maxSize` bytes. */
  drain(
    metadata: MetadataSnapshot,
    nodes: Iterable<number>,
    maxSize: number,
    nowMs: number,
  ): Map<number, ProducerBatch[]> {
    const drained = new Map<number, ProducerBatch[]>()
    for (const node of nodes) {
      const batches = this.drainBatchesForOneNode(metadata, node, maxSize, nowMs)
      if (batches.length > 0) drained.set(node, batches)
    }
    return drained
  }

  private drainBatchesForOneNode(
    metadata: MetadataSnapshot,
    node: number,
    maxSize: number,
    nowMs: number,
  ): ProducerBatch[] {
    const parts = metadata.partitionsForNode(node)
    const ready: ProducerBatch[] = []
    if (parts.length === 0) return ready
    let size = 0
    const start = (this.drainIndexes.get(node) ?? 0) % parts.length
    let index = start
    do {
      const { topic, partition } = parts[index]!
      this.drainIndexes.set(node, index)
      index = (index + 1) % parts.length
      if (this.isMuted(topic, partition)) continue
      const deque = this.deques.get(topic)?.[partition]
      const first = deque?.[0]
      if (deque === undefined || first === undefined) continue
      if (first.attempts > 0 && first.waitedTimeMs(nowMs) < this.config.retryBackoffMs) continue
      if (size + first.sizeInBytes > maxSize && ready.length > 0) break
      if (this.shouldStopDrainBatchesForPartition(first)) break
      deque.shift()
      const manager = this.transactionManager
      if (manager !== null && !first.hasSequence) manager.assignSequence(first)
      first.close()
      size += first.sizeInBytes
      ready.push(first)
    } while (index !== start)
    return ready
  }

  /** RecordAccumulator.shouldStopDrainBatchesForPartition, for an idempotent producer. */
  private shouldStopDrainBatchesForPartition(first: ProducerBatch): boolean {
    const manager = this.transactionManager
    if (manager === null) return false
    if (!manager.hasProducerId) return true
    if (!first.hasSequence) return manager.isEpochBumpRequired
    // A batch in retry goes again only as the first of its partition in flight: retries keep sequence order.
    return !manager.isFirstInFlight(first)
  }

  /**
   * RecordAccumulator.reenqueue: the batch goes back to the front of its partition's deque, after the batches
   * in retry with a lower sequence (insertInSequenceOrder) when the producer is idempotent.
   */
  reenqueue(batch: ProducerBatch, nowMs: number): void {
    batch.reenqueued(nowMs)
    const deque = this.dequeFor(batch.topic, batch.partition)
    let at = 0
    if (this.transactionManager !== null) {
      while (deque[at]?.hasSequence === true && deque[at]!.baseSequence < batch.baseSequence) at++
    }
    deque.splice(at, 0, batch)
  }

  /** RecordAccumulator.expiredBatches: removes and returns the waiting batches past delivery.timeout.ms. */
  expiredBatches(nowMs: number): ProducerBatch[] {
    const expired: ProducerBatch[] = []
    for (const byPartition of this.deques.values()) {
      for (const deque of byPartition) {
        while (deque?.[0]?.hasReachedDeliveryTimeout(this.config.deliveryTimeoutMs, nowMs) === true) {
          expired.push(deque.shift()!)
        }
      }
    }
    return expired
  }

  /** RecordAccumulator.abortUndrainedBatches: removes and returns the batches never drained. */
  abortUndrainedBatches(): ProducerBatch[] {
    const aborted: ProducerBatch[] = []
    for (const byPartition of this.deques.values()) {
      byPartition.forEach((deque = [], partition) => {
        aborted.push(...deque.filter((batch) => !batch.hasSequence))
        byPartition[partition] = deque.filter((batch) => batch.hasSequence)
      })
    }
    return aborted
  }

  /**
   * RecordAccumulator.abortIncompleteBatches: every batch not yet complete, waiting or in flight, leaves its
   * partition and fails with `reason`.
   */
  abortIncompleteBatches(reason: Error): void {
    for (const batch of [...this.incomplete]) {
      const deque = this.deques.get(batch.topic)?.[batch.partition]
      if (deque?.includes(batch) === true) deque.splice(deque.indexOf(batch), 1)
      batch.fail(reason)
      this.deallocate(batch)
    }
  }

  /** The earliest time a waiting batch reaches delivery.timeout.ms (Infinity when none waits). */
  nextExpiryTimeMs(): number {
    let next = Infinity
    for (const byPartition of this.deques.values()) {
      for (const deque of byPartition) {
        const first = deque?.[0]
        if (first !== undefined) next = Math.min(next, first.createdMs + this.config.deliveryTimeoutMs)
      }
    }
    return next
  }

  mutePartition(batch: ProducerBatch): void {
    this.muted.add(partitionKey(batch.topic, batch.partition))
  }

  unmutePartition(batch: ProducerBatch): void {
    this.muted.delete(partitionKey(batch.topic, batch.partition))
  }

  private isMuted(topic: string, partition: number): boolean {
    return this.muted.size > 0 && this.muted.has(partitionKey(topic, partition))
  }

  /** The batch settled: it no longer holds up a flush, and its buffer serves a later batch. */
  deallocate(batch: ProducerBatch): void {
    this.incomplete.delete(batch)
    const buffer = batch.releaseBuffer()
    if (buffer !== null) this.free.deallocate(buffer)
  }

  /** RecordAccumulator.beginFlush: every batch is sendable at once until the flush completes. */
  beginFlush(): void {
    this.flushesInProgress++
  }

  /** Resolves once every batch created so far has settled, then ends this flush. */
  async awaitFlushCompletion(): Promise<void> {
    try {
      await Promise.all([...this.incomplete].map((batch) => batch.settled()))
    } finally {
      this.flushesInProgress--
    }
  }

  /** RecordAccumulator.close: everything left is sendable at once. */
  close(): void {
    this.closed = true
  }
}

function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`
}
