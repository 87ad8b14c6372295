/**
 * GroupCoordinator: the consumer group coordinator of one broker: classic groups (rebalances from
 * ClassicGroupManager), KIP-848 consumer groups (ConsumerGroupManager: ConsumerGroupHeartbeat and
 * ConsumerGroupDescribe; a classic JoinGroup on a consumer group with members gets
 * INCONSISTENT_GROUP_PROTOCOL, a consumer heartbeat on a classic group with members GROUP_ID_NOT_FOUND,
 * and an empty group of either kind gives way to the other), plus what Kafka's OffsetMetadataManager and GroupMetadataManager do for the admin
 * APIs: OffsetCommit (from a member of the current generation, or with generation -1 from a simple
 * consumer or the admin client while the group is Empty), OffsetFetch, OffsetDelete, ListGroups,
 * DescribeGroups, DeleteGroups (NON_EMPTY_GROUP unless Empty), and `load`/`unload` of the groups of a
 * __consumer_offsets partition. It owns the groups whose partition (`coordinatorPartition`) this broker
 * leads; routing requests for other groups to NOT_COORDINATOR is the caller's job.
 * TxnOffsetCommit (commitTransactionalOffsets): the producer's transaction first gets the group's
 * __consumer_offsets partition (transactions V2: the coordinator's broker adds it), then the commit is
 * validated as Kafka's validateTransactionalOffsetCommit does (no group and generation -1: a simple group;
 * no group otherwise: ILLEGAL_GENERATION; a consumer group's stale member epoch: ILLEGAL_GENERATION) and its
 * OffsetCommit records are written in a transactional batch of the producer, pending until the transaction's
 * marker is replayed (`completeTransaction`). OffsetFetch with requireStable answers UNSTABLE_OFFSET_COMMIT
 * for a partition with pending offsets.
 * Invariant: offsets change only by replaying OffsetCommit records and markers, so `load(allRecordsWritten)`
 * on a fresh coordinator reproduces the same groups and offsets.
 */
import { ClassicGroup, type ClassicGroupMember } from './classic-group.ts'
import {
  ClassicGroupManager,
  heartbeatKey,
  joinKey,
  syncKey,
  type GroupCoordinatorDeps,
} from './classic-group-manager.ts'
import { ConsumerGroupManager, type ConsumerGroupConfig } from './consumer-group-manager.ts'
import { deletionRecords } from './consumer-group-record-helpers.ts'
import type {
  ConsumerGroupDescribeResponse,
  ConsumerGroupHeartbeatRequest,
  ConsumerGroupHeartbeatResponse,
} from '../../protocol/kafka-consumer-groups.ts'
import type { GroupErrorCode } from '../../protocol/kafka-errors.ts'
import { groupByTopic } from '../../protocol/consumer-protocol-codec.ts'
import type {
  DeleteGroupsResponse,
  DescribeGroupsResponse,
  DescribedGroup,
  ListGroupsRequest,
  ListGroupsResponse,
  OffsetCommitRequest,
  OffsetCommitResponse,
  OffsetDeleteRequest,
  OffsetDeleteResponse,
  OffsetFetchRequest,
  OffsetFetchResponse,
  TxnOffsetCommitRequest,
  TxnOffsetCommitResponse,
} from './group-protocol.ts'
import type { GroupCoordinatorRecord, GroupMetadataRecord, OffsetCommitRecord } from './group-records.ts'
import { NO_PRODUCER_ID } from './offset-metadata-manager.ts'

/** The producer of a transactional offset commit. */
export interface TransactionalProducer {
  readonly transactionalId: string
  readonly producerId: number
  readonly producerEpoch: number
}

/**
 * An entry read back from a __consumer_offsets partition: a record with its offset and the producer of its
 * batch (NO_PRODUCER_ID outside a transaction), or a transaction marker.
 */
export type GroupLogEntry =
  | { readonly record: GroupCoordinatorRecord; readonly offset: number; readonly producerId: number }
  | { readonly marker: { readonly producerId: number; readonly commit: boolean } }

