/**
 * org.apache.kafka.tools.TransactionalMessageCopier (run as `kafka-run-class.sh
 * org.apache.kafka.tools.TransactionalMessageCopier ...`), Kafka's exactly-once read-process-write loop: a
 * read_committed consumer (group --consumer-group, default "-1"; max.poll.records = --transaction-size;
 * auto commit off; earliest) and a transactional producer (--transactional-id, --transaction-timeout) copy
 * records of one input partition (or, with --group-mode, of the partitions the group assigns) to the same
 * partition of --output-topic. Each poll of 200 ms that brings records becomes one transaction: the records
 * are sent, the consumer's positions go into the transaction with sendOffsetsToTransaction (with the
 * consumer's groupMetadata() under --use-group-metadata, else the group id alone), and it commits; with
 * --enable-random-aborts a third of them abort instead, and the consumer seeks back to the group's committed
 * offsets. A KafkaException aborts the same way; ProducerFencedException and OutOfOrderSequenceException end the
 * program. It runs until it copied the records between its start position and the end offset at launch (at
 * most --max-messages); each committed transaction is progress toward that end (Interrupt.progressed), so the
 * headless runner's idle Ctrl+C does not cut it while it copies.
 *
 * Output, as the tool prints Jackson-written HashMaps: before every poll
 * `{"consumed":..,"stage":"ProcessLoop","totalProcessed":..,"progress":"<id>","time":"yyyy/MM/dd HH:mm:ss:SSS","remaining":..}`
 * (the keys in java.util.HashMap order), a `RebalanceComplete` line when the group assigns partitions (printed
 * before the poll that assigned them returns), and from the JVM's shutdown hook
 * `{"consumed":..,"shutdown_complete":"<id>","totalProcessed":..,"time":..,"remaining":..}`. Argument errors are
 * argparse4j's (usage, then `transactional-message-copier: error: ...`, exit 1).
 */
import type { Consumer, Producer, TopicPartition } from '../../clients/kafka/api.ts'
import { interruptExitCode, type ToolContext } from '../tool.ts'
import { ArgumentParserError, parseFlatArgs, parserUsage, stringValue, type ParserSpec } from './argparse.ts'
import { javaHashMapOrder } from './java-hash-map.ts'
import { SimpleDateFormat } from './java-simple-date-format.ts'
import { asJavaException, isKafkaException } from './tool-errors.ts'
import { Random } from '../../net/random.ts'

const PROG = 'transactional-message-copier'
const CONNECTION = 'Connection Group'
const SERVERS = 'HOST1:PORT1[,HOST2:PORT2[...]]'
const PARSER: ParserSpec = {
  arguments: [
    { flags: ['--bootstrap-server'], action: 'store', group: CONNECTION, metavar: SERVERS },
    { flags: ['--broker-list'], action: 'store', group: CONNECTION, metavar: SERVERS },
    { flags: ['--input-topic'], action: 'store', required: true, metavar: 'INPUT-TOPIC' },
    {
      flags: ['--input-partition'],
      action: 'store',
      required: true,
      type: 'Integer',
      metavar: 'INPUT-PARTITION',
    },
    { flags: ['--output-topic'], action: 'store', required: true, metavar: 'OUTPUT-TOPIC' },
    { flags: ['--max-messages'], action: 'store', type: 'Long', metavar: 'MAX-MESSAGES' },
    { flags: ['--consumer-group'], action: 'store', metavar: 'CONSUMER-GROUP' },
    { flags: ['--transaction-size'], action: 'store', type: 'Integer', metavar: 'TRANSACTION-SIZE' },
    { flags: ['--transaction-timeout'], action: 'store', type: 'Integer', metavar: 'TRANSACTION-TIMEOUT' },
    { flags: ['--transactional-id'], action: 'store', required: true, metavar: 'TRANSACTIONAL-ID' },
    { flags: ['--enable-random-aborts'], action: 'storeTrue' },
    { flags: ['--group-mode'], action: 'storeTrue' },
    { flags: ['--use-group-metadata'], action: 'storeTrue' },
  ],
  requiredGroups: [CONNECTION],
}
const POLL_MS = 200
const LONG_MAX = 9223372036854775807n
const FORMAT = new SimpleDateFormat('yyyy/MM/dd HH:mm:ss:SSS')
/** The exceptions the loop does not abort on but rethrows (the process fails). */
const UNRECOVERABLE = ['ProducerFencedException', 'OutOfOrderSequenceException']

