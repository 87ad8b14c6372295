/**
 * kafka-transactions.sh (org.apache.kafka.tools.TransactionsCommand of Kafka 4.1, argparse4j, program name
 * `kafka-transactions.sh`): `[-v] [--command-config FILE] --bootstrap-server host:port COMMAND ...` with the
 * subcommands list, describe, describe-producers, abort and find-hanging, their arguments and types as the
 * Java parser declares them. `-v`/`--version` prints the version; argparse4j errors print the failing
 * parser's usage and `<prog>: error: <message>` on stderr, exit 1; `-h` prints the usage and a `[playground]`
 * line (the full help screen is not reproduced).
 *
 * describe-producers runs Admin.describeProducers on the partition's leader (or the replica --broker-id
 * names) and prints ToolsUtils.prettyPrintTable of ProducerId, ProducerEpoch, LatestCoordinatorEpoch (-1
 * when absent), LastSequence, LastTimestamp, CurrentTransactionStartOffset (`None` when absent); a failure is
 * printErrorAndExit's `Failed to describe producers for partition <topic>-<n> on leader|broker <id>: <msg>.
 * Enable debug logging for additional detail.` on stderr, exit 1. list, describe, abort and find-hanging are
 * in transactions-subcommands.ts.
 */
import type { Admin } from '../../clients/kafka/api.ts'
import type { Tool, ToolContext } from '../tool.ts'
import {
  parseArgs,
  programUsage,
  stringValue,
  subcommandUsage,
  type Namespace,
  type ProgramSpec,
} from './argparse.ts'
import { KAFKA_VERSION } from './command-line-utils.ts'
import { runToolMain } from './tool-main.ts'
import { loadProps } from './tool-files.ts'
import { prettyPrintTable } from './tools-utils.ts'
import {
  abortTransaction,
  describeTransaction,
  failure,
  findHangingTransactions,
  listTransactions,
} from './transactions-subcommands.ts'
import { clientLog } from './tool-log.ts'

const TOPIC = { flags: ['--topic'], action: 'store', required: true } as const
const PARTITION = { flags: ['--partition'], action: 'store', type: 'Integer', required: true } as const
const BROKER_ID = { flags: ['--broker-id'], action: 'store', type: 'Integer' } as const

export const TRANSACTIONS_COMMAND: ProgramSpec = {
  prog: 'kafka-transactions.sh',
  arguments: [
    { flags: ['-v', '--version'], action: 'storeTrue' },
    { flags: ['--command-config'], action: 'store', metavar: 'FILE' },
    { flags: ['--bootstrap-server'], action: 'store', metavar: 'host:port', required: true },
  ],
  subcommandMetavar: 'COMMAND',
  subcommands: new Map([
    ['list', { arguments: [{ flags: ['--duration-filter'], action: 'store', type: 'Long' }] }],
    ['describe', { arguments: [{ flags: ['--transactional-id'], action: 'store', required: true }] }],
    ['describe-producers', { arguments: [BROKER_ID, TOPIC, PARTITION] }],
    [
      'abort',
      {
        arguments: [
          TOPIC,
          PARTITION,
          { flags: ['--start-offset'], action: 'store', type: 'Long' },
          { flags: ['--producer-id'], action: 'store', type: 'Long' },
          { flags: ['--producer-epoch'], action: 'store', type: 'Short' },
          { flags: ['--coordinator-epoch'], action: 'store', type: 'Integer' },
        ],
      },
    ],
    [
      'find-hanging',
      {
        arguments: [
          BROKER_ID,
          { flags: ['--max-transaction-timeout'], action: 'store', type: 'Integer' },
          { ...TOPIC, required: false },
          { ...PARTITION, required: false },
        ],
      },
    ],
  ]),
}

const HEADERS = [
  'ProducerId',
  'ProducerEpoch',
  'LatestCoordinatorEpoch',
  'LastSequence',
  'LastTimestamp',
  'CurrentTransactionStartOffset',
]

const HELP_NOTE =
  '[playground] The full argparse help text is not reproduced; the usage above lists every argument.\n'

async function describeProducers(admin: Admin, namespace: Namespace, context: ToolContext): Promise<void> {
  const topic = stringValue(namespace, 'topic') ?? ''
  const partition = Number(stringValue(namespace, 'partition'))
  const brokerArg = stringValue(namespace, 'broker_id')
  const brokerId = brokerArg === null ? undefined : Number(brokerArg)
  const [result] = await admin.describeProducers(
    [{ topic, partition }],
    brokerId === undefined ? {} : { brokerId },
  )
  if (result === undefined || result.error !== null) {
    const where = brokerId === undefined ? 'leader' : `broker ${brokerId}`
    throw failure(
      `Failed to describe producers for partition ${topic}-${partition} on ${where}`,
      result?.error,
    )
  }
  const rows = result.activeProducers.map((producer) => [
    String(producer.producerId),
    String(producer.producerEpoch),
    String(producer.coordinatorEpoch ?? -1),
    String(producer.lastSequence),
    String(producer.lastTimestamp),
    producer.currentTransactionStartOffset === null ? 'None' : String(producer.currentTransactionStartOffset),
  ])
  context.out.stdout(prettyPrintTable(HEADERS, rows))
}

async function execute(namespace: Namespace, context: ToolContext): Promise<void> {
  const commandConfig = stringValue(namespace, 'command_config')
  if (commandConfig !== null) loadProps(context, commandConfig)
  const admin = context.kafka.admin(stringValue(namespace, 'bootstrap_server') ?? '', clientLog(context))
  try {
    switch (namespace.command) {
      case 'list':
        return await listTransactions(admin, namespace, context)
      case 'describe':
        return await describeTransaction(admin, namespace, context)
      case 'describe-producers':
        return await describeProducers(admin, namespace, context)
      case 'abort':
        return await abortTransaction(admin, namespace)
      default:
        return await findHangingTransactions(admin, namespace, context)
    }
  } finally {
    await admin.close()
  }
}

/** `-h`/`--help` before any error: the usage of the parser it belongs to. */
function helpUsage(argv: readonly string[]): string | null {
  const at = argv.findIndex((arg) => arg === '-h' || arg === '--help')
  if (at < 0) return null
  const command = argv.slice(0, at).find((arg) => TRANSACTIONS_COMMAND.subcommands.has(arg))
  return command === undefined
    ? programUsage(TRANSACTIONS_COMMAND)
    : subcommandUsage(TRANSACTIONS_COMMAND, command)
}

export const kafkaTransactions: Tool = async (argv, context) => {
  const help = helpUsage(argv)
  if (help !== null) {
    context.out.stdout(help + HELP_NOTE)
    return 0
  }
  const firstCommand = argv.findIndex((arg) => TRANSACTIONS_COMMAND.subcommands.has(arg))
  const topLevel = firstCommand < 0 ? argv : argv.slice(0, firstCommand)
  if (topLevel.includes('-v') || topLevel.includes('--version')) {
    context.out.stdout(`${KAFKA_VERSION}\n`)
    return 0
  }
  return runToolMain(context.out, () => execute(parseArgs(TRANSACTIONS_COMMAND, argv), context), {
    uncaught: (exception) => `${exception.javaMessage ?? 'null'}\n`,
  })
}
