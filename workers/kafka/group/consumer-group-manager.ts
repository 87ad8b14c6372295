/**
 * ConsumerGroupManager: the KIP-848 half of the group coordinator, as Kafka 4.1's GroupMetadataManager runs
 * consumer groups (consumerGroupHeartbeat, consumerGroupDescribe, the session and rebalance timeouts).
 * A heartbeat with epoch 0 joins (the client chose its member id), -1 leaves, any other epoch must be the
 * member's (or its previous one, when the member owns no more than its assignment: the response that bumped
 * it was lost) else FENCED_MEMBER_EPOCH. A new member, a changed subscription or assignor, or a change of
 * a subscribed topic's partition count bumps the group epoch; the next heartbeat then computes the target
 * assignment with the group's assignor (`uniform` unless the members ask for `range`) at that epoch, and
 * every heartbeat moves its member one step towards its target (current-assignment-builder.ts).
 * A member that does not heartbeat within group.consumer.session.timeout.ms, or does not revoke within its
 * rebalance timeout, is fenced: removed, with a group epoch bump. Timers come only from the injected timer.
 */
import type { TopicPartition } from '../../protocol/consumer-protocol.ts'
import type { GroupErrorCode } from '../../protocol/kafka-errors.ts'
import type { OffsetCommitRequest } from '../../protocol/kafka-groups.ts'
import {
  JOIN_GROUP_MEMBER_EPOCH,
  LEAVE_GROUP_MEMBER_EPOCH,
  type ConsumerGroupDescribedGroup,
  type ConsumerGroupHeartbeatRequest,
  type ConsumerGroupHeartbeatResponse,
} from '../../protocol/kafka-consumer-groups.ts'
import {
  PartitionAssignorException,
  type ConsumerGroupPartitionAssignor,
  type MemberAssignment,
} from './assignors/assignment-spec.ts'
import { rangeAssignor } from './assignors/range-assignor.ts'
import { uniformAssignor } from './assignors/uniform-assignor.ts'
import type { CoordinatorTimer } from './coordinator-timer.ts'
import { ConsumerGroup } from './consumer-group.ts'
import { NO_PARTITIONS, sameAssignment, type ConsumerGroupMember } from './consumer-group-member.ts'
import { reconcile } from './current-assignment-builder.ts'

export interface ConsumerGroupConfig {
  /** group.consumer.session.timeout.ms */
  readonly sessionTimeoutMs: number
  /** group.consumer.heartbeat.interval.ms */
  readonly heartbeatIntervalMs: number
  /** group.consumer.assignors: the first is the default. */
  readonly assignors: readonly ConsumerGroupPartitionAssignor[]
}

export const DEFAULT_CONSUMER_GROUP_CONFIG: ConsumerGroupConfig = {
  sessionTimeoutMs: 45_000,
  heartbeatIntervalMs: 5_000,
  assignors: [uniformAssignor, rangeAssignor],
}

export interface ConsumerGroupManagerDeps {
  readonly timer: CoordinatorTimer
  /** A topic's partition count in this broker's metadata, -1 when it does not exist. */
  readonly partitionCount: (topic: string) => number
  /** Whether a classic group of this id has members (then no consumer group may take the id). */
  readonly classicGroupHasMembers: (groupId: string) => boolean
  /** Drops an empty classic group of this id, which a consumer group replaces. */
  readonly dropEmptyClassicGroup: (groupId: string) => void
  readonly config?: Partial<ConsumerGroupConfig>
}

class HeartbeatError extends Error {
  constructor(
    readonly error: GroupErrorCode,
    message: string,
  ) {
    super(message)
  }
}

const sessionKey = (groupId: string, memberId: string): string => `session-${groupId}-${memberId}`
const rebalanceKey = (groupId: string, memberId: string): string => `rebalance-${groupId}-${memberId}`

/** The partitions of an assignment as TopicPartitions, topics sorted. */
function topicPartitions(assignment: MemberAssignment): TopicPartition[] {
  return [...assignment.keys()]
    .sort()
    .flatMap((topic) => (assignment.get(topic) ?? []).map((partition) => ({ topic, partition })))
}

function fromTopicPartitions(partitions: readonly TopicPartition[]): MemberAssignment {
  const byTopic = new Map<string, number[]>()
  for (const { topic, partition } of partitions)
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), partition])
  return new Map([...byTopic].map(([topic, ps]) => [topic, ps.sort((a, b) => a - b)]))
}

export class ConsumerGroupManager {
  readonly groups = new Map<string, ConsumerGroup>()
  readonly config: ConsumerGroupConfig

