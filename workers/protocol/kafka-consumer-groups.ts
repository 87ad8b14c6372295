/**
 * Request and response shapes of the KIP-848 consumer group APIs as they cross the broker boundary:
 * ConsumerGroupHeartbeat v1 (the client generates its member id; epoch 0 joins, -1 leaves, a positive epoch
 * heartbeats) and ConsumerGroupDescribe v1, with the fields that matter in the playground. Topics are named,
 * not identified by topic id; a null field of a heartbeat means "unchanged since the last one", as in Kafka.
 * Errors are Kafka error names.
 */
import type { TopicPartition } from './consumer-protocol.ts'
import type { GroupErrorCode } from './kafka-errors.ts'

/** ConsumerGroupHeartbeatRequest.LEAVE_GROUP_MEMBER_EPOCH and JOIN_GROUP_MEMBER_EPOCH. */
export const LEAVE_GROUP_MEMBER_EPOCH = -1
export const JOIN_GROUP_MEMBER_EPOCH = 0

/** ConsumerGroup.ConsumerGroupState, named as Kafka prints them. */
export type ConsumerGroupState = 'Empty' | 'Assigning' | 'Reconciling' | 'Stable' | 'Dead'

export interface ConsumerGroupHeartbeatRequest {
  readonly groupId: string
  readonly memberId: string
  readonly memberEpoch: number
  readonly instanceId: string | null
  readonly rackId: string | null
  /** -1 when unchanged. */
  readonly rebalanceTimeoutMs: number
  readonly subscribedTopicNames: readonly string[] | null
  /** group.remote.assignor; null: the broker's default (the first of group.consumer.assignors). */
  readonly serverAssignor: string | null
  /** The partitions the member owns now; null when unchanged. */
  readonly topicPartitions: readonly TopicPartition[] | null
  /** From the request header and the connection. */
  readonly clientId: string
  readonly clientHost: string
}

export interface ConsumerGroupHeartbeatResponse {
  readonly error: GroupErrorCode
  readonly errorMessage: string | null
  readonly memberId: string | null
  readonly memberEpoch: number
  /** group.consumer.heartbeat.interval.ms */
  readonly heartbeatIntervalMs: number
  /** The member's assignment, sent when it changed (or on a join); null otherwise. */
  readonly assignment: readonly TopicPartition[] | null
}

export interface ConsumerGroupDescribedMember {
  readonly memberId: string
  readonly instanceId: string | null
  readonly rackId: string | null
  readonly memberEpoch: number
  readonly clientId: string
  readonly clientHost: string
  readonly subscribedTopicNames: readonly string[]
  readonly assignment: readonly TopicPartition[]
  readonly targetAssignment: readonly TopicPartition[]
}

export interface ConsumerGroupDescribedGroup {
  readonly error: GroupErrorCode
  readonly errorMessage: string | null
  readonly groupId: string
  readonly groupState: ConsumerGroupState
  readonly groupEpoch: number
  readonly assignmentEpoch: number
  readonly assignorName: string
  readonly members: readonly ConsumerGroupDescribedMember[]
}

export interface ConsumerGroupDescribeResponse {
  readonly groups: readonly ConsumerGroupDescribedGroup[]
}

/** The consumer group requests a broker serves; a group another broker coordinates gets NOT_COORDINATOR. */
export interface ConsumerGroupApi {
  consumerGroupHeartbeat(request: ConsumerGroupHeartbeatRequest): Promise<ConsumerGroupHeartbeatResponse>
  consumerGroupDescribe(groupIds: string[]): Promise<ConsumerGroupDescribeResponse>
}
