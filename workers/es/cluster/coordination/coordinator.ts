/**
 * Coordinator: one node's part in ES 7+/8 cluster coordination, as ES's Coordinator. Modes:
 * - CANDIDATE: finds peers (PeerFinder, every discovery.find_peers_interval); joins a master a peer
 *   reports; when bootstrapped and in the voting configuration, runs elections on the ElectionScheduler:
 *   a pre-vote round (PreVoteCollector: nodes that have a leader refuse, newer nodes do not count), then
 *   StartJoin in max(term seen) + 1 to every discovered master-eligible node; joins from a quorum win.
 * - LEADER: publishes the MasterService's batches one Publication at a time (every state is finished
 *   by the Reconfigurator and AllocationService), checks every follower (FollowersChecker) and
 *   removes those that fail; steps down when a publication fails (no quorum: a partitioned minority).
 * - FOLLOWER: accepts and applies the leader's states, checks the leader (LeaderChecker), and becomes a
 *   candidate again when it fails.
 * The safety rules live in CoordinationState; time only in the Scheduler; messages on the Transport.
 */
import {
  applyFailedShards,
  applyStartedShards,
  type FailedShard,
  type ShardCopyRef,
} from '../allocation/allocation-service.ts'
import { DelayedAllocationService } from '../allocation/delayed-allocation-service.ts'
import type { AllocationContext, StoredShardCopy } from '../allocation/routing-allocation.ts'
import { EMPTY_CLUSTER_INFO } from '../allocation/cluster-info.ts'
import { randomBase64Id } from '../../common/uuids.ts'
import { GatewayShardStores } from './gateway-shard-stores.ts'
import type { ClusterState } from '../state/cluster-state.ts'
import { isMasterNode, sortedAttributes, type DiscoveryNode } from '../state/discovery-node.ts'
import {
  DEFAULT_COORDINATION_SETTINGS,
  followerCheckSchedule,
  leaderCheckSchedule,
  type CoordinationSettings,
} from './coordination-settings.ts'
import {
  NotMasterError,
  type ClusterFormationState,
  type CoordinatorConfig,
  type CoordinatorMode,
} from './coordinator-config.ts'
import { CoordinationState, CoordinationStateRejectedError, type Join } from './coordination-state.ts'
import { ElectionScheduler } from './election-scheduler.ts'
import { CONNECT_TRANSPORT_EXCEPTION, PeriodicChecker } from './fault-detection.ts'
import { LagDetector } from './lag-detector.ts'
import { MasterService, type PendingClusterTask } from './master-service.ts'
import type { CoordinationRequest, CoordinationResponse } from './messages.ts'
import { electedAsMaster, finishState, joinNodes, nodesLeft } from './node-join-executor.ts'
import { FollowersChecker } from './followers-checker.ts'
import { PeerFinder } from './peer-finder.ts'
import { collectPreVotes } from './pre-vote-collector.ts'
import { Publication } from './publication.ts'
import { ShardStateAction } from './shard-state-action.ts'

export class Coordinator {
  readonly localNode: DiscoveryNode
  private readonly settings: CoordinationSettings
  private readonly coordinationState: CoordinationState
  private currentMode: CoordinatorMode = 'CANDIDATE'
  private leader: DiscoveryNode | null = null
  private applied: ClusterState
  /** The last committed state applied here, kept while the applied view shows no master. */
  private lastApplied: ClusterState | null = null
  /** `term/version` of the last state this process accepted from a publication. */
  private acceptedHere: string | null = null
  private running = false
  private readonly peerFinder: PeerFinder
  private electionScheduler: ElectionScheduler | null = null
  private leaderChecker: PeriodicChecker | null = null
  private readonly followersChecker: FollowersChecker
  private publication: Publication | null = null
  private readonly masterService: MasterService
  private readonly shardStores = new GatewayShardStores()
  private readonly pendingJoins = new Map<string, DiscoveryNode>()
  private readonly shardStateAction: ShardStateAction
  private joiningMaster: string | null = null
  private preVoteRound = 0
  private readonly lagDetector: LagDetector
  private readonly delayedAllocation: DelayedAllocationService

