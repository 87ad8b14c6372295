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
 * Every change is a write operation, as the CoordinatorRuntime runs them: the operation changes a copy of
 * the group, the records of what changed (consumer-group-record-helpers.ts) are appended to
 * __consumer_offsets, and only once the append succeeded are they replayed into the group
 * (consumer-group-replay.ts) and the response sent; a failed append changes nothing and fails the request.
 * The operations of one group run one at a time (group-write-queue.ts). A timeout whose write fails is
 * retried after 500 ms.
 * Loading a partition replays its records, then schedules every member's session timeout (onLoaded).
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
import { changeRecords } from './consumer-group-record-helpers.ts'
import { replayConsumerGroupRecord } from './consumer-group-replay.ts'
import { reconcile } from './current-assignment-builder.ts'
import { GroupWriteQueue } from './group-write-queue.ts'
import type { ConsumerGroupRecord } from './group-records.ts'
import { computeGroupHash, type SubscribedTopic } from './metadata-hash.ts'

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
  /** A topic's id in this broker's metadata, undefined when it does not exist. */
  readonly topicId: (topic: string) => string | undefined
  /** The name of the topic with this id, undefined when none has it. */
  readonly topicName: (topicId: string) => string | undefined
  /** Appends records to the group's __consumer_offsets partition; rejects when they were not written. */
  readonly append: (records: readonly ConsumerGroupRecord[]) => Promise<void>
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
/** CoordinatorTimerImpl's retry backoff for a timeout whose write failed. */
const TIMEOUT_RETRY_BACKOFF_MS = 500

