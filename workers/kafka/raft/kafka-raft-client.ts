/**
 * KafkaRaftClient: one member of the KRaft metadata quorum (KIP-595, with KIP-996 pre-vote), as a pure
 * deterministic class over a Scheduler, a seeded Random, a Transport and a Storage.
 *
 * Voters elect a leader by majority vote (one vote per epoch, persisted before it is answered; a log is
 * electable only if it is at least as up to date as the voter's). Replication is pull-based: followers
 * and observers send Fetch(fetchOffset, lastFetchedEpoch) to the leader, which answers with batches, its
 * high watermark, or a diverging epoch to truncate to. The leader starts its epoch with a LeaderChange
 * control batch and advances the high watermark when a majority of voters has fetched past an offset
 * above that batch. `append` resolves once its batch is below the high watermark; `onCommit` listeners
 * get every committed data batch in order, exactly once per start of the process (the log is replayed
 * from offset 0 after a restart, as the high watermark becomes known again). A voter that restarts as the
 * leader of its stored epoch starts resigned and sends EndQuorumEpoch, on which that leader's followers
 * campaign at once instead of after their fetch timeout. The epoch states and their transitions live in
 * the QuorumState base class.
 *
 * Invariants: epochs only grow; every callback checks that the state it was started for is still the
 * current one, so nothing acts for an epoch or a process incarnation that has passed; a stopped client
 * never answers a request.
 */
import type { Random } from '../../net/random.ts'
import type { Scheduler } from '../../net/scheduler.ts'
import type { Transport } from '../../net/transport.ts'
import type { Storage } from '../../storage/storage.ts'
import {
  canGrantVote,
  electionOutcome,
  isLogUpToDate,
  leaderIdOf,
  newElection,
  votedIdOf,
  type EpochState,
} from './epoch-state.ts'
import { NotLeaderError, RaftStoppedError } from './errors.ts'
import { CommitTracker, type CommittedBatch } from './commit-tracker.ts'
import { FetchParking } from './fetch-parking.ts'
import { applyFetchResponse, buildFetchRequest } from './follower-fetch.ts'
import { LeaderState } from './leader-state.ts'
import { describeQuorumResponse, fetchResponse, quorumEpochResponse, voteResponse } from './raft-responses.ts'
import {
  checkQuorumTimeoutMs,
  electionBackoffMs,
  endEpochElectionBackoffMs,
  type QuorumConfig,
} from './quorum-config.ts'
import { QuorumState } from './quorum-state.ts'
import { QuorumStateStore } from './quorum-state-store.ts'
import { RaftLog } from './raft-log.ts'
import {
  type EndQuorumEpochRequest,
  type EndQuorumEpochResponse,
  type FetchRequest,
  type FetchResponse,
  type LogBatch,
  type QuorumInfo,
  type RaftErrorCode,
  type RaftRequest,
  type RaftResponse,
  type VoteRequest,
  type VoteResponse,
} from './raft-messages.ts'

/** Batches per Fetch response (KafkaRaftClient.MAX_NUMBER_OF_BATCHES). */
const MAX_FETCH_BATCHES = 10

export interface RaftClientOptions<R> {
  nodeId: number
  config: QuorumConfig
  scheduler: Scheduler
  random: Random
  transport: Transport<RaftRequest, RaftResponse<R>>
  storage: Storage
  /** Key prefix in the 'kafka' store; default `__cluster_metadata-0/`, the metadata log's directory. */
  storagePrefix?: string
}

export class KafkaRaftClient<R> extends QuorumState {
  private readonly config: QuorumConfig
  private readonly random: Random
  private readonly transport: Transport<RaftRequest, RaftResponse<R>>
  private readonly storage: Storage
  private readonly prefix: string
  private readonly isVoter: boolean
  private readonly commits = new CommitTracker<R>()

  /** Counts starts, so that work begun before a restart is recognised as stale. */
  private incarnation = 0
  private log: RaftLog<R> | null = null
  private parking = new FetchParking<R>()

