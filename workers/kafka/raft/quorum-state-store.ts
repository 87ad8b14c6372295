/**
 * QuorumStateStore: the election state a voter must remember across restarts (Kafka's quorum-state
 * file): the current epoch, the leader it knows for that epoch, and the candidate it voted for. Written
 * on every transition, and before a granted vote is answered, so a voter never votes twice in an epoch.
 *
 * Storage: store 'kafka', key `<prefix>quorum-state` → envelope v1 of ElectionState. Writes are queued
 * in order; `flush()` resolves when every write so far has landed.
 */
import { openEnvelope, sealEnvelope } from '../../storage/envelope.ts'
import type { Storage } from '../../storage/storage.ts'

const VERSION = 1

export interface ElectionState {
  epoch: number
  leaderId: number | null
  votedId: number | null
}

export class QuorumStateStore {
  private writes: Promise<void> = Promise.resolve()

  constructor(
    private readonly storage: Storage,
    private readonly prefix: string,
  ) {}

  /** The stored state, or epoch 0 with no leader and no vote for a new node. Fails closed on a bad record. */
  async read(): Promise<ElectionState> {
    const bytes = await this.storage.get('kafka', `${this.prefix}quorum-state`)
    if (!bytes) return { epoch: 0, leaderId: null, votedId: null }
    return openEnvelope(bytes, VERSION, 'quorum-state') as ElectionState
  }

  write(state: ElectionState): Promise<void> {
    const value = sealEnvelope(VERSION, state)
    this.writes = this.writes.then(() =>
      this.storage.write([{ store: 'kafka', key: `${this.prefix}quorum-state`, value }]),
    )
    return this.writes
  }

  flush(): Promise<void> {
    return this.writes
  }
}
