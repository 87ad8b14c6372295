/**
 * StoredPersistedState: the Coordinator's PersistedState (current term and last accepted cluster state)
 * kept in the node's Storage, as ES's PersistedClusterStateService keeps it on disk. Reads come from
 * memory. Every change is written through in order: one storage write at a time, later changes
 * coalescing into the next write. `flushed()` resolves once every change made so far is stored; the
 * node's coordination answers wait for it, so no vote or acceptance leaves the node before it is durable.
 *
 * Record: store `es`, key `coordination/state`, envelope version 1: {term, state}. As in ES, the routing
 * table read back is not trusted: it is rebuilt as a recovery (metadata-indices.ts recoveredRouting).
 */
import type { Storage } from '../../storage/storage.ts'
import { openEnvelope, sealEnvelope } from '../../storage/envelope.ts'
import type { PersistedState } from '../cluster/coordination/persisted-state.ts'
import { emptyClusterState, type ClusterState } from '../cluster/state/cluster-state.ts'
import { recoveredRouting } from '../cluster/state/metadata-indices.ts'

const KEY = 'coordination/state'
const VERSION = 1

interface Stored {
  term: number
  state: ClusterState
}

export class StoredPersistedState implements PersistedState {
  private writing: Promise<void> = Promise.resolve()
  private dirty = false

  private constructor(
    private readonly storage: Storage,
    private term: number,
    private state: ClusterState,
  ) {}

  /** The stored state, its routing table rebuilt as the gateway recovers it (`now`: the recovery time). */
  static async load(storage: Storage, clusterName: string, now: number): Promise<StoredPersistedState> {
    const bytes = await storage.get('es', KEY)
    if (!bytes) return new StoredPersistedState(storage, 0, emptyClusterState(clusterName))
    const stored = openEnvelope(bytes, VERSION, 'Elasticsearch coordination state') as Stored
    return new StoredPersistedState(storage, stored.term, recoveredRouting(stored.state, now))
  }

  currentTerm(): number {
    return this.term
  }

  lastAcceptedState(): ClusterState {
    return this.state
  }

  setCurrentTerm(term: number): void {
    this.term = term
    this.changed()
  }

  setLastAcceptedState(state: ClusterState): void {
    this.state = state
    this.changed()
  }

  /** Resolves once every change made before the call is stored. */
  flushed(): Promise<void> {
    return this.writing
  }

  private changed(): void {
    if (this.dirty) return
    this.dirty = true
    this.writing = this.writing.then(() => {
      this.dirty = false
      const value = sealEnvelope(VERSION, { term: this.term, state: this.state } satisfies Stored)
      return this.storage.write([{ store: 'es', key: KEY, value }])
    })
  }
}
