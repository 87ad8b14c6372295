/**
 * Admin.deleteRecords as Kafka 4.1's KafkaAdminClient drives it (DeleteRecordsHandler over
 * PartitionLeaderStrategy in AdminApiDriver): look each partition's leader up in the metadata, send one
 * DeleteRecords per leader broker with every partition it leads (timeout default.api.timeout.ms), and sort
 * the answers per partition:
 * - no error: the partition's low watermark;
 * - an invalid-metadata error (the leader moved, the partition is unknown to that broker), a broker that
 *   cannot be reached, or a partition the metadata does not show (an unknown topic or partition: tolerated
 *   and looked up again): back to the lookup;
 * - a retriable error (REQUEST_TIMED_OUT: the live replicas did not follow in time): sent again after
 *   retry.backoff.ms;
 * - any other error fails the partition with its exception and the error's default message (the response
 *   carries no message).
 * A partition still unanswered at the deadline fails with the TimeoutException the admin client's timeout
 * processor raises for a call waiting for a node: `Timed out waiting for a node assignment. Call: <name>`,
 * the name telling the stage (`deleteRecords(api=METADATA)` or `deleteRecords(api=DELETE_RECORDS)`). The
 * rounds are admin-partition-leader.ts's.
 */
import type { DeleteRecordsPartition, DeleteRecordsPartitionResult } from '../../protocol/kafka.ts'
import { INVALID_METADATA_ERRORS, type KafkaErrorName } from '../../protocol/kafka-errors.ts'
import type { Clock } from '../../net/clock.ts'
import type { DeletedRecords } from './api.ts'
import { DEFAULT_API_TIMEOUT_MS, type ClusterConnection } from './cluster-connection.ts'
import { kafkaError } from './errors.ts'
import { drivePartitionLeaderCall } from './admin-partition-leader.ts'

/** Other retriable errors (RetriableException): the request is sent again after the backoff. */
const RETRIABLE: ReadonlySet<KafkaErrorName> = new Set(['REQUEST_TIMED_OUT', 'NOT_ENOUGH_REPLICAS'])

/** One result per requested partition, in request order (admin-partition-leader.ts drives the rounds). */
export function deleteRecords(
  connection: ClusterConnection,
  clock: Clock | null,
  requests: readonly DeleteRecordsPartition[],
): Promise<DeletedRecords[]> {
  return drivePartitionLeaderCall<DeleteRecordsPartition, DeleteRecordsPartitionResult, DeletedRecords>(
    connection,
    clock,
    requests,
    {
      apiName: 'deleteRecords',
      apiKey: 'DELETE_RECORDS',
      send: (broker, items) => broker.deleteRecords(items, DEFAULT_API_TIMEOUT_MS),
      handle: (answer) => {
        const { topic, partition, error } = answer
        if (error === null)
          return { done: { topic, partition, lowWatermark: answer.lowWatermark, error: null } }
        if (INVALID_METADATA_ERRORS.has(error)) return 'lookup'
        if (RETRIABLE.has(error)) return 'retry'
        return { done: { topic, partition, lowWatermark: -1, error: kafkaError(error) } }
      },
      failed: ({ topic, partition }, error) => ({ topic, partition, lowWatermark: -1, error }),
    },
  )
}