  constructor(private readonly config: CoordinatorConfig) {
    this.settings = { ...DEFAULT_COORDINATION_SETTINGS, ...config.settings }
    this.localNode = {
      id: config.nodeId,
      ephemeralId: randomBase64Id(config.random),
      name: config.nodeName,
      address: config.transport.nodeId,
      roles: config.roles ?? ['master', 'data'],
      attributes: sortedAttributes(config.attributes ?? {}),
    }
    // A process starts knowing only itself, as ES's GatewayMetaState.prepareInitialClusterState: the nodes
    // of the last accepted state are not kept on disk (PersistedClusterStateService writes the metadata), so
    // an entry of an earlier process never reaches a new master's first state.
    const restored = config.persistedState.lastAcceptedState()
    config.persistedState.setLastAcceptedState({ ...restored, nodes: [this.localNode], masterNodeId: null })
    this.coordinationState = new CoordinationState(config.nodeId, config.persistedState)
    this.masterService = new MasterService({
      now: () => config.scheduler.now(),
      isMaster: () => this.running && this.currentMode === 'LEADER',
      lastAccepted: () => this.coordinationState.lastAccepted,
      publish: (next, base, done) => this.publish(next, base, done),
    })
    this.applied = { ...config.persistedState.lastAcceptedState(), masterNodeId: null }
    this.peerFinder = new PeerFinder({
      localNode: this.localNode,
      transport: config.transport,
      scheduler: config.scheduler,
      seedAddresses: config.seedAddresses,
      intervalMs: this.settings.findPeersIntervalMs,
      timeoutMs: this.settings.requestPeersTimeoutMs,
      onRound: () => this.bootstrapIfReady(),
      onMasterFound: (master) => this.joinMaster(master),
    })
    this.followersChecker = new FollowersChecker(
      config.scheduler,
      followerCheckSchedule(this.settings),
      (node, timeoutMs) => {
        const term = this.coordinationState.currentTerm
        return this.send(
          node,
          { type: 'follower_check', term, sender: this.localNode, target: node },
          timeoutMs,
        )
      },
      (node, reason) => this.removeNode(node.id, `followers check failed: ${reason}`),
    )
    this.delayedAllocation = new DelayedAllocationService(config.scheduler, () => {
      if (this.currentMode !== 'LEADER') return
      void this.submitStateUpdate('delayed_allocation_reroute', (state) => state).catch(() => undefined)
    })
    this.shardStateAction = new ShardStateAction({
      localNodeId: config.nodeId,
      scheduler: config.scheduler,
      retryIntervalMs: this.settings.leaderCheckIntervalMs,
      timeoutMs: this.settings.publishTimeoutMs,
      running: () => this.running,
      master: () => this.leader,
      applied: () => this.applied,
      send: (node, request, timeoutMs) => this.send(node, request, timeoutMs),
    })
    this.lagDetector = new LagDetector(
      config.scheduler,
      this.settings.followerLagTimeoutMs,
      (nodeId, version) => {
        if (this.currentMode === 'LEADER')
          this.removeNode(nodeId, `lagging: has not applied version ${version}`)
      },
    )
  }

  start(): void {
    this.running = true
    this.config.transport.serve((from, request) => this.handle(request))
    this.becomeCandidate('start')
  }

  /** The process stops: every timer and in-flight publication ends; requests to it go unanswered. */
  stop(): void {
    this.running = false
    this.config.transport.serve(null)
    this.stopModeActivities()
    this.currentMode = 'CANDIDATE'
    this.leader = null
    this.masterService.failAll(new NotMasterError('node stopped'))
  }

  mode(): CoordinatorMode {
    return this.currentMode
  }

  currentTerm(): number {
    return this.coordinationState.currentTerm
  }

  /** The last applied state; its masterNodeId is null while this node knows no master. */
  state(): ClusterState {
    return this.applied
  }

  /** What Coordinator.getClusterFormationState gathers for ClusterFormationFailureHelper's description. */
  clusterFormationState(): ClusterFormationState {
    const { peers, mastersOfPeers } = this.peerFinder.foundPeers()
    const foundPeers = [this.localNode, ...peers]
    return {
      initialMasterNodes: this.config.initialMasterNodes,
      localNode: this.localNode,
      lastAccepted: this.coordinationState.lastAccepted,
      resolvedAddresses: this.config.seedAddresses.filter((address) => address !== this.localNode.address),
      foundPeers,
      mastersOfPeers,
      currentTerm: this.coordinationState.currentTerm,
      hasDiscoveredQuorum: this.coordinationState.isElectionQuorum(
        new Set(foundPeers.map((node) => node.id)),
      ),
    }
  }

