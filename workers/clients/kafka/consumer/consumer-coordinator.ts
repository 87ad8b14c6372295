/**
 * ConsumerCoordinator: a consumer's membership in a classic group, as the Java client's
 * AbstractCoordinator and ConsumerCoordinator run it. poll() joins when needed: FindCoordinator, JoinGroup
 * (first with an empty member id, answered MEMBER_ID_REQUIRED with the id to rejoin with), the leader runs
 * the selected assignor over every member's subscription, SyncGroup hands each member its partitions. A
 * heartbeat goes out every heartbeat.interval.ms (3 s; session.timeout.ms 45 s); REBALANCE_IN_PROGRESS,
 * UNKNOWN_MEMBER_ID or ILLEGAL_GENERATION make the next poll rejoin. Before rejoining, enable.auto.commit
 * commits the positions and the EAGER protocol (range) gives up every partition; COOPERATIVE gives up only
 * the partitions it loses, then rejoins once more. Auto commit also runs from poll every
 * auto.commit.interval.ms (5 s); close commits, then sends LeaveGroup. A consumer that does not poll for
 * max.poll.interval.ms leaves the group from its heartbeat loop.
 */
import type { GroupErrorCode } from '../../../protocol/kafka-errors.ts'
import type { JoinGroupResponseMember, SyncGroupAssignment } from '../../../protocol/kafka-groups.ts'
import {
  CONSUMER_PROTOCOL_TYPE,
  tpKey,
  type ConsumerProtocolSubscription,
  type TopicPartition,
} from '../../../protocol/consumer-protocol.ts'
import { kafkaError } from '../errors.ts'
import { isCoordinatorError, RETRY_BACKOFF_MS } from '../group-coordinator-lookup.ts'
import { CoordinatorChannel, type CommitIdentity, type PartitionPosition } from './coordinator-channel.ts'
import type { GroupMembership, GroupMembershipDeps } from './group-membership.ts'
import {
  assignmentStrategy,
  DEFAULT_ASSIGNMENT_STRATEGY,
  type AssignmentStrategy,
} from './partition-assignment-strategy.ts'

export type { PartitionPosition } from './coordinator-channel.ts'

export interface ConsumerCoordinatorDeps extends GroupMembershipDeps {
  /** Partition counts of the topics that exist, from metadata. */
  partitionCounts(topics: readonly string[]): Promise<Map<string, number>>
}

export const CLIENT_HOST = '/127.0.0.1'

/** A numeric config; the consumer's config carries ConsumerConfig's defaults (consumer-config-def.ts). */
const config = (deps: ConsumerCoordinatorDeps, name: string): number => Number(deps.config[name])

export class ConsumerCoordinator implements GroupMembership {
  assignment: TopicPartition[] = []
  private subscription: string[] = []
  private readonly channel: CoordinatorChannel
  private memberId = ''
  private generation = -1
  private protocolName: string | null = null
  private rejoinNeeded = true
  private needsJoinPrepare = true
  private joining: Promise<void> | null = null
  private heartbeating = false
  private closed = false
  private lastPollMs: number
  private nextAutoCommitMs: number
  private readonly strategy: AssignmentStrategy
  private readonly autoCommit: boolean

  constructor(private readonly deps: ConsumerCoordinatorDeps) {
    this.strategy = assignmentStrategy(
      deps.config['partition.assignment.strategy'] ?? DEFAULT_ASSIGNMENT_STRATEGY,
    )
    this.autoCommit = deps.config['enable.auto.commit'] === 'true'
    this.channel = new CoordinatorChannel(deps.connection, deps.clock, deps.groupId, () => this.closed)
    this.lastPollMs = deps.clock.now()
    this.nextAutoCommitMs = this.lastPollMs + config(deps, 'auto.commit.interval.ms')
  }

  subscribe(topics: readonly string[]): void {
    this.subscription = [...new Set(topics)].sort()
    this.rejoinNeeded = true
  }

  /** Joins the group when needed (may wait for the rebalance), then auto-commits when it is time. */
  async poll(): Promise<void> {
    this.lastPollMs = this.deps.clock.now()
    if (this.rejoinNeeded) {
      this.joining ??= this.joinGroupIfNeeded().finally(() => {
        this.joining = null
      })
      await this.joining
    }
    const now = this.deps.clock.now()
    if (this.autoCommit && now >= this.nextAutoCommitMs) {
      this.nextAutoCommitMs = now + config(this.deps, 'auto.commit.interval.ms')
      void this.commit(this.deps.positions()).catch(() => undefined)
    }
  }

