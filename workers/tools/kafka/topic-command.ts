/**
 * kafka-topics.sh (org.apache.kafka.tools.TopicCommand, Kafka 4.1). Startup errors go to stderr: usage
 * errors with the help table, a joptsimple parse error or a missing --bootstrap-server as message plus
 * Java stack trace (exit 1). Errors while running an action go to stdout as
 * `Error while executing topic command : <message>` plus an ERROR log line with the trace on stderr
 * (exit 1). Successful --list prints names, --create `Created topic t.`, --delete and --alter nothing.
 */
import type { Admin } from '../../clients/kafka/api.ts'
import type { Tool, ToolContext } from '../tool.ts'
import { UsageException, VersionRequest, printUsageOrVersion } from './command-line-utils.ts'
import type { JavaException } from './java-exception.ts'
import { OptionException } from './java-exception.ts'
import { javaHashMapOrder } from './java-hash-map.ts'
import { parseOptions } from './options/option-parser.ts'
import type { OptionSet } from './options/option-set.ts'
import { zookeeperHint } from './playground-hints.ts'
import { includeListMatcher, isInternalTopic } from './topic.ts'
import { alterTopic, commandTopicPartition, createTopic } from './topic-command-create.ts'
import type { TopicAction } from './topic-command-options.ts'
import {
  TOPIC_COMMAND_MAIN_FRAMES,
  TOPIC_COMMAND_OPTIONS,
  checkTopicCommandArgs,
} from './topic-command-options.ts'
import { describeFilter, describeTopicText } from './topic-describe.ts'
import { asJavaException, illegalArgument, noSuchFile } from './tool-errors.ts'
import { clientLog, errorLogLine } from './tool-log.ts'

const LOGGER = 'org.apache.kafka.tools.TopicCommand'
/** Where TopicCommandOptions' constructor calls parser.parse (inferred from Kafka 4.0.0's line 828). */
const PARSE_FRAME = 'org.apache.kafka.tools.TopicCommand$TopicCommandOptions.<init>(TopicCommand.java:823)'

/** TopicService.getTopics: sorted names, filtered by the --topic regex and --exclude-internal. */
async function getTopics(
  admin: Admin,
  options: OptionSet,
  regex = options.valueOf('topic'),
): Promise<string[]> {
  const exclude = options.has('exclude-internal')
  const all = (await admin.listTopics({ listInternal: !exclude })).sort()
  const visible = (topic: string): boolean => !(isInternalTopic(topic) && exclude)
  if (regex === null) return all.filter(visible)
  const matches = includeListMatcher(regex)
  return all.filter((topic) => matches(topic) && visible(topic))
}

function ensureTopicExists(found: readonly string[], options: OptionSet): void {
  const requested = options.valueOf('topic')
  if (requested !== null && requested !== '' && !options.has('if-exists') && found.length === 0) {
    throw illegalArgument(`Topic '${requested}' does not exist as expected`)
  }
}

async function describeTopics(admin: Admin, options: OptionSet, context: ToolContext): Promise<void> {
  const topicId = options.valueOf('topic-id')
  let names: string[]
  if (topicId !== null && topicId !== 'AAAAAAAAAAAAAAAAAAAAAA') {
    const all = await admin.describeTopics(await getTopics(admin, options, null))
    names = all
      .filter((description) => description.topicId === topicId)
      .map((description) => description.name)
    if (names.length === 0 && !options.has('if-exists')) {
      throw illegalArgument(`TopicId '${topicId}' does not exist as expected`)
    }
  } else {
    names = await getTopics(admin, options)
    ensureTopicExists(names, options)
  }
  const descriptions = names.length === 0 ? [] : await admin.describeTopics(names)
  const byName = new Map(descriptions.map((description) => [description.name, description]))
  const liveBrokers = new Set((await admin.describeCluster()).nodes.map((node) => node.id))
  const reassignments = await admin.listPartitionReassignments(
    descriptions.flatMap((d) => d.partitions.map((p) => ({ topic: d.name, partition: p.partition }))),
  )
  const filter = describeFilter(options)
  for (const name of javaHashMapOrder(descriptions.map((description) => description.name))) {
    const description = byName.get(name)
    if (description === undefined) continue
    const configs = await admin.describeTopicConfigs(name)
    context.out.stdout(describeTopicText(description, configs, filter, liveBrokers, reassignments))
  }
}

async function runAction(
  action: TopicAction,
  options: OptionSet,
  admin: Admin,
  context: ToolContext,
): Promise<void> {
  switch (action) {
    case 'create':
      return createTopic(options, admin, context.out)
    case 'list':
      context.out.stdout((await getTopics(admin, options)).join('\n') + '\n')
      return
    case 'describe':
      return describeTopics(admin, options, context)
    case 'alter': {
      const topic = commandTopicPartition(options)
      const topics = await getTopics(admin, options)
      ensureTopicExists(topics, options)
      return alterTopic(topic, topics, admin)
    }
    case 'delete': {
      const topics = await getTopics(admin, options)
      ensureTopicExists(topics, options)
      return admin.deleteTopics(topics)
    }
  }
}

/** TopicCommand.mainNoExit's catch: the message, then the trace, on stderr. */
function printStartupError(context: ToolContext, error: JavaException): number {
  context.out.stderr(error.javaMessage + '\n' + error.stackTrace() + '\n')
  return 1
}

export const kafkaTopics: Tool = async (argv, context) => {
  let options: OptionSet
  let action: TopicAction
  try {
    options = parseOptions(TOPIC_COMMAND_OPTIONS, argv)
    action = checkTopicCommandArgs(argv, options, (line) => context.out.stderr(line))
  } catch (error) {
    if (error instanceof UsageException || error instanceof VersionRequest) {
      return printUsageOrVersion(context.out, TOPIC_COMMAND_OPTIONS, error)
    }
    if (error instanceof OptionException) {
      const trace = new OptionException(error.className, error.javaMessage, [
        ...error.frames,
        PARSE_FRAME,
        ...TOPIC_COMMAND_MAIN_FRAMES,
      ])
      const code = printStartupError(context, trace)
      context.out.stderr(zookeeperHint(argv))
      return code
    }
    return printStartupError(context, asJavaException(error))
  }
  const commandConfig = options.valueOf('command-config')
  if (commandConfig !== null) return printStartupError(context, noSuchFile(commandConfig))
  const admin = context.kafka.admin(options.valueOf('bootstrap-server') ?? '', clientLog(context))
  try {
    await runAction(action, options, admin, context)
    return 0
  } catch (error) {
    const exception = asJavaException(error)
    context.out.stdout(`Error while executing topic command : ${exception.javaMessage}\n`)
    context.out.stderr(errorLogLine(context.clock, LOGGER, exception.stackTrace()))
    return 1
  } finally {
    await admin.close()
  }
}
