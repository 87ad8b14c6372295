/**
 * kafka-reassign-partitions' options (ReassignPartitionsCommandOptions of Kafka 4.1) and validateAndParseArgs:
 * usage errors (message, then the help table, exit 1) for anything but exactly one action, a missing
 * --bootstrap-server, a missing argument the action requires (`Missing required argument "[x]"`) and an option
 * the action does not permit (`Option "[throttle]" can't be used with action "[verify]"`, judged in the order the
 * options were given).
 */
import { UsageException, checkRequiredArgs, maybePrintHelpOrVersion } from './command-line-utils.ts'
import { parseOptions } from './options/option-parser.ts'
import type { OptionSet } from './options/option-set.ts'
import type { OptionSpec } from './options/option-spec.ts'
import { HELP_AND_VERSION, flag, specText, withArgument } from './options/option-spec.ts'

export const REASSIGN_HELP_TEXT = 'This tool helps to move topic partitions between replicas.'

export type ReassignAction = 'generate' | 'execute' | 'verify' | 'cancel' | 'list'

const ACTIONS: readonly ReassignAction[] = ['generate', 'execute', 'verify', 'cancel', 'list']

export const REASSIGN_OPTIONS: readonly OptionSpec[] = [
  ...HELP_AND_VERSION,
  flag(
    'verify',
    'Verify if the reassignment completed as specified by the --reassignment-json-file option. If there is a throttle engaged for the replicas specified, and the rebalance has completed, the throttle will be removed',
  ),
  flag(
    'generate',
    'Generate a candidate partition reassignment configuration. Note that this only generates a candidate assignment, it does not execute it.',
  ),
  flag('execute', 'Kick off the reassignment as specified by the --reassignment-json-file option.'),
  flag('cancel', 'Cancel an active reassignment.'),
  flag('list', 'List all active partition reassignments.'),
  withArgument('bootstrap-server', 'REQUIRED: the server(s) to use for bootstrapping.', {
    argumentDescription: 'Server(s) to use for bootstrapping',
  }),
  withArgument('command-config', 'Property file containing configs to be passed to Admin Client.', {
    argumentDescription: 'Admin client property file',
  }),
  withArgument(
    'reassignment-json-file',
    'The JSON file with the partition reassignment configurationThe format to use is - \n{"partitions":\n\t[{"topic": "foo",\n\t  "partition": 1,\n\t  "replicas": [1,2,3],\n\t  "log_dirs": ["dir1","dir2","dir3"] }],\n"version":1\n}\nNote that "log_dirs" is optional. When it is specified, its length must equal the length of the replicas list. The value in this list can be either "any" or the absolution path of the log directory on the broker. If absolute log directory path is specified, the replica will be moved to the specified log directory on the broker.',
    { argumentDescription: 'manual assignment json file path' },
  ),
  withArgument(
    'topics-to-move-json-file',
    'Generate a reassignment configuration to move the partitions of the specified topics to the list of brokers specified by the --broker-list option. The format to use is - \n{"topics":\n\t[{"topic": "foo"},{"topic": "foo1"}],\n"version":1\n}',
    { argumentDescription: 'topics to reassign json file path' },
  ),
  withArgument(
    'broker-list',
    'The list of brokers to which the partitions need to be reassigned in the form "0,1,2". This is required if --topics-to-move-json-file is used to generate reassignment configuration',
    { argumentDescription: 'brokerlist' },
  ),
  flag('disable-rack-aware', 'Disable rack aware replica assignment'),
  withArgument(
    'throttle',
    'The movement of partitions between brokers will be throttled to this value (bytes/sec). This option can be included with --execute when a reassignment is started, and it can be altered by resubmitting the current reassignment along with the --additional flag. The throttle rate should be at least 1 KB/s.',
    { argumentDescription: 'throttle', type: 'Long', defaultsTo: '-1' },
  ),
  withArgument(
    'replica-alter-log-dirs-throttle',
    'The movement of replicas between log directories on the same broker will be throttled to this value (bytes/sec). This option can be included with --execute when a reassignment is started, and it can be altered by resubmitting the current reassignment along with the --additional flag. The throttle rate should be at least 1 KB/s.',
    { argumentDescription: 'replicaAlterLogDirsThrottle', type: 'Long', defaultsTo: '-1' },
  ),
  withArgument('timeout', 'The maximum time in ms to wait for log directory replica assignment to begin.', {
    argumentDescription: 'timeout',
    type: 'Long',
    defaultsTo: '10000',
  }),
  flag(
    'additional',
    'Execute this reassignment in addition to any other ongoing ones. This option can also be used to change the throttle of an ongoing reassignment.',
  ),
  flag('preserve-throttles', 'Do not modify broker or topic throttles.'),
]

const REQUIRED: Readonly<Record<ReassignAction, readonly string[]>> = {
  verify: ['reassignment-json-file'],
  generate: ['topics-to-move-json-file', 'broker-list'],
  execute: ['reassignment-json-file'],
  cancel: ['reassignment-json-file'],
  list: [],
}

const PERMITTED: Readonly<Record<ReassignAction, readonly string[]>> = {
  verify: ['bootstrap-server', 'command-config', 'preserve-throttles'],
  generate: ['bootstrap-server', 'broker-list', 'command-config', 'disable-rack-aware'],
  execute: [
    'additional',
    'bootstrap-server',
    'command-config',
    'throttle',
    'replica-alter-log-dirs-throttle',
    'timeout',
  ],
  cancel: ['bootstrap-server', 'command-config', 'preserve-throttles', 'timeout'],
  list: ['bootstrap-server', 'command-config'],
}

/** ReassignPartitionsCommand.validateAndParseArgs: the options and the one action they ask for. */
export function validateAndParseArgs(argv: readonly string[]): {
  options: OptionSet
  action: ReassignAction
} {
  const options = parseOptions(REASSIGN_OPTIONS, argv)
  maybePrintHelpOrVersion(argv, options, REASSIGN_HELP_TEXT)
  const actions = ACTIONS.filter((name) => options.has(name))
  const [action] = actions
  if (action === undefined || actions.length !== 1) {
    throw new UsageException(
      `Command must include exactly one action: ${ACTIONS.map((name) => `--${name}`).join(', ')}`,
    )
  }
  if (!options.has('bootstrap-server')) throw new UsageException('Please specify --bootstrap-server')
  checkRequiredArgs(options, ...REQUIRED[action])
  for (const name of options.givenNames()) {
    if (name !== action && !REQUIRED[action].includes(name) && !PERMITTED[action].includes(name)) {
      throw new UsageException(`Option "${specText(name)}" can't be used with action "${specText(action)}"`)
    }
  }
  return { options, action }
}
