/**
 * GroupApis: a broker's answers to the group coordinator requests (Kafka's KafkaApis handlers for
 * FindCoordinator, JoinGroup, SyncGroup, Heartbeat, LeaveGroup, OffsetCommit, TxnOffsetCommit, OffsetFetch, ListGroups,
 * DescribeGroups, DeleteGroups, ConsumerGroupHeartbeat and ConsumerGroupDescribe, over
 * GroupCoordinatorService). FindCoordinator creates
 * __consumer_offsets on first need (offsets.topic.num.partitions 50, offsets.topic.replication.factor 3
 * capped to the live brokers, compacted) and names the leader of the group's partition. Every other
 * request for a group whose partition this broker does not lead and has not loaded gets NOT_COORDINATOR;
 * a failed write to __consumer_offsets answers with its normalized error.
 */
import type { CreatableTopic, TopicError } from '../../protocol/kafka.ts'
import type { GroupErrorCode } from '../../protocol/kafka-errors.ts'
import type {
  DeleteGroupsResponse,
  DescribeGroupsResponse,
  DescribedGroup,
  FindCoordinatorResponse,
  GroupCoordinatorApi,
  HeartbeatRequest,
  HeartbeatResponse,
  JoinGroupRequest,
  JoinGroupResponse,
  LeaveGroupRequest,
  LeaveGroupResponse,
  ListGroupsRequest,
  ListGroupsResponse,
  OffsetCommitRequest,
  OffsetCommitResponse,
  OffsetFetchRequest,
  OffsetFetchResponse,
  SyncGroupRequest,
  SyncGroupResponse,
  TxnOffsetCommitRequest,
  TxnOffsetCommitResponse,
} from '../../protocol/kafka-groups.ts'
import type {
  ConsumerGroupDescribeResponse,
  ConsumerGroupHeartbeatRequest,
  ConsumerGroupHeartbeatResponse,
} from '../../protocol/kafka-consumer-groups.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'
import { GROUP_METADATA_TOPIC_NAME, type GroupCoordinatorLoader } from './group-coordinator-loader.ts'
import { CoordinatorWriteError } from '../group/coordinator-write-error.ts'
import { findCoordinatorNode, type CoordinatorTopicSpec } from './coordinator-topic.ts'
import { offsetCommitResponse } from '../group/group-coordinator.ts'

/** offsets.topic.num.partitions, offsets.topic.replication.factor and the topic's configs. */
const OFFSETS_TOPIC: CoordinatorTopicSpec = {
  name: GROUP_METADATA_TOPIC_NAME,
  partitions: 50,
  replicationFactor: 3,
  configs: () => ({
    'cleanup.policy': 'compact',
    'compression.type': 'producer',
    'segment.bytes': String(100 * 1024 * 1024),
  }),
}

export interface GroupApisDeps {
  metadata: ClusterMetadata
  loader: GroupCoordinatorLoader
  createTopics: (topics: CreatableTopic[], validateOnly: boolean) => Promise<TopicError[]>
}

const NO_ASSIGNMENT = { partitions: [] }

function errorOf(error: unknown): GroupErrorCode {
  if (error instanceof CoordinatorWriteError) return error.error
  throw error
}

export class GroupApis implements GroupCoordinatorApi {
  constructor(private readonly deps: GroupApisDeps) {}

  private get coordinator() {
    return this.deps.loader.coordinator
  }

  private owns(groupId: string): boolean {
    return this.deps.loader.owns(groupId)
  }

  findCoordinator(groupId: string): Promise<FindCoordinatorResponse> {
    return findCoordinatorNode(this.deps.metadata, this.deps.createTopics, OFFSETS_TOPIC, () =>
      this.deps.loader.partitionFor(groupId),
    )
  }

  joinGroup(request: JoinGroupRequest): Promise<JoinGroupResponse> {
    if (!this.owns(request.groupId))
      return Promise.resolve({
        error: 'NOT_COORDINATOR',
        generationId: -1,
        protocolType: null,
        protocolName: null,
        leader: '',
        memberId: request.memberId,
        members: [],
      })
    return this.coordinator.joinGroup(request)
  }

  syncGroup(request: SyncGroupRequest): Promise<SyncGroupResponse> {
    if (!this.owns(request.groupId))
      return Promise.resolve({
        error: 'NOT_COORDINATOR',
        protocolType: null,
        protocolName: null,
        assignment: NO_ASSIGNMENT,
      })
    return this.coordinator.syncGroup(request)
  }

