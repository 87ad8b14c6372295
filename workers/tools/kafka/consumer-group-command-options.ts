/**
 * kafka-consumer-groups' options (ConsumerGroupCommandOptions of Kafka 4.1) with their help texts, and
 * checkArgs plus the action check of ConsumerGroupCommand.main: the usage errors in the order Kafka raises
 * them. Where Kafka joins a java.util.HashSet of options into a message, the order here is the declaration
 * order (Kafka's own order depends on identity hash codes and varies between runs).
 */
import {
  UsageException,
  checkInvalidArgs,
  checkRequiredArgs,
  maybePrintHelpOrVersion,
} from './command-line-utils.ts'
import type { OptionSpec } from './options/option-spec.ts'
import { HELP_AND_VERSION, flag, specText, withArgument } from './options/option-spec.ts'
import type { OptionSet } from './options/option-set.ts'

const NL = '\n'
const EXAMPLE = 'Example: --bootstrap-server localhost:9092 --describe --group group1'

export const CONSUMER_GROUP_COMMAND_OPTIONS: readonly OptionSpec[] = [
  ...HELP_AND_VERSION,
  withArgument('bootstrap-server', 'REQUIRED: The server(s) to connect to.', {
    argumentDescription: 'server to connect to',
  }),
  withArgument('group', 'The consumer group we wish to act on.', { argumentDescription: 'consumer group' }),
  withArgument(
    'topic',
    'The topic whose consumer group information should be deleted or topic whose should be included in the reset offset process. ' +
      'In `reset-offsets` case, partitions can be specified using this format: `topic1:0,1,2`, where 0,1,2 are the partition to be included in the process. ' +
      'Reset-offsets also supports multiple topic inputs.',
    { argumentDescription: 'topic' },
  ),
  flag('all-topics', 'Consider all topics assigned to a group in the `reset-offsets` process.'),
  flag('list', 'List all consumer groups.'),
  flag(
    'describe',
    'Describe consumer group and list offset lag (number of messages not yet processed) related to given group.',
  ),
  flag('all-groups', 'Apply to all consumer groups.'),
  flag(
    'delete',
    'Pass in groups to delete topic partition offsets and ownership information over the entire consumer group. For instance --group g1 --group g2',
  ),
  withArgument(
    'timeout',
    'The timeout that can be set for some use cases. For example, it can be used when describing the group ' +
      'to specify the maximum amount of time in milliseconds to wait before the group stabilizes (when the group is just created, ' +
      'or is going through some changes).',
    { argumentDescription: 'timeout (ms)', type: 'Long', defaultsTo: '5000' },
  ),
  withArgument(
    'command-config',
    'Property file containing configs to be passed to Admin Client and Consumer.',
    { argumentDescription: 'command config property file' },
  ),
  flag(
    'reset-offsets',
    'Reset offsets of consumer group. Supports one consumer group at the time, and instances should be inactive' +
      NL +
      'Has 2 execution options: --dry-run (the default) to plan which offsets to reset, and --execute to update the offsets. ' +
      'Additionally, the --export option is used to export the results to a CSV format.' +
      NL +
      'You must choose one of the following reset specifications: --to-datetime, --by-duration, --to-earliest, ' +
      '--to-latest, --shift-by, --from-file, --to-current, --to-offset.' +
      NL +
      "To define the scope use --all-topics or --topic. One scope must be specified unless you use '--from-file'.",
  ),
  flag(
    'delete-offsets',
    'Delete offsets of consumer group. Supports one consumer group at the time, and multiple topics.',
  ),
  flag(
    'dry-run',
    'Only show results without executing changes on Consumer Groups. Supported operations: reset-offsets.',
  ),
  flag('execute', 'Execute operation. Supported operations: reset-offsets.'),
  flag('export', 'Export operation execution to a CSV file. Supported operations: reset-offsets.'),
  withArgument('to-offset', 'Reset offsets to a specific offset.', {
    argumentDescription: 'offset',
    type: 'Long',
  }),
  withArgument('from-file', 'Reset offsets to values defined in CSV file.', {
    argumentDescription: 'path to CSV file',
  }),
  withArgument('to-datetime', "Reset offsets to offset from datetime. Format: 'YYYY-MM-DDTHH:mm:SS.sss'", {
    argumentDescription: 'datetime',
  }),
  withArgument(
    'by-duration',
    "Reset offsets to offset by duration from current timestamp. Format: 'PnDTnHnMnS'",
    {
      argumentDescription: 'duration',
    },
  ),
  flag('to-earliest', 'Reset offsets to earliest offset.'),
  flag('to-latest', 'Reset offsets to latest offset.'),
  flag('to-current', 'Reset offsets to current offset.'),
  withArgument(
    'shift-by',
    "Reset offsets shifting current offset by 'n', where 'n' can be positive or negative.",
    {
      argumentDescription: 'number-of-offsets',
      type: 'Long',
    },
  ),
  flag(
    'members',
    "Describe members of the group. This option may be used with '--describe' and '--bootstrap-server' options only." +
      NL +
      `${EXAMPLE} --members`,
  ),
  flag(
    'verbose',
    "Provide additional information, if any, when describing the group. This option may be used with '--offsets'/'--members'/'--state' and '--bootstrap-server' options only." +
      NL +
      `${EXAMPLE} --members --verbose`,
  ),
  flag(
    'offsets',
    "Describe the group and list all topic partitions in the group along with their offset lag. This is the default sub-action of and may be used with '--describe' and '--bootstrap-server' options only." +
      NL +
      `${EXAMPLE} --offsets`,
  ),
  withArgument(
    'state',
    "When specified with '--describe', includes the state of the group." +
      NL +
      `${EXAMPLE} --state` +
      NL +
      "When specified with '--list', it displays the state of all groups. It can also be used to list groups with specific states." +
      NL +
      'Example: --bootstrap-server localhost:9092 --list --state stable,empty' +
      NL +
      "This option may be used with '--describe', '--list' and '--bootstrap-server' options only.",
    { optional: true },
  ),
  withArgument(
    'type',
    "When specified with '--list', it displays the types of all the groups. It can also be used to list groups with specific types." +
      NL +
      'Example: --bootstrap-server localhost:9092 --list --type classic,consumer' +
      NL +
      "This option may be used with the '--list' option only.",
    { optional: true },
  ),
]

