/**
 * PersistedState: what a master-eligible node must keep across restarts for coordination to stay safe,
 * as ES's PersistedState: the current term and the last accepted cluster state. Writes are synchronous
 * from the Coordinator's point of view: an implementation over async storage must persist before the
 * node's next answer leaves (the lead's worker owns that). InMemoryPersistedState is the test twin; the
 * simulation keeps one per node across kill and restart, as a disk would.
 */
import { emptyClusterState, type ClusterState } from '../state/cluster-state.ts'

export interface PersistedState {
  currentTerm(): number
  lastAcceptedState(): ClusterState
  setCurrentTerm(term: number): void
  setLastAcceptedState(state: ClusterState): void
}

export class InMemoryPersistedState implements PersistedState {
  private term = 0
  private state: ClusterState

  constructor(clusterName: string) {
    this.state = emptyClusterState(clusterName)
  }

  currentTerm(): number {
    return this.term
  }

  lastAcceptedState(): ClusterState {
    return this.state
  }

  setCurrentTerm(term: number): void {
    this.term = term
  }

  setLastAcceptedState(state: ClusterState): void {
    this.state = state
  }
}