  constructor(options: RaftClientOptions<R>) {
    const prefix = options.storagePrefix ?? '__cluster_metadata-0/'
    super(options.nodeId, options.scheduler, new QuorumStateStore(options.storage, prefix))
    this.config = options.config
    this.random = options.random
    this.transport = options.transport
    this.storage = options.storage
    this.prefix = prefix
    this.isVoter = options.config.voters.includes(options.nodeId)
  }

  // ---- public API -------------------------------------------------------------------------------

  /** Recovers the log and the election state from Storage, then serves and takes part in the quorum. */
  async start(): Promise<void> {
    if (this.running) return
    const log = await RaftLog.recover<R>(this.storage, this.prefix)
    const stored = await this.stateStore.read()
    this.log = log
    this.incarnation++
    this.state = { role: 'unattached', epoch: stored.epoch, votedId: stored.votedId }
    this.commits.reset()
    this.announced = null
    this.parking = new FetchParking<R>()
    this.running = true
    this.transport.serve((from, request) => this.handleRequest(from, request))
    if (stored.leaderId !== null && stored.leaderId !== this.nodeId) {
      this.transitionTo(this.followerState(stored.epoch, stored.leaderId))
    } else {
      const votedId = stored.leaderId === this.nodeId ? this.nodeId : stored.votedId
      this.transitionTo({ role: 'unattached', epoch: stored.epoch, votedId })
      // The leader of the stored epoch restarts resigned, and says so to the other voters at once.
      if (stored.leaderId === this.nodeId)
        for (const voter of this.config.voters)
          if (voter !== this.nodeId) this.sendEndQuorumEpoch(this.state, voter)
    }
  }

  /** The process stops: no more answers, timers cancelled, pending appends rejected. */
  stop(): void {
    if (!this.running) return
    this.running = false
    this.transport.serve(null)
    this.clearTimers()
    this.parking.drop()
    this.commits.failAll(new RaftStoppedError('the raft client stopped'))
  }

  /** Appends one batch on the leader; resolves with its last offset once committed. */
  append(records: R[]): Promise<number> {
    const state = this.state
    if (!this.running || state.role !== 'leader') {
      return Promise.reject(new NotLeaderError(leaderIdOf(state, this.nodeId), state.epoch))
    }
    if (records.length === 0) return Promise.reject(new RangeError('append needs at least one record'))
    const log = this.currentLog()
    const batch: LogBatch<R> = {
      kind: 'data',
      baseOffset: log.endOffset(),
      epoch: state.epoch,
      appendTimestamp: this.scheduler.now(),
      records: structuredClone(records),
    }
    const lastOffset = batch.baseOffset + records.length - 1
    const result = this.commits.awaitCommit(lastOffset)
    this.appendAsLeader(state, batch)
    return result
  }

  onCommit(listener: (batch: CommittedBatch<R>) => void): () => void {
    this.commits.listeners.add(listener)
    return () => this.commits.listeners.delete(listener)
  }

  /** DescribeQuorum: answered by the leader, forwarded to it from any other member. */
  async describeQuorum(): Promise<QuorumInfo> {
    const state = this.state
    if (state.role === 'leader') return state.leader.describe(this.scheduler.now())
    const leaderId = leaderIdOf(state, this.nodeId)
    if (!this.running || leaderId === null) throw new NotLeaderError(leaderId, state.epoch)
    const response = await this.transport.request(
      leaderId,
      { api: 'DescribeQuorum' },
      this.config.requestTimeoutMs,
    )
    if (response.api !== 'DescribeQuorum' || !response.quorum) throw new NotLeaderError(leaderId, state.epoch)
    return response.quorum
  }

  /** The committed end known here (the high watermark), 0 before any is known. */
  highWatermark(): number {
    return this.commits.committedEnd()
  }

  logEndOffset(): number {
    return this.currentLog().endOffset()
  }

