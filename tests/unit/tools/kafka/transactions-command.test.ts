// kafka-transactions.sh (TransactionsCommand of Kafka 4.1): argparse4j's usage and errors, describe-producers'
// prettyPrintTable (every cell padded and followed by a tab, None / -1 for absent values) and its
// printErrorAndExit line, list, describe, abort and find-hanging over a fake Admin, and describe-producers on
// the headless cluster after an idempotent producer wrote.
import { beforeAll, describe, expect, it } from 'vitest'
import { kafkaTransactions } from '../../../../workers/tools/kafka/transactions-command.ts'
import type { HeadlessCluster } from '../../../../workers/tools/scenario/headless-cluster.ts'
import { parseScript } from '../../../../workers/tools/script/parse-script.ts'
import { runCommand } from '../../../../workers/tools/shell/shell.ts'
import { formatOutcome } from '../../../../workers/tools/scenario/transcript.ts'
import { headlessTestCluster } from '../../scenario/wasm.ts'
import { KafkaError } from '../../../../workers/clients/kafka/api.ts'
import { harness, T0 } from './fakes.ts'

const BOOTSTRAP = ['--bootstrap-server', 'localhost:9092']
const USAGE =
  'usage: kafka-transactions.sh [-h] [-v] [--command-config FILE]\n' +
  '                             --bootstrap-server host:port COMMAND ...\n'

async function run(argv: string[], setup: (h: ReturnType<typeof harness>) => void = () => undefined) {
  const h = harness()
  setup(h)
  const code = await kafkaTransactions(argv, h.context)
  return { code, stdout: h.stdout(), stderr: h.stderr(), h }
}

