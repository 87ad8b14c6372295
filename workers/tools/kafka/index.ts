/**
 * The Kafka command-line tools by the name a learner types (with or without `.sh`), and the shell's answer
 * for a `kafka-*` name that does not exist: `bash: kafka-foo.sh: command not found` (`No such file or
 * directory` for a path such as `bin/kafka-foo.sh`), exit 127, plus a
 * `[playground]` did-you-mean line when a known tool is within edit distance 2.
 */
import type { Tool, ToolContext } from '../tool.ts'
import { kafkaConsoleConsumer } from './console-consumer.ts'
import { kafkaDumpLog } from './dump-log-segments.ts'
import { kafkaConsoleProducer } from './console-producer.ts'
import { kafkaConfigs } from './config-command.ts'
import { kafkaConsumerGroups } from './consumer-group-command.ts'
import { kafkaGroups } from './groups-command.ts'
import { kafkaTopics } from './topic-command.ts'
import { kafkaMetadataQuorum } from './metadata-quorum-command.ts'
import { kafkaGetOffsets } from './get-offset-shell.ts'
import { kafkaLeaderElection } from './leader-election-command.ts'
import { kafkaLogDirs } from './log-dirs-command.ts'
import { kafkaReassignPartitions } from './reassign-partitions-command.ts'
import { kafkaProducerPerfTest } from './producer-performance.ts'
import { kafkaConsumerPerfTest } from './consumer-performance.ts'
import { kafkaDeleteRecords } from './delete-records-command.ts'
import { kafkaStorage } from './storage-tool.ts'
import { kafkaCluster } from './cluster-tool.ts'
import { kafkaServerStart, kafkaServerStop } from './server-scripts.ts'
import { kafkaFeatures } from './feature-command.ts'
import { kafkaBrokerApiVersions } from './broker-api-versions-command.ts'
import { connectStandalone } from './connect/connect-standalone.ts'
import { kafkaAcls } from './acl-command.ts'
import { kafkaTransactions } from './transactions-command.ts'
import { kafkaRunClass } from './run-class.ts'
import { exitsOnSignal } from './jvm-signal-exit.ts'

/**
 * The tools that handle a signal themselves (their shutdown hooks print, or they end their own loop; kafka-run-class's
 * TransactionalMessageCopier; the server scripts, which return at once) are listed as they are; every other one
 * ends at once on a signal, as its JVM does (exitsOnSignal).
 */
export const KAFKA_TOOLS: ReadonlyMap<string, Tool> = new Map([
  ['kafka-topics', exitsOnSignal(kafkaTopics)],
  ['kafka-console-producer', kafkaConsoleProducer],
  ['kafka-console-consumer', kafkaConsoleConsumer],
  ['kafka-consumer-groups', exitsOnSignal(kafkaConsumerGroups)],
  ['kafka-groups', exitsOnSignal(kafkaGroups)],
  ['kafka-configs', exitsOnSignal(kafkaConfigs)],
  ['kafka-metadata-quorum', exitsOnSignal(kafkaMetadataQuorum)],
  ['kafka-get-offsets', exitsOnSignal(kafkaGetOffsets)],
  ['kafka-leader-election', exitsOnSignal(kafkaLeaderElection)],
  ['kafka-log-dirs', exitsOnSignal(kafkaLogDirs)],
  ['kafka-dump-log', exitsOnSignal(kafkaDumpLog)],
  ['kafka-reassign-partitions', exitsOnSignal(kafkaReassignPartitions)],
  ['kafka-producer-perf-test', kafkaProducerPerfTest],
  ['kafka-consumer-perf-test', kafkaConsumerPerfTest],
  ['kafka-delete-records', exitsOnSignal(kafkaDeleteRecords)],
  ['kafka-storage', exitsOnSignal(kafkaStorage)],
  ['kafka-cluster', exitsOnSignal(kafkaCluster)],
  ['kafka-server-start', kafkaServerStart],
  ['kafka-server-stop', kafkaServerStop],
  ['kafka-features', exitsOnSignal(kafkaFeatures)],
  ['kafka-broker-api-versions', exitsOnSignal(kafkaBrokerApiVersions)],
  ['kafka-acls', exitsOnSignal(kafkaAcls)],
  ['kafka-transactions', exitsOnSignal(kafkaTransactions)],
  ['kafka-run-class', kafkaRunClass],
  ['connect-standalone', connectStandalone],
])

const COMMAND_NOT_FOUND = 127

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution))
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/** Runs `name` (as typed, `kafka-topics.sh` or `kafka-topics`) with argv. */
export async function runKafkaTool(
  name: string,
  argv: readonly string[],
  context: ToolContext,
): Promise<number> {
  const file = name.slice(name.lastIndexOf('/') + 1)
  const base = file.endsWith('.sh') ? file.slice(0, -3) : file
  const tool = KAFKA_TOOLS.get(base)
  if (tool !== undefined) return tool(argv, { ...context, scriptName: name })
  // bash looks a bare name up in PATH, but runs a name with a slash as a file.
  context.out.stderr(
    name.includes('/') ? `bash: ${name}: No such file or directory\n` : `bash: ${name}: command not found\n`,
  )
  const suggestion = [...KAFKA_TOOLS.keys()]
    .map((known) => ({ known, distance: editDistance(base, known) }))
    .filter((entry) => entry.distance <= 2)
    .sort((a, b) => a.distance - b.distance)[0]
  if (suggestion !== undefined) {
    const typed =
      name.slice(0, name.length - file.length) +
      (file.endsWith('.sh') ? `${suggestion.known}.sh` : suggestion.known)
    context.out.stderr(`[playground] Did you mean ${typed}?\n`)
  }
  return COMMAND_NOT_FOUND
}
