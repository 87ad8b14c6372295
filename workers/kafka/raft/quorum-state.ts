/**
 * QuorumState: the epoch state machine under a KRaft quorum member (Kafka's QuorumState): the current
 * EpochState, every move between states (persisted to the QuorumStateStore as it happens, announced to
 * the leader listeners when the known leader or epoch changes), the timers of the current state, and the
 * rule by which any message that names a leader or a higher epoch moves this member on. KafkaRaftClient
 * extends it with what each state does (elections, the leader's and the followers' replication).
 *
 * Invariants: epochs only grow; every timer belongs to the state it was started in and is cancelled when
 * that state ends; `isCurrent(state)` tells work begun for a state that has passed.
 */
import type { Cancellable, Scheduler } from '../../net/scheduler.ts'
import { leaderIdOf, votedIdOf, type EpochState, type RaftRole } from './epoch-state.ts'
import type { QuorumStateStore } from './quorum-state-store.ts'

export abstract class QuorumState {
  protected running = false
  protected state: EpochState = { role: 'unattached', epoch: 0, votedId: null }
  protected readonly timers = new Set<Cancellable>()
  protected checkQuorumTimer: Cancellable | null = null
  protected announced: { leaderId: number | null; epoch: number } | null = null
  private readonly leaderListeners = new Set<(leaderId: number | null, epoch: number) => void>()

  constructor(
    protected readonly nodeId: number,
    protected readonly scheduler: Scheduler,
    protected readonly stateStore: QuorumStateStore,
  ) {}

  /** What this member does on entering `state` (its timers, requests, fetches). */
  protected abstract startState(state: EpochState): void

  /** This member was leader and is not any more: what waited on its leadership fails. */
  protected abstract onLeadershipEnd(next: EpochState): void

  onLeaderChange(listener: (leaderId: number | null, epoch: number) => void): () => void {
    this.leaderListeners.add(listener)
    return () => this.leaderListeners.delete(listener)
  }

  leaderAndEpoch(): { leaderId: number | null; epoch: number } {
    return { leaderId: leaderIdOf(this.state, this.nodeId), epoch: this.state.epoch }
  }

  role(): RaftRole {
    return this.state.role
  }

  isRunning(): boolean {
    return this.running
  }

  protected isCurrent(state: EpochState): boolean {
    return this.running && this.state === state
  }

  protected followerState(epoch: number, leaderId: number): EpochState {
    return {
      role: 'follower',
      epoch,
      leaderId,
      lastFetchTimestamp: this.scheduler.now(),
      hasFetchedFromLeader: false,
    }
  }

  protected transitionTo(next: EpochState): void {
    const previous = this.state
    if (next.epoch < previous.epoch)
      throw new Error(`epoch would go back from ${previous.epoch} to ${next.epoch}`)
    this.clearTimers()
    this.state = next
    void this.stateStore.write({
      epoch: next.epoch,
      leaderId: leaderIdOf(next, this.nodeId),
      votedId: votedIdOf(next, this.nodeId),
    })
    if (previous.role === 'leader' && next.role !== 'leader') this.onLeadershipEnd(next)
    this.announceLeader()
    this.startState(next)
  }

  private announceLeader(): void {
    const current = this.leaderAndEpoch()
    if (this.announced?.leaderId === current.leaderId && this.announced.epoch === current.epoch) return
    this.announced = current
    for (const listener of this.leaderListeners) listener(current.leaderId, current.epoch)
  }

  /** Runs `task` after `delayMs` unless the current state ends first. */
  protected after(delayMs: number, task: () => void): Cancellable {
    const timer = this.scheduler.schedule(delayMs, () => {
      this.timers.delete(timer)
      task()
    })
    this.timers.add(timer)
    return timer
  }

  protected clearTimers(): void {
    for (const timer of this.timers) timer.cancel()
    this.timers.clear()
    this.checkQuorumTimer = null
  }

  /** Learns of a leader or a higher epoch from any message: becomes follower, or unattached without a leader. */
  protected observeEpoch(epoch: number, leaderId: number): boolean {
    const state = this.state
    if (epoch > state.epoch) {
      this.transitionTo(
        leaderId >= 0 && leaderId !== this.nodeId
          ? this.followerState(epoch, leaderId)
          : { role: 'unattached', epoch, votedId: null },
      )
      return true
    }
    // A prospective that left this leader's epoch keeps campaigning; anyone else follows it.
    const knowsLeader = leaderIdOf(state, this.nodeId) !== null
    if (epoch === state.epoch && leaderId >= 0 && leaderId !== this.nodeId && !knowsLeader) {
      this.transitionTo(this.followerState(epoch, leaderId))
      return true
    }
    return false
  }
}