  /** The batch holding `offset` in this member's log (for inspection and invariant checks). */
  batchAt(offset: number): LogBatch<R> | undefined {
    return this.currentLog().batchAt(offset)
  }

  // ---- transitions ------------------------------------------------------------------------------

  private currentLog(): RaftLog<R> {
    if (!this.log) throw new RaftStoppedError('the raft client has not started')
    return this.log
  }

  protected onLeadershipEnd(next: EpochState): void {
    this.commits.failAll(new NotLeaderError(leaderIdOf(next, this.nodeId), next.epoch))
    this.parking.completeAll()
  }

  protected startState(state: EpochState): void {
    switch (state.role) {
      case 'unattached':
        if (this.isVoter) this.after(this.randomElectionTimeoutMs(), () => this.becomeProspective(state, 0))
        else void this.fetchLoop(state)
        return
      case 'prospective':
      case 'candidate':
        void this.requestVotes(state)
        this.after(this.randomElectionTimeoutMs(), () => this.onElectionLost(state))
        return
      case 'leader':
        this.startLeader(state)
        return
      case 'follower':
        this.armFetchTimeout(state)
        void this.fetchLoop(state)
        return
    }
  }

  private randomElectionTimeoutMs(): number {
    const timeout = this.config.electionTimeoutMs
    return timeout + this.random.nextInt(timeout)
  }

  // ---- elections --------------------------------------------------------------------------------

  private becomeProspective(from: EpochState, retries: number): void {
    if (!this.isCurrent(from)) return
    const leaderId = from.role === 'follower' ? from.leaderId : null
    const votedId = votedIdOf(from, this.nodeId)
    this.transitionTo({
      role: 'prospective',
      epoch: from.epoch,
      leaderId,
      votedId,
      election: newElection(retries, this.nodeId),
    })
    this.maybeWinElection(this.state)
  }

  /** Election timeout of a prospective or candidate: back off, then try again as prospective. */
  private onElectionLost(state: EpochState): void {
    if (!this.isCurrent(state) || (state.role !== 'prospective' && state.role !== 'candidate')) return
    if (state.role === 'candidate') {
      if (state.backingOff) return
      state.backingOff = true
    }
    const retries = state.election.retries + 1
    this.after(
      electionBackoffMs(this.config.electionBackoffMaxMs, retries, (n) => this.random.nextInt(n)),
      () => this.becomeProspective(state, retries),
    )
  }

  private async requestVotes(state: EpochState): Promise<void> {
    if (state.role !== 'prospective' && state.role !== 'candidate') return
    await this.stateStore.flush()
    if (!this.isCurrent(state)) return
    const log = this.currentLog()
    const request: VoteRequest = {
      api: 'Vote',
      candidateId: this.nodeId,
      candidateEpoch: state.epoch,
      lastOffsetEpoch: log.lastEpoch(),
      lastOffset: log.endOffset(),
      preVote: state.role === 'prospective',
    }
    for (const voter of this.config.voters) {
      if (voter === this.nodeId) continue
      this.transport.request(voter, request, this.config.requestTimeoutMs).then(
        (response) => {
          if (response.api === 'Vote') this.onVoteResponse(state, voter, response)
        },
        () => undefined,
      )
    }
  }

  private onVoteResponse(state: EpochState, voter: number, response: VoteResponse): void {
    if (!this.isCurrent(state) || (state.role !== 'prospective' && state.role !== 'candidate')) return
    if (this.observeEpoch(response.leaderEpoch, response.leaderId)) return
    if (response.voteGranted) state.election.granted.add(voter)
    else state.election.rejected.add(voter)
    this.maybeWinElection(state)
  }