  constructor(private readonly deps: ConsumerGroupManagerDeps) {
    this.config = { ...DEFAULT_CONSUMER_GROUP_CONFIG, ...deps.config }
  }

  heartbeat(request: ConsumerGroupHeartbeatRequest): ConsumerGroupHeartbeatResponse {
    try {
      this.validate(request)
      if (request.memberEpoch === LEAVE_GROUP_MEMBER_EPOCH) return this.leave(request)
      return this.memberHeartbeat(request)
    } catch (error) {
      if (!(error instanceof HeartbeatError)) throw error
      return {
        error: error.error,
        errorMessage: error.message,
        memberId: null,
        memberEpoch: 0,
        heartbeatIntervalMs: 0,
        assignment: null,
      }
    }
  }

  /** throwIfConsumerGroupHeartbeatRequestIsInvalid */
  private validate(request: ConsumerGroupHeartbeatRequest): void {
    const invalid = (message: string): HeartbeatError => new HeartbeatError('INVALID_REQUEST', message)
    if (request.groupId.trim() === '') throw invalid("GroupId can't be empty.")
    if (request.memberId.trim() === '') throw invalid("MemberId can't be empty.")
    if (request.memberEpoch === JOIN_GROUP_MEMBER_EPOCH) {
      if (request.rebalanceTimeoutMs === -1)
        throw invalid('RebalanceTimeoutMs must be provided in first request.')
      if (request.topicPartitions === null || request.topicPartitions.length > 0)
        throw invalid('TopicPartitions must be empty when (re-)joining.')
      if (request.subscribedTopicNames === null)
        throw invalid('SubscribedTopicNames must be set in first request.')
    } else if (request.memberEpoch < LEAVE_GROUP_MEMBER_EPOCH) throw invalid(`MemberEpoch is invalid.`)
    const assignor = request.serverAssignor
    if (assignor !== null && !this.config.assignors.some((a) => a.name === assignor))
      throw new HeartbeatError(
        'UNSUPPORTED_ASSIGNOR',
        `ServerAssignor ${assignor} is not supported. Supported assignors: ${this.config.assignors.map((a) => a.name).join(', ')}.`,
      )
  }

  /** getOrMaybeCreateConsumerGroup */
  private groupFor(request: ConsumerGroupHeartbeatRequest): ConsumerGroup {
    const existing = this.groups.get(request.groupId)
    if (existing !== undefined) return existing
    if (this.deps.classicGroupHasMembers(request.groupId))
      throw new HeartbeatError('GROUP_ID_NOT_FOUND', `Group ${request.groupId} is not a consumer group.`)
    if (request.memberEpoch !== JOIN_GROUP_MEMBER_EPOCH)
      // Kafka reloads the group from its records; the playground keeps consumer groups in memory only.
      throw unknownMember(request)
    this.deps.dropEmptyClassicGroup(request.groupId)
    const group = new ConsumerGroup(request.groupId)
    this.groups.set(group.groupId, group)
    return group
  }

  private memberHeartbeat(request: ConsumerGroupHeartbeatRequest): ConsumerGroupHeartbeatResponse {
    const group = this.groupFor(request)
    const joining = request.memberEpoch === JOIN_GROUP_MEMBER_EPOCH
    let member = group.member(request.memberId)
    if (member !== undefined && joining) {
      // A member rejoining with epoch 0 starts over: what it held is released.
      this.removeMember(group, member.memberId)
      member = undefined
    }
    if (member === undefined) {
      if (!joining) throw unknownMember(request)
      member = newMember(request)
    } else throwIfMemberEpochIsInvalid(member, request)

    const updated: ConsumerGroupMember = {
      ...member,
      clientId: request.clientId,
      clientHost: request.clientHost,
      rackId: request.rackId ?? member.rackId,
      rebalanceTimeoutMs:
        request.rebalanceTimeoutMs === -1 ? member.rebalanceTimeoutMs : request.rebalanceTimeoutMs,
      subscribedTopicNames:
        request.subscribedTopicNames === null
          ? member.subscribedTopicNames
          : [...new Set(request.subscribedTopicNames)].sort(),
      serverAssignor: request.serverAssignor ?? member.serverAssignor,
    }
    let bumpGroupEpoch =
      group.member(updated.memberId) === undefined ||
      updated.subscribedTopicNames.join('\u0000') !== member.subscribedTopicNames.join('\u0000') ||
      updated.serverAssignor !== member.serverAssignor
    group.updateMember(updated)
    const metadata = this.subscriptionMetadata(group)
    if (!sameCounts(metadata, group.subscriptionMetadata)) bumpGroupEpoch = true
    if (bumpGroupEpoch) {
      group.groupEpoch++
      group.subscriptionMetadata = metadata
    }
    if (group.groupEpoch > group.assignmentEpoch) this.updateTargetAssignment(group)

    const target = {
      epoch: group.assignmentEpoch,
      assignment: group.targetAssignment.get(updated.memberId) ?? NO_PARTITIONS,
    }
    const reconciled = reconcile(updated, target, (t, p) => group.owner(t, p), request.topicPartitions)
    group.updateMember(reconciled)
    this.scheduleSessionTimeout(group.groupId, reconciled.memberId)
    if (reconciled.state === 'UNREVOKED_PARTITIONS') this.scheduleRebalanceTimeout(group, reconciled)
    else this.deps.timer.cancel(rebalanceKey(group.groupId, reconciled.memberId))

    const owned = request.topicPartitions
    const sendAssignment =
      joining ||
      !sameAssignment(reconciled.assignedPartitions, member.assignedPartitions) ||
      (owned !== null && !sameAssignment(fromTopicPartitions(owned), reconciled.assignedPartitions))
    return {
      error: 'NONE',
      errorMessage: null,
      memberId: reconciled.memberId,
      memberEpoch: reconciled.memberEpoch,
      heartbeatIntervalMs: this.config.heartbeatIntervalMs,
      assignment: sendAssignment ? topicPartitions(reconciled.assignedPartitions) : null,
    }
  }

