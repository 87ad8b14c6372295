/**
 * The Admin's consumer group calls (KafkaAdminClient's ListConsumerGroups, DescribeConsumerGroups (by
 * ConsumerGroupDescribe, then DescribeGroups for classic groups),
 * ListConsumerGroupOffsets, DeleteConsumerGroups and AlterConsumerGroupOffsets handlers): ListGroups goes
 * to every broker and the answers are merged; the others go to the group's coordinator. Errors become the
 * Java exceptions with Kafka's texts: GroupIdNotFoundException `Group g not found.`, GroupNotEmptyException,
 * UnknownMemberIdException for offsets altered while the group has members.
 */
import type { GroupErrorCode } from '../../protocol/kafka-errors.ts'
import type { DescribedGroup } from '../../protocol/kafka-groups.ts'
import type { ConsumerGroupDescribedGroup } from '../../protocol/kafka-consumer-groups.ts'
import { CONSUMER_PROTOCOL_TYPE } from '../../protocol/consumer-protocol.ts'
import type { ConsumerGroupDescription, ConsumerGroupListing, Node, PartitionOffset } from './api.ts'
import type { ClusterConnection } from './cluster-connection.ts'
import { kafkaError } from './errors.ts'
import { callCoordinator, RETRY_BACKOFF_MS } from './group-coordinator-lookup.ts'

/** default.api.timeout.ms (60 s) in retry.backoff.ms rounds. */
const ATTEMPTS = 60_000 / RETRY_BACKOFF_MS

function throwIfError(error: GroupErrorCode, message: string | null = null): void {
  if (error !== 'NONE') throw kafkaError(error, message)
}

export class AdminGroups {
  constructor(
    private readonly connection: ClusterConnection,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** `apiName`: the Java handler's (DescribeConsumerGroupsHandler's `describeGroups`, ...). */
  private coordinatorCall<T>(
    apiName: string,
    groupId: string,
    call: Parameters<typeof callCoordinator<T>>[3],
    errorOf: (response: T) => GroupErrorCode,
  ): Promise<T> {
    return callCoordinator(this.connection, this.sleep, groupId, call, errorOf, ATTEMPTS, apiName)
  }

  async listConsumerGroups(): Promise<ConsumerGroupListing[]> {
    const metadata = await this.connection.refreshMetadata([], false, { callName: 'findAllBrokers' })
    const answers = await Promise.all(
      metadata.brokers.map(
        (node) => this.connection.node(node.id)?.listGroups({ statesFilter: [] }) ?? Promise.resolve(null),
      ),
    )
    return answers
      .flatMap((answer) => answer?.groups ?? [])
      .filter((group) => group.protocolType === '' || group.protocolType === CONSUMER_PROTOCOL_TYPE)
      .map((group) => ({
        groupId: group.groupId,
        isSimpleConsumerGroup: group.protocolType === '',
        state: group.groupState,
        type: group.groupType,
      }))
  }

  /**
   * DescribeConsumerGroupsHandler: ConsumerGroupDescribe first; a group it does not find (a classic group
   * answers GROUP_ID_NOT_FOUND there) is described again with DescribeGroups.
   */
  async describeConsumerGroups(groupIds: string[]): Promise<ConsumerGroupDescription[]> {
    const descriptions: ConsumerGroupDescription[] = []
    for (const groupId of groupIds) {
      const described = await this.coordinatorCall(
        'describeGroups',
        groupId,
        async ({ broker, node }) => ({
          group: (await broker.consumerGroupDescribe([groupId])).groups[0],
          node,
        }),
        (answer) => answer.group?.error ?? 'NONE',
      )
      if (described.group !== undefined && described.group.error !== 'GROUP_ID_NOT_FOUND') {
        throwIfError(described.group.error, described.group.errorMessage)
        const { nodeId, host, port } = described.node
        descriptions.push(consumerGroupDescription(described.group, { id: nodeId, host, port, rack: null }))
        continue
      }
      const { group, node } = await this.coordinatorCall(
        'describeGroups',
        groupId,
        async ({ broker, node }) => ({ group: (await broker.describeGroups([groupId])).groups[0], node }),
        (answer) => answer.group?.error ?? 'NONE',
      )
      if (group === undefined) continue
      throwIfError(group.error, group.errorMessage)
      descriptions.push(
        describedGroup(group, { id: node.nodeId, host: node.host, port: node.port, rack: null }),
      )
    }
    return descriptions
  }