  private maybeWinElection(state: EpochState): void {
    if (!this.isCurrent(state) || (state.role !== 'prospective' && state.role !== 'candidate')) return
    const outcome = electionOutcome(state.election, this.config.voters.length)
    if (outcome === 'won' && state.role === 'prospective') {
      this.transitionTo({
        role: 'candidate',
        epoch: state.epoch + 1,
        election: newElection(state.election.retries, this.nodeId),
        backingOff: false,
      })
      this.maybeWinElection(this.state)
    } else if (outcome === 'won' && state.role === 'candidate') {
      const log = this.currentLog()
      this.transitionTo({
        role: 'leader',
        epoch: state.epoch,
        leader: new LeaderState(this.nodeId, state.epoch, log.endOffset(), this.config.voters, [
          ...state.election.granted,
        ]),
      })
    } else if (outcome === 'lost' && state.role === 'prospective' && state.leaderId !== null) {
      this.transitionTo(this.followerState(state.epoch, state.leaderId))
    } else if (outcome === 'lost' && state.role === 'candidate') {
      this.onElectionLost(state)
    }
  }

  private async handleVote(from: number, request: VoteRequest): Promise<VoteResponse> {
    if (request.candidateEpoch < this.state.epoch)
      return voteResponse(this.state, this.nodeId, 'FENCED_LEADER_EPOCH', false)
    if (!this.config.voters.includes(request.candidateId))
      return voteResponse(this.state, this.nodeId, 'INCONSISTENT_VOTER_SET', false)
    if (!request.preVote && request.candidateEpoch > this.state.epoch) {
      this.transitionTo({ role: 'unattached', epoch: request.candidateEpoch, votedId: null })
    }
    const state = this.state
    const log = this.currentLog()
    const upToDate = isLogUpToDate(
      request.lastOffsetEpoch,
      request.lastOffset,
      log.lastEpoch(),
      log.endOffset(),
    )
    const granted = canGrantVote(state, from, upToDate, request.preVote)
    const canRecordVote = state.role === 'unattached' || state.role === 'prospective'
    if (granted && !request.preVote && canRecordVote && votedIdOf(state, this.nodeId) === null) {
      this.transitionTo({ role: 'unattached', epoch: state.epoch, votedId: from })
    }
    await this.stateStore.flush()
    return voteResponse(this.state, this.nodeId, 'NONE', granted)
  }

  /** A resigned voter tells `voter`, again after each failure, while it stays resigned (pollResigned). */
  private sendEndQuorumEpoch(state: EpochState, voter: number): void {
    const request: EndQuorumEpochRequest = {
      api: 'EndQuorumEpoch',
      leaderId: this.nodeId,
      leaderEpoch: state.epoch,
      preferredSuccessors: [],
    }
    const retry = (): void =>
      void this.after(this.config.retryBackoffMs, () => {
        if (this.isCurrent(state)) this.sendEndQuorumEpoch(state, voter)
      })
    this.transport.request(voter, request, this.config.requestTimeoutMs).then((response) => {
      if (!this.isCurrent(state) || response.api !== 'EndQuorumEpoch') return
      if (!this.observeEpoch(response.leaderEpoch, response.leaderId) && response.errorCode !== 'NONE')
        retry()
    }, retry)
  }

  /** A follower of the resigning leader overrides its fetch timeout with the election backoff. */
  private handleEndQuorumEpoch(request: EndQuorumEpochRequest): EndQuorumEpochResponse {
    if (request.leaderEpoch < this.state.epoch)
      return quorumEpochResponse('EndQuorumEpoch', this.state, this.nodeId, 'FENCED_LEADER_EPOCH')
    this.observeEpoch(request.leaderEpoch, request.leaderId)
    const state = this.state
    if (state.role === 'follower' && state.leaderId === request.leaderId) {
      const backoffMs = endEpochElectionBackoffMs(
        this.config.electionBackoffMaxMs,
        this.nodeId,
        request.preferredSuccessors,
      )
      state.lastFetchTimestamp = this.scheduler.now() - this.config.fetchTimeoutMs + backoffMs
      this.armFetchTimeout(state)
    }
    return quorumEpochResponse('EndQuorumEpoch', state, this.nodeId, 'NONE')
  }

  // ---- leader -----------------------------------------------------------------------------------