/** joptsimple's availableIf: these options are unavailable unless one of the listed options is present. */
export const AVAILABLE_IF: ReadonlyMap<string, readonly string[]> = new Map([
  ['members', ['describe']],
  ['verbose', ['describe']],
  ['offsets', ['describe']],
  ['state', ['describe', 'list']],
  ['type', ['list']],
])

export const CONSUMER_GROUP_ACTIONS = [
  'list',
  'describe',
  'delete',
  'reset-offsets',
  'delete-offsets',
] as const
export type ConsumerGroupAction = (typeof CONSUMER_GROUP_ACTIONS)[number]

export const RESET_SCENARIOS = [
  'to-offset',
  'shift-by',
  'to-datetime',
  'by-duration',
  'to-earliest',
  'to-latest',
  'to-current',
  'from-file',
] as const

const GROUP_SCOPES = `${specText('group')}, ${specText('all-groups')}`

const NO_EXECUTE_WARNING =
  'WARN: No action will be performed as the --execute option is missing.' +
  'In a future major release, the default behavior of this command will be to prompt the user before ' +
  'executing the reset rather than doing a dry run. You should add the --dry-run option explicitly ' +
  'if you are scripting this command and want to keep the current default behavior without prompting.\n'

function requireGroupScope(options: OptionSet, action: string): void {
  if (!options.has('group') && !options.has('all-groups')) {
    throw new UsageException(`Option ${specText(action)} takes one of these options: ${GROUP_SCOPES}`)
  }
}

function checkDescribe(options: OptionSet): void {
  requireGroupScope(options, 'describe')
  const subActions = ['members', 'offsets', 'state']
  if (subActions.filter((name) => options.has(name)).length > 1) {
    throw new UsageException(
      `Option ${specText('describe')} takes at most one of these options: ${subActions.map(specText).join(', ')}`,
    )
  }
  if (options.has('state') && options.valueOf('state') !== null) {
    throw new UsageException(`Option ${specText('describe')} does not take a value for ${specText('state')}`)
  }
}

function checkResetOffsets(options: OptionSet, warn: (line: string) => void): void {
  if (options.has('dry-run') && options.has('execute')) {
    throw new UsageException(
      `Option ${specText('reset-offsets')} only accepts one of ${specText('execute')} and ${specText('dry-run')}`,
    )
  }
  if (!options.has('dry-run') && !options.has('execute')) warn(NO_EXECUTE_WARNING)
  requireGroupScope(options, 'reset-offsets')
  for (const scenario of RESET_SCENARIOS) {
    checkInvalidArgs(
      options,
      scenario,
      RESET_SCENARIOS.filter((other) => other !== scenario),
    )
  }
}

/** ConsumerGroupCommandOptions.checkArgs, then main's "exactly one action"; returns the action. */
export function checkConsumerGroupArgs(
  argv: readonly string[],
  options: OptionSet,
  warn: (line: string) => void,
): ConsumerGroupAction {
  maybePrintHelpOrVersion(
    argv,
    options,
    'This tool helps to list all consumer groups, describe a consumer group, delete consumer group info, or reset consumer group offsets.',
  )
  checkRequiredArgs(options, 'bootstrap-server')
  if (options.has('describe')) checkDescribe(options)
  if (options.has('delete')) {
    requireGroupScope(options, 'delete')
    if (options.has('topic')) {
      throw new UsageException(
        'The consumer does not support topic-specific offset deletion from a consumer group.',
      )
    }
  }
  if (options.has('delete-offsets') && (!options.has('group') || !options.has('topic'))) {
    throw new UsageException(
      `Option ${specText('delete-offsets')} takes the following options: ${specText('group')}, ${specText('topic')}`,
    )
  }
  if (options.has('reset-offsets')) checkResetOffsets(options, warn)
  checkInvalidArgs(options, 'group', ['all-groups'])
  checkInvalidArgs(options, 'group', ['list'])
  checkInvalidArgs(options, 'topic', ['list', 'describe'])
  const actions = CONSUMER_GROUP_ACTIONS.filter((action) => options.has(action))
  const action = actions[0]
  if (actions.length !== 1 || action === undefined) {
    throw new UsageException(
      `Command must include exactly one action: ${CONSUMER_GROUP_ACTIONS.map((name) => `--${name}`).join(', ')}`,
    )
  }
  return action
}