function errorResponse(error: HeartbeatError): ConsumerGroupHeartbeatResponse {
  return {
    error: error.error,
    errorMessage: error.message,
    memberId: null,
    memberEpoch: 0,
    heartbeatIntervalMs: 0,
    assignment: null,
  }
}

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
  private readonly writes = new GroupWriteQueue()

  constructor(private readonly deps: ConsumerGroupManagerDeps) {
    this.config = { ...DEFAULT_CONSUMER_GROUP_CONFIG, ...deps.config }
  }

  /** Answers once the records of the heartbeat's changes are written and applied; rejects when they are not. */
  async heartbeat(request: ConsumerGroupHeartbeatRequest): Promise<ConsumerGroupHeartbeatResponse> {
    try {
      this.validate(request)
      return await this.write(request.groupId, (group, isNew) =>
        request.memberEpoch === LEAVE_GROUP_MEMBER_EPOCH
          ? this.leave(group, isNew, request)
          : this.memberHeartbeat(group, isNew, request),
      )
    } catch (error) {
      if (error instanceof HeartbeatError) return errorResponse(error)
      throw error
    }
  }

  /**
   * A write operation: `op` changes a copy of the group (a new, empty one when there is none, which is kept
   * only if it gets a member); the records of the changes are appended, then replayed. A throwing `op`
   * writes nothing. Operations of one group run one at a time, in order.
   */
  private write<T>(groupId: string, op: (group: ConsumerGroup, isNew: boolean) => T): Promise<T> {
    return this.writes.run(groupId, async (stillHere) => {
      const before = this.groups.get(groupId)
      const after = before?.clone() ?? new ConsumerGroup(groupId)
      const result = op(after, before === undefined)
      if (before === undefined && after.numMembers() === 0) return result
      const records = changeRecords(before, after, this.deps.topicId)
      if (records.length > 0) {
        await this.deps.append(records)
        // Written, but the group left this coordinator meanwhile: the next one loads the records.
        if (stillHere()) for (const record of records) this.replay(record)
      }
      return result
    })
  }

  /** Runs `operation` as one of the group's write operations: after those queued before it, before later ones. */
  afterPendingWrites<T>(groupId: string, operation: () => Promise<T>): Promise<T> {
    return this.writes.run(groupId, operation)
  }

  /** Applies one record read from, or just written to, __consumer_offsets. */
  replay(record: ConsumerGroupRecord): void {
    replayConsumerGroupRecord(record, {
      groups: this.groups,
      topicName: this.deps.topicName,
      onCreate: this.deps.dropEmptyClassicGroup,
    })
  }

  /** GroupMetadataManager.onLoaded: the loaded groups' members' session (and revocation) timeouts start. */
  onLoaded(groupIds: ReadonlySet<string>): void {
    for (const groupId of groupIds) {
      const group = this.groups.get(groupId)
      for (const member of group?.allMembers() ?? []) {
        this.scheduleSessionTimeout(groupId, member.memberId)
        if (member.state === 'UNREVOKED_PARTITIONS') this.scheduleRebalanceTimeout(groupId, member)
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

  /** getOrMaybeCreateConsumerGroup: a new group only for a member joining an id no classic group holds. */
  private checkNewGroup(isNew: boolean, request: ConsumerGroupHeartbeatRequest): void {
    if (!isNew) return
    if (this.deps.classicGroupHasMembers(request.groupId))
      throw new HeartbeatError('GROUP_ID_NOT_FOUND', `Group ${request.groupId} is not a consumer group.`)
    if (request.memberEpoch !== JOIN_GROUP_MEMBER_EPOCH) throw unknownMember(request)
  }

  private memberHeartbeat(
    group: ConsumerGroup,
    isNew: boolean,
    request: ConsumerGroupHeartbeatRequest,
  ): ConsumerGroupHeartbeatResponse {
    this.checkNewGroup(isNew, request)
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
    const metadataHash = this.metadataHash(group)
    if (metadataHash !== group.metadataHash) bumpGroupEpoch = true
    if (bumpGroupEpoch) {
      group.groupEpoch++
      group.metadataHash = metadataHash
    }
    if (group.groupEpoch > group.assignmentEpoch) this.updateTargetAssignment(group)

    const target = {
      epoch: group.assignmentEpoch,
      assignment: group.targetAssignment.get(updated.memberId) ?? NO_PARTITIONS,
    }
    const reconciled = reconcile(updated, target, (t, p) => group.owner(t, p), request.topicPartitions)
    group.updateMember(reconciled)
    this.scheduleSessionTimeout(group.groupId, reconciled.memberId)
    if (reconciled.state === 'UNREVOKED_PARTITIONS') this.scheduleRebalanceTimeout(group.groupId, reconciled)
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

  /** The metadata hash of the group's subscribed topics that exist. */
  private metadataHash(group: ConsumerGroup): number {
    const topics: SubscribedTopic[] = []
    for (const name of group.subscribedTopicNames()) {
      const numPartitions = this.deps.partitionCount(name)
      const topicId = this.deps.topicId(name)
      if (numPartitions >= 0 && topicId !== undefined) topics.push({ name, topicId, numPartitions })
    }
    return computeGroupHash(topics)
  }

  /** updateTargetAssignment: the group's assignor over every member's subscription, at the group epoch. */
  private updateTargetAssignment(group: ConsumerGroup): void {
    const name = group.preferredServerAssignor(this.config.assignors[0]?.name ?? '')
    const assignor = this.config.assignors.find((a) => a.name === name) ?? uniformAssignor
    const counts = new Map(
      [...group.subscribedTopicNames()].map((topic) => [topic, this.deps.partitionCount(topic)] as const),
    )
    const members = new Map(
      group.allMembers().map((m) => [
        m.memberId,
        {
          subscribedTopicNames: m.subscribedTopicNames.filter((topic) => (counts.get(topic) ?? -1) >= 0),
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
  private leave(
    group: ConsumerGroup,
    isNew: boolean,
    request: ConsumerGroupHeartbeatRequest,
  ): ConsumerGroupHeartbeatResponse {
    if (isNew || group.member(request.memberId) === undefined) throw unknownMember(request)
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
    group.metadataHash = this.metadataHash(group)
    this.deps.timer.cancel(sessionKey(group.groupId, memberId))
    this.deps.timer.cancel(rebalanceKey(group.groupId, memberId))
  }

  /**
   * A timeout that fences a member when `expired` still holds for it: a write operation, retried after
   * TIMEOUT_RETRY_BACKOFF_MS when its write fails while the group is still here.
   */
  private scheduleFencing(
    key: string,
    delayMs: number,
    groupId: string,
    memberId: string,
    expired: (member: ConsumerGroupMember) => boolean,
  ): void {
    this.deps.timer.schedule(key, delayMs, () => {
      if (!this.groups.has(groupId)) return
      this.write(groupId, (group) => {
        const member = group.member(memberId)
        if (member !== undefined && expired(member)) this.removeMember(group, memberId)
      }).catch(() => {
        if (this.groups.get(groupId)?.member(memberId) !== undefined)
          this.scheduleFencing(key, TIMEOUT_RETRY_BACKOFF_MS, groupId, memberId, expired)
      })
    })
  }

  private scheduleSessionTimeout(groupId: string, memberId: string): void {
    this.scheduleFencing(
      sessionKey(groupId, memberId),
      this.config.sessionTimeoutMs,
      groupId,
      memberId,
      () => true,
    )
  }

  private scheduleRebalanceTimeout(groupId: string, member: ConsumerGroupMember): void {
    const key = rebalanceKey(groupId, member.memberId)
    if (this.deps.timer.isScheduled(key)) return
    const epoch = member.memberEpoch
    this.scheduleFencing(
      key,
      member.rebalanceTimeoutMs,
      groupId,
      member.memberId,
      (current) => current.state === 'UNREVOKED_PARTITIONS' && current.memberEpoch === epoch,
    )
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

  /**
   * Drops the groups this coordinator no longer owns, and forgets the pending writes of groups it does not
   * own yet; returns the ids of the groups dropped.
   */
  unload(owns: (groupId: string) => boolean): string[] {
    for (const groupId of this.writes.pendingGroups()) if (!owns(groupId)) this.writes.forget(groupId)
    const dropped = [...this.groups.keys()].filter((groupId) => !owns(groupId))
    for (const groupId of dropped) this.drop(groupId)
    return dropped
  }

  /** Drops a group (deleted, or no longer coordinated here), cancelling its members' timers. */
  drop(groupId: string): void {
    this.writes.forget(groupId)
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