  /** The partition counts of the group's subscribed topics that exist. */
  private subscriptionMetadata(group: ConsumerGroup): Map<string, number> {
    const metadata = new Map<string, number>()
    for (const topic of [...group.subscribedTopicNames()].sort()) {
      const count = this.deps.partitionCount(topic)
      if (count >= 0) metadata.set(topic, count)
    }
    return metadata
  }

  /** updateTargetAssignment: the group's assignor over every member's subscription, at the group epoch. */
  private updateTargetAssignment(group: ConsumerGroup): void {
    const name = group.preferredServerAssignor(this.config.assignors[0]?.name ?? '')
    const assignor = this.config.assignors.find((a) => a.name === name) ?? uniformAssignor
    const counts = group.subscriptionMetadata
    const members = new Map(
      group.allMembers().map((m) => [
        m.memberId,
        {
          subscribedTopicNames: m.subscribedTopicNames.filter((topic) => counts.has(topic)),
          assignment: group.targetAssignment.get(m.memberId) ?? NO_PARTITIONS,
        },
      ]),
    )
    let assignment
    try {
      assignment = assignor.assign({ members }, (topic) => counts.get(topic) ?? -1)
    } catch (error) {
      if (error instanceof PartitionAssignorException)
        throw new HeartbeatError(
          'UNKNOWN_SERVER_ERROR',
          `Failed to compute a new target assignment for epoch ${group.groupEpoch}: ${error.message}`,
        )
      throw error
    }
    group.targetAssignment.clear()
    for (const [memberId, partitions] of assignment) group.targetAssignment.set(memberId, partitions)
    group.assignmentEpoch = group.groupEpoch
  }

  /** consumerGroupLeave */
  private leave(request: ConsumerGroupHeartbeatRequest): ConsumerGroupHeartbeatResponse {
    const group = this.groups.get(request.groupId)
    if (group?.member(request.memberId) === undefined) throw unknownMember(request)
    this.removeMember(group, request.memberId)
    return {
      error: 'NONE',
      errorMessage: null,
      memberId: request.memberId,
      memberEpoch: LEAVE_GROUP_MEMBER_EPOCH,
      heartbeatIntervalMs: 0,
      assignment: null,
    }
  }

  /** Removes (fences) a member and bumps the group epoch, so the next heartbeat reassigns its partitions. */
  private removeMember(group: ConsumerGroup, memberId: string): void {
    group.removeMember(memberId)
    group.groupEpoch++
    group.subscriptionMetadata = this.subscriptionMetadata(group)
    this.deps.timer.cancel(sessionKey(group.groupId, memberId))
    this.deps.timer.cancel(rebalanceKey(group.groupId, memberId))
  }

  private scheduleSessionTimeout(groupId: string, memberId: string): void {
    this.deps.timer.schedule(sessionKey(groupId, memberId), this.config.sessionTimeoutMs, () => {
      const group = this.groups.get(groupId)
      if (group?.member(memberId) !== undefined) this.removeMember(group, memberId)
    })
  }

  private scheduleRebalanceTimeout(group: ConsumerGroup, member: ConsumerGroupMember): void {
    const key = rebalanceKey(group.groupId, member.memberId)
    if (this.deps.timer.isScheduled(key)) return
    const epoch = member.memberEpoch
    this.deps.timer.schedule(key, member.rebalanceTimeoutMs, () => {
      const current = group.member(member.memberId)
      if (current?.state === 'UNREVOKED_PARTITIONS' && current.memberEpoch === epoch)
        this.removeMember(group, member.memberId)
    })
  }

