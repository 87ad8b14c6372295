/**
 * Request and response shapes of the group coordinator APIs as they cross the broker boundary
 * (FindCoordinator v4 (one key), JoinGroup v9, SyncGroup v5, Heartbeat v4, LeaveGroup v5, OffsetCommit v9,
 * OffsetFetch v9 (one group), OffsetDelete, ListGroups v5, DescribeGroups v6, DeleteGroups v2) with the
 * fields that matter in the playground. Errors are Kafka error names. Member metadata and assignments are
 * ConsumerProtocol objects, not bytes.
 */
import type { ConsumerProtocolAssignment, ConsumerProtocolSubscription } from './consumer-protocol.ts'
import type { GroupErrorCode } from './kafka-errors.ts'
import type { ConsumerGroupApi, ConsumerGroupState } from './kafka-consumer-groups.ts'

/** ClassicGroupState, named as Kafka prints them. */
export type ClassicGroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead'

/** JoinGroupRequest.UNKNOWN_MEMBER_ID */
export const UNKNOWN_MEMBER_ID = ''

export interface JoinGroupProtocol {
  readonly name: string
  readonly metadata: ConsumerProtocolSubscription
}

export interface JoinGroupRequest {
  readonly groupId: string
  readonly sessionTimeoutMs: number
  readonly rebalanceTimeoutMs: number
  readonly memberId: string
  readonly groupInstanceId: string | null
  readonly protocolType: string
  readonly protocols: readonly JoinGroupProtocol[]
  readonly reason: string | null
  /** From the request header and the connection. */
  readonly clientId: string
  readonly clientHost: string
}

export interface JoinGroupResponseMember {
  readonly memberId: string
  readonly groupInstanceId: string | null
  readonly metadata: ConsumerProtocolSubscription
}

export interface JoinGroupResponse {
  readonly error: GroupErrorCode
  readonly generationId: number
  readonly protocolType: string | null
  readonly protocolName: string | null
  readonly leader: string
  readonly memberId: string
  /** Only the leader receives the members. */
  readonly members: readonly JoinGroupResponseMember[]
}

export interface SyncGroupAssignment {
  readonly memberId: string
  readonly assignment: ConsumerProtocolAssignment
}

export interface SyncGroupRequest {
  readonly groupId: string
  readonly generationId: number
  readonly memberId: string
  readonly groupInstanceId: string | null
  readonly protocolType: string | null
  readonly protocolName: string | null
  /** Filled by the leader only. */
  readonly assignments: readonly SyncGroupAssignment[]
}

export interface SyncGroupResponse {
  readonly error: GroupErrorCode
  readonly protocolType: string | null
  readonly protocolName: string | null
  readonly assignment: ConsumerProtocolAssignment
}

export interface HeartbeatRequest {
  readonly groupId: string
  readonly generationId: number
  readonly memberId: string
  readonly groupInstanceId: string | null
}

export interface HeartbeatResponse {
  readonly error: GroupErrorCode
}

export interface LeaveGroupRequest {
  readonly groupId: string
  readonly members: readonly { memberId: string; groupInstanceId: string | null; reason: string | null }[]
}

export interface LeaveGroupResponse {
  readonly error: GroupErrorCode
  readonly members: readonly { memberId: string; groupInstanceId: string | null; error: GroupErrorCode }[]
}

export interface OffsetCommitRequest {
  readonly groupId: string
  /** -1 for the admin client and for consumers without group management. */
  readonly generationIdOrMemberEpoch: number
  readonly memberId: string
  readonly groupInstanceId: string | null
  readonly topics: readonly {
    name: string
    partitions: readonly {
      partitionIndex: number
      committedOffset: number
      committedLeaderEpoch: number
      committedMetadata: string | null
    }[]
  }[]
}

export interface PartitionResult {
  readonly partitionIndex: number
  readonly error: GroupErrorCode
}

export interface TopicResults {
  readonly name: string
  readonly partitions: readonly PartitionResult[]
}

export interface OffsetCommitResponse {
  readonly topics: readonly TopicResults[]
}

export interface OffsetFetchRequest {
  readonly groupId: string
  /** null: every committed offset of the group. */
  readonly topics: readonly { name: string; partitionIndexes: readonly number[] }[] | null
  /**
   * RequireStable (v7+): a partition with pending transactional offsets answers UNSTABLE_OFFSET_COMMIT. The
   * consumer sets it; the Admin's listConsumerGroupOffsets does not (default false).
   */
  readonly requireStable?: boolean
}