  /** Runs `update` on the master's state, then reroutes and publishes; resolves once committed. */
  submitStateUpdate(source: string, update: (state: ClusterState) => ClusterState): Promise<ClusterState> {
    if (!this.running || this.currentMode !== 'LEADER') {
      return Promise.reject(new NotMasterError('no longer master'))
    }
    return this.masterService.submit(source, update)
  }

  /** The master's unfinished cluster state tasks; only the elected master has any. */
  pendingTasks(): PendingClusterTask[] {
    if (!this.running || this.currentMode !== 'LEADER') throw new NotMasterError('no longer master')
    return this.masterService.pendingTasks()
  }

  /** Reports a recovered copy to the master (shard-state-action.ts); re-sent until applied. */
  shardStarted(shard: ShardCopyRef, storedCopy: StoredShardCopy): void {
    this.shardStateAction.shardStarted(shard, storedCopy)
  }

  /** Reports a failed copy to the master (shard-state-action.ts). */
  shardFailed(shard: FailedShard): void {
    this.shardStateAction.shardFailed(shard)
  }

  // ---- transport ----

  private send(
    node: DiscoveryNode,
    request: CoordinationRequest,
    timeoutMs: number,
  ): Promise<CoordinationResponse> {
    if (node.address === this.localNode.address) return this.handle(request)
    return this.config.transport.request(node.address, request, timeoutMs)
  }