  async listConsumerGroupOffsets(groupId: string): Promise<PartitionOffset[]> {
    const answer = await this.coordinatorCall(
      'offsetFetch',
      groupId,
      ({ broker }) => broker.offsetFetch({ groupId, topics: null }),
      (response) => response.error,
    )
    throwIfError(answer.error)
    return answer.topics.flatMap((topic) =>
      topic.partitions
        .filter((p) => p.committedOffset >= 0)
        .map((p) => ({
          topic: topic.name,
          partition: p.partitionIndex,
          offset: p.committedOffset,
          metadata: p.metadata,
          leaderEpoch: p.committedLeaderEpoch < 0 ? null : p.committedLeaderEpoch,
        })),
    )
  }

  async deleteConsumerGroups(groupIds: string[]): Promise<void> {
    for (const groupId of groupIds) {
      const answer = await this.coordinatorCall(
        'deleteConsumerGroups',
        groupId,
        ({ broker }) => broker.deleteGroups([groupId]),
        (response) => response.results[0]?.error ?? 'NONE',
      )
      throwIfError(answer.results[0]?.error ?? 'NONE')
    }
  }

  async alterConsumerGroupOffsets(groupId: string, offsets: PartitionOffset[]): Promise<void> {
    const byTopic = new Map<string, PartitionOffset[]>()
    for (const offset of offsets) byTopic.set(offset.topic, [...(byTopic.get(offset.topic) ?? []), offset])
    const answer = await this.coordinatorCall(
      'offsetCommit',
      groupId,
      ({ broker }) =>
        broker.offsetCommit({
          groupId,
          generationIdOrMemberEpoch: -1,
          memberId: '',
          groupInstanceId: null,
          topics: [...byTopic].map(([name, partitions]) => ({
            name,
            partitions: partitions.map((p) => ({
              partitionIndex: p.partition,
              committedOffset: p.offset,
              committedLeaderEpoch: p.leaderEpoch ?? -1,
              committedMetadata: p.metadata,
            })),
          })),
        }),
      (response) => response.topics[0]?.partitions[0]?.error ?? 'NONE',
    )
    for (const topic of answer.topics) for (const p of topic.partitions) throwIfError(p.error)
  }
}

/** ConsumerGroupDescription from a DescribeGroups answer (the classic group's members and assignor). */
function describedGroup(group: DescribedGroup, coordinator: Node): ConsumerGroupDescription {
  return {
    groupId: group.groupId,
    isSimpleConsumerGroup: group.protocolType === '',
    members: group.members.map((member) => ({
      memberId: member.memberId,
      groupInstanceId: member.groupInstanceId,
      clientId: member.clientId,
      host: member.clientHost,
      assignment: (member.memberAssignment?.partitions ?? []).map((tp) => ({ ...tp })),
      memberEpoch: null,
      targetAssignment: null,
    })),
    partitionAssignor: group.protocolData,
    state: group.groupState,
    coordinator,
    type: 'classic',
    groupEpoch: null,
    targetAssignmentEpoch: null,
  }
}

/** ConsumerGroupDescription from a ConsumerGroupDescribe answer: member epochs and target assignments. */
function consumerGroupDescription(
  group: ConsumerGroupDescribedGroup,
  coordinator: Node,
): ConsumerGroupDescription {
  return {
    groupId: group.groupId,
    isSimpleConsumerGroup: false,
    members: group.members.map((member) => ({
      memberId: member.memberId,
      groupInstanceId: member.instanceId,
      clientId: member.clientId,
      host: member.clientHost,
      assignment: member.assignment.map((tp) => ({ ...tp })),
      memberEpoch: member.memberEpoch,
      targetAssignment: member.targetAssignment.map((tp) => ({ ...tp })),
    })),
    partitionAssignor: group.assignorName,
    state: group.groupState,
    coordinator,
    type: 'consumer',
    groupEpoch: group.groupEpoch,
    targetAssignmentEpoch: group.assignmentEpoch,
  }
}