  private startLeader(state: EpochState & { role: 'leader' }): void {
    this.appendAsLeader(state, state.leader.leaderChangeBatch(this.scheduler.now()))
    this.sendBeginQuorumEpoch(state)
    this.resetCheckQuorumTimer(state)
  }

  private appendAsLeader(state: EpochState & { role: 'leader' }, batch: LogBatch<R>): void {
    void this.currentLog()
      .write([batch])
      .then(() => {
        if (!this.isCurrent(state)) return
        if (state.leader.updateLocalState(this.currentLog().durableEndOffset()))
          this.onLeaderHighWatermark(state)
        this.parking.completeAll()
      })
  }

  private sendBeginQuorumEpoch(state: EpochState & { role: 'leader' }): void {
    for (const voter of state.leader.nonAcknowledgingVoters()) {
      this.transport
        .request(
          voter,
          { api: 'BeginQuorumEpoch', leaderId: this.nodeId, leaderEpoch: state.epoch },
          this.config.requestTimeoutMs,
        )
        .then(
          (response) => {
            if (!this.isCurrent(state) || response.api !== 'BeginQuorumEpoch') return
            if (this.observeEpoch(response.leaderEpoch, response.leaderId)) return
            if (response.errorCode === 'NONE') state.leader.addAcknowledgementFrom(voter)
          },
          () => undefined,
        )
    }
    this.after(Math.floor(this.config.fetchTimeoutMs / 2), () => {
      if (this.isCurrent(state)) this.sendBeginQuorumEpoch(state)
    })
  }

  /** Check quorum: a leader that a majority has not fetched from within 1.5 × fetch timeout resigns. */
  private resetCheckQuorumTimer(state: EpochState & { role: 'leader' }): void {
    if (this.config.voters.length === 1) return
    if (this.checkQuorumTimer) {
      this.checkQuorumTimer.cancel()
      this.timers.delete(this.checkQuorumTimer)
    }
    this.checkQuorumTimer = this.after(checkQuorumTimeoutMs(this.config), () => {
      if (this.isCurrent(state))
        this.transitionTo({ role: 'unattached', epoch: state.epoch, votedId: this.nodeId })
    })
  }

  private onLeaderHighWatermark(state: EpochState & { role: 'leader' }): void {
    const hw = state.leader.highWatermarkOrNull()
    if (hw !== null) this.advanceCommitted(hw)
  }

  private advanceCommitted(hw: number): void {
    this.commits.advance(hw, this.currentLog())
  }

  private handleFetch(from: number, request: FetchRequest): Promise<FetchResponse<R>> {
    const state = this.state
    if (state.role !== 'leader')
      return Promise.resolve(fetchResponse(this.state, this.nodeId, 'NOT_LEADER_OR_FOLLOWER', null, []))
    if (request.currentLeaderEpoch < state.epoch) {
      return Promise.resolve(fetchResponse(this.state, this.nodeId, 'FENCED_LEADER_EPOCH', null, []))
    }
    if (request.currentLeaderEpoch > state.epoch) {
      return Promise.resolve(fetchResponse(this.state, this.nodeId, 'NOT_LEADER_OR_FOLLOWER', null, []))
    }
    const log = this.currentLog()
    const diverging = log.validateOffsetAndEpoch(request.fetchOffset, request.lastFetchedEpoch)
    if (diverging) {
      const divergingEpoch = { epoch: diverging.epoch, endOffset: diverging.offset }
      return Promise.resolve(fetchResponse(this.state, this.nodeId, 'NONE', divergingEpoch, []))
    }
    const update = state.leader.updateReplicaState(from, this.scheduler.now(), request.fetchOffset)
    if (update.quorumFetched) this.resetCheckQuorumTimer(state)
    if (update.hwMoved) {
      this.onLeaderHighWatermark(state)
      this.parking.completeAll()
    }
    const answer = () =>
      fetchResponse(this.state, this.nodeId, 'NONE', null, log.read(request.fetchOffset, MAX_FETCH_BATCHES))
    // Answered at once when there is something new for the replica: records, or a high watermark it does not
    // know yet (KAFKA-14145); else held until either arrives or maxWaitMs passes.
    const hw = state.leader.highWatermarkOrNull() ?? -1
    if (log.endOffset() > request.fetchOffset || hw > request.highWatermark || request.maxWaitMs <= 0) {
      return Promise.resolve(answer())
    }
    return this.parking.park(this.scheduler, request.maxWaitMs, answer)
  }

