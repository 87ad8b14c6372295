/**
 * kafka-get-offsets.sh (GetOffsetShell of Kafka 4.1): lists topics (internal ones unless
 * --exclude-internal-topics), keeps the topic-partitions the filters allow, asks ListOffsets for each
 * with the --time spec and prints `topic:partition:offset` lines sorted by `topic-partition` as a string
 * (a TreeMap on TopicPartition.toString, so t-10 sorts before t-2); a partition whose offset is unknown
 * (-1) prints nothing. A partition whose lookup fails prints `Skip getting offsets for topic-partition t-0
 * due to error: <ExecutionException message>` on stderr and is left out. Errors: TerseExceptions as
 * `Error occurred: <message>`, other throwables also with their stack trace and a blank line, exit 1;
 * usage errors print the message and the help table.
 */
import type { Admin, OffsetSpec, TopicPartition } from '../../clients/kafka/api.ts'
import type { Tool, ToolContext } from '../tool.ts'
import {
  GET_OFFSET_SHELL_OPTIONS,
  parseGetOffsetShellOptions,
  parseOffsetSpec,
} from './get-offset-shell-options.ts'
import type { OptionSet } from './options/option-set.ts'
import type { TopicPartitionFilter } from './topic-partition-filter.ts'
import { topicAndPartitionsFilter, topicPartitionsFilter } from './topic-partition-filter.ts'
import { TerseException, futureGet } from './tool-errors.ts'
import { runToolMain } from './tool-main.ts'
import { topicPartitionString } from './topic-partition.ts'
import { loadProps } from './tool-files.ts'
import { JavaException } from './java-exception.ts'
import { clientLog } from './tool-log.ts'

/** GetOffsetShell.listPartitionInfos. */
async function listPartitionInfos(
  admin: Admin,
  filter: TopicPartitionFilter,
  excludeInternalTopics: boolean,
): Promise<TopicPartition[]> {
  const topics = await futureGet(admin.listTopics({ listInternal: !excludeInternalTopics }))
  const described = await futureGet(
    admin.describeTopics(topics.filter((topic) => filter.isTopicAllowed(topic))),
  )
  return described
    .flatMap((topic) => topic.partitions.map((p) => ({ topic: topic.name, partition: p.partition })))
    .filter((tp) => filter.isTopicPartitionAllowed(tp))
}

/** One partition's offset, null when it is unknown; a failed lookup is reported and skipped. */
async function partitionOffset(
  admin: Admin,
  tp: TopicPartition,
  spec: OffsetSpec,
  context: ToolContext,
): Promise<number | null> {
  try {
    const [info] = await futureGet(admin.listOffsets([{ ...tp, spec }]))
    return info === undefined || info.offset === -1 ? null : info.offset
  } catch (error) {
    if (!(error instanceof JavaException) || error.causedBy === null) throw error
    context.out.stderr(
      `Skip getting offsets for topic-partition ${topicPartitionString(tp)} due to error: ${error.javaMessage ?? ''}\n`,
    )
    return null
  }
}

async function fetchOffsets(
  options: OptionSet,
  context: ToolContext,
): Promise<Array<{ tp: TopicPartition; offset: number }>> {
  if (options.has('topic-partitions') && (options.has('topic') || options.has('partitions'))) {
    throw new TerseException('--topic-partitions cannot be used with --topic or --partitions')
  }
  const spec = parseOffsetSpec(options.valueOf('time') ?? 'latest')
  const topicPartitions = options.valueOf('topic-partitions')
  const filter =
    topicPartitions !== null
      ? topicPartitionsFilter(topicPartitions)
      : topicAndPartitionsFilter(options.valueOf('topic'), options.valueOf('partitions'))
  const commandConfig = options.valueOf('command-config')
  if (commandConfig !== null) loadProps(context, commandConfig)
  const admin = context.kafka.admin(options.valueOf('bootstrap-server') ?? '', clientLog(context))
  try {
    const partitions = await listPartitionInfos(admin, filter, options.has('exclude-internal-topics'))
    if (partitions.length === 0) {
      throw new TerseException('Could not match any topic-partitions with the specified filters')
    }
    const offsets = await Promise.all(partitions.map((tp) => partitionOffset(admin, tp, spec, context)))
    const found = partitions.flatMap((tp, i) => {
      const offset = offsets[i]
      return offset === undefined || offset === null ? [] : [{ tp, offset, key: topicPartitionString(tp) }]
    })
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  } finally {
    await admin.close()
  }
}

export const kafkaGetOffsets: Tool = (argv, context) =>
  runToolMain(
    context.out,
    async () => {
      const options = parseGetOffsetShellOptions(argv)
      for (const { tp, offset } of await fetchOffsets(options, context)) {
        context.out.stdout(`${tp.topic}:${tp.partition}:${offset}\n`)
      }
    },
    {
      options: GET_OFFSET_SHELL_OPTIONS,
      terse: (message) => `Error occurred: ${message}\n`,
      uncaught: (exception) => `Error occurred: ${exception.javaMessage ?? ''}\n${exception.stackTrace()}\n`,
    },
  )
