/**
 * ConsumerMembershipManager: a consumer's membership in a KIP-848 consumer group (group.protocol=consumer),
 * as the Java AsyncKafkaConsumer's ConsumerMembershipManager and heartbeat request manager run it. The member
 * id is a random Uuid chosen once; a ConsumerGroupHeartbeat with epoch 0 joins, then one goes out every
 * heartbeat interval the broker returns (group.consumer.heartbeat.interval.ms, 5 s). An assignment in a
 * response is reconciled at once: partitions it drops are committed (enable.auto.commit) and revoked first,
 * the new ones are added, and a heartbeat acknowledges the owned partitions straight away; partitions another
 * member still holds arrive in a later response, so no partition is owned twice and nothing stops the world.
 * FENCED_MEMBER_EPOCH and UNKNOWN_MEMBER_ID lose every partition (no commit) and rejoin with epoch 0;
 * coordinator errors look the coordinator up again; any other error is fatal and thrown by the next poll.
 * Offsets are committed with the member epoch. close() commits, revokes, and leaves with epoch -1.
 */
import type { Random } from '../../../net/random.ts'
import { randomUuid } from '../../../net/random-uuid.ts'
import { tpKey, type TopicPartition } from '../../../protocol/consumer-protocol.ts'
import {
  JOIN_GROUP_MEMBER_EPOCH,
  LEAVE_GROUP_MEMBER_EPOCH,
  type ConsumerGroupHeartbeatResponse,
} from '../../../protocol/kafka-consumer-groups.ts'
import type { KafkaError } from '../api.ts'
import { kafkaError } from '../errors.ts'
import { isCoordinatorError, RETRY_BACKOFF_MS } from '../group-coordinator-lookup.ts'
import { CoordinatorChannel, type CommitIdentity, type PartitionPosition } from './coordinator-channel.ts'
import { CLIENT_HOST } from './consumer-coordinator.ts'
import type { GroupMembership, GroupMembershipDeps } from './group-membership.ts'

/** The heartbeat interval until the broker names one. */
const INITIAL_HEARTBEAT_INTERVAL_MS = 5_000

export class ConsumerMembershipManager implements GroupMembership {
  assignment: TopicPartition[] = []
  readonly memberId: string
  private memberEpoch = JOIN_GROUP_MEMBER_EPOCH
  private subscription: string[] = []
  private heartbeatIntervalMs = INITIAL_HEARTBEAT_INTERVAL_MS
  private fatal: KafkaError | null = null
  private loop: Promise<void> | null = null
  private joined: Promise<void> | null = null
  private markJoined: () => void = () => undefined
  private wake: () => void = () => undefined
  private closed = false
  private nextAutoCommitMs: number
  private readonly channel: CoordinatorChannel
  private readonly autoCommit: boolean

  constructor(
    private readonly deps: GroupMembershipDeps,
    random: Random,
  ) {
    this.memberId = randomUuid(random)
    this.autoCommit = deps.config['enable.auto.commit'] === 'true'
    this.channel = new CoordinatorChannel(deps.connection, deps.clock, deps.groupId, () => this.closed)
    this.nextAutoCommitMs = deps.clock.now() + Number(deps.config['auto.commit.interval.ms'])
  }

  subscribe(topics: readonly string[]): void {
    this.subscription = [...new Set(topics)].sort()
    this.wake()
  }

  /** Starts the heartbeats, waits for the first answer while joining, then auto-commits when it is time. */
  async poll(): Promise<void> {
    this.throwIfFatal()
    if (this.loop === null) {
      this.joined = new Promise((resolve) => (this.markJoined = resolve))
      this.loop = this.heartbeatLoop()
    }
    if (this.memberEpoch === JOIN_GROUP_MEMBER_EPOCH) await this.joined
    this.throwIfFatal()
    const now = this.deps.clock.now()
    if (this.autoCommit && now >= this.nextAutoCommitMs && this.memberEpoch > 0) {
      this.nextAutoCommitMs = now + Number(this.deps.config['auto.commit.interval.ms'])
      void this.commit(this.deps.positions()).catch(() => undefined)
    }
  }

  private throwIfFatal(): void {
    const fatal = this.fatal
    if (fatal !== null) throw fatal
  }

  private async heartbeatLoop(): Promise<void> {
    while (!this.closed && this.fatal === null) {
      const coordinator = await this.channel.ensure()
      if (coordinator === null) break
      const response = await coordinator.broker
        .consumerGroupHeartbeat({
          groupId: this.deps.groupId,
          memberId: this.memberId,
          memberEpoch: this.memberEpoch,
          instanceId: this.deps.config['group.instance.id'] ?? null,
          rackId: this.deps.config['client.rack'] ?? null,
          rebalanceTimeoutMs: Number(this.deps.config['max.poll.interval.ms']),
          subscribedTopicNames: this.subscription,
          serverAssignor: this.deps.config['group.remote.assignor'] ?? null,
          topicPartitions: this.assignment,
          clientId: this.deps.clientId,
          clientHost: CLIENT_HOST,
        })
        .catch(() => null)
      if (this.closed) break
      const acknowledge = await this.onHeartbeatResponse(response)
      this.markJoined()
      if (!acknowledge) await this.sleepOrWake(this.delayAfter(response))
    }
    this.markJoined()
  }