export interface GroupCoordinatorFullDeps extends GroupCoordinatorDeps {
  /** A topic's partition count in this broker's metadata, -1 when it does not exist (default: none exist). */
  readonly partitionCount?: (topic: string) => number
  /** A topic's id in this broker's metadata, undefined when it does not exist (default: none exist). */
  readonly topicId?: (topic: string) => string | undefined
  /** The name of the topic with this id, undefined when none has it (default: none exist). */
  readonly topicName?: (topicId: string) => string | undefined
  readonly consumerGroupConfig?: Partial<ConsumerGroupConfig>
  /**
   * Adds the group's __consumer_offsets partition to the producer's transaction (AddPartitionsToTxn, unless
   * the partition already has the producer's transaction open); rejects with the error to answer.
   */
  readonly verifyTransaction?: (groupId: string, producer: TransactionalProducer) => Promise<void>
  /** Writes records as one transactional batch of the producer; resolves with the batch's base offset. */
  readonly appendTransactional?: (
    records: readonly GroupCoordinatorRecord[],
    producer: TransactionalProducer,
  ) => Promise<number>
}

export class GroupCoordinator extends ClassicGroupManager {
  /** The KIP-848 consumer groups (group.protocol=consumer). */
  readonly consumerGroups: ConsumerGroupManager

  constructor(private readonly fullDeps: GroupCoordinatorFullDeps) {
    super(fullDeps)
    const deps = fullDeps
    this.consumerGroups = new ConsumerGroupManager({
      timer: this.timer,
      partitionCount: deps.partitionCount ?? (() => -1),
      topicId: deps.topicId ?? (() => undefined),
      topicName: deps.topicName ?? (() => undefined),
      append: async (records) => {
        await this.deps.append(records)
      },
      classicGroupHasMembers: (groupId) => (this.groups.get(groupId)?.numMembers() ?? 0) > 0,
      dropEmptyClassicGroup: (groupId) => {
        this.groups.delete(groupId)
      },
      ...(deps.consumerGroupConfig === undefined ? {} : { config: deps.consumerGroupConfig }),
    })
  }

  /** An empty consumer group gives way to the classic group: its tombstones are written as it goes. */
  protected takenByConsumerGroup(groupId: string): boolean {
    const group = this.consumerGroups.groups.get(groupId)
    if (group === undefined) return false
    if (group.numMembers() > 0) return true
    this.deps.append(deletionRecords(group)).catch(() => undefined)
    this.consumerGroups.drop(groupId)
    return false
  }

  consumerGroupHeartbeat(request: ConsumerGroupHeartbeatRequest): Promise<ConsumerGroupHeartbeatResponse> {
    return this.consumerGroups.heartbeat(request)
  }

  consumerGroupDescribe(groupIds: readonly string[]): Promise<ConsumerGroupDescribeResponse> {
    return Promise.resolve({ groups: groupIds.map((id) => this.consumerGroups.describe(id)) })
  }
  // ---- Offsets ----

  async commitOffsets(request: OffsetCommitRequest): Promise<OffsetCommitResponse> {
    const error = this.validateOffsetCommit(request)
    const records = this.offsetCommitRecords(request)
    if (error === 'NONE' && records.length > 0) {
      const baseOffset = await this.deps.append(records)
      records.forEach((record, i) =>
        this.offsets.replay(record, NO_PRODUCER_ID, typeof baseOffset === 'number' ? baseOffset + i : -1),
      )
    }
    return offsetCommitResponse(request, error)
  }

