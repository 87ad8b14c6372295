/**
 * ReplicationError: a partition-level failure with its Kafka error name (NOT_LEADER_OR_FOLLOWER,
 * NOT_ENOUGH_REPLICAS, FENCED_LEADER_EPOCH, ...), thrown by Partition and turned into a response field by
 * ReplicaManager, as Kafka's ApiExceptions become error codes.
 */
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'

export class ReplicationError extends Error {
  override name = 'ReplicationError'
  constructor(
    readonly error: KafkaErrorName,
    message: string,
  ) {
    super(message)
  }
}