  private sleep(ms: number): Promise<void> {
    return this.deps.clock.sleep(ms)
  }

  /** Handles an error of a group response; returns after backing off when the caller should retry. */
  private async recover(error: GroupErrorCode | null): Promise<void> {
    if (error === null || isCoordinatorError(error)) this.channel.coordinator = null
    else if (
      error === 'UNKNOWN_MEMBER_ID' ||
      error === 'ILLEGAL_GENERATION' ||
      error === 'FENCED_INSTANCE_ID'
    )
      this.resetGeneration()
    else if (error !== 'REBALANCE_IN_PROGRESS' && error !== 'NONE') throw kafkaError(error)
    await this.sleep(RETRY_BACKOFF_MS)
  }

  private resetGeneration(): void {
    this.memberId = ''
    this.generation = -1
    this.rejoinNeeded = true
  }

  private subscriptionMetadata(): ConsumerProtocolSubscription {
    return {
      topics: this.subscription,
      ownedPartitions: this.assignment,
      generationId: this.generation,
      rackId: null,
    }
  }

  private async joinGroupIfNeeded(): Promise<void> {
    while (this.rejoinNeeded && !this.closed) {
      const coordinator = await this.channel.ensure()
      if (coordinator === null) return
      if (this.needsJoinPrepare) {
        await this.onJoinPrepare()
        this.needsJoinPrepare = false
      }
      const metadata = this.subscriptionMetadata()
      const join = await coordinator.broker
        .joinGroup({
          groupId: this.deps.groupId,
          sessionTimeoutMs: config(this.deps, 'session.timeout.ms'),
          rebalanceTimeoutMs: config(this.deps, 'max.poll.interval.ms'),
          memberId: this.memberId,
          groupInstanceId: this.deps.config['group.instance.id'] ?? null,
          protocolType: CONSUMER_PROTOCOL_TYPE,
          protocols: this.strategy.assignors.map((assignor) => ({ name: assignor.name, metadata })),
          reason: null,
          clientId: this.deps.clientId,
          clientHost: CLIENT_HOST,
        })
        .catch(() => null)
      if (join?.error === 'MEMBER_ID_REQUIRED') {
        this.memberId = join.memberId
        continue
      }
      if (join === null || join.error !== 'NONE') {
        await this.recover(join?.error ?? null)
        continue
      }
      this.memberId = join.memberId
      this.generation = join.generationId
      this.protocolName = join.protocolName
      const assignments = join.leader === join.memberId ? await this.performAssignment(join.members) : []
      const sync = await coordinator.broker
        .syncGroup({
          groupId: this.deps.groupId,
          generationId: this.generation,
          memberId: this.memberId,
          groupInstanceId: this.deps.config['group.instance.id'] ?? null,
          protocolType: CONSUMER_PROTOCOL_TYPE,
          protocolName: this.protocolName,
          assignments,
        })
        .catch(() => null)
      if (sync === null || sync.error !== 'NONE') {
        await this.recover(sync?.error ?? null)
        continue
      }
      this.rejoinNeeded = false
      this.needsJoinPrepare = true
      this.onJoinComplete(sync.assignment.partitions)
      if (!this.heartbeating) void this.heartbeatLoop()
    }
  }

  /** ConsumerCoordinator.onJoinPrepare: commit, then give up partitions as the rebalance protocol says. */
  private async onJoinPrepare(): Promise<void> {
    if (this.autoCommit && this.generation >= 0)
      await this.commit(this.deps.positions()).catch(() => undefined)
    if (this.strategy.rebalanceProtocol === 'EAGER' || this.generation < 0) this.revoke(this.assignment)
  }

  private revoke(partitions: readonly TopicPartition[]): void {
    if (partitions.length === 0) return
    const gone = new Set(partitions.map(tpKey))
    this.assignment = this.assignment.filter((tp) => !gone.has(tpKey(tp)))
    this.deps.onPartitionsRevoked(partitions)
  }

