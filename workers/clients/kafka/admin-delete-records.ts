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
 * the name telling the stage (`deleteRecords(api=METADATA)` or `deleteRecords(api=DELETE_RECORDS)`).
 */
import type { DeleteRecordsPartition } from '../../protocol/kafka.ts'
import { INVALID_METADATA_ERRORS, type KafkaErrorName } from '../../protocol/kafka-errors.ts'
import type { Clock } from '../../net/clock.ts'
import type { DeletedRecords } from './api.ts'
import { DEFAULT_API_TIMEOUT_MS, type ClusterConnection } from './cluster-connection.ts'
import { kafkaError, timeoutError } from './errors.ts'

/** retry.backoff.ms of the admin client. */
const RETRY_BACKOFF_MS = 100

/** Other retriable errors (RetriableException): the request is sent again after the backoff. */
const RETRIABLE: ReadonlySet<KafkaErrorName> = new Set(['REQUEST_TIMED_OUT', 'NOT_ENOUGH_REPLICAS'])

type Stage = 'METADATA' | 'DELETE_RECORDS'

const keyOf = (p: { topic: string; partition: number }): string => `${p.topic}\u0000${p.partition}`

/** One result per requested partition, in request order. */
export async function deleteRecords(
  connection: ClusterConnection,
  clock: Clock | null,
  requests: readonly DeleteRecordsPartition[],
): Promise<DeletedRecords[]> {
  const results = new Map<string, DeletedRecords>()
  const stage = new Map<string, Stage>(requests.map((r) => [keyOf(r), 'METADATA']))
  const deadline = (clock?.now() ?? 0) + DEFAULT_API_TIMEOUT_MS
  let pending = [...requests]
  for (let round = 0; pending.length > 0; round++) {
    if (round > 0) {
      const now = clock?.now() ?? deadline
      if (now + RETRY_BACKOFF_MS > deadline) break
      await clock?.sleep(RETRY_BACKOFF_MS)
      await connection.refreshMetadata([...new Set(pending.map((p) => p.topic))])
    }
    const { groups } = await connection.byLeader(pending)
    const answers = await Promise.all(
      groups.map(async (group) => {
        for (const item of group.items) stage.set(keyOf(item), 'DELETE_RECORDS')
        try {
          return await group.broker.deleteRecords(group.items, DEFAULT_API_TIMEOUT_MS)
        } catch {
          // A broker that cannot be reached (DisconnectException): its partitions are looked up again.
          for (const item of group.items) stage.set(keyOf(item), 'METADATA')
          return []
        }
      }),
    )
    for (const answer of answers.flat()) {
      const key = keyOf(answer)
      if (answer.error === null) {
        results.set(key, {
          topic: answer.topic,
          partition: answer.partition,
          lowWatermark: answer.lowWatermark,
          error: null,
        })
      } else if (INVALID_METADATA_ERRORS.has(answer.error)) {
        stage.set(key, 'METADATA')
      } else if (!RETRIABLE.has(answer.error)) {
        results.set(key, {
          topic: answer.topic,
          partition: answer.partition,
          lowWatermark: -1,
          error: kafkaError(answer.error),
        })
      }
    }
    pending = pending.filter((p) => !results.has(keyOf(p)))
  }
  return requests.map(
    (r) =>
      results.get(keyOf(r)) ?? {
        topic: r.topic,
        partition: r.partition,
        lowWatermark: -1,
        error: timeoutError(
          `Timed out waiting for a node assignment. Call: deleteRecords(api=${stage.get(keyOf(r)) ?? 'METADATA'})`,
        ),
      },
  )
}
