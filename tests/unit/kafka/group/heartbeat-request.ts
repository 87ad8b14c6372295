/**
 * The ConsumerGroupHeartbeat request the Java consumer sends to group `g`: at epoch 0 (joining) with its
 * subscription to `orders`, its rebalance timeout and no partitions owned; later with only what changed
 * (null fields), unless `owned` or `extra` say otherwise.
 */
import type { ConsumerGroupHeartbeatRequest } from '../../../../workers/protocol/kafka-consumer-groups.ts'
import type { TopicPartition } from '../../../../workers/protocol/consumer-protocol.ts'

export function heartbeatRequest(
  memberId: string,
  memberEpoch: number,
  owned: readonly TopicPartition[] | null = memberEpoch === 0 ? [] : null,
  extra: Partial<ConsumerGroupHeartbeatRequest> = {},
): ConsumerGroupHeartbeatRequest {
  return {
    groupId: 'g',
    memberId,
    memberEpoch,
    instanceId: null,
    rackId: null,
    rebalanceTimeoutMs: memberEpoch === 0 ? 300_000 : -1,
    subscribedTopicNames: memberEpoch === 0 ? ['orders'] : null,
    serverAssignor: null,
    topicPartitions: owned,
    clientId: `client-${memberId}`,
    clientHost: '/127.0.0.1',
    ...extra,
  }
}