  /**
   * TxnOffsetCommit (GroupCoordinatorService.commitTransactionalOffsets): the partition joins the transaction,
   * the commit is validated, then written as the producer's transactional batch; its offsets stay pending.
   * A failed verification or write rejects with CoordinatorWriteError (the caller answers its error).
   */
  async commitTransactionalOffsets(request: TxnOffsetCommitRequest): Promise<TxnOffsetCommitResponse> {
    const { verifyTransaction, appendTransactional } = this.fullDeps
    if (verifyTransaction === undefined || appendTransactional === undefined)
      return offsetCommitResponse(request, 'COORDINATOR_NOT_AVAILABLE')
    const producer = {
      transactionalId: request.transactionalId,
      producerId: request.producerId,
      producerEpoch: request.producerEpoch,
    }
    await verifyTransaction(request.groupId, producer)
    const error = this.validateTransactionalOffsetCommit(request)
    const records = this.offsetCommitRecords(request)
    if (error === 'NONE' && records.length > 0) {
      const baseOffset = await appendTransactional(records, producer)
      records.forEach((record, i) => this.offsets.replay(record, request.producerId, baseOffset + i))
    }
    return offsetCommitResponse(request, error)
  }

  /**
   * The transaction's marker was written to one of this coordinator's partitions: the offsets of the groups in
   * that partition (`inPartition`; all of them by default) commit or go.
   */
  completeTransaction(producerId: number, commit: boolean, inPartition?: (groupId: string) => boolean): void {
    this.offsets.replayEndTransactionMarker(producerId, commit, inPartition)
  }

  private offsetCommitRecords(request: OffsetCommitRequest | TxnOffsetCommitRequest): OffsetCommitRecord[] {
    const now = this.now()
    return request.topics.flatMap((topic) =>
      topic.partitions.map((p) => ({
        type: 'OffsetCommit' as const,
        groupId: request.groupId,
        topic: topic.name,
        partition: p.partitionIndex,
        offset: p.committedOffset,
        leaderEpoch: p.committedLeaderEpoch,
        metadata: p.committedMetadata ?? '',
        commitTimestamp: now,
      })),
    )
  }

  /**
   * OffsetMetadataManager.validateTransactionalOffsetCommit: ClassicGroup.validateOffsetCommit with
   * isTransactional (no REBALANCE_IN_PROGRESS; a commit without member id and generation passes), a consumer
   * group's stale member epoch answered as ILLEGAL_GENERATION.
   */
  private validateTransactionalOffsetCommit(request: TxnOffsetCommitRequest): GroupErrorCode {
    const consumerGroup = this.consumerGroups.groups.get(request.groupId)
    if (consumerGroup !== undefined) {
      const error = this.consumerGroups.validateOffsetCommit(consumerGroup, {
        ...request,
        generationIdOrMemberEpoch: request.generationId,
      })
      return error === 'STALE_MEMBER_EPOCH' ? 'ILLEGAL_GENERATION' : error
    }
    const existing = this.groups.get(request.groupId)
    if (existing === undefined && request.generationId >= 0) return 'ILLEGAL_GENERATION'
    const group = existing ?? this.getOrCreateGroup(request.groupId)
    if (group.state === 'Dead') return 'COORDINATOR_NOT_AVAILABLE'
    if (request.generationId < 0 && group.state === 'Empty') return 'NONE'
    if (request.generationId >= 0 || request.memberId !== '' || request.groupInstanceId !== null) {
      const invalid = this.validateMember(group, request.memberId, request.groupInstanceId)
      if (invalid !== 'NONE') return invalid
      if (request.generationId !== group.generationId) return 'ILLEGAL_GENERATION'
    }
    return 'NONE'
  }

  /** ClassicGroup.validateOffsetCommit, creating the simple group for a first commit with generation -1. */
  private validateOffsetCommit(request: OffsetCommitRequest): GroupErrorCode {
    const consumerGroup = this.consumerGroups.groups.get(request.groupId)
    if (consumerGroup !== undefined) return this.consumerGroups.validateOffsetCommit(consumerGroup, request)
    const existing = this.groups.get(request.groupId)
    if (existing === undefined && request.generationIdOrMemberEpoch >= 0) return 'ILLEGAL_GENERATION'
    const group = existing ?? this.getOrCreateGroup(request.groupId)
    if (group.state === 'Dead') return 'COORDINATOR_NOT_AVAILABLE'
    const generation = request.generationIdOrMemberEpoch
    if (generation < 0 && group.state === 'Empty') return 'NONE'
    if (generation >= 0 || request.memberId !== '' || request.groupInstanceId !== null) {
      const invalid = this.validateMember(group, request.memberId, request.groupInstanceId)
      if (invalid !== 'NONE') return invalid
      if (generation !== group.generationId) return 'ILLEGAL_GENERATION'
    } else if (group.state !== 'Empty') return 'UNKNOWN_MEMBER_ID'
    return group.state === 'CompletingRebalance' ? 'REBALANCE_IN_PROGRESS' : 'NONE'
  }

