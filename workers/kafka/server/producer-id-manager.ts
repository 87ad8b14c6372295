/**
 * ProducerIdManager: where a broker takes the producer ids that InitProducerId hands to idempotent producers
 * (Kafka's RPCProducerIdManager). Ids come from blocks of 1000 that the active controller allocates
 * (AllocateProducerIds, see controller/producer-id-control.ts); ids are handed out in order from the current
 * block, and when 90% of it is used the next block is requested ahead of time.
 *
 * When no id is left and the next block has not arrived, `generateProducerId` answers null after asking for
 * one: the broker then answers COORDINATOR_LOAD_IN_PROGRESS ("Producer ID block is full. Waiting for next
 * block") and the producer retries, as Kafka does. At most one request is in flight; a failed one is retried
 * no sooner than 50 ms later. A block that does not start past the current one is refused (not monotonic).
 */
import type { Clock } from '../../net/clock.ts'
import type { ProducerIdsBlock } from '../controller/producer-id-control.ts'

export const PRODUCER_ID_BLOCK_FULL = 'Producer ID block is full. Waiting for next block'
const RETRY_BACKOFF_MS = 50
const PREFETCH_THRESHOLD = 0.9

export interface ProducerIdManagerDeps {
  brokerId: number
  clock: Clock
  /** Sends AllocateProducerIds to the active controller; resolves with the block, or null on any failure. */
  allocateProducerIds: () => Promise<Omit<ProducerIdsBlock, 'assignedBrokerId'> | null>
}

export class ProducerIdManager {
  private current: ProducerIdsBlock | null = null
  /** The next id of `current` to hand out. */
  private nextId = 0
  private nextBlock: ProducerIdsBlock | null = null
  private requestInFlight = false
  private backoffDeadline = -1

  constructor(private readonly deps: ProducerIdManagerDeps) {}

  /** The next producer id, or null while waiting for a block (already requested). */
  generateProducerId(): number | null {
    if (!this.current || this.nextId >= this.current.firstProducerId + this.current.size) {
      if (!this.nextBlock) {
        this.maybeRequestNextBlock()
        return null
      }
      this.current = this.nextBlock
      this.nextId = this.current.firstProducerId
      this.nextBlock = null
    }
    const id = this.nextId++
    const { firstProducerId, size } = this.current
    if (id === firstProducerId + Math.floor(size * PREFETCH_THRESHOLD)) this.maybeRequestNextBlock()
    return id
  }

  private maybeRequestNextBlock(): void {
    if (this.nextBlock || this.requestInFlight) return
    if (this.backoffDeadline >= 0 && this.deps.clock.now() < this.backoffDeadline) return
    this.requestInFlight = true
    this.backoffDeadline = -1
    void this.deps.allocateProducerIds().then(
      (block) => this.handleResponse(block),
      () => this.handleResponse(null),
    )
  }

  private handleResponse(block: Omit<ProducerIdsBlock, 'assignedBrokerId'> | null): void {
    const currentEnd = this.current ? this.current.firstProducerId + this.current.size - 1 : -1
    if (block && block.firstProducerId >= currentEnd && block.firstProducerId >= 0 && block.size > 0) {
      this.nextBlock = { assignedBrokerId: this.deps.brokerId, ...block }
    } else {
      this.backoffDeadline = this.deps.clock.now() + RETRY_BACKOFF_MS
    }
    this.requestInFlight = false
  }
}
