/**
 * kafka-transactions.sh's coordinator subcommands (Kafka 4.1 TransactionsCommand): list, describe, abort
 * and find-hanging, over the Admin's transaction calls. Tables are ToolsUtils.prettyPrintTable (every cell
 * padded and followed by a tab); failures are printErrorAndExit's `<message>: <cause message>. Enable debug
 * logging for additional detail.` (or the message alone) on stderr, exit 1.
 * - list: `TransactionalId Coordinator ProducerId TransactionState`, one row per transaction, brokers in
 *   ascending id order.
 * - describe: one row; CurrentTransactionStartTimeMs and TransactionDurationMs (now - start) are `None` while
 *   no transaction started; TopicPartitions joined by `,` in the description's HashSet order.
 * - abort: by --start-offset (the producer whose open transaction starts there, found with
 *   DescribeProducers; its coordinator epoch, or 0) or by --producer-id, --producer-epoch and
 *   --coordinator-epoch (a negative one taken as 0); prints nothing when done.
 * - find-hanging: the partitions of --topic (and --partition) or with a replica on --broker-id; producers
 *   whose open transaction's last write is older than --max-transaction-timeout minutes (default 15) are
 *   candidates; a candidate is hanging when no transactional id lists its producer id, its id is not found,
 *   or its coordinator does not list the partition in the transaction.
 */
import type { Admin, ProducerState, TopicPartition, TransactionDescription } from '../../clients/kafka/api.ts'
import { KafkaError, abortSpecText } from '../../clients/kafka/api.ts'
import { javaHashMapCapacity, javaHashOrder, topicPartitionHashCode } from '../../net/java-hash.ts'
import type { ToolContext } from '../tool.ts'
import { stringValue, type Namespace } from './argparse.ts'
import { asJavaException, TerseException } from './tool-errors.ts'
import { prettyPrintTable } from './tools-utils.ts'

/** printErrorAndExit(message, t): stderr, exit 1 (printErrorAndExit(message) is a TerseException of the message). */
export function failure(message: string, cause: unknown): TerseException {
  const text = asJavaException(cause).javaMessage ?? 'null'
  return new TerseException(`${message}: ${text}. Enable debug logging for additional detail.`)
}

const numberValue = (namespace: Namespace, name: string): number | null => {
  const value = stringValue(namespace, name)
  return value === null ? null : Number(value)
}

const partitionName = ({ topic, partition }: TopicPartition): string => `${topic}-${partition}`

export async function listTransactions(
  admin: Admin,
  namespace: Namespace,
  context: ToolContext,
): Promise<void> {
  const durationFilter = numberValue(namespace, 'duration_filter')
  let byBroker
  try {
    byBroker = await admin.listTransactions(durationFilter === null ? {} : { durationFilter })
  } catch (error) {
    throw failure('Failed to list transactions', error)
  }
  const rows = [...byBroker].flatMap(([brokerId, listings]) =>
    listings.map((l) => [l.transactionalId, String(brokerId), String(l.producerId), l.state]),
  )
  context.out.stdout(
    prettyPrintTable(['TransactionalId', 'Coordinator', 'ProducerId', 'TransactionState'], rows),
  )
}

/** TransactionDescription.topicPartitions: a HashSet of TopicPartition. */
function hashSetOrder(partitions: readonly TopicPartition[]): TopicPartition[] {
  return javaHashOrder(
    partitions,
    (p) => topicPartitionHashCode(p.topic, p.partition),
    javaHashMapCapacity(partitions.length),
  )
}

export async function describeTransaction(
  admin: Admin,
  namespace: Namespace,
  context: ToolContext,
): Promise<void> {
  const transactionalId = stringValue(namespace, 'transactional_id') ?? ''
  const [result] = await admin.describeTransactions([transactionalId])
  if (result === undefined || result instanceof KafkaError) {
    throw failure(`Failed to describe transaction state of transactional-id \`${transactionalId}\``, result)
  }
  const start = result.transactionStartTimeMs
  const row = [
    String(result.coordinatorId),
    transactionalId,
    String(result.producerId),
    String(result.producerEpoch),
    result.state,
    String(result.transactionTimeoutMs),
    start === null ? 'None' : String(start),
    start === null ? 'None' : String(context.clock.now() - start),
    hashSetOrder(result.topicPartitions).map(partitionName).join(','),
  ]
  const headers = [
    'CoordinatorId',
    'TransactionalId',
    'ProducerId',
    'ProducerEpoch',
    'TransactionState',
    'TransactionTimeoutMs',
    'CurrentTransactionStartTimeMs',
    'TransactionDurationMs',
    'TopicPartitions',
  ]
  context.out.stdout(prettyPrintTable(headers, [row]))
}

