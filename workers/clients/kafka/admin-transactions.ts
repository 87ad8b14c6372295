/**
 * The Admin's transaction calls (Kafka 4.1 KafkaAdminClient):
 * - listTransactions (ListTransactionsHandler over AllBrokersStrategy): every broker of the metadata is asked
 *   and answers the transactions it coordinates, by broker id (ascending, as the result's HashMap of small
 *   Integers iterates); a broker's error fails the call.
 * - describeTransactions (DescribeTransactionsHandler over CoordinatorStrategy TRANSACTION): each id's
 *   coordinator is found and asked; COORDINATOR_LOAD_IN_PROGRESS and the coordinator errors are retried (an id
 *   whose coordinator is never reached gets the TimeoutException as its result);
 *   TRANSACTIONAL_ID_NOT_FOUND is TransactionalIdNotFoundException ``DescribeTransactions request for
 *   transactionalId `<id>` failed because the ID could not be found``; other errors ``... failed due to
 *   unexpected error``.
 * - abortTransaction (AbortTransactionHandler over PartitionLeaderStrategy): WriteTxnMarkers with the ABORT
 *   result to the partition's leader; NOT_LEADER_OR_FOLLOWER and UNKNOWN_TOPIC_OR_PARTITION look it up again;
 *   other errors fail with handleError's texts (``WriteTxnMarkers request with AbortTransactionSpec(...) failed
 *   due an invalid producer epoch``, ``... failed since the provided coordinator epoch N has been fenced by the
 *   active coordinator``, ``... failed due to unexpected error: <the error's message>``).
 *
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
import type {
  AbortTransactionSpec,
  PartitionProducerState,
  TopicPartition,
  TransactionDescription,
  TransactionListing,
} from './api.ts'
import { KafkaError, abortSpecText } from './api.ts'
import { callCoordinator } from './group-coordinator-lookup.ts'
import type { ClusterConnection } from './cluster-connection.ts'
import { kafkaError } from './errors.ts'
import { KAFKA_ERRORS, type KafkaErrorName } from '../../protocol/kafka-errors.ts'
import type {
  DescribeProducersPartitionResponse,
  ListTransactionsRequest,
  TransactionStateResponse,
  WriteTxnMarkersPartitionResult,
} from '../../protocol/kafka-transactions.ts'
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

const RETRY_BACKOFF_MS = 100
const COORDINATOR_ATTEMPTS = 60_000 / RETRY_BACKOFF_MS

/** listTransactions().allByBrokerId(): each broker's listings, by ascending broker id. */
export async function listTransactions(
  connection: ClusterConnection,
  filters: Partial<ListTransactionsRequest>,
): Promise<Map<number, TransactionListing[]>> {
  const request: ListTransactionsRequest = {
    stateFilters: filters.stateFilters ?? [],
    producerIdFilters: filters.producerIdFilters ?? [],
    durationFilter: filters.durationFilter ?? -1,
  }
  const metadata = await connection.refreshMetadata([])
  const brokers = metadata.brokers.map((node) => node.id).sort((a, b) => a - b)
  const answers = await Promise.all(
    brokers.map(async (id) => {
      const broker = connection.node(id)
      if (broker === null) throw kafkaError('COORDINATOR_NOT_AVAILABLE')
      const answer = await broker.listTransactions(request)
      if (answer.error !== null) throw kafkaError(answer.error)
      return [id, answer.transactionStates] as const
    }),
  )
  return new Map(
    answers.map(([id, states]) => [
      id,
      states.map((s) => ({
        transactionalId: s.transactionalId,
        producerId: s.producerId,
        state: s.transactionState,
      })),
    ]),
  )
}