  /**
   * ConsumerGroup.validateOffsetCommit: without a member epoch (the admin client, a consumer without group
   * management) only while the group is empty; otherwise from a member, at its current epoch.
   */
  validateOffsetCommit(group: ConsumerGroup, request: OffsetCommitRequest): GroupErrorCode {
    if (request.generationIdOrMemberEpoch < 0 && group.numMembers() === 0) return 'NONE'
    const member = group.member(request.memberId)
    if (member === undefined) return 'UNKNOWN_MEMBER_ID'
    return request.generationIdOrMemberEpoch === member.memberEpoch ? 'NONE' : 'STALE_MEMBER_EPOCH'
  }

  describe(groupId: string): ConsumerGroupDescribedGroup {
    const group = this.groups.get(groupId)
    if (group === undefined)
      return {
        error: 'GROUP_ID_NOT_FOUND',
        errorMessage: `Group ${groupId} not found.`,
        groupId,
        groupState: 'Dead',
        groupEpoch: -1,
        assignmentEpoch: -1,
        assignorName: '',
        members: [],
      }
    return {
      error: 'NONE',
      errorMessage: null,
      groupId,
      groupState: group.state(),
      groupEpoch: group.groupEpoch,
      assignmentEpoch: group.assignmentEpoch,
      assignorName: group.preferredServerAssignor(this.config.assignors[0]?.name ?? ''),
      members: group.allMembers().map((m) => ({
        memberId: m.memberId,
        instanceId: m.instanceId,
        rackId: m.rackId,
        memberEpoch: m.memberEpoch,
        clientId: m.clientId,
        clientHost: m.clientHost,
        subscribedTopicNames: m.subscribedTopicNames,
        assignment: topicPartitions(m.assignedPartitions),
        targetAssignment: topicPartitions(group.targetAssignment.get(m.memberId) ?? NO_PARTITIONS),
      })),
    }
  }

  /** Drops a group (deleted, or no longer coordinated here), cancelling its members' timers. */
  drop(groupId: string): void {
    const group = this.groups.get(groupId)
    if (group === undefined) return
    for (const member of group.allMembers()) {
      this.deps.timer.cancel(sessionKey(groupId, member.memberId))
      this.deps.timer.cancel(rebalanceKey(groupId, member.memberId))
    }
    this.groups.delete(groupId)
  }
}

function newMember(request: ConsumerGroupHeartbeatRequest): ConsumerGroupMember {
  return {
    memberId: request.memberId,
    instanceId: request.instanceId,
    rackId: request.rackId,
    clientId: request.clientId,
    clientHost: request.clientHost,
    rebalanceTimeoutMs: request.rebalanceTimeoutMs,
    subscribedTopicNames: [],
    serverAssignor: null,
    memberEpoch: 0,
    previousMemberEpoch: -1,
    state: 'STABLE',
    assignedPartitions: NO_PARTITIONS,
    partitionsPendingRevocation: NO_PARTITIONS,
  }
}

function unknownMember(request: ConsumerGroupHeartbeatRequest): HeartbeatError {
  return new HeartbeatError(
    'UNKNOWN_MEMBER_ID',
    `Member ${request.memberId} is not a member of group ${request.groupId}.`,
  )
}

/** throwIfMemberEpochIsInvalid */
function throwIfMemberEpochIsInvalid(
  member: ConsumerGroupMember,
  request: ConsumerGroupHeartbeatRequest,
): void {
  const received = request.memberEpoch
  if (received > member.memberEpoch)
    throw new HeartbeatError(
      'FENCED_MEMBER_EPOCH',
      `The consumer group member has a greater member epoch (${received}) than the one known by the group coordinator (${member.memberEpoch}). The member must abandon all its partitions and rejoin.`,
    )
  if (received < member.memberEpoch) {
    const owned = request.topicPartitions
    const subset =
      owned !== null &&
      owned.every((tp) => member.assignedPartitions.get(tp.topic)?.includes(tp.partition) === true)
    if (received !== member.previousMemberEpoch || !subset)
      throw new HeartbeatError(
        'FENCED_MEMBER_EPOCH',
        `The consumer group member has a smaller member epoch (${received}) than the one known by the group coordinator (${member.memberEpoch}). The member must abandon all its partitions and rejoin.`,
      )
  }
}

function sameCounts(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  return a.size === b.size && [...a].every(([topic, count]) => b.get(topic) === count)
}