describe('kafka-transactions', () => {
  it('prints describe-producers as a table with a tab after every cell', async () => {
    const result = await run(
      [...BOOTSTRAP, 'describe-producers', '--topic', 'orders', '--partition', '0'],
      (h) =>
        h.admin.producers.set('orders-0', [
          {
            producerId: 1000,
            producerEpoch: 0,
            lastSequence: 9,
            lastTimestamp: 1_700_000_000_000,
            coordinatorEpoch: null,
            currentTransactionStartOffset: null,
          },
          {
            producerId: 1001,
            producerEpoch: 3,
            lastSequence: 0,
            lastTimestamp: 5,
            coordinatorEpoch: 12,
            currentTransactionStartOffset: 42,
          },
        ]),
    )
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout).toBe(
      'ProducerId\tProducerEpoch\tLatestCoordinatorEpoch\tLastSequence\tLastTimestamp\tCurrentTransactionStartOffset\t\n' +
        '1000      \t0            \t-1                    \t9           \t1700000000000\tNone                         \t\n' +
        '1001      \t3            \t12                    \t0           \t5            \t42                           \t\n',
    )
    expect(result.h.admin.describeProducersCalls).toEqual([
      { partitions: [{ topic: 'orders', partition: 0 }], brokerId: undefined },
    ])
  })

  it("fails with printErrorAndExit's line naming the leader or the broker", async () => {
    const args = [...BOOTSTRAP, 'describe-producers', '--topic', 'nope', '--partition', '1']
    expect(await run(args)).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        'Failed to describe producers for partition nope-1 on leader: Timed out waiting for a node assignment. ' +
        'Call: describeProducers(api=METADATA). Enable debug logging for additional detail.\n',
    })
    expect((await run([...args, '--broker-id', '2'])).stderr).toMatch(
      /^Failed to describe producers for partition nope-1 on broker 2: /,
    )
  })

  it("answers argparse4j's errors with the failing parser's usage", async () => {
    expect(await run([])).toMatchObject({
      code: 1,
      stderr: `${USAGE}kafka-transactions.sh: error: too few arguments\n`,
    })
    expect((await run([...BOOTSTRAP, 'describe-producers', '--topic', 't', '--partition', 'x'])).stderr).toBe(
      'usage: kafka-transactions.sh describe-producers [-h] [--broker-id BROKER_ID]\n' +
        '                                                --topic TOPIC\n' +
        '                                                --partition PARTITION\n' +
        'kafka-transactions.sh describe-producers: error: argument --partition: could not convert \'x\' to Integer (For input string: "x")\n',
    )
    expect((await run([...BOOTSTRAP, 'commit'])).stderr).toBe(
      `${USAGE}kafka-transactions.sh: error: invalid choice: 'commit' (choose from 'list', 'describe', 'describe-producers', 'abort', 'find-hanging')\n`,
    )
    expect((await run(['describe-producers', '--topic', 't', '--partition', '0'])).stderr).toBe(
      `${USAGE}kafka-transactions.sh: error: argument --bootstrap-server is required\n`,
    )
  })

  it('prints the version, and the usage for -h', async () => {
    expect(await run(['--version'])).toMatchObject({ code: 0, stdout: '4.1.0\n' })
    expect((await run(['-h'])).stdout).toBe(
      USAGE +
        '[playground] The full argparse help text is not reproduced; the usage above lists every argument.\n',
    )
  })

  it('lists the transactions of every coordinator, brokers in id order', async () => {
    const result = await run([...BOOTSTRAP, 'list'], (h) => {
      h.admin.transactions.set(1, [
        { transactionalId: 'payments-app', producerId: 1000, state: 'CompleteCommit' },
      ])
      h.admin.transactions.set(3, [{ transactionalId: 't', producerId: 2000, state: 'Ongoing' }])
    })
    expect(result).toMatchObject({
      code: 0,
      stdout:
        'TransactionalId\tCoordinator\tProducerId\tTransactionState\t\n' +
        'payments-app   \t1          \t1000      \tCompleteCommit  \t\n' +
        't              \t3          \t2000      \tOngoing         \t\n',
    })
    expect(await run([...BOOTSTRAP, 'list'])).toMatchObject({
      stdout: 'TransactionalId\tCoordinator\tProducerId\tTransactionState\t\n',
    })
  })

  it('describes a transactional id: None while no transaction started, the duration since its start', async () => {
    const description = {
      coordinatorId: 2,
      state: 'Ongoing',
      producerId: 1000,
      producerEpoch: 3,
      transactionTimeoutMs: 60_000,
      transactionStartTimeMs: T0 - 1500,
      topicPartitions: [
        { topic: 'orders', partition: 1 },
        { topic: 'orders', partition: 0 },
      ],
    }
    const ongoing = await run([...BOOTSTRAP, 'describe', '--transactional-id', 'app'], (h) =>
      h.admin.descriptions.set('app', description),
    )
    expect(ongoing.stdout).toBe(
      'CoordinatorId\tTransactionalId\tProducerId\tProducerEpoch\tTransactionState\tTransactionTimeoutMs\tCurrentTransactionStartTimeMs\tTransactionDurationMs\tTopicPartitions  \t\n' +
        `2            \tapp            \t1000      \t3            \tOngoing         \t60000               \t${T0 - 1500}                \t1500                 \torders-0,orders-1\t\n`,
    )
    const empty = await run([...BOOTSTRAP, 'describe', '--transactional-id', 'app'], (h) =>
      h.admin.descriptions.set('app', {
        ...description,
        state: 'Empty',
        transactionStartTimeMs: null,
        topicPartitions: [],
      }),
    )
    expect(empty.stdout.split('\n')[1]).toBe(
      '2            \tapp            \t1000      \t3            \tEmpty           \t60000               \tNone                         \tNone                 \t               \t',
    )
    expect(await run([...BOOTSTRAP, 'describe', '--transactional-id', 'nope'])).toEqual(
      expect.objectContaining({
        code: 1,
        stderr:
          'Failed to describe transaction state of transactional-id `nope`: DescribeTransactions request for ' +
          'transactionalId `nope` failed because the ID could not be found. Enable debug logging for additional detail.\n',
      }),
    )
  })

  it('aborts by start offset or by producer id, epoch and coordinator epoch, with TransactionsCommand texts', async () => {
    const open = {
      producerId: 7,
      producerEpoch: 2,
      lastSequence: 0,
      lastTimestamp: T0,
      coordinatorEpoch: null,
      currentTransactionStartOffset: 5,
    }
    const byOffset = await run(
      [...BOOTSTRAP, 'abort', '--topic', 'orders', '--partition', '0', '--start-offset', '5'],
      (h) => h.admin.producers.set('orders-0', [open]),
    )
    expect(byOffset).toMatchObject({ code: 0, stdout: '', stderr: '' })
    expect(byOffset.h.admin.aborted).toEqual([
      { topic: 'orders', partition: 0, producerId: 7, producerEpoch: 2, coordinatorEpoch: 0 },
    ])
    expect(
      await run(
        [...BOOTSTRAP, 'abort', '--topic', 'orders', '--partition', '0', '--start-offset', '4'],
        (h) => h.admin.producers.set('orders-0', [open]),
      ),
    ).toMatchObject({
      code: 1,
      stderr: 'Could not find any open transactions starting at offset 4 on partition orders-0\n',
    })
    expect(await run([...BOOTSTRAP, 'abort', '--topic', 'orders', '--partition', '0'])).toMatchObject({
      code: 1,
      stderr:
        'The transaction to abort must be identified either with --start-offset (for brokers on 3.0 or above) or ' +
        'with --producer-id, --producer-epoch, and --coordinator-epoch (for older brokers)\n',
    })
    expect(
      await run([...BOOTSTRAP, 'abort', '--topic', 'orders', '--partition', '0', '--producer-id', '7']),
    ).toMatchObject({
      stderr: 'Missing required argument --producer-epoch\n',
    })
    const spec = ['--producer-id', '7', '--producer-epoch', '2', '--coordinator-epoch', '-1']
    const SPEC =
      'AbortTransactionSpec(topicPartition=orders-0, producerId=7, producerEpoch=2, coordinatorEpoch=0)'
    const failed = await run(
      [...BOOTSTRAP, 'abort', '--topic', 'orders', '--partition', '0', ...spec],
      (h) => {
        h.admin.abortFailure = new KafkaError(
          'org.apache.kafka.common.errors.InvalidProducerEpochException',
          `WriteTxnMarkers request with ${SPEC} failed due an invalid producer epoch`,
        )
      },
    )
    expect(failed.stderr).toBe(
      `Failed to abort transaction ${SPEC}: WriteTxnMarkers request with ${SPEC} failed due an invalid producer ` +
        'epoch. Enable debug logging for additional detail.\n',
    )
  })

  it('finds hanging transactions: an open transaction no coordinator knows of, older than the timeout', async () => {
    const HEADER =
      'Topic\tPartition\tProducerId\tProducerEpoch\tCoordinatorEpoch\tStartOffset\tLastTimestamp\tDuration(min)\t\n'
    expect(await run([...BOOTSTRAP, 'find-hanging'])).toMatchObject({
      code: 1,
      stderr:
        'The `find-hanging` command requires either --topic or --broker-id to limit the scope of the search\n',
    })
    expect(await run([...BOOTSTRAP, 'find-hanging', '--broker-id', '1', '--partition', '0'])).toMatchObject({
      stderr: 'The --partition argument requires --topic to be provided\n',
    })
    const old = {
      producerId: 7,
      producerEpoch: 2,
      lastSequence: 0,
      lastTimestamp: T0 - 20 * 60_000,
      coordinatorEpoch: 0,
      currentTransactionStartOffset: 5,
    }
    const hanging = await run([...BOOTSTRAP, 'find-hanging', '--topic', 'orders', '--partition', '0'], (h) =>
      h.admin.producers.set('orders-0', [old, { ...old, producerId: 8, lastTimestamp: T0 }]),
    )
    expect(hanging).toMatchObject({
      code: 0,
      stdout:
        HEADER.replace('Topic', 'Topic ') +
        `orders\t0        \t7         \t2            \t0               \t5          \t${T0 - 1_200_000}\t20           \t\n`,
    })
    // Its coordinator still lists the partition in the transaction: not hanging.
    const known = await run([...BOOTSTRAP, 'find-hanging', '--topic', 'orders', '--partition', '0'], (h) => {
      h.admin.producers.set('orders-0', [old])
      h.admin.transactions.set(1, [{ transactionalId: 'app', producerId: 7, state: 'Ongoing' }])
      h.admin.descriptions.set('app', {
        coordinatorId: 1,
        state: 'Ongoing',
        producerId: 7,
        producerEpoch: 2,
        transactionTimeoutMs: 60_000,
        transactionStartTimeMs: T0,
        topicPartitions: [{ topic: 'orders', partition: 0 }],
      })
    })
    expect(known.stdout).toBe(HEADER)
  })
})