  fetchOffsets(request: OffsetFetchRequest): Promise<OffsetFetchResponse> {
    const group = this.groups.get(request.groupId)
    if (group?.state === 'Dead') return Promise.resolve({ error: 'GROUP_ID_NOT_FOUND', topics: [] })
    const requested =
      request.topics ??
      groupByTopic(this.offsets.all(request.groupId)).map(({ topic, partitions }) => ({
        name: topic,
        partitionIndexes: partitions,
      }))
    return Promise.resolve({
      error: 'NONE',
      topics: requested.map((topic) => ({
        name: topic.name,
        partitions: topic.partitionIndexes.map((partitionIndex) => {
          if (
            request.requireStable === true &&
            this.offsets.hasPendingTransactionalOffsets(request.groupId, topic.name, partitionIndex)
          )
            return {
              partitionIndex,
              committedOffset: -1,
              committedLeaderEpoch: -1,
              metadata: '',
              error: 'UNSTABLE_OFFSET_COMMIT' as const,
            }
          const committed = this.offsets.offset(request.groupId, topic.name, partitionIndex)
          return {
            partitionIndex,
            committedOffset: committed?.offset ?? -1,
            committedLeaderEpoch: committed?.leaderEpoch ?? -1,
            metadata: committed?.metadata ?? '',
            error: 'NONE' as const,
          }
        }),
      })),
    })
  }