/**
 * TxnOffsetCommit v5 (transactions V2): a transactional producer's offsets for a group, sent to the group
 * coordinator, which adds its __consumer_offsets partition to the transaction itself. The offsets are
 * pending until the transaction's marker reaches that partition.
 */
export interface TxnOffsetCommitRequest {
  readonly transactionalId: string
  readonly groupId: string
  readonly producerId: number
  readonly producerEpoch: number
  /** The consumer's groupMetadata(): -1, '' and null for a producer that gave only the group id. */
  readonly generationId: number
  readonly memberId: string
  readonly groupInstanceId: string | null
  readonly topics: OffsetCommitRequest['topics']
}

export type TxnOffsetCommitResponse = OffsetCommitResponse

export interface OffsetFetchPartition {
  readonly partitionIndex: number
  /** -1 when nothing is committed. */
  readonly committedOffset: number
  readonly committedLeaderEpoch: number
  readonly metadata: string
  readonly error: GroupErrorCode
}

export interface OffsetFetchResponse {
  readonly error: GroupErrorCode
  readonly topics: readonly { name: string; partitions: readonly OffsetFetchPartition[] }[]
}

export interface OffsetDeleteRequest {
  readonly groupId: string
  readonly topics: readonly { name: string; partitionIndexes: readonly number[] }[]
}

export interface OffsetDeleteResponse {
  readonly error: GroupErrorCode
  readonly topics: readonly TopicResults[]
}

export interface ListGroupsRequest {
  /** State names, any case; empty: all. */
  readonly statesFilter: readonly string[]
}

export interface ListedGroup {
  readonly groupId: string
  readonly protocolType: string
  readonly groupState: ClassicGroupState | ConsumerGroupState
  readonly groupType: 'classic' | 'consumer'
}

export interface ListGroupsResponse {
  readonly error: GroupErrorCode
  readonly groups: readonly ListedGroup[]
}

export interface DescribedGroupMember {
  readonly memberId: string
  readonly groupInstanceId: string | null
  readonly clientId: string
  readonly clientHost: string
  /** Present while the group is Stable, as Kafka sends metadata only then. */
  readonly memberMetadata: ConsumerProtocolSubscription | null
  readonly memberAssignment: ConsumerProtocolAssignment | null
}

export interface DescribedGroup {
  readonly error: GroupErrorCode
  readonly errorMessage: string | null
  readonly groupId: string
  readonly groupState: ClassicGroupState
  readonly protocolType: string
  /** The selected assignor while Stable, else ''. */
  readonly protocolData: string
  readonly members: readonly DescribedGroupMember[]
}

export interface DescribeGroupsResponse {
  readonly groups: readonly DescribedGroup[]
}

export interface DeleteGroupsResponse {
  readonly results: readonly { groupId: string; error: GroupErrorCode }[]
}

/** FindCoordinatorRequest key type 0 (GROUP): the group id. */
/** FindCoordinatorRequest.CoordinatorType. */
export type CoordinatorType = 'GROUP' | 'TRANSACTION'

export interface FindCoordinatorResponse {
  readonly error: GroupErrorCode
  readonly errorMessage: string | null
  /** -1 with host '' and port -1 when there is no coordinator. */
  readonly nodeId: number
  readonly host: string
  readonly port: number
}

/** The group coordinator's requests a broker serves; a group another broker coordinates gets NOT_COORDINATOR. */
export interface GroupCoordinatorApi extends ConsumerGroupApi {
  /** FindCoordinator for a group: creates __consumer_offsets on first need, as Kafka's KafkaApis does. */
  /** FindCoordinator for a group (key type GROUP, the default) or a transactional id (TRANSACTION). */
  findCoordinator(key: string, keyType?: CoordinatorType): Promise<FindCoordinatorResponse>
  joinGroup(request: JoinGroupRequest): Promise<JoinGroupResponse>
  syncGroup(request: SyncGroupRequest): Promise<SyncGroupResponse>
  heartbeat(request: HeartbeatRequest): Promise<HeartbeatResponse>
  leaveGroup(request: LeaveGroupRequest): Promise<LeaveGroupResponse>
  offsetCommit(request: OffsetCommitRequest): Promise<OffsetCommitResponse>
  offsetFetch(request: OffsetFetchRequest): Promise<OffsetFetchResponse>
  txnOffsetCommit(request: TxnOffsetCommitRequest): Promise<TxnOffsetCommitResponse>
  /** The groups this broker coordinates (an Admin asks every broker). */
  listGroups(request: ListGroupsRequest): Promise<ListGroupsResponse>
  describeGroups(groupIds: string[]): Promise<DescribeGroupsResponse>
  deleteGroups(groupIds: string[]): Promise<DeleteGroupsResponse>
}
