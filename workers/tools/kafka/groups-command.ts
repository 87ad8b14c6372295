/**
 * kafka-groups.sh (GroupsCommand of Kafka 4.1): `--list` prints every group of the cluster as a table
 * `GROUP TYPE PROTOCOL`, each column `%-Ns` with N = max(20, widest id, type or protocol), the header's
 * columns joined by one space and each row's cells each followed by one (so rows end in a space). TYPE is
 * GroupType's name (Classic, Consumer), PROTOCOL the group's protocol type (`consumer`, empty for a simple
 * group that only holds offsets). Filters: `--group-type` (classic, consumer, share, streams; any case) with
 * an optional `--protocol`; else `--protocol` alone; else `--consumer` (type consumer, or a classic group of
 * protocol `consumer` or none); else `--share` or `--streams` by type.
 * Errors: a parse error, no action or not exactly `--list`, or two filters that exclude each other print
 * the message and the help table (exit 1); an unknown `--group-type` is an IllegalArgumentException out of
 * the options (its message, then its trace, exit 1); a failed listing prints `Error while executing groups
 * command : <cause>` on stdout and logs the trace as an ERROR (exit 1).
 * The playground's groups are those of its Kafka clients: classic and consumer groups of protocol type
 * `consumer` (or none), as the admin client's consumer group listing returns them; there are no share or
 * streams groups.
 */
import type { ConsumerGroupListing } from '../../clients/kafka/api.ts'
import type { Tool, ToolContext } from '../tool.ts'
import {
  UsageException,
  VersionRequest,
  checkInvalidArgs,
  maybePrintHelpOrVersion,
  printUsageOrVersion,
} from './command-line-utils.ts'
import { GROUP_TYPES } from './consumer-group-list.ts'
import { OptionException } from './java-exception.ts'
import { parseOptions } from './options/option-parser.ts'
import type { OptionSet } from './options/option-set.ts'
import { HELP_AND_VERSION, flag, withArgument, type OptionSpec } from './options/option-spec.ts'
import { asJavaException, messageAndStackTrace, futureGet, illegalArgument } from './tool-errors.ts'
import { loadProps } from './tool-files.ts'
import { clientLog, logLine } from './tool-log.ts'

export const GROUPS_OPTIONS: readonly OptionSpec[] = [
  ...HELP_AND_VERSION,
  withArgument('bootstrap-server', 'REQUIRED: The Kafka server to connect to.', {
    argumentDescription: 'server to connect to',
    required: true,
  }),
  withArgument('command-config', 'Property file containing configs to be passed to Admin Client.', {
    argumentDescription: 'command config property file',
  }),
  flag('list', 'List the groups.'),
  withArgument(
    'group-type',
    "Filter the groups based on group type. Valid types are: 'classic', 'consumer', 'share' and 'streams'.",
    { argumentDescription: 'type' },
  ),
  withArgument('protocol', 'Filter the groups based on protocol type.', { argumentDescription: 'protocol' }),
  flag(
    'consumer',
    'Filter the groups to show all kinds of consumer groups, including classic and simple consumer groups. ' +
      "This matches group type 'consumer', and group type 'classic' where the protocol type is 'consumer' or empty.",
  ),
  flag('share', 'Filter the groups to show share groups.'),
  flag('streams', 'Filter the groups to show streams groups.'),
]

const USAGE = 'This tool helps to list groups of all types.'
const LOGGER = 'org.apache.kafka.tools.GroupsCommand'
/** GroupType's names by their lower case, as GroupType.parse looks them up (UNKNOWN is not a valid filter). */
const VALID_GROUP_TYPES = new Map([
  ['consumer', 'Consumer'],
  ['classic', 'Classic'],
  ['share', 'Share'],
  ['streams', 'Streams'],
])

/** A group as Admin.listGroups reports it: GroupListing's id, type and protocol. */
interface GroupListing {
  readonly groupId: string
  readonly type: string
  readonly protocol: string
}