  private handle(request: CoordinationRequest): Promise<CoordinationResponse> {
    try {
      return Promise.resolve(this.handleSync(request))
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)))
    }
  }

  private handleSync(request: CoordinationRequest): CoordinationResponse | Promise<CoordinationResponse> {
    if (!this.running) throw new CoordinationStateRejectedError('node is not running')
    switch (request.type) {
      case 'peers':
        this.peerFinder.addPeer(request.sourceNode)
        return { type: 'peers', masterNode: this.leader, knownPeers: this.peerFinder.knownPeers() }
      case 'pre_vote':
        return this.handlePreVote(request.sourceNode)
      case 'start_join':
        this.handleStartJoin(request.sourceNode, request.term)
        return { type: 'ack' }
      case 'join':
        return this.handleJoinRequest(
          request.sourceNode,
          request.minimumTerm,
          request.join,
          request.storedCopies,
        )
      case 'publish':
        return this.handlePublish(request.state)
      case 'commit':
        // A commit reaches only the process that accepted the state (a restarted one reloaded it without
        // its routing table): ES addresses it to the node's ephemeral id.
        if (this.acceptedHere !== `${request.term}/${request.version}`)
          throw new CoordinationStateRejectedError('the state to commit was not accepted by this process')
        this.apply(this.coordinationState.handleCommit(request.term, request.version))
        return { type: 'ack' }
      case 'follower_check':
        this.handleFollowerCheck(request.sender, request.term, request.target)
        return { type: 'ack' }
      case 'leader_check':
        this.handleLeaderCheck(request.sender)
        return { type: 'ack' }
      case 'shard_started':
        return this.masterTask('shard-started', (state) => {
          this.recordStore(request.shard, request.storedCopy, state)
          return applyStartedShards(state, [request.shard], this.allocationContext())
        })
      case 'shard_failed':
        return this.masterTask('shard-failed', (state) =>
          applyFailedShards(state, [request.shard], this.allocationContext()),
        )
    }
  }

  private masterTask(
    source: string,
    update: (state: ClusterState) => ClusterState,
  ): Promise<CoordinationResponse> {
    return this.submitStateUpdate(source, update).then(() => ({ type: 'ack' }))
  }

  private recordStore(shard: ShardCopyRef, storedCopy: StoredShardCopy, state: ClusterState): void {
    const nodeId = state.routingTable[shard.index]?.[shard.shard]?.find(
      (copy) => copy.allocationId === shard.allocationId,
    )?.nodeId
    if (!nodeId || nodeId === this.localNode.id) return
    this.shardStores.started(nodeId, storedCopy)
  }

  // ---- discovery and elections ----

  /** ClusterBootstrapService: once every cluster.initial_master_nodes name is discovered. */
  private bootstrapIfReady(): void {
    const wanted = this.config.initialMasterNodes
    if (wanted.length === 0 || !isMasterNode(this.localNode)) return
    if (this.coordinationState.lastAccepted.lastAcceptedConfiguration.length > 0) return
    const known = [this.localNode, ...this.peerFinder.knownPeers()].filter(isMasterNode)
    const ids = wanted.map((name) => known.find((node) => node.name === name)?.id)
    if (ids.every((id): id is string => id !== undefined)) this.coordinationState.setInitialConfiguration(ids)
  }

  private joinMaster(master: DiscoveryNode): void {
    if (this.joiningMaster === master.id) return
    this.joiningMaster = master.id
    const request: CoordinationRequest = {
      type: 'join',
      sourceNode: this.localNode,
      minimumTerm: this.coordinationState.currentTerm,
      join: null,
      storedCopies: this.config.shardStore.list(),
    }
    const done = (): void => {
      if (this.joiningMaster === master.id) this.joiningMaster = null
    }
    this.send(master, request, this.settings.joinTimeoutMs).then(done, done)
  }

  private discoveredMasterEligible(): DiscoveryNode[] {
    return [this.localNode, ...this.peerFinder.knownPeers()].filter(isMasterNode)
  }

  private startPreVote(): void {
    const accepted = this.coordinationState.lastAccepted
    const id = this.localNode.id
    const inConfig =
      accepted.lastAcceptedConfiguration.includes(id) || accepted.lastCommittedConfiguration.includes(id)
    if (this.currentMode !== 'CANDIDATE' || !inConfig) return
    const round = ++this.preVoteRound
    const currentTerm = this.coordinationState.currentTerm
    collectPreVotes({
      targets: this.discoveredMasterEligible(),
      currentTerm,
      lastAccepted: () => this.coordinationState.lastAccepted,
      request: (node) =>
        this.send(
          node,
          { type: 'pre_vote', sourceNode: this.localNode, currentTerm },
          this.settings.electionDurationMs,
        ),
      isElectionQuorum: (votes) => this.coordinationState.isElectionQuorum(votes),
      isCurrent: () => round === this.preVoteRound && this.currentMode === 'CANDIDATE',
      startElection: (term) => this.startElection(Math.max(term, this.coordinationState.currentTerm + 1)),
    })
  }

  private startElection(term: number): void {
    for (const node of this.discoveredMasterEligible()) {
      const request: CoordinationRequest = { type: 'start_join', sourceNode: this.localNode, term }
      this.send(node, request, this.settings.electionDurationMs).catch(() => undefined)
    }
  }

  private handlePreVote(source: DiscoveryNode): CoordinationResponse {
    this.peerFinder.addPeer(source)
    if (this.leader && this.leader.id !== source.id) {
      throw new CoordinationStateRejectedError(`rejecting pre-vote request since this node has a leader`)
    }
    const accepted = this.coordinationState.lastAccepted
    return {
      type: 'pre_vote',
      currentTerm: this.coordinationState.currentTerm,
      lastAcceptedTerm: accepted.term,
      lastAcceptedVersion: accepted.version,
    }
  }

  /** Votes for `source` in `term` (joinLeaderInTerm): the Join goes back as a join request. */
  private handleStartJoin(source: DiscoveryNode, term: number): Join {
    const join = this.coordinationState.handleStartJoin(source.id, term)
    if (this.currentMode !== 'CANDIDATE') this.becomeCandidate('joining another node in a higher term')
    const request: CoordinationRequest = {
      type: 'join',
      sourceNode: this.localNode,
      minimumTerm: term,
      join,
      storedCopies: this.config.shardStore.list(),
    }
    this.send(source, request, this.settings.joinTimeoutMs).catch(() => undefined)
    return join
  }

  private handleJoinRequest(
    source: DiscoveryNode,
    minimumTerm: number,
    join: Join | null,
    storedCopies: StoredShardCopy[],
  ): CoordinationResponse | Promise<CoordinationResponse> {
    this.peerFinder.addPeer(source)
    if (source.id !== this.localNode.id) this.shardStores.reported(source.id, storedCopies)
    if (minimumTerm > this.coordinationState.currentTerm) this.handleStartJoin(this.localNode, minimumTerm)
    const electionWon = join !== null && this.coordinationState.handleJoin(join)
    if (this.currentMode === 'LEADER') {
      return this.masterTask('node-join', (state) => joinNodes(state, [source]))
    }
    if (!join) throw new NotMasterError('not the master')
    // As ES's processJoinRequest: the join is accumulated before the election it may complete is acted on,
    // so the vote that wins the election puts its node into the new master's first state.
    this.pendingJoins.set(source.id, source)
    if (electionWon && this.currentMode === 'CANDIDATE') this.becomeLeader()
    return { type: 'ack' }
  }

  // ---- publication ----

  private handlePublish(state: ClusterState): CoordinationResponse {
    const master = state.nodes.find((node) => node.id === state.masterNodeId)
    if (!master) throw new CoordinationStateRejectedError('published state has no master')
    const join =
      state.term > this.coordinationState.currentTerm
        ? this.coordinationState.handleStartJoin(master.id, state.term)
        : null
    const accepted = this.coordinationState.handlePublishRequest(state)
    this.acceptedHere = `${accepted.term}/${accepted.version}`
    if (master.id !== this.localNode.id) this.becomeFollower(master)
    const storedCopies = this.config.shardStore.list()
    return { type: 'publish', term: accepted.term, version: accepted.version, join, storedCopies }
  }

  private apply(state: ClusterState): void {
    const old = this.applied
    if (state.term === old.term && state.version <= old.version && old.masterNodeId !== null) return
    this.applied = state
    this.lastApplied = state
    this.shardStores.applied(state)
    if (this.currentMode === 'LEADER') {
      this.followersChecker.setCurrentNodes(state.nodes, this.localNode.id)
      this.delayedAllocation.scheduleFor(state)
    }
    this.shardStateAction.applied(state)
    this.config.onClusterStateApplied(state)
  }

  private allocationContext(): AllocationContext {
    return {
      now: this.config.scheduler.now(),
      newAllocationId: () => randomBase64Id(this.config.random),
      shardStores: (nodeId) =>
        nodeId === this.localNode.id ? this.config.shardStore.list() : this.shardStores.list(nodeId),
      clusterInfo: this.config.clusterInfo?.() ?? EMPTY_CLUSTER_INFO,
    }
  }

  /** The MasterService's publisher: finishes a batch's state and publishes it (one Publication at a time). */
  private publish(
    next: ClusterState,
    base: ClusterState,
    done: (outcome: ClusterState | Error) => void,
  ): void {
    const term = this.coordinationState.currentTerm
    const state = finishState(
      next,
      base,
      term,
      this.localNode.id,
      this.settings.autoShrinkVotingConfiguration,
      this.allocationContext(),
    )
    this.coordinationState.startPublication(state)
    let storesChanged = false
    this.publication = new Publication(state, {
      scheduler: this.config.scheduler,
      timeoutMs: this.settings.publishTimeoutMs,
      publish: (node, published) =>
        this.send(node, { type: 'publish', state: published }, this.settings.publishTimeoutMs).then(
          (response) => {
            if (response.type !== 'publish') throw new Error('unexpected response')
            return response
          },
        ),
      commit: (node, t, version) =>
        this.send(node, { type: 'commit', term: t, version }, this.settings.publishTimeoutMs),
      onAccepted: (nodeId, response) => {
        if (nodeId !== this.localNode.id && this.shardStores.reported(nodeId, response.storedCopies))
          storesChanged = true
        if (response.join) {
          try {
            this.coordinationState.handleJoin(response.join)
          } catch {
            // a vote for an older term: ignored, as Publication.handlePublishResponse does
          }
        }
        return this.coordinationState.handlePublishResponse(nodeId, response, state)
      },
      onApplied: (nodeId) => this.lagDetector.setAppliedVersion(nodeId, state.version),
      onCompleted: (committed) => {
        this.publication = null
        if (committed && this.applied.version >= state.version) {
          this.lagDetector.startLagDetector(
            state.nodes.map((node) => node.id),
            state.version,
          )
          done(this.applied)
          // AsyncShardFetch's reroute: a primary no store was known for may be assignable now.
          if (storesChanged) void this.submitStateUpdate('reroute', (s) => s).catch(() => undefined)
        } else {
          done(new NotMasterError(`publication of version ${state.version} failed`))
          this.becomeCandidate('publication failed')
        }
      },
    })
  }

  // ---- fault detection ----

  private removeNode(nodeId: string, reason: string): void {
    void this.submitStateUpdate(`node-left [${nodeId}] reason: ${reason}`, (s) =>
      nodesLeft(s, [nodeId]),
    ).catch(() => undefined)
  }

  private handleFollowerCheck(sender: DiscoveryNode, term: number, target: DiscoveryNode): void {
    if (target.ephemeralId !== this.localNode.ephemeralId) {
      throw Object.assign(new Error(`handshake failed: [${target.name}] restarted`), {
        name: CONNECT_TRANSPORT_EXCEPTION,
      })
    }
    if (term < this.coordinationState.currentTerm) {
      throw new CoordinationStateRejectedError(
        `onFollowerCheckRequest: current term is ${this.coordinationState.currentTerm}`,
      )
    }
    if (term > this.coordinationState.currentTerm) this.handleStartJoin(sender, term)
    if (this.currentMode === 'LEADER') throw new CoordinationStateRejectedError('this node is the master')
    this.becomeFollower(sender)
  }

  private handleLeaderCheck(sender: DiscoveryNode): void {
    if (this.currentMode !== 'LEADER')
      throw new CoordinationStateRejectedError('rejecting leader check: not the master')
    if (!this.coordinationState.lastAccepted.nodes.some((node) => node.id === sender.id)) {
      throw new CoordinationStateRejectedError(
        `rejecting leader check since [${sender.name}] has been removed from the cluster`,
      )
    }
  }

  // ---- modes ----

  private stopModeActivities(): void {
    this.peerFinder.deactivate()
    this.electionScheduler?.close()
    this.electionScheduler = null
    this.leaderChecker?.stop()
    this.leaderChecker = null
    this.followersChecker.clear()
    this.publication?.cancel()
    this.publication = null
    this.lagDetector.clear()
    this.delayedAllocation.cancel()
    this.preVoteRound++
  }

  private becomeCandidate(reason: string): void {
    if (!this.running) return
    if (this.currentMode === 'CANDIDATE' && this.peerFinder.isActive()) return
    this.stopModeActivities()
    this.currentMode = 'CANDIDATE'
    this.leader = null
    this.pendingJoins.clear()
    this.masterService.failAll(new NotMasterError(`no longer master: ${reason}`))
    this.peerFinder.activate()
    if (isMasterNode(this.localNode)) {
      this.electionScheduler = new ElectionScheduler(
        this.config.scheduler,
        this.config.random,
        this.settings,
        () => this.startPreVote(),
        0,
      )
    }
    if (this.applied.masterNodeId !== null) {
      this.applied = { ...this.applied, masterNodeId: null }
      this.config.onClusterStateApplied(this.applied)
    }
  }

  private becomeLeader(): void {
    this.stopModeActivities()
    this.currentMode = 'LEADER'
    this.leader = this.localNode
    const joining = [...this.pendingJoins.values()].filter((node) =>
      this.coordinationState.joinVoters().includes(node.id),
    )
    this.pendingJoins.clear()
    const clusterUuid = randomBase64Id(this.config.random)
    this.masterService.submitFirst('elected-as-master', (state) =>
      electedAsMaster(state, this.localNode, joining, clusterUuid),
    )
  }

  private becomeFollower(leader: DiscoveryNode): void {
    if (this.currentMode === 'FOLLOWER' && this.leader?.id === leader.id) return
    this.stopModeActivities()
    this.masterService.failAll(new NotMasterError('no longer master: following another node'))
    this.currentMode = 'FOLLOWER'
    this.leader = leader
    this.leaderChecker = new PeriodicChecker(
      this.config.scheduler,
      leaderCheckSchedule(this.settings),
      (timeoutMs) => this.send(leader, { type: 'leader_check', sender: this.localNode }, timeoutMs),
      (reason) => this.becomeCandidate(`leader check failed: ${reason}`),
    )
    // Rejoining the master it left, in the same term: its last committed state holds again.
    const last = this.lastApplied
    if (last && last.masterNodeId === leader.id && last.term === this.coordinationState.currentTerm) {
      this.applied = last
      this.config.onClusterStateApplied(last)
    }
  }
}
