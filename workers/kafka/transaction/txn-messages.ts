/**
 * The broker-to-broker transaction requests, over the inter-broker ChannelMux channel `txn`:
 * - AddPartitionsToTxn v5 (KIP-890 part 2), from a partition leader to the transaction coordinator before it
 *   appends the first transactional batch of a transaction there (verifyOnly false: the coordinator adds the
 *   partition); answered with the coordinator's error for it;
 * - WriteTxnMarkers v1, from the coordinator (TransactionMarkerChannelManager) to a partition leader, answered
 *   per partition.
 */
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import type { WritableTxnMarker, WriteTxnMarkersResult } from '../../protocol/kafka-transactions.ts'
import type { TopicPartitionRef } from './transaction-metadata.ts'

export interface AddPartitionsToTxnRequest {
  api: 'AddPartitionsToTxn'
  transactionalId: string
  producerId: number
  producerEpoch: number
  partitions: TopicPartitionRef[]
}

export interface WriteTxnMarkersRequest {
  api: 'WriteTxnMarkers'
  markers: WritableTxnMarker[]
}

export type TxnBrokerRequest = AddPartitionsToTxnRequest | WriteTxnMarkersRequest

export type TxnBrokerResponse =
  | { api: 'AddPartitionsToTxn'; error: KafkaErrorName | null }
  | { api: 'WriteTxnMarkers'; results: WriteTxnMarkersResult[] }