function groupListing(listing: ConsumerGroupListing): GroupListing {
  return {
    groupId: listing.groupId,
    type: GROUP_TYPES[listing.type],
    protocol: listing.isSimpleConsumerGroup ? '' : 'consumer',
  }
}

/** GroupsCommandOptions.checkArgs; returns the --group-type filter (GroupType's name), null without one. */
function checkArgs(argv: readonly string[], options: OptionSet): string | null {
  if (argv.length === 0) throw new UsageException(USAGE)
  maybePrintHelpOrVersion(argv, options, USAGE)
  if (!options.has('list')) throw new UsageException('Command must include exactly one action: --list.')
  const typeName = options.valueOf('group-type')
  const groupType = typeName === null ? null : (VALID_GROUP_TYPES.get(typeName.toLowerCase()) ?? null)
  if (typeName !== null && groupType === null)
    throw illegalArgument('--group-type must be a valid group type.')
  checkInvalidArgs(options, 'consumer', ['group-type', 'protocol', 'share', 'streams'])
  checkInvalidArgs(options, 'share', ['consumer', 'group-type', 'protocol', 'streams'])
  checkInvalidArgs(options, 'streams', ['consumer', 'group-type', 'protocol', 'share'])
  return groupType
}

/** GroupsService.combinedFilter */
function combinedFilter(group: GroupListing, options: OptionSet, groupType: string | null): boolean {
  const protocol = options.valueOf('protocol')
  if (groupType !== null)
    return group.type === groupType && (protocol === null || group.protocol === protocol)
  if (protocol !== null) return group.protocol === protocol
  if (options.has('consumer'))
    return group.protocol === 'consumer' || group.protocol === '' || group.type === 'Consumer'
  if (options.has('share')) return group.type === 'Share'
  if (options.has('streams')) return group.type === 'Streams'
  return true
}

/** GroupsService.printGroupDetails */
function printGroupDetails(groups: readonly GroupListing[], context: ToolContext): void {
  const rows = groups.map((group) => [group.groupId, group.type, group.protocol])
  const width = Math.max(20, ...rows.flat().map((cell) => cell.length))
  const cell = (text: string): string => text.padEnd(width)
  context.out.stdout(['GROUP', 'TYPE', 'PROTOCOL'].map(cell).join(' ') + '\n')
  for (const row of rows) context.out.stdout(row.map((text) => cell(text) + ' ').join('') + '\n')
}

async function listGroups(options: OptionSet, groupType: string | null, context: ToolContext): Promise<void> {
  const admin = context.kafka.admin(options.valueOf('bootstrap-server') ?? '', clientLog(context))
  try {
    const groups = (await futureGet(admin.listConsumerGroups())).map(groupListing)
    printGroupDetails(
      groups.filter((group) => combinedFilter(group, options, groupType)),
      context,
    )
  } finally {
    await admin.close()
  }
}

export const kafkaGroups: Tool = async (argv, context) => {
  let options: OptionSet
  let groupType: string | null
  try {
    try {
      options = parseOptions(GROUPS_OPTIONS, argv)
    } catch (error) {
      if (error instanceof OptionException) throw new UsageException(error.javaMessage ?? '')
      throw error
    }
    groupType = checkArgs(argv, options)
    const commandConfig = options.valueOf('command-config')
    if (commandConfig !== null) loadProps(context, commandConfig)
  } catch (error) {
    if (error instanceof UsageException || error instanceof VersionRequest)
      return printUsageOrVersion(context.out, GROUPS_OPTIONS, error)
    // mainNoExit: the message, then the trace.
    context.out.stderr(messageAndStackTrace(error))
    return 1
  }
  try {
    await listGroups(options, groupType, context)
    return 0
  } catch (error) {
    // execute: an ExecutionException's cause (or the error itself) on stdout, its trace logged.
    const exception = asJavaException(error)
    const cause = exception.causedBy ?? exception
    context.out.stdout(`Error while executing groups command : ${cause.javaMessage ?? 'null'}\n`)
    context.out.stderr(logLine(context.clock, 'ERROR', LOGGER, cause.stackTrace()))
    return 1
  }
}