  async deleteOffsets(request: OffsetDeleteRequest): Promise<OffsetDeleteResponse> {
    const subscribed = this.subscribedTopics(request.groupId)
    if (typeof subscribed === 'string') return { error: subscribed, topics: [] }
    const groupId = request.groupId
    const records: GroupCoordinatorRecord[] = []
    const topics = request.topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitionIndexes.map((partitionIndex) => {
        if (subscribed.has(topic.name)) return { partitionIndex, error: 'GROUP_SUBSCRIBED_TO_TOPIC' as const }
        // A tombstone also when only a pending transactional offset exists (it removes that one too).
        if (
          this.offsets.offset(groupId, topic.name, partitionIndex) !== undefined ||
          this.offsets.hasPendingTransactionalOffsets(groupId, topic.name, partitionIndex)
        )
          records.push({
            type: 'OffsetCommitTombstone',
            groupId,
            topic: topic.name,
            partition: partitionIndex,
          })
        return { partitionIndex, error: 'NONE' as const }
      }),
    }))
    await this.appendAndReplay(records)
    return { error: 'NONE', topics }
  }

  /** The topics a group's members subscribe to (OffsetDelete refuses them), or why offsets cannot be deleted. */
  private subscribedTopics(groupId: string): Set<string> | GroupErrorCode {
    const consumerGroup = this.consumerGroups.groups.get(groupId)
    if (consumerGroup !== undefined) return consumerGroup.subscribedTopicNames()
    const group = this.groups.get(groupId)
    if (group === undefined || group.state === 'Dead') return 'GROUP_ID_NOT_FOUND'
    if (group.state !== 'Empty' && group.protocolType !== 'consumer') return 'NON_EMPTY_GROUP'
    return new Set(
      group.state === 'Empty' ? [] : group.allMembers().flatMap((m) => group.metadataOf(m).topics),
    )
  }

  // ---- Groups ----

  listGroups(request: ListGroupsRequest): Promise<ListGroupsResponse> {
    const filter = new Set(request.statesFilter.map((s) => s.toLowerCase()))
    const groups = [...this.groups.values()]
      .filter((g) => g.state !== 'Dead' && (filter.size === 0 || filter.has(g.state.toLowerCase())))
      .map((g) => ({
        groupId: g.groupId,
        protocolType: g.protocolType ?? '',
        groupState: g.state,
        groupType: 'classic' as const,
      }))
    const consumerGroups = [...this.consumerGroups.groups.values()]
      .map((g) => ({
        groupId: g.groupId,
        protocolType: 'consumer',
        groupState: g.state(),
        groupType: 'consumer' as const,
      }))
      .filter((g) => filter.size === 0 || filter.has(g.groupState.toLowerCase()))
    return Promise.resolve({ error: 'NONE', groups: [...groups, ...consumerGroups] })
  }

  describeGroups(groupIds: readonly string[]): Promise<DescribeGroupsResponse> {
    return Promise.resolve({ groups: groupIds.map((id) => this.describe(id)) })
  }

  private describe(groupId: string): DescribedGroup {
    const group = this.groups.get(groupId)
    if (group === undefined || group.state === 'Dead')
      return {
        error: 'GROUP_ID_NOT_FOUND',
        errorMessage: this.consumerGroups.groups.has(groupId)
          ? `Group ${groupId} is not a classic group.`
          : `Group ${groupId} not found.`,
        groupId,
        groupState: 'Dead',
        protocolType: '',
        protocolData: '',
        members: [],
      }
    const stable = group.state === 'Stable'
    return {
      error: 'NONE',
      errorMessage: null,
      groupId,
      groupState: group.state,
      protocolType: group.protocolType ?? '',
      protocolData: stable ? (group.protocolName ?? '') : '',
      members: group.allMembers().map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        memberMetadata: stable ? group.metadataOf(m) : null,
        memberAssignment: stable ? m.assignment : null,
      })),
    }
  }

  /**
   * DeleteGroups: each group's deletion is one of its write operations (as Kafka's CoordinatorRuntime runs
   * it), so it sees every heartbeat queued before it: a member that is joining makes it NON_EMPTY_GROUP.
   */
  async deleteGroups(groupIds: readonly string[]): Promise<DeleteGroupsResponse> {
    const results = await Promise.all(
      groupIds.map((groupId) =>
        this.consumerGroups.afterPendingWrites(groupId, async () => ({
          groupId,
          error: await this.deleteGroup(groupId),
        })),
      ),
    )
    return { results }
  }

  private async deleteGroup(groupId: string): Promise<GroupErrorCode> {
    const consumerGroup = this.consumerGroups.groups.get(groupId)
    if (consumerGroup !== undefined) {
      if (consumerGroup.numMembers() > 0) return 'NON_EMPTY_GROUP'
      await this.appendAndReplay([...this.offsets.tombstones(groupId), ...deletionRecords(consumerGroup)])
      this.consumerGroups.drop(groupId)
      return 'NONE'
    }
    const group = this.groups.get(groupId)
    if (group === undefined || group.state === 'Dead') return 'GROUP_ID_NOT_FOUND'
    if (group.state !== 'Empty') return 'NON_EMPTY_GROUP'
    await this.appendAndReplay([
      ...this.offsets.tombstones(groupId),
      { type: 'GroupMetadataTombstone', groupId },
    ])
    return 'NONE'
  }

  // ---- Loading ----

  /**
   * Replays what was read from a __consumer_offsets partition this broker now leads: records (a bare record
   * is one outside any transaction) and transaction markers, in log order; a marker reaches the groups of that
   * partition (`inPartition`; all by default).
   */
  load(
    entries: readonly (GroupCoordinatorRecord | GroupLogEntry)[],
    inPartition?: (groupId: string) => boolean,
  ): void {
    const groupIds = new Set<string>()
    for (const entry of entries) {
      if ('marker' in entry) {
        this.offsets.replayEndTransactionMarker(entry.marker.producerId, entry.marker.commit, inPartition)
        continue
      }
      const [record, producerId, offset] =
        'record' in entry ? [entry.record, entry.producerId, entry.offset] : [entry, NO_PRODUCER_ID, -1]
      groupIds.add(record.groupId)
      this.replay(record, producerId, offset)
    }
    for (const group of this.groups.values())
      for (const member of group.allMembers()) this.scheduleHeartbeat(group, member, member.sessionTimeoutMs)
    this.consumerGroups.onLoaded(groupIds)
  }

  /** Drops the groups this broker no longer coordinates; their waiting members get NOT_COORDINATOR. */
  unload(owns: (groupId: string) => boolean): void {
    for (const groupId of this.consumerGroups.unload(owns)) this.offsets.unload(groupId)
    for (const group of [...this.groups.values()]) {
      if (owns(group.groupId)) continue
      for (const member of group.allMembers()) {
        group.completeJoin(member, {
          error: 'NOT_COORDINATOR',
          generationId: -1,
          protocolType: null,
          protocolName: null,
          leader: '',
          memberId: member.memberId,
          members: [],
        })
        group.completeSync(member, {
          error: 'NOT_COORDINATOR',
          protocolType: null,
          protocolName: null,
          assignment: member.assignment,
        })
        this.timer.cancel(heartbeatKey(group.groupId, member.memberId))
      }
      this.timer.cancel(joinKey(group.groupId))
      this.timer.cancel(syncKey(group.groupId))
      this.groups.delete(group.groupId)
      this.offsets.unload(group.groupId)
    }
  }

  private async appendAndReplay(records: readonly GroupCoordinatorRecord[]): Promise<void> {
    if (records.length === 0) return
    await this.deps.append(records)
    for (const record of records) this.replay(record)
  }

  private replay(record: GroupCoordinatorRecord, producerId = NO_PRODUCER_ID, offset = -1): void {
    switch (record.type) {
      case 'GroupMetadata':
        // A classic group replaces a consumer group of its id, as a consumer group replaces an empty classic one.
        this.consumerGroups.groups.delete(record.groupId)
        this.groups.set(record.groupId, groupFromRecord(record))
        break
      case 'GroupMetadataTombstone': {
        const group = this.groups.get(record.groupId)
        if (group !== undefined) group.transitionTo('Dead', this.now())
        this.groups.delete(record.groupId)
        break
      }
      case 'OffsetCommit':
        // Offsets of a group that does not exist belong to a simple (classic) group.
        if (!this.consumerGroups.groups.has(record.groupId)) this.getOrCreateGroup(record.groupId)
        this.offsets.replay(record, producerId, offset)
        break
      case 'OffsetCommitTombstone':
        this.offsets.replay(record)
        break
      default:
        this.consumerGroups.replay(record)
    }
  }
}

