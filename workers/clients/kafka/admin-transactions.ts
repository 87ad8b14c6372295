/**
 * Admin.describeProducers as Kafka 4.1's KafkaAdminClient drives it (DescribeProducersHandler over
 * PartitionLeaderStrategy, or StaticBrokerStrategy with DescribeProducersOptions.brokerId; the rounds are
 * admin-partition-leader.ts's). Per partition:
 * - no error: its producers (ProducerState: a negative coordinator epoch or transaction start offset is
 *   absent, null here);
 * - NOT_LEADER_OR_FOLLOWER: with a broker id, NotLeaderOrFollowerException `Failed to describe active producers
 *   for partition <topic>-<n> on brokerId <id>`; otherwise the leader is looked up again;
 * - UNKNOWN_TOPIC_OR_PARTITION: asked again (so an unknown topic ends in the call's TimeoutException);
 * - anything else: its exception, `Failed to describe active producers for partition <topic>-<n> due to
 *   unexpected error`.
 */
import type { Clock } from '../../net/clock.ts'
import type { PartitionProducerState, TopicPartition } from './api.ts'
import type { ClusterConnection } from './cluster-connection.ts'
import { kafkaError } from './errors.ts'
import type { DescribeProducersPartitionResponse } from '../../protocol/kafka-transactions.ts'
import { drivePartitionLeaderCall } from './admin-partition-leader.ts'

export function describeProducers(
  connection: ClusterConnection,
  clock: Clock | null,
  partitions: readonly TopicPartition[],
  brokerId?: number,
): Promise<PartitionProducerState[]> {
  return drivePartitionLeaderCall<TopicPartition, DescribeProducersPartitionResponse, PartitionProducerState>(
    connection,
    clock,
    partitions,
    {
      apiName: 'describeProducers',
      apiKey: 'DESCRIBE_PRODUCERS',
      ...(brokerId === undefined ? {} : { brokerId }),
      send: (broker, items) => broker.describeProducers(items),
      handle: ({ topic, partition, error, activeProducers }) => {
        const base = { topic, partition, activeProducers: [] }
        const name = `${topic}-${partition}`
        if (error === null) {
          return {
            done: {
              topic,
              partition,
              error: null,
              activeProducers: activeProducers.map((p) => ({
                producerId: p.producerId,
                producerEpoch: p.producerEpoch,
                lastSequence: p.lastSequence,
                lastTimestamp: p.lastTimestamp,
                coordinatorEpoch: p.coordinatorEpoch < 0 ? null : p.coordinatorEpoch,
                currentTransactionStartOffset: p.currentTxnStartOffset < 0 ? null : p.currentTxnStartOffset,
              })),
            },
          }
        }
        if (error === 'NOT_LEADER_OR_FOLLOWER') {
          if (brokerId === undefined) return 'lookup'
          const message = `Failed to describe active producers for partition ${name} on brokerId ${brokerId}`
          return { done: { ...base, error: kafkaError(error, message) } }
        }
        if (error === 'UNKNOWN_TOPIC_OR_PARTITION') return 'retry'
        const message = `Failed to describe active producers for partition ${name} due to unexpected error`
        return { done: { ...base, error: kafkaError(error, message) } }
      },
      failed: ({ topic, partition }, error) => ({ topic, partition, activeProducers: [], error }),
    },
  )
}
