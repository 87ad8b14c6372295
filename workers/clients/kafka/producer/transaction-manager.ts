/**
 * TransactionManager, idempotent part (Kafka 4.x clients' TransactionManager; the transactional requests are
 * in transactional-requests.ts): the producer id and epoch from InitProducerId, the next sequence number of
 * every partition, and the batches in flight per partition in sequence order. A transactional producer's
 * batches are stamped as transactional, and its id and epoch come from the transaction coordinator.
 *
 * Rules, as the Java producer keeps them:
 * - Nothing is sent before the producer has an id: InitProducerId goes to any broker first and is retried
 *   after retry.backoff.ms while brokers answer a retriable error (COORDINATOR_LOAD_IN_PROGRESS while a
 *   broker waits for its block of ids) or cannot be reached.
 * - A batch gets its partition's next sequence when it is drained and keeps it through every retry; the
 *   partition's next sequence moves on by the batch's record count (wrapping past Integer.MAX_VALUE).
 * - A batch in retry is sent again only as the first of its partition in flight (`isFirstInFlight`, which the
 *   accumulator's drain asks), so retries keep the order.
 * - A batch the broker refused for good (not appended) lowers the sequences of the later batches in flight
 *   and the partition's next sequence by its record count (adjustSequencesDueToFailedBatch); their next
 *   attempt carries the new sequence.
 * - A batch whose fate is unknown (it expired) or that was out of sequence as the first in flight requires an
 *   epoch bump: new batches wait until nothing is in flight, then the epoch goes up by one (a new producer id
 *   once it reaches Short.MAX_VALUE) and every partition starts again at sequence 0.
 */
import type { Clock } from '../../../net/clock.ts'
import { incrementSequence, type InitProducerIdResponse } from '../../../protocol/kafka.ts'
import type { ProducerBatch } from './producer-batch.ts'

const NO_PRODUCER_ID = -1
const MAX_EPOCH = 32767

/** Errors a broker answers InitProducerId with that the producer retries. */
const RETRIABLE_INIT_ERRORS: ReadonlySet<string> = new Set([
  'COORDINATOR_LOAD_IN_PROGRESS',
  'COORDINATOR_NOT_AVAILABLE',
  'NOT_COORDINATOR',
  'REQUEST_TIMED_OUT',
])

interface InFlight {
  batch: ProducerBatch
  settled: Promise<void>
  settle: () => void
}

export class TransactionManager {
  producerId = NO_PRODUCER_ID
  producerEpoch = -1
  private readonly nextSequences = new Map<string, number>()
  /** Per partition, the batches with a sequence that have not settled, lowest sequence first. */
  private readonly inFlight = new Map<string, InFlight[]>()
  private epochBumpRequired = false
  /** Told of every batch that failed for good, with its error (a transactional producer must then abort). */
  onFailedBatch: (error: Error) => void = () => undefined
  /**
   * hasAbortableError and lastError: the error a transactional producer's transaction failed with, while
   * only an abort is left (null otherwise); the Sender fails the batches not sent yet with it.
   */
  abortableError: () => Error | null = () => null
  /** hasFatalError and lastError: the error that ended a transactional producer for good (null otherwise). */
  fatalError: () => Error | null = () => null

  constructor(
    private readonly initProducerId: () => Promise<InitProducerIdResponse>,
    private readonly clock: Clock,
    private readonly retryBackoffMs: number,
    /** transactional.id: the producer id then comes from initTransactions (TransactionalRequests). */
    readonly transactionalId: string | null = null,
  ) {}

  get isTransactional(): boolean {
    return this.transactionalId !== null
  }

  /**
   * A new producer id and epoch from the transaction coordinator (InitProducerId, or EndTxn's bump under
   * transactions V2): every partition starts again at sequence 0.
   */
  setProducerIdAndEpoch(producerId: number, producerEpoch: number): void {
    this.producerId = producerId
    this.producerEpoch = producerEpoch
    this.nextSequences.clear()
  }

  get hasProducerId(): boolean {
    return this.producerId !== NO_PRODUCER_ID
  }

