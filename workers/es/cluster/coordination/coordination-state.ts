/**
 * CoordinationState: the safety core of ES 7+'s cluster coordination (Zen2), as ES's CoordinationState.
 * Pure and synchronous; every rule that keeps two masters from committing conflicting states is here:
 * - a node votes (Join) at most once per term, and only when asked with a term above its current one;
 * - an election is won with joins from a quorum of both the last committed and the last accepted
 *   voting configuration, each join from a node whose last accepted (term, version) is not newer;
 * - a published state is accepted only in the current term, and only above the last accepted version
 *   of that term; it is committed once a quorum of both configurations (old and proposed) accepted it;
 * - a commit applies only to the exact (term, version) last accepted.
 * Violations throw CoordinationStateRejectedError, which crosses the transport as data.
 */
import { hasQuorum, type ClusterState } from '../state/cluster-state.ts'
import type { PersistedState } from './persisted-state.ts'

export class CoordinationStateRejectedError extends Error {
  override name = 'coordination_state_rejected_exception'
}

export interface Join {
  readonly sourceNodeId: string
  readonly targetNodeId: string
  readonly term: number
  readonly lastAcceptedTerm: number
  readonly lastAcceptedVersion: number
}

export class CoordinationState {
  private joinVotes = new Set<string>()
  private publishVotes = new Set<string>()
  private won = false
  private publishing: { term: number; version: number } | null = null

  constructor(
    private readonly localNodeId: string,
    readonly persisted: PersistedState,
  ) {}

  get currentTerm(): number {
    return this.persisted.currentTerm()
  }

  get lastAccepted(): ClusterState {
    return this.persisted.lastAcceptedState()
  }

  get electionWon(): boolean {
    return this.won
  }

  /** Votes in a new term: returns the Join to send to the node that asked. */
  handleStartJoin(sourceNodeId: string, term: number): Join {
    if (term <= this.currentTerm) {
      throw new CoordinationStateRejectedError(
        `incoming term ${term} not greater than current term ${this.currentTerm}`,
      )
    }
    this.persisted.setCurrentTerm(term)
    this.joinVotes = new Set()
    this.publishVotes = new Set()
    this.won = false
    this.publishing = null
    const accepted = this.lastAccepted
    return {
      sourceNodeId: this.localNodeId,
      targetNodeId: sourceNodeId,
      term,
      lastAcceptedTerm: accepted.term,
      lastAcceptedVersion: accepted.version,
    }
  }

  /** Counts a vote for this node; true when it newly makes the election won. */
  handleJoin(join: Join): boolean {
    if (join.term !== this.currentTerm) {
      throw new CoordinationStateRejectedError(
        `incoming term ${join.term} does not match current term ${this.currentTerm}`,
      )
    }
    const accepted = this.lastAccepted
    if (
      join.lastAcceptedTerm > accepted.term ||
      (join.lastAcceptedTerm === accepted.term && join.lastAcceptedVersion > accepted.version)
    ) {
      throw new CoordinationStateRejectedError(
        `incoming last accepted (${join.lastAcceptedTerm}, ${join.lastAcceptedVersion}) is newer than ours (${accepted.term}, ${accepted.version})`,
      )
    }
    if (accepted.lastAcceptedConfiguration.length === 0) {
      throw new CoordinationStateRejectedError('this node has not been bootstrapped')
    }
    this.joinVotes.add(join.sourceNodeId)
    const before = this.won
    this.won = this.isElectionQuorum(this.joinVotes)
    return this.won && !before
  }

  isElectionQuorum(votes: ReadonlySet<string>): boolean {
    const accepted = this.lastAccepted
    return (
      hasQuorum(accepted.lastCommittedConfiguration, votes) &&
      hasQuorum(accepted.lastAcceptedConfiguration, votes)
    )
  }

  joinVoters(): string[] {
    return [...this.joinVotes].sort()
  }

  /** The master starts publishing `state` (its own term, a higher version). */
  startPublication(state: ClusterState): void {
    if (!this.won) throw new CoordinationStateRejectedError('election not won')
    if (state.term !== this.currentTerm || state.version <= this.lastAccepted.version) {
      throw new CoordinationStateRejectedError(`cannot publish (${state.term}, ${state.version})`)
    }
    this.publishing = { term: state.term, version: state.version }
    this.publishVotes = new Set()
  }

  /** A node accepts a published state; it answers with (term, version). */
  handlePublishRequest(state: ClusterState): { term: number; version: number } {
    if (state.term !== this.currentTerm) {
      throw new CoordinationStateRejectedError(
        `incoming term ${state.term} does not match current term ${this.currentTerm}`,
      )
    }
    const accepted = this.lastAccepted
    if (state.term === accepted.term && state.version <= accepted.version) {
      throw new CoordinationStateRejectedError(
        `incoming version ${state.version} lower or equal to current version ${accepted.version}`,
      )
    }
    this.persisted.setLastAcceptedState(state)
    return { term: state.term, version: state.version }
  }

  /** Counts an accept; true when `state` (the one being published) has just reached its publish quorum. */
  handlePublishResponse(
    sourceNodeId: string,
    response: { term: number; version: number },
    state: ClusterState,
  ): boolean {
    const current = this.publishing
    if (!current || response.term !== current.term || response.version !== current.version) return false
    const before = this.isPublishQuorum(state)
    this.publishVotes.add(sourceNodeId)
    return !before && this.isPublishQuorum(state)
  }

  isPublishQuorum(state: ClusterState): boolean {
    return (
      hasQuorum(state.lastCommittedConfiguration, this.publishVotes) &&
      hasQuorum(state.lastAcceptedConfiguration, this.publishVotes)
    )
  }

  /** Marks the last accepted state committed; returns it, with its proposed configuration now committed. */
  handleCommit(term: number, version: number): ClusterState {
    const accepted = this.lastAccepted
    if (term !== this.currentTerm || term !== accepted.term || version !== accepted.version) {
      throw new CoordinationStateRejectedError(
        `commit (${term}, ${version}) does not match last accepted (${accepted.term}, ${accepted.version}) in term ${this.currentTerm}`,
      )
    }
    const committed: ClusterState = {
      ...accepted,
      lastCommittedConfiguration: accepted.lastAcceptedConfiguration,
      clusterUuidCommitted: true,
    }
    this.persisted.setLastAcceptedState(committed)
    return committed
  }

  /** Bootstraps an unbootstrapped node with its initial voting configuration. */
  setInitialConfiguration(nodeIds: readonly string[]): void {
    const accepted = this.lastAccepted
    if (accepted.lastAcceptedConfiguration.length > 0) return
    const configuration = [...nodeIds].sort()
    this.persisted.setLastAcceptedState({
      ...accepted,
      lastCommittedConfiguration: configuration,
      lastAcceptedConfiguration: configuration,
    })
  }
}