describe('kafka-transactions describe-producers on the headless cluster', () => {
  let c: HeadlessCluster
  beforeAll(async () => {
    c = await headlessTestCluster(3, 1, 1)
  })

  async function one(line: string): Promise<[number, string]> {
    const never = { interrupted: false, whenInterrupted: new Promise<void>(() => undefined) }
    const quiet = { stdout: () => undefined, stderr: () => undefined }
    const [command] = parseScript(line)
    const outcome = await c.run(runCommand(command!, c.env, quiet, never))
    return [outcome.kind === 'es' ? outcome.status : outcome.exitCode, formatOutcome(outcome)]
  }

  it('lists the idempotent producer, the same on the leader and on every replica', async () => {
    await one(
      'kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 1 --replication-factor 3',
    )
    await one(
      'kafka-producer-perf-test.sh --topic orders --num-records 10 --record-size 10 --throughput -1 --producer-props bootstrap.servers=localhost:9092',
    )
    const [code, text] = await one(
      'kafka-transactions.sh --bootstrap-server localhost:9092 describe-producers --topic orders --partition 0',
    )
    expect(code).toBe(0)
    const lines = text.split('\n')
    expect(lines[0]).toBe(
      'ProducerId\tProducerEpoch\tLatestCoordinatorEpoch\tLastSequence\tLastTimestamp\tCurrentTransactionStartOffset\t',
    )
    expect(lines[1]).toMatch(/^0 {9}\t0 {12}\t-1 {20}\t9 {11}\t\d{13}\tNone {25}\t$/)
    expect(lines).toHaveLength(3)
    for (const broker of [1, 2, 3]) {
      const [, onBroker] = await one(
        `kafka-transactions.sh --bootstrap-server localhost:9092 describe-producers --topic orders --partition 0 --broker-id ${broker}`,
      )
      expect(onBroker).toBe(text)
    }
  })
})