  private delayAfter(response: ConsumerGroupHeartbeatResponse | null): number {
    if (response === null || response.error !== 'NONE') return RETRY_BACKOFF_MS
    return this.heartbeatIntervalMs
  }

  private sleepOrWake(ms: number): Promise<void> {
    return Promise.race([this.deps.clock.sleep(ms), new Promise<void>((resolve) => (this.wake = resolve))])
  }

  /** Handles a heartbeat response; true when a heartbeat must acknowledge a new assignment right away. */
  private async onHeartbeatResponse(response: ConsumerGroupHeartbeatResponse | null): Promise<boolean> {
    if (response === null || isCoordinatorError(response.error)) {
      this.channel.coordinator = null
      return false
    }
    if (response.error === 'FENCED_MEMBER_EPOCH' || response.error === 'UNKNOWN_MEMBER_ID') {
      this.transitionToFenced()
      return true
    }
    if (response.error !== 'NONE') {
      this.fatal = kafkaError(response.error, response.errorMessage)
      return false
    }
    this.memberEpoch = response.memberEpoch
    if (response.heartbeatIntervalMs > 0) this.heartbeatIntervalMs = response.heartbeatIntervalMs
    if (response.assignment === null) return false
    return this.reconcile(response.assignment)
  }

  /** The partitions are lost, not revoked: no commit; the member rejoins at epoch 0. */
  private transitionToFenced(): void {
    this.deps.onPartitionsRevoked(this.assignment)
    this.assignment = []
    this.memberEpoch = JOIN_GROUP_MEMBER_EPOCH
  }

  /** Revokes what the new assignment drops (committing it first), then adds what it brings. */
  private async reconcile(target: readonly TopicPartition[]): Promise<boolean> {
    const next = new Set(target.map(tpKey))
    const revoked = this.assignment.filter((tp) => !next.has(tpKey(tp)))
    if (revoked.length > 0) {
      if (this.autoCommit) {
        const gone = new Set(revoked.map(tpKey))
        await this.commit(this.deps.positions().filter((p) => gone.has(tpKey(p)))).catch(() => undefined)
      }
      this.deps.onPartitionsRevoked(revoked)
    }
    const changed = revoked.length > 0 || target.length !== this.assignment.length
    const owned = new Set(this.assignment.map(tpKey))
    this.assignment = target.map((tp) => ({ topic: tp.topic, partition: tp.partition }))
    const added = this.assignment.filter((tp) => !owned.has(tpKey(tp)))
    if (added.length > 0) this.deps.onPartitionsAssigned(added)
    return changed
  }

  commit(positions: readonly PartitionPosition[]): Promise<void> {
    return this.channel.commit(this.identity(), positions)
  }

  /** The member id, member epoch and instance id a commit carries (the consumer's groupMetadata()). */
  identity(): CommitIdentity {
    return {
      memberId: this.memberId,
      generationIdOrMemberEpoch: this.memberEpoch,
      groupInstanceId: this.deps.config['group.instance.id'] ?? null,
    }
  }

  /** AsyncKafkaConsumer reuses a pending offset fetch for the same partitions, whatever the member epoch. */
  committed(partitions: readonly TopicPartition[], deadline: number): Promise<PartitionPosition[] | null> {
    return this.channel.committed(partitions, deadline, null)
  }

  /** Commits the positions (enable.auto.commit), gives up the partitions and leaves with epoch -1. */
  async close(): Promise<void> {
    if (this.autoCommit && this.memberEpoch > 0)
      await this.commit(this.deps.positions()).catch(() => undefined)
    this.closed = true
    this.wake()
    this.deps.onPartitionsRevoked(this.assignment)
    this.assignment = []
    const coordinator = this.channel.coordinator
    if (coordinator !== null && this.memberEpoch > 0)
      await coordinator.broker
        .consumerGroupHeartbeat({
          groupId: this.deps.groupId,
          memberId: this.memberId,
          memberEpoch: LEAVE_GROUP_MEMBER_EPOCH,
          instanceId: this.deps.config['group.instance.id'] ?? null,
          rackId: null,
          rebalanceTimeoutMs: -1,
          subscribedTopicNames: null,
          serverAssignor: null,
          topicPartitions: null,
          clientId: this.deps.clientId,
          clientHost: CLIENT_HOST,
        })
        .catch(() => null)
    this.memberEpoch = LEAVE_GROUP_MEMBER_EPOCH
  }
}