export async function abortTransaction(admin: Admin, namespace: Namespace): Promise<void> {
  const topicPartition = {
    topic: stringValue(namespace, 'topic') ?? '',
    partition: numberValue(namespace, 'partition') ?? 0,
  }
  const name = partitionName(topicPartition)
  const startOffset = numberValue(namespace, 'start_offset')
  const producerId = numberValue(namespace, 'producer_id')
  if (startOffset === null && producerId === null) {
    throw new TerseException(
      'The transaction to abort must be identified either with --start-offset (for brokers on 3.0 or above) ' +
        'or with --producer-id, --producer-epoch, and --coordinator-epoch (for older brokers)',
    )
  }
  let spec
  if (startOffset === null) {
    const producerEpoch = numberValue(namespace, 'producer_epoch')
    if (producerEpoch === null) throw new TerseException('Missing required argument --producer-epoch')
    const coordinatorEpoch = numberValue(namespace, 'coordinator_epoch')
    if (coordinatorEpoch === null) throw new TerseException('Missing required argument --coordinator-epoch')
    spec = {
      ...topicPartition,
      producerId: producerId ?? 0,
      producerEpoch,
      coordinatorEpoch: Math.max(0, coordinatorEpoch),
    }
  } else {
    const [result] = await admin.describeProducers([topicPartition])
    if (result === undefined || result.error !== null)
      throw failure(`Failed to validate producer state for partition ${name}`, result?.error)
    const found = result.activeProducers.find((p) => p.currentTransactionStartOffset === startOffset)
    if (found === undefined) {
      throw new TerseException(
        `Could not find any open transactions starting at offset ${startOffset} on partition ${name}`,
      )
    }
    spec = {
      ...topicPartition,
      producerId: found.producerId,
      producerEpoch: found.producerEpoch,
      coordinatorEpoch: found.coordinatorEpoch ?? 0,
    }
  }
  try {
    await admin.abortTransaction(spec)
  } catch (error) {
    throw failure(`Failed to abort transaction ${abortSpecText(spec)}`, error)
  }
}

interface OpenTransaction {
  topicPartition: TopicPartition
  producer: ProducerState
}

const HANGING_HEADERS = [
  'Topic',
  'Partition',
  'ProducerId',
  'ProducerEpoch',
  'CoordinatorEpoch',
  'StartOffset',
  'LastTimestamp',
  'Duration(min)',
]

export async function findHangingTransactions(
  admin: Admin,
  namespace: Namespace,
  context: ToolContext,
): Promise<void> {
  const brokerId = numberValue(namespace, 'broker_id')
  const topic = stringValue(namespace, 'topic')
  if (topic === null && brokerId === null) {
    throw new TerseException(
      'The `find-hanging` command requires either --topic or --broker-id to limit the scope of the search',
    )
  }
  const partition = numberValue(namespace, 'partition')
  if (partition !== null && topic === null) {
    throw new TerseException('The --partition argument requires --topic to be provided')
  }
  const maxTimeoutMs = (numberValue(namespace, 'max_transaction_timeout') ?? 15) * 60_000
  const partitions = await partitionsToSearch(admin, topic, partition, brokerId)
  const candidates = await candidateTransactions(admin, brokerId, maxTimeoutMs, partitions, context)
  const byProducer = new Map<number, OpenTransaction[]>()
  for (const candidate of candidates) {
    const id = candidate.producer.producerId
    byProducer.set(id, [...(byProducer.get(id) ?? []), candidate])
  }
  const hanging: OpenTransaction[] = []
  if (byProducer.size > 0) {
    const transactionalIds = await lookupTransactionalIds(admin, [...byProducer.keys()])
    const descriptions = await describeAll(admin, [...new Set(transactionalIds.values())])
    for (const producerId of javaHashOrder([...byProducer.keys()], (id) => id | 0)) {
      const open = byProducer.get(producerId) ?? []
      const transactionalId = transactionalIds.get(producerId)
      const description = transactionalId === undefined ? undefined : descriptions.get(transactionalId)
      if (description === undefined || description === null) hanging.push(...open)
      else
        hanging.push(
          ...open.filter(
            ({ topicPartition: tp }) =>
              !description.topicPartitions.some((p) => p.topic === tp.topic && p.partition === tp.partition),
          ),
        )
    }
  }
  const now = context.clock.now()
  const rows = hanging.map(({ topicPartition, producer }) => [
    topicPartition.topic,
    String(topicPartition.partition),
    String(producer.producerId),
    String(producer.producerEpoch),
    String(producer.coordinatorEpoch ?? -1),
    String(producer.currentTransactionStartOffset ?? -1),
    String(producer.lastTimestamp),
    String(Math.floor((now - producer.lastTimestamp) / 60_000)),
  ])
  context.out.stdout(prettyPrintTable(HANGING_HEADERS, rows))
}