  private onJoinComplete(assigned: readonly TopicPartition[]): void {
    const next = new Set(assigned.map(tpKey))
    const lost = this.assignment.filter((tp) => !next.has(tpKey(tp)))
    this.revoke(lost)
    // COOPERATIVE: partitions given up in this round are handed to their new owner by one more rebalance.
    if (this.strategy.rebalanceProtocol === 'COOPERATIVE' && lost.length > 0) this.rejoinNeeded = true
    this.assignment = assigned.map((tp) => ({ topic: tp.topic, partition: tp.partition }))
    this.deps.onPartitionsAssigned(this.assignment)
  }

  /** The leader's part: the selected assignor over every member's subscription (performAssignment). */
  private async performAssignment(
    members: readonly JoinGroupResponseMember[],
  ): Promise<SyncGroupAssignment[]> {
    const assignor = this.strategy.assignors.find((a) => a.name === this.protocolName)
    if (assignor === undefined) throw kafkaError('INCONSISTENT_GROUP_PROTOCOL')
    const topics = [...new Set(members.flatMap((m) => m.metadata.topics))]
    const counts = await this.deps.partitionCounts(topics)
    const subscriptions = new Map(
      members.map((m) => [m.memberId, { ...m.metadata, groupInstanceId: m.groupInstanceId }] as const),
    )
    return [...assignor.assign(counts, subscriptions)].map(([memberId, partitions]) => ({
      memberId,
      assignment: { partitions },
    }))
  }

  private async heartbeatLoop(): Promise<void> {
    this.heartbeating = true
    const intervalMs = config(this.deps, 'heartbeat.interval.ms')
    const maxPollIntervalMs = config(this.deps, 'max.poll.interval.ms')
    while (!this.closed) {
      await this.sleep(intervalMs)
      if (this.closed || this.rejoinNeeded || this.generation < 0) continue
      if (this.deps.clock.now() - this.lastPollMs > maxPollIntervalMs) {
        await this.maybeLeaveGroup('consumer poll timeout has expired.')
        continue
      }
      const coordinator = this.channel.coordinator
      if (coordinator === null) {
        await this.channel.ensure()
        continue
      }
      const response = await coordinator.broker
        .heartbeat({
          groupId: this.deps.groupId,
          generationId: this.generation,
          memberId: this.memberId,
          groupInstanceId: this.deps.config['group.instance.id'] ?? null,
        })
        .catch(() => null)
      if (response === null || isCoordinatorError(response.error)) this.channel.coordinator = null
      else if (response.error === 'REBALANCE_IN_PROGRESS') this.rejoinNeeded = true
      else if (response.error !== 'NONE') this.resetGeneration()
    }
    this.heartbeating = false
  }

  /** OffsetCommit of these positions for the current generation; throws the first partition error. */
  commit(positions: readonly PartitionPosition[]): Promise<void> {
    return this.channel.commit(this.identity(), positions)
  }

  /** The member id, generation and instance id a commit carries (the consumer's groupMetadata()). */
  identity(): CommitIdentity {
    return {
      memberId: this.memberId,
      generationIdOrMemberEpoch: this.generation,
      groupInstanceId: this.deps.config['group.instance.id'] ?? null,
    }
  }

  /**
   * The group's committed offsets of these partitions (OffsetFetch); partitions without one are absent. A
   * pending request is reused only for the same generation (generationIfStable: none while rebalancing).
   */
  committed(partitions: readonly TopicPartition[], deadline: number): Promise<PartitionPosition[] | null> {
    const generation = this.joining === null ? `${this.generation}/${this.memberId}` : null
    return this.channel.committed(partitions, deadline, generation)
  }

  private async maybeLeaveGroup(reason: string): Promise<void> {
    const coordinator = this.channel.coordinator
    if (coordinator !== null && this.memberId !== '')
      await coordinator.broker
        .leaveGroup({
          groupId: this.deps.groupId,
          members: [{ memberId: this.memberId, groupInstanceId: null, reason }],
        })
        .catch(() => null)
    this.revoke(this.assignment)
    this.resetGeneration()
  }

  /** Commits the positions (enable.auto.commit), then leaves the group. */
  async close(): Promise<void> {
    if (this.autoCommit && this.generation >= 0)
      await this.commit(this.deps.positions()).catch(() => undefined)
    this.closed = true
    await this.maybeLeaveGroup('the consumer is being closed')
  }
}