  /** New batches wait: a batch's fate is unknown, so every partition starts again under a new epoch. */
  get isEpochBumpRequired(): boolean {
    return this.epochBumpRequired
  }

  /** Whether `ready` has work to do before new batches can get sequences. */
  get needsReady(): boolean {
    return this.epochBumpRequired || (!this.isTransactional && this.producerId === NO_PRODUCER_ID)
  }

  /**
   * Makes the producer ready to assign sequences: bumps the epoch when required (once nothing is in flight)
   * and gets a producer id if it has none. Resolves false when `deadline` passed first.
   */
  async ready(deadline: number): Promise<boolean> {
    if (this.epochBumpRequired) {
      await Promise.all([...this.inFlight.values()].flat().map((f) => f.settled))
      this.bumpIdempotentEpoch()
    }
    while (this.producerId === NO_PRODUCER_ID) {
      if (this.clock.now() >= deadline) return false
      const response = await this.initProducerId().catch(() => null)
      if (response && response.error === null) {
        this.producerId = response.producerId
        this.producerEpoch = response.producerEpoch
      } else if (
        response === null ||
        (response.error !== null && RETRIABLE_INIT_ERRORS.has(response.error))
      ) {
        await this.clock.sleep(this.retryBackoffMs)
      } else {
        return false
      }
    }
    return true
  }

  private bumpIdempotentEpoch(): void {
    this.epochBumpRequired = false
    this.nextSequences.clear()
    if (this.producerEpoch >= MAX_EPOCH) {
      this.producerId = NO_PRODUCER_ID
      this.producerEpoch = -1
    } else {
      this.producerEpoch++
    }
  }

  /** Stamps the batch with the producer id, epoch and its partition's next sequence (at drain). */
  assignSequence(batch: ProducerBatch): void {
    const key = partitionKey(batch)
    const sequence = this.nextSequences.get(key) ?? 0
    batch.setProducerState(this.producerId, this.producerEpoch, sequence, this.isTransactional)
    this.nextSequences.set(key, incrementSequence(sequence, batch.recordCount))
    let settle: () => void = () => undefined
    const settled = new Promise<void>((resolve) => (settle = resolve))
    const list = this.inFlight.get(key) ?? []
    list.push({ batch, settled, settle })
    this.inFlight.set(key, list)
  }

  isFirstInFlight(batch: ProducerBatch): boolean {
    return this.inFlight.get(partitionKey(batch))?.[0]?.batch === batch
  }

  /** The broker appended the batch (or it was a duplicate of one it had). */
  handleCompletedBatch(batch: ProducerBatch): void {
    this.remove(batch)
  }

  /**
   * The batch failed: `appended` false when the broker refused it for good (later sequences move down),
   * null when its fate is unknown or its sequence is lost (the epoch must be bumped); it failed with `error`.
   */
  handleFailedBatch(batch: ProducerBatch, appended: false | null, error: Error): void {
    this.onFailedBatch(error)
    const key = partitionKey(batch)
    if (appended === null) {
      this.epochBumpRequired = true
    } else {
      for (const later of this.inFlight.get(key) ?? []) {
        if (later.batch.baseSequence > batch.baseSequence) {
          later.batch.setProducerState(
            later.batch.producerId,
            later.batch.producerEpoch,
            later.batch.baseSequence - batch.recordCount,
            later.batch.isTransactional,
          )
        }
      }
      const next = this.nextSequences.get(key)
      if (next !== undefined) this.nextSequences.set(key, Math.max(0, next - batch.recordCount))
    }
    this.remove(batch)
  }

  private remove(batch: ProducerBatch): void {
    const key = partitionKey(batch)
    const list = this.inFlight.get(key) ?? []
    const index = list.findIndex((f) => f.batch === batch)
    if (index < 0) return
    list[index]?.settle()
    list.splice(index, 1)
    if (list.length === 0) this.inFlight.delete(key)
  }
}

function partitionKey(batch: ProducerBatch): string {
  return `${batch.topic}\u0000${batch.partition}`
}