async function partitionsToSearch(
  admin: Admin,
  topic: string | null,
  partition: number | null,
  brokerId: number | null,
): Promise<TopicPartition[]> {
  if (topic !== null && partition !== null) return [{ topic, partition }]
  let topics: string[]
  if (topic !== null) topics = [topic]
  else {
    try {
      topics = await admin.listTopics()
    } catch (error) {
      throw failure('Failed to list topics', error)
    }
  }
  try {
    const descriptions = await admin.describeTopics(topics)
    return descriptions.flatMap((description) =>
      description.partitions
        .filter((p) => brokerId === null || p.replicas.includes(brokerId))
        .map((p) => ({ topic: description.name, partition: p.partition })),
    )
  } catch (error) {
    throw failure(`Failed to describe ${topics.length} topics`, error)
  }
}

async function candidateTransactions(
  admin: Admin,
  brokerId: number | null,
  maxTimeoutMs: number,
  partitions: TopicPartition[],
  context: ToolContext,
): Promise<OpenTransaction[]> {
  if (partitions.length === 0) return []
  const results = await admin.describeProducers(partitions, brokerId === null ? {} : { brokerId })
  const failed = results.find((r) => r.error !== null)
  if (failed !== undefined) {
    const where = brokerId === null ? 'Optional.empty' : `Optional[${brokerId}]`
    throw failure(
      `Failed to describe producers for ${partitions.length} partitions on broker ${where}`,
      failed.error,
    )
  }
  const now = context.clock.now()
  return results.flatMap(({ topic, partition, activeProducers }) =>
    activeProducers
      .filter((p) => p.currentTransactionStartOffset !== null && now - p.lastTimestamp > maxTimeoutMs)
      .map((producer) => ({ topicPartition: { topic, partition }, producer })),
  )
}

async function lookupTransactionalIds(admin: Admin, producerIds: number[]): Promise<Map<number, string>> {
  try {
    const listings = [...(await admin.listTransactions({ producerIdFilters: producerIds })).values()].flat()
    return new Map(
      listings
        .filter((l) => producerIds.includes(l.producerId))
        .map((l) => [l.producerId, l.transactionalId]),
    )
  } catch (error) {
    throw failure(`Failed to list transactions for ${producerIds.length} producers`, error)
  }
}

/** Each id's description, null for an id the coordinator does not know. */
async function describeAll(admin: Admin, ids: string[]): Promise<Map<string, TransactionDescription | null>> {
  const results = ids.length === 0 ? [] : await admin.describeTransactions(ids)
  const descriptions = new Map<string, TransactionDescription | null>()
  for (const [index, id] of ids.entries()) {
    const result = results[index]
    if (result instanceof KafkaError) {
      if (result.simpleName !== 'TransactionalIdNotFoundException')
        throw failure(`Failed to describe ${ids.length} transactions`, result)
      descriptions.set(id, null)
    } else if (result !== undefined) descriptions.set(id, result)
  }
  return descriptions
}