/** describeTransactions(ids).description(id): each id's description, or its exception. */
export async function describeTransactions(
  connection: ClusterConnection,
  sleep: (ms: number) => Promise<void>,
  transactionalIds: readonly string[],
): Promise<Array<TransactionDescription | KafkaError>> {
  return Promise.all(
    transactionalIds.map(async (transactionalId): Promise<TransactionDescription | KafkaError> => {
      const found = await callCoordinator(
        connection,
        sleep,
        transactionalId,
        async ({ broker, node }) => ({
          state: (await broker.describeTransactions([transactionalId]))[0],
          coordinatorId: node.nodeId,
        }),
        ({ state }) =>
          state?.error === 'COORDINATOR_LOAD_IN_PROGRESS'
            ? 'COORDINATOR_NOT_AVAILABLE'
            : (state?.error ?? 'NONE'),
        COORDINATOR_ATTEMPTS,
        'describeTransactions',
        'TRANSACTION',
        // a coordinator never reached fails this id's future alone
      ).catch((error: unknown) => {
        if (error instanceof KafkaError) return error
        throw error
      })
      return found instanceof KafkaError
        ? found
        : description(transactionalId, found.coordinatorId, found.state)
    }),
  )
}

function description(
  transactionalId: string,
  coordinatorId: number,
  state: TransactionStateResponse | undefined,
): TransactionDescription | KafkaError {
  const prefix = `DescribeTransactions request for transactionalId \`${transactionalId}\``
  if (state === undefined)
    return kafkaError('UNKNOWN_SERVER_ERROR', `${prefix} failed due to unexpected error`)
  if (state.error === 'TRANSACTIONAL_ID_NOT_FOUND')
    return kafkaError(state.error, `${prefix} failed because the ID could not be found`)
  if (state.error !== null) return kafkaError(state.error, `${prefix} failed due to unexpected error`)
  return {
    coordinatorId,
    state: state.transactionState,
    producerId: state.producerId,
    producerEpoch: state.producerEpoch,
    transactionTimeoutMs: state.transactionTimeoutMs,
    transactionStartTimeMs: state.transactionStartTimeMs < 0 ? null : state.transactionStartTimeMs,
    topicPartitions: state.topics.flatMap(({ topic, partitions }) =>
      partitions.map((partition) => ({ topic, partition })),
    ),
  }
}

/** AbortTransactionHandler.handleError's exception for a partition's error. */
function abortFailure(spec: AbortTransactionSpec, error: KafkaErrorName): KafkaError {
  const request = `WriteTxnMarkers request with ${abortSpecText(spec)}`
  if (error === 'INVALID_PRODUCER_EPOCH')
    return kafkaError(error, `${request} failed due an invalid producer epoch`)
  if (error === 'TRANSACTION_COORDINATOR_FENCED') {
    return kafkaError(
      error,
      `${request} failed since the provided coordinator epoch ${spec.coordinatorEpoch} has been fenced by the active coordinator`,
    )
  }
  return kafkaError(error, `${request} failed due to unexpected error: ${KAFKA_ERRORS[error].message}`)
}

/** abortTransaction(spec): an ABORT marker written by the partition's leader; throws the failure. */
export async function abortTransaction(
  connection: ClusterConnection,
  clock: Clock | null,
  spec: AbortTransactionSpec,
): Promise<void> {
  const [result] = await drivePartitionLeaderCall<
    AbortTransactionSpec,
    WriteTxnMarkersPartitionResult,
    KafkaError | null
  >(connection, clock, [spec], {
    apiName: 'abortTransaction',
    apiKey: 'WRITE_TXN_MARKERS',
    send: async (broker, items) =>
      (
        await broker.writeTxnMarkers(
          items.map((item) => ({
            producerId: item.producerId,
            producerEpoch: item.producerEpoch,
            transactionResult: false,
            topics: [{ topic: item.topic, partitions: [item.partition] }],
            coordinatorEpoch: item.coordinatorEpoch,
          })),
        )
      ).flatMap((marker) => marker.partitions),
    handle: ({ error }) => {
      if (error === null) return { done: null }
      if (error === 'NOT_LEADER_OR_FOLLOWER' || error === 'UNKNOWN_TOPIC_OR_PARTITION') return 'lookup'
      return { done: abortFailure(spec, error) }
    },
    failed: (_spec, error) => error,
  })
  if (result instanceof KafkaError) throw result
}