/** Every partition of an (transactional) offset commit answered with the same error. */
export function offsetCommitResponse(
  request: OffsetCommitRequest | TxnOffsetCommitRequest,
  error: GroupErrorCode,
): OffsetCommitResponse {
  return {
    topics: request.topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitions.map((p) => ({ partitionIndex: p.partitionIndex, error })),
    })),
  }
}

/** ClassicGroup.fromRecord: Empty without members, Stable with them. */
function groupFromRecord(record: GroupMetadataRecord): ClassicGroup {
  const group = new ClassicGroup(record.groupId, record.currentStateTimestamp)
  group.generationId = record.generation
  group.protocolName = record.protocol
  for (const m of record.members) {
    const member: ClassicGroupMember = {
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      rebalanceTimeoutMs: m.rebalanceTimeoutMs,
      sessionTimeoutMs: m.sessionTimeoutMs,
      protocolType: record.protocolType,
      protocols: record.protocol === null ? [] : [{ name: record.protocol, metadata: m.subscription }],
      assignment: m.assignment,
      isNew: false,
      awaitingJoin: null,
      awaitingSync: null,
    }
    group.add(member)
  }
  group.protocolType = record.protocolType === '' ? null : record.protocolType
  group.leaderId = record.leader
  if (record.members.length > 0) {
    group.state = 'Stable'
    group.previousState = 'Empty'
  }
  return group
}