  // ---- followers and observers ------------------------------------------------------------------

  private armFetchTimeout(state: EpochState & { role: 'follower' }): void {
    const due = state.lastFetchTimestamp + this.config.fetchTimeoutMs
    this.after(Math.max(0, due - this.scheduler.now()), () => {
      if (!this.isCurrent(state)) return
      if (this.scheduler.now() - state.lastFetchTimestamp < this.config.fetchTimeoutMs)
        this.armFetchTimeout(state)
      else if (this.isVoter) this.becomeProspective(state, 0)
      else this.transitionTo({ role: 'unattached', epoch: state.epoch, votedId: null })
    })
  }

  /** Fetches from the leader (or, for an observer that knows none, from a random voter) while `state` lasts. */
  private async fetchLoop(state: EpochState): Promise<void> {
    while (this.isCurrent(state)) {
      const { voters, fetchMaxWaitMs } = this.config
      const target = state.role === 'follower' ? state.leaderId : voters[this.random.nextInt(voters.length)]!
      const known = this.commits.committedEnd()
      const request = buildFetchRequest(this.nodeId, state.epoch, this.currentLog(), known, fetchMaxWaitMs)
      let progressed = false
      try {
        const response = await this.transport.request(target, request, this.config.requestTimeoutMs)
        if (!this.isCurrent(state) || response.api !== 'Fetch') return
        progressed = await this.onFetchResponse(state, response)
      } catch (error) {
        if (!(error instanceof Error) || error.name !== 'NetworkError') throw error
      }
      if (!progressed) await this.scheduler.sleep(this.config.retryBackoffMs)
    }
  }

  private async onFetchResponse(state: EpochState, response: FetchResponse<R>): Promise<boolean> {
    if (this.observeEpoch(response.leaderEpoch, response.leaderId)) return false
    if (response.errorCode !== 'NONE' || state.role !== 'follower') return false
    state.lastFetchTimestamp = this.scheduler.now()
    state.hasFetchedFromLeader = true
    const hw = await applyFetchResponse(this.currentLog(), response, this.commits.committedEnd())
    if (this.isCurrent(state) && hw >= 0) this.advanceCommitted(hw)
    return true
  }

  // ---- requests ---------------------------------------------------------------------------------

  private async handleRequest(from: number, request: RaftRequest): Promise<RaftResponse<R>> {
    const incarnation = this.incarnation
    const response = await this.dispatch(from, request)
    // A process that stopped while the request was in flight never answers it.
    if (!this.running || incarnation !== this.incarnation) return new Promise<never>(() => undefined)
    return response
  }

  private dispatch(from: number, request: RaftRequest): Promise<RaftResponse<R>> {
    switch (request.api) {
      case 'Vote':
        return this.handleVote(from, request)
      case 'BeginQuorumEpoch': {
        const fenced = request.leaderEpoch < this.state.epoch
        if (!fenced) this.observeEpoch(request.leaderEpoch, request.leaderId)
        const errorCode: RaftErrorCode = fenced ? 'FENCED_LEADER_EPOCH' : 'NONE'
        return Promise.resolve(quorumEpochResponse('BeginQuorumEpoch', this.state, this.nodeId, errorCode))
      }
      case 'EndQuorumEpoch':
        return Promise.resolve(this.handleEndQuorumEpoch(request))
      case 'Fetch':
        return this.handleFetch(from, request)
      case 'DescribeQuorum':
        return Promise.resolve(describeQuorumResponse(this.state, this.scheduler.now()))
    }
  }
}
