/**
 * kafka-log-dirs.sh (LogDirsCommand of Kafka 4.1) with --describe: checks --broker-list against the
 * cluster's brokers (`ERROR: The given brokers do not exist from --broker-list: 5. Current existent
 * brokers: 1,2,3`), prints `Querying brokers for log directories information`, asks each broker, prints
 * `Received log directory information from brokers 1,2,3` and one line of JSON as Jackson's ObjectMapper
 * writes the tool's HashMaps: no spaces, and every object's keys, every broker list and every replica list
 * in java.util.HashMap / HashSet iteration order, e.g.
 * {"brokers":[{"broker":1,"logDirs":[{"partitions":[{"partition":"t-0","size":75,"offsetLag":0,
 * "isFuture":false}],"error":null,"logDir":"/tmp/kraft-combined-logs"}]}],"version":1}.
 * --topic-list keeps only those topics' replicas. Errors: TerseException messages alone, others with
 * their stack trace and a blank line, exit 1; usage errors with the help table.
 */
import type { BrokerLogDirs, TopicPartition } from '../../clients/kafka/api.ts'
import type { LogDirReplica } from '../../protocol/kafka.ts'
import type { Tool, ToolContext } from '../tool.ts'
import { checkRequiredArgs, maybePrintHelpOrVersion } from './command-line-utils.ts'
import { javaHashMapOrder, javaHashOrder } from './java-hash-map.ts'
import { javaSplit, parseJavaInt } from './java-lang.ts'
import { parseOptions } from './options/option-parser.ts'
import type { OptionSet } from './options/option-set.ts'
import type { OptionSpec } from './options/option-spec.ts'
import { HELP_AND_VERSION, flag, withArgument } from './options/option-spec.ts'
import { TerseException, messageAndStackTrace, futureGet } from './tool-errors.ts'
import { runToolMain } from './tool-main.ts'
import { topicPartitionHashOrder, topicPartitionString } from './topic-partition.ts'
import { loadProps } from './tool-files.ts'
import { clientLog } from './tool-log.ts'

export const LOG_DIRS_OPTIONS: readonly OptionSpec[] = [
  ...HELP_AND_VERSION,
  withArgument('bootstrap-server', 'REQUIRED: the server(s) to use for bootstrapping', {
    argumentDescription: 'The server(s) to use for bootstrapping',
  }),
  withArgument('command-config', 'Property file containing configs to be passed to Admin Client.', {
    argumentDescription: 'Admin client property file',
  }),
  flag('describe', 'Describe the specified log directories on the specified brokers.'),
  withArgument(
    'topic-list',
    'The list of topics to be queried in the form "topic1,topic2,topic3". All topics will be queried if no topic list is specified',
    { argumentDescription: 'Topic list', defaultsTo: '' },
  ),
  withArgument(
    'broker-list',
    'The list of brokers to be queried in the form "0,1,2". All brokers in the cluster will be queried if no broker list is specified',
    { argumentDescription: 'Broker list', defaultsTo: '' },
  ),
]

/** The iteration order of a HashSet<Integer> (Integer.hashCode is the value). */
function integerSetOrder(values: Iterable<number>): number[] {
  return javaHashOrder([...new Set(values)], (value) => value, 16)
}

function splitAtCommasAndFilterOutEmpty(options: OptionSet, name: string): string[] {
  return javaSplit(options.valueOf(name) ?? '', ',').filter((part) => part !== '')
}

/** A HashMap<String, Object> written by Jackson: its keys in hash order, values already JSON. */
function jsonObject(entries: ReadonlyArray<readonly [string, string]>): string {
  const values = new Map(entries)
  const keys = javaHashMapOrder(
    entries.map(([key]) => key),
    16,
  )
  return `{${keys.map((key) => `${JSON.stringify(key)}:${values.get(key) ?? 'null'}`).join(',')}}`
}

function replicaJson(replica: LogDirReplica & TopicPartition): string {
  return jsonObject([
    ['partition', JSON.stringify(topicPartitionString(replica))],
    ['size', String(replica.size)],
    ['offsetLag', String(replica.offsetLag)],
    ['isFuture', String(replica.isFuture)],
  ])
}

function brokersJson(described: readonly BrokerLogDirs[], topics: ReadonlySet<string>): string {
  const byBroker = new Map(described.map((entry) => [entry.broker, entry.logDirs]))
  const brokers = integerSetOrder(byBroker.keys()).map((broker) => {
    const logDirs = javaHashMapOrder(
      (byBroker.get(broker) ?? []).map((dir) => dir.logDir),
      16,
    ).map((name) => {
      const dir = (byBroker.get(broker) ?? []).find((each) => each.logDir === name)
      // The admin's HashMap of replicas, re-collected by the tool (Collectors.toMap) after the topic filter.
      const replicas = topicPartitionHashOrder(
        topicPartitionHashOrder(dir?.replicas ?? []).filter(
          (replica) => topics.size === 0 || topics.has(replica.topic),
        ),
      )
      return jsonObject([
        ['logDir', JSON.stringify(name)],
        ['error', dir?.error === null || dir === undefined ? 'null' : JSON.stringify(dir.error)],
        ['partitions', `[${replicas.map(replicaJson).join(',')}]`],
      ])
    })
    return jsonObject([
      ['broker', String(broker)],
      ['logDirs', `[${logDirs.join(',')}]`],
    ])
  })
  return jsonObject([
    ['version', '1'],
    ['brokers', `[${brokers.join(',')}]`],
  ])
}

async function describe(options: OptionSet, context: ToolContext): Promise<void> {
  const commandConfig = options.valueOf('command-config')
  if (commandConfig !== null) loadProps(context, commandConfig)
  const admin = context.kafka.admin(options.valueOf('bootstrap-server') ?? '', clientLog(context))
  try {
    const topics = new Set(splitAtCommasAndFilterOutEmpty(options, 'topic-list'))
    const clusterBrokers = integerSetOrder((await futureGet(admin.describeCluster())).nodes.map((n) => n.id))
    const inputBrokers = integerSetOrder(
      splitAtCommasAndFilterOutEmpty(options, 'broker-list').map(parseJavaInt),
    )
    const existing = (inputBrokers.length === 0 ? clusterBrokers : inputBrokers).filter((id) =>
      clusterBrokers.includes(id),
    )
    const nonExisting = inputBrokers.filter((id) => !clusterBrokers.includes(id))
    if (nonExisting.length > 0) {
      throw new TerseException(
        `ERROR: The given brokers do not exist from --broker-list: ${nonExisting.join(',')}. Current existent brokers: ${clusterBrokers.join(',')}`,
      )
    }
    context.out.stdout('Querying brokers for log directories information\n')
    const described = await futureGet(admin.describeLogDirs(existing))
    context.out.stdout(`Received log directory information from brokers ${existing.join(',')}\n`)
    context.out.stdout(brokersJson(described, topics) + '\n')
  } finally {
    await admin.close()
  }
}

export const kafkaLogDirs: Tool = (argv, context) =>
  runToolMain(
    context.out,
    async () => {
      const options = parseOptions(LOG_DIRS_OPTIONS, argv)
      maybePrintHelpOrVersion(
        argv,
        options,
        'This tool helps to query log directory usage on the specified brokers.',
      )
      checkRequiredArgs(options, 'bootstrap-server', 'describe')
      await describe(options, context)
    },
    { options: LOG_DIRS_OPTIONS, uncaught: messageAndStackTrace },
  )