  heartbeat(request: HeartbeatRequest): Promise<HeartbeatResponse> {
    if (!this.owns(request.groupId)) return Promise.resolve({ error: 'NOT_COORDINATOR' })
    return this.coordinator.heartbeat(request)
  }

  leaveGroup(request: LeaveGroupRequest): Promise<LeaveGroupResponse> {
    if (!this.owns(request.groupId)) return Promise.resolve({ error: 'NOT_COORDINATOR', members: [] })
    return this.coordinator.leaveGroup(request)
  }

  async offsetCommit(request: OffsetCommitRequest): Promise<OffsetCommitResponse> {
    if (!this.owns(request.groupId)) return offsetCommitResponse(request, 'NOT_COORDINATOR')
    try {
      return await this.coordinator.commitOffsets(request)
    } catch (error) {
      return offsetCommitResponse(request, errorOf(error))
    }
  }

  /**
   * TxnOffsetCommit (GroupCoordinatorService.commitTransactionalOffsets): an empty group id is INVALID_GROUP_ID;
   * otherwise the coordinator's answer, or every partition failed with the verification's or write's error.
   */
  async txnOffsetCommit(request: TxnOffsetCommitRequest): Promise<TxnOffsetCommitResponse> {
    if (request.groupId === '') return offsetCommitResponse(request, 'INVALID_GROUP_ID')
    if (!this.owns(request.groupId)) return offsetCommitResponse(request, 'NOT_COORDINATOR')
    try {
      return await this.coordinator.commitTransactionalOffsets(request)
    } catch (error) {
      return offsetCommitResponse(request, errorOf(error))
    }
  }

  offsetFetch(request: OffsetFetchRequest): Promise<OffsetFetchResponse> {
    if (!this.owns(request.groupId)) return Promise.resolve({ error: 'NOT_COORDINATOR', topics: [] })
    return this.coordinator.fetchOffsets(request)
  }

  listGroups(request: ListGroupsRequest): Promise<ListGroupsResponse> {
    return this.coordinator.listGroups(request)
  }

  async describeGroups(groupIds: string[]): Promise<DescribeGroupsResponse> {
    const { groups } = await this.coordinator.describeGroups(groupIds.filter((id) => this.owns(id)))
    const byId = new Map(groups.map((group) => [group.groupId, group]))
    return {
      groups: groupIds.map(
        (groupId): DescribedGroup =>
          byId.get(groupId) ?? {
            error: 'NOT_COORDINATOR',
            errorMessage: null,
            groupId,
            groupState: 'Dead',
            protocolType: '',
            protocolData: '',
            members: [],
          },
      ),
    }
  }

  consumerGroupHeartbeat(request: ConsumerGroupHeartbeatRequest): Promise<ConsumerGroupHeartbeatResponse> {
    const failed = (error: GroupErrorCode): ConsumerGroupHeartbeatResponse => ({
      error,
      errorMessage: null,
      memberId: null,
      memberEpoch: 0,
      heartbeatIntervalMs: 0,
      assignment: null,
    })
    if (!this.owns(request.groupId)) return Promise.resolve(failed('NOT_COORDINATOR'))
    return this.coordinator.consumerGroupHeartbeat(request).catch((error: unknown) => failed(errorOf(error)))
  }

  async consumerGroupDescribe(groupIds: string[]): Promise<ConsumerGroupDescribeResponse> {
    const { groups } = await this.coordinator.consumerGroupDescribe(groupIds.filter((id) => this.owns(id)))
    const byId = new Map(groups.map((group) => [group.groupId, group]))
    return {
      groups: groupIds.map(
        (groupId) =>
          byId.get(groupId) ?? {
            error: 'NOT_COORDINATOR',
            errorMessage: null,
            groupId,
            groupState: 'Dead',
            groupEpoch: -1,
            assignmentEpoch: -1,
            assignorName: '',
            members: [],
          },
      ),
    }
  }

  async deleteGroups(groupIds: string[]): Promise<DeleteGroupsResponse> {
    const owned = groupIds.filter((id) => this.owns(id))
    let results: DeleteGroupsResponse['results']
    try {
      ;({ results } = await this.coordinator.deleteGroups(owned))
    } catch (error) {
      const failed = errorOf(error)
      results = owned.map((groupId) => ({ groupId, error: failed }))
    }
    const byId = new Map(results.map((result) => [result.groupId, result]))
    return { results: groupIds.map((groupId) => byId.get(groupId) ?? { groupId, error: 'NOT_COORDINATOR' }) }
  }
}
