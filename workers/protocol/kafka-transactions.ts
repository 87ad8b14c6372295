/**
 * The transaction APIs a broker answers, as typed calls (Kafka 4.1's request and response schemas reduced to
 * the fields the clients read). So far DescribeProducers (API key 61, v0): the producers a partition replica
 * knows, with their epoch, last sequence, last timestamp, the coordinator epoch of their last marker (-1
 * before one) and the first offset of their open transaction (-1 when none is open). The transaction
 * coordinator's APIs (InitProducerId with a transactional id, AddPartitionsToTxn, EndTxn, WriteTxnMarkers,
 * DescribeTransactions, ListTransactions) are not answered yet.
 */
import type { KafkaErrorName } from './kafka-errors.ts'

export interface DescribeProducersPartition {
  topic: string
  partition: number
}

/** DescribeProducersResponseData.ProducerState. */
export interface ProducerStateDescription {
  producerId: number
  producerEpoch: number
  lastSequence: number
  lastTimestamp: number
  coordinatorEpoch: number
  currentTxnStartOffset: number
}

export interface DescribeProducersPartitionResponse {
  topic: string
  partition: number
  error: KafkaErrorName | null
  errorMessage: string | null
  activeProducers: ProducerStateDescription[]
}

export interface TransactionApi {
  /** DescribeProducers on this broker's replicas of the partitions (leader or follower). */
  describeProducers(partitions: DescribeProducersPartition[]): Promise<DescribeProducersPartitionResponse[]>
}
