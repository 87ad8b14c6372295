/**
 * The admin client's per-partition calls as Kafka 4.1's AdminApiDriver drives them over
 * PartitionLeaderStrategy (or a StaticBrokerStrategy when the call names its broker): look each partition's
 * leader up in the metadata, send one request per broker with every partition it serves, and sort the
 * answers per partition as the call's handler says:
 * - `done`: the partition's result (its value, or its exception);
 * - `lookup`: an invalid-metadata answer; the partition's leader is looked up again (a broker that cannot be
 *   reached, or a partition the metadata does not show, is tolerated the same way);
 * - `retry`: a retriable error; the request is sent again after retry.backoff.ms.
 * A partition still unanswered at the deadline (default.api.timeout.ms) fails with the TimeoutException the
 * admin client's timeout processor raises for a call waiting for a node: `Timed out waiting for a node
 * assignment. Call: <apiName>(api=<stage>)`, the stage METADATA during the lookup, else the request's API
 * (always the request's API with a StaticBrokerStrategy, which has no lookup stage: a broker id not in the
 * metadata times out as `describeProducers(api=DESCRIBE_PRODUCERS)`).
 */
import type { BrokerApi } from '../../protocol/kafka.ts'
import type { Clock } from '../../net/clock.ts'
import type { KafkaError } from './api.ts'
import { DEFAULT_API_TIMEOUT_MS, type ClusterConnection } from './cluster-connection.ts'
import { timeoutError } from './errors.ts'

/** retry.backoff.ms of the admin client. */
const RETRY_BACKOFF_MS = 100

interface Partitioned {
  topic: string
  partition: number
}

export type PartitionOutcome<R> = { done: R } | 'lookup' | 'retry'

export interface PartitionLeaderCall<Q extends Partitioned, A extends Partitioned, R> {
  /** The handler's apiName (`deleteRecords`) and its request's ApiKeys name (`DELETE_RECORDS`). */
  apiName: string
  apiKey: string
  /** StaticBrokerStrategy: every partition goes to this broker, without a lookup. */
  brokerId?: number
  send(broker: BrokerApi, items: Q[]): Promise<A[]>
  handle(answer: A): PartitionOutcome<R>
  /** The result of a partition that timed out. */
  failed(request: Q, error: KafkaError): R
}

const keyOf = (p: Partitioned): string => `${p.topic}\u0000${p.partition}`

/** One result per requested partition, in request order. */
export async function drivePartitionLeaderCall<Q extends Partitioned, A extends Partitioned, R>(
  connection: ClusterConnection,
  clock: Clock | null,
  requests: readonly Q[],
  call: PartitionLeaderCall<Q, A, R>,
): Promise<R[]> {
  const results = new Map<string, R>()
  // StaticBrokerStrategy: AdminApiDriver.unmap puts a key with a destination broker straight into the
  // fulfillment stage, so its call is named after the request's API from the start and after a disconnect.
  const lookupStage = call.brokerId === undefined ? 'METADATA' : call.apiKey
  const stage = new Map<string, string>(requests.map((r) => [keyOf(r), lookupStage]))
  const deadline = (clock?.now() ?? 0) + DEFAULT_API_TIMEOUT_MS
  let pending = [...requests]
  for (let round = 0; pending.length > 0; round++) {
    if (round > 0) {
      const now = clock?.now() ?? deadline
      if (now + RETRY_BACKOFF_MS > deadline) break
      await clock?.sleep(RETRY_BACKOFF_MS)
      await connection.refreshMetadata([...new Set(pending.map((p) => p.topic))])
    }
    const answers = await Promise.all(
      (await groupsFor(connection, pending, call.brokerId)).map(async ({ broker, items }) => {
        for (const item of items) stage.set(keyOf(item), call.apiKey)
        try {
          return await call.send(broker, items)
        } catch {
          // A broker that cannot be reached (DisconnectException): its partitions are looked up again.
          for (const item of items) stage.set(keyOf(item), lookupStage)
          return []
        }
      }),
    )
    for (const answer of answers.flat()) {
      const outcome = call.handle(answer)
      if (outcome === 'lookup') stage.set(keyOf(answer), lookupStage)
      else if (outcome !== 'retry') results.set(keyOf(answer), outcome.done)
    }
    pending = pending.filter((p) => !results.has(keyOf(p)))
  }
  return requests.map(
    (r) =>
      results.get(keyOf(r)) ??
      call.failed(
        r,
        timeoutError(
          `Timed out waiting for a node assignment. Call: ${call.apiName}(api=${stage.get(keyOf(r)) ?? lookupStage})`,
        ),
      ),
  )
}

async function groupsFor<Q extends Partitioned>(
  connection: ClusterConnection,
  pending: readonly Q[],
  brokerId: number | undefined,
): Promise<Array<{ broker: BrokerApi; items: Q[] }>> {
  if (brokerId === undefined) return (await connection.byLeader(pending)).groups
  if (connection.node(brokerId) === null) await connection.refreshMetadata([])
  const broker = connection.node(brokerId)
  return broker === null ? [] : [{ broker, items: [...pending] }]
}