interface Progress {
  total: bigint
  sinceRebalance: bigint
  remaining: bigint
}

/** ObjectMapper.writeValueAsString of a HashMap<String, Object> built from `entries` (default capacity 16). */
function jacksonHashMap(entries: ReadonlyMap<string, string | bigint>): string {
  const fields = javaHashMapOrder([...entries.keys()], 16).map((name) => {
    const value = entries.get(name) ?? ''
    return `${JSON.stringify(name)}:${typeof value === 'bigint' ? value.toString() : JSON.stringify(value)}`
  })
  return `{${fields.join(',')}}`
}

function statusAsJson(progress: Progress, transactionalId: string, stage: string, now: number): string {
  return jacksonHashMap(
    new Map<string, string | bigint>([
      ['progress', transactionalId],
      ['totalProcessed', progress.total],
      ['consumed', progress.sinceRebalance],
      ['remaining', progress.remaining],
      ['time', FORMAT.format(now)],
      ['stage', stage],
    ]),
  )
}

function shutDownString(progress: Progress, transactionalId: string, now: number): string {
  return jacksonHashMap(
    new Map<string, string | bigint>([
      ['shutdown_complete', transactionalId],
      ['totalProcessed', progress.total],
      ['consumed', progress.sinceRebalance],
      ['remaining', progress.remaining],
      ['time', FORMAT.format(now)],
    ]),
  )
}

/** messagesRemaining: the partition's end offset (for read_committed, its last stable offset) minus the position. */
async function messagesRemaining(consumer: Consumer, partition: TopicPartition): Promise<bigint> {
  const position = await consumer.position(partition)
  const [end] = await consumer.endOffsets([partition])
  return end === undefined ? 0n : BigInt(end.offset - position)
}

/** resetToLastCommittedPositions: each assigned partition back to its committed offset, or its beginning. */
async function resetToLastCommittedPositions(consumer: Consumer): Promise<void> {
  const assignment = consumer.assignment()
  const committed = await consumer.committed(assignment)
  for (const tp of assignment) {
    const offset = committed.find((c) => c.topic === tp.topic && c.partition === tp.partition)
    if (offset !== undefined) consumer.seek(tp, offset.offset)
    else await consumer.seekToBeginning([tp])
  }
}

