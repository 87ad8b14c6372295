/**
 * kafka-consumer-groups.sh (org.apache.kafka.tools.consumer.group.ConsumerGroupCommand, Kafka 4.1).
 * A joptsimple parse error escapes main (`Exception in thread "main" ...` with its trace, exit 1); usage
 * errors print the message and the help table (exit 1); a failure while running prints
 * `\nError: Executing consumer group command failed due to <message>` on stdout and the exception's trace
 * on stderr, and the tool still exits 0, as Kafka's does; an IllegalArgumentException there is a usage error. --delete-offsets is not modelled (the Admin
 * contract has no DeleteConsumerGroupOffsets) and says so.
 */
import type { Admin } from '../../clients/kafka/api.ts'
import type { Tool, ToolContext } from '../tool.ts'
import { UsageException, VersionRequest, printUsageOrVersion } from './command-line-utils.ts'
import type { ConsumerGroupAction } from './consumer-group-command-options.ts'
import {
  AVAILABLE_IF,
  CONSUMER_GROUP_COMMAND_OPTIONS,
  checkConsumerGroupArgs,
} from './consumer-group-command-options.ts'
import { deleteGroups } from './consumer-group-delete.ts'
import { describeOffsets } from './consumer-group-describe.ts'
import { listConsumerGroupIds, listGroups } from './consumer-group-list.ts'
import { describeMembers, describeState } from './consumer-group-members.ts'
import { resetOffsets, resetPlanCsv, resetPlanText } from './consumer-group-reset.ts'
import { JavaException, OptionException } from './java-exception.ts'
import { parseOptions } from './options/option-parser.ts'
import type { OptionSet } from './options/option-set.ts'
import { zookeeperHint } from './playground-hints.ts'
import { asJavaException, noSuchFile } from './tool-errors.ts'
import { clientLog } from './tool-log.ts'

const UNAVAILABLE_FRAMES = [
  'joptsimple.OptionParser.ensureAllowedOptions(OptionParser.java:434)',
  'joptsimple.OptionParser.parse(OptionParser.java:401)',
]

/** OptionParser.parse with the availableIf rules ConsumerGroupCommandOptions declares. */
function parse(argv: readonly string[]): OptionSet {
  const options = parseOptions(CONSUMER_GROUP_COMMAND_OPTIONS, argv)
  const unavailable = [...AVAILABLE_IF].filter(
    ([name, requires]) => options.has(name) && !requires.some((other) => options.has(other)),
  )
  if (unavailable.length > 0) {
    throw new OptionException(
      'joptsimple.UnavailableOptionException',
      `Option(s) [${unavailable.map(([name]) => name).join(', ')}] are unavailable given other options on the command line`,
      UNAVAILABLE_FRAMES,
    )
  }
  return options
}

async function groupIds(admin: Admin, options: OptionSet): Promise<string[]> {
  return options.has('all-groups') ? listConsumerGroupIds(admin) : options.valuesOf('group')
}

async function run(action: ConsumerGroupAction, options: OptionSet, context: ToolContext): Promise<void> {
  const commandConfig = options.valueOf('command-config')
  if (commandConfig !== null) {
    const cause = noSuchFile(commandConfig)
    throw new JavaException('java.lang.RuntimeException', cause.toString(), [], cause)
  }
  const admin = context.kafka.admin(options.valueOf('bootstrap-server') ?? '', clientLog(context))
  const verbose = options.has('verbose')
  try {
    switch (action) {
      case 'list':
        return await listGroups(admin, options, context.out)
      case 'describe': {
        const groups = await groupIds(admin, options)
        if (options.has('members')) return await describeMembers(admin, groups, verbose, context.out)
        if (options.has('state')) return await describeState(admin, groups, verbose, context.out)
        return await describeOffsets(admin, groups, verbose, context.out)
      }
      case 'delete':
        return await deleteGroups(admin, await groupIds(admin, options), context.out)
      case 'reset-offsets': {
        const plan = await resetOffsets(admin, options, await groupIds(admin, options), context)
        const single = options.valuesOf('group').length === 1
        context.out.stdout(options.has('export') ? resetPlanCsv(plan, single) : resetPlanText(plan))
        return
      }
      case 'delete-offsets':
        context.out.stderr('[playground] kafka-consumer-groups --delete-offsets is not supported yet.\n')
        return
    }
  } finally {
    await admin.close()
  }
}

export const kafkaConsumerGroups: Tool = async (argv, context) => {
  let options: OptionSet
  try {
    options = parse(argv)
  } catch (error) {
    const exception = asJavaException(error)
    context.out.stderr('Exception in thread "main" ' + exception.stackTrace() + zookeeperHint(argv))
    return 1
  }
  try {
    const action = checkConsumerGroupArgs(argv, options, (line) => context.out.stderr(line))
    await run(action, options, context)
    return 0
  } catch (error) {
    if (error instanceof UsageException || error instanceof VersionRequest) {
      return printUsageOrVersion(context.out, CONSUMER_GROUP_COMMAND_OPTIONS, error)
    }
    const exception = asJavaException(error)
    if (exception.className === 'java.lang.IllegalArgumentException') {
      const usage = new UsageException(exception.javaMessage ?? '')
      return printUsageOrVersion(context.out, CONSUMER_GROUP_COMMAND_OPTIONS, usage)
    }
    context.out.stdout(`\nError: Executing consumer group command failed due to ${exception.javaMessage}\n`)
    context.out.stderr(exception.stackTrace())
    return 0
  }
}
