/**
 * The follower's Fetch between brokers (Kafka's FetchRequest v12+ sent by a ReplicaFetcherThread, with
 * replicaId set), as plain structured-clonable data. The lead multiplexes it with the other inter-broker
 * APIs on one Transport. Records are whole RecordBatch v2 batches, back to back, with the leader's offsets.
 */
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import type { AbortedTransaction } from '../../protocol/kafka.ts'
import type { EpochEndOffset } from './leader-epoch-cache.ts'

export interface ReplicaFetchPartition {
  topicId: string
  partition: number
  /** The leader epoch the follower believes current; the leader fences an older or newer one. */
  currentLeaderEpoch: number
  fetchOffset: number
  /** The epoch of the follower's last batch (-1: none), checked for divergence (KIP-320). */
  lastFetchedEpoch: number
  logStartOffset: number
  partitionMaxBytes: number
}

export interface ReplicaFetchRequest {
  kind: 'replicaFetch'
  replicaId: number
  maxWaitMs: number
  minBytes: number
  maxBytes: number
  partitions: ReplicaFetchPartition[]
  /**
   * The buffers of the records the previous answer gave this follower, appended since: given back to the leader
   * (moved, as the answer's were), which copies later answers into them (returned-fetch-buffers.ts).
   */
  returnedBuffers: ArrayBuffer[]
}

export interface ReplicaFetchPartitionResponse {
  topicId: string
  partition: number
  error: KafkaErrorName | null
  highWatermark: number
  lastStableOffset: number
  logStartOffset: number
  /** A READ_COMMITTED consumer's read: the aborted transactions overlapping the records; otherwise null. */
  abortedTransactions: AbortedTransaction[] | null
  /** Set when the follower's log diverges: it truncates to what it holds of this epoch, up to endOffset. */
  divergingEpoch: EpochEndOffset | null
  records: Uint8Array
}

export interface ReplicaFetchResponse {
  partitions: ReplicaFetchPartitionResponse[]
}