export async function transactionalMessageCopier(
  argv: readonly string[],
  context: ToolContext,
): Promise<number> {
  const print = (line: string): void => context.out.stdout(`${line}\n`)
  if (argv.includes('-h') || argv.includes('--help')) {
    context.out.stdout(parserUsage(PROG, PARSER))
    print('[playground] The full argparse help text is not reproduced; the usage above lists every argument.')
    return 0
  }
  let options
  try {
    options = parseFlatArgs(PROG, PARSER, argv)
  } catch (error) {
    if (!(error instanceof ArgumentParserError)) throw error
    context.out.stderr(error.text())
    return 1
  }
  const value = (name: string, fallback: string): string => stringValue(options, name) ?? fallback
  const brokers = stringValue(options, 'bootstrap_server') ?? value('broker_list', '')
  const transactionalId = value('transactional_id', '')
  const outputTopic = value('output_topic', '')
  const consumerGroup = value('consumer_group', '-1')
  const maxMessages = BigInt(value('max_messages', '-1'))
  const transactionSize = value('transaction_size', '200')
  const enableRandomAborts = options.values.has('enable_random_aborts')
  const useGroupMetadata = options.values.has('use_group_metadata')

  const producer: Producer = context.kafka.producer(brokers, {
    'bootstrap.servers': brokers,
    'transactional.id': transactionalId,
    'batch.size': '512',
    'max.in.flight.requests.per.connection': '5',
    'transaction.timeout.ms': value('transaction_timeout', '60000'),
  })
  const consumer: Consumer = context.kafka.consumer(brokers, {
    'bootstrap.servers': brokers,
    'group.id': consumerGroup,
    'isolation.level': 'read_committed',
    'max.poll.records': transactionSize,
    'enable.auto.commit': 'false',
    'session.timeout.ms': '10000',
    'max.poll.interval.ms': '180000',
    'heartbeat.interval.ms': '3000',
    'auto.offset.reset': 'earliest',
  })
  const progress: Progress = {
    total: 0n,
    sinceRebalance: 0n,
    remaining: maxMessages === -1n ? LONG_MAX : maxMessages,
  }
  const random = context.random ?? new Random(context.clock.now())
  const topic = value('input_topic', '')
  let exitCode = 0
  // The rebalance callback's count of the records left; the poll that ran it ends only once it is done, as
  // Java's callback runs (and blocks) inside poll.
  let rebalance: Promise<void> = Promise.resolve()
  try {
    if (options.values.has('group_mode')) {
      await consumer.subscribe([topic], {
        onPartitionsRevoked: () => undefined,
        onPartitionsAssigned: (partitions) => {
          rebalance = Promise.all(partitions.map((tp) => messagesRemaining(consumer, tp))).then((counts) => {
            progress.remaining = counts.reduce((a, b) => a + b, 0n)
            progress.sinceRebalance = 0n
            print(statusAsJson(progress, transactionalId, 'RebalanceComplete', context.clock.now()))
          })
          // handled here, thrown where the poll awaits it (a callback's exception ends the poll)
          rebalance.catch(() => undefined)
        },
      })
    } else {
      const input = { topic, partition: Number(value('input_partition', '0')) }
      await consumer.assign([input])
      const remaining = await messagesRemaining(consumer, input)
      if (remaining < progress.remaining) progress.remaining = remaining
    }
    await producer.initTransactions()
    while (progress.remaining > 0n) {
      print(statusAsJson(progress, transactionalId, 'ProcessLoop', context.clock.now()))
      if (context.interrupt.interrupted) break
      const records = await Promise.race([
        consumer.poll(POLL_MS),
        context.interrupt.whenInterrupted.then(() => []),
      ])
      await rebalance
      if (records.length === 0) continue
      try {
        producer.beginTransaction()
        for (const record of records)
          producer
            .send({ topic: outputTopic, partition: record.partition, key: record.key, value: record.value })
            .catch(() => undefined)
        const positions = await Promise.all(
          consumer.assignment().map(async (tp) => ({
            ...tp,
            offset: await consumer.position(tp),
            leaderEpoch: -1,
            metadata: '',
          })),
        )
        await producer.sendOffsetsToTransaction(
          positions,
          useGroupMetadata
            ? consumer.groupMetadata()
            : { groupId: consumerGroup, generationId: -1, memberId: '', groupInstanceId: null },
        )
        // Java's `random.nextInt() % 3 == 0` on a signed int.
        if (enableRandomAborts && (random.nextUint32() | 0) % 3 === 0) throw new Error('Aborting transaction')
        await producer.commitTransaction()
        const count = BigInt(records.length)
        progress.remaining -= count
        progress.sinceRebalance += count
        progress.total += count
        // A committed transaction moves it on toward the end offset it runs to.
        context.interrupt.progressed?.(context.clock.now())
      } catch (error) {
        if (UNRECOVERABLE.some((name) => isKafkaException(error, name))) throw error
        await producer.abortTransaction()
        await resetToLastCommittedPositions(consumer)
      }
    }
  } catch (error) {
    context.out.stderr(`Exception in thread "main" ${asJavaException(error).stackTrace()}`)
    exitCode = 1
  } finally {
    await Promise.allSettled([producer.close(), consumer.close()])
  }
  // The JVM's shutdown hook, on System.exit as on a signal.
  print(shutDownString(progress, transactionalId, context.clock.now()))
  return context.interrupt.interrupted ? interruptExitCode(context.interrupt) : exitCode
}
