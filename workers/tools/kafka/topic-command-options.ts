/**
 * kafka-topics' options (TopicCommand.TopicCommandOptions of Kafka 4.1) with their exact help texts, and
 * checkArgs: the usage errors, in the order TopicCommand raises them.
 */
import { JavaException } from './java-exception.ts'
import {
  UsageException,
  checkInvalidArgs,
  checkRequiredArgs,
  maybePrintHelpOrVersion,
} from './command-line-utils.ts'
import type { OptionSpec } from './options/option-spec.ts'
import { HELP_AND_VERSION, flag, specText, withArgument } from './options/option-spec.ts'
import type { OptionSet } from './options/option-set.ts'
import { TOPIC_CONFIG_NAMES } from './topic-configs.ts'

const KAFKA_CONFIGS_HINT = ' (To alter topic configurations, the kafka-configs tool can be used.)'

export const TOPIC_COMMAND_OPTIONS: readonly OptionSpec[] = [
  ...HELP_AND_VERSION,
  withArgument('bootstrap-server', 'REQUIRED: The Kafka server to connect to.', {
    argumentDescription: 'server to connect to',
  }),
  withArgument('command-config', 'Property file containing configs to be passed to Admin Client.', {
    argumentDescription: 'command config property file',
  }),
  flag('list', 'List all available topics.'),
  flag('create', 'Create a new topic.'),
  flag('delete', 'Delete a topic.'),
  flag('alter', 'Alter the number of partitions and replica assignment.' + KAFKA_CONFIGS_HINT),
  flag('describe', 'List details for the given topics.'),
  withArgument(
    'topic',
    'The topic to create, alter, describe or delete. It also accepts a regular expression, except for --create option.',
    { argumentDescription: 'topic' },
  ),
  withArgument('topic-id', 'The topic-id to describe.', { argumentDescription: 'topic-id' }),
  withArgument(
    'config',
    'A topic configuration override for the topic being created. The following is a list of valid configurations: \n' +
      TOPIC_CONFIG_NAMES.map((name) => '\t' + name).join('\n') +
      '\nSee the Kafka documentation for full details on the topic configs. It is supported only in combination with --create.' +
      KAFKA_CONFIGS_HINT,
    { argumentDescription: 'name=value' },
  ),
  withArgument('delete-config', 'This option is no longer supported and has been deprecated since 4.0', {
    argumentDescription: 'name',
  }),
  withArgument(
    'partitions',
    'The number of partitions for the topic being created or altered. If not supplied with --create, the topic uses the cluster default. (WARNING: If partitions are increased for a topic that has a key, the partition logic or ordering of the messages will be affected).',
    { argumentDescription: '# of partitions', type: 'Integer' },
  ),
  withArgument(
    'replication-factor',
    'The replication factor for each partition in the topic being created. If not supplied, the topic uses the cluster default.',
    { argumentDescription: 'replication factor', type: 'Integer' },
  ),
  withArgument(
    'replica-assignment',
    'A list of manual partition-to-broker assignments for the topic being created or altered.',
    {
      argumentDescription:
        'broker_id_for_part1_replica1 : broker_id_for_part1_replica2 , broker_id_for_part2_replica1 : broker_id_for_part2_replica2 , ...',
    },
  ),
  flag(
    'under-replicated-partitions',
    'If set when describing topics, only show under-replicated partitions.',
  ),
  flag(
    'unavailable-partitions',
    'If set when describing topics, only show partitions whose leader is not available.',
  ),
  flag(
    'under-min-isr-partitions',
    'If set when describing topics, only show partitions whose isr count is less than the configured minimum.',
  ),
  flag(
    'at-min-isr-partitions',
    'If set when describing topics, only show partitions whose isr count is equal to the configured minimum.',
  ),
  flag(
    'topics-with-overrides',
    'If set when describing topics, only show topics that have overridden configs.',
  ),
  flag(
    'if-exists',
    'If set when altering or deleting or describing topics, the action will only execute if the topic exists.',
  ),
  flag(
    'if-not-exists',
    'If set when creating topics, the create request will not fail if the topic already exists, but the request will still be sent.',
  ),
  flag(
    'exclude-internal',
    'Exclude internal topics when listing or describing topics. By default, the internal topics are included.',
  ),
  withArgument(
    'partition-size-limit-per-response',
    'The maximum partition size to be included in one DescribeTopicPartitions response.',
    { argumentDescription: 'maximum number of partitions per response', type: 'Integer' },
  ),
]

export const TOPIC_ACTIONS = ['create', 'list', 'alter', 'describe', 'delete'] as const
export type TopicAction = (typeof TOPIC_ACTIONS)[number]

const REPORT_OPTIONS = [
  'under-replicated-partitions',
  'under-min-isr-partitions',
  'at-min-isr-partitions',
  'unavailable-partitions',
]

/** The frames below TopicCommandOptions' constructor (Kafka 4.0.0 line numbers, from a real run). */
export const TOPIC_COMMAND_MAIN_FRAMES: readonly string[] = [
  'org.apache.kafka.tools.TopicCommand.execute(TopicCommand.java:100)',
  'org.apache.kafka.tools.TopicCommand.mainNoExit(TopicCommand.java:90)',
  'org.apache.kafka.tools.TopicCommand.main(TopicCommand.java:85)',
]

/** The frames of Kafka 4.0.0's trace for a missing --bootstrap-server (recorded from a real run). */
const MISSING_BOOTSTRAP_FRAMES = [
  'org.apache.kafka.tools.TopicCommand$TopicCommandOptions.checkRequiredArgs(TopicCommand.java:975)',
  'org.apache.kafka.tools.TopicCommand$TopicCommandOptions.checkArgs(TopicCommand.java:968)',
  'org.apache.kafka.tools.TopicCommand$TopicCommandOptions.<init>(TopicCommand.java:828)',
  ...TOPIC_COMMAND_MAIN_FRAMES,
]

/** Every other action: the set checkInvalidArgs forbids next to an option allowed only with `allowed`. */
function actionsExcept(...allowed: string[]): string[] {
  return TOPIC_ACTIONS.filter((action) => !allowed.includes(action))
}

function checkRequired(options: OptionSet): void {
  if (!options.has('bootstrap-server')) {
    throw new JavaException(
      'java.lang.IllegalArgumentException',
      '--bootstrap-server must be specified',
      MISSING_BOOTSTRAP_FRAMES,
    )
  }
  if (
    options.has('describe') &&
    options.has('if-exists') &&
    !options.has('topic') &&
    !options.has('topic-id')
  ) {
    throw new UsageException('--topic or --topic-id is required to describe a topic')
  }
  if (!options.has('list') && !options.has('describe')) checkRequiredArgs(options, 'topic')
  if (options.has('alter')) {
    if (options.has('bootstrap-server') && options.has('config')) {
      throw new UsageException(
        `Option combination "[${specText('bootstrap-server')}, ${specText('config')}]" can't be used with option "${specText('alter')}"${KAFKA_CONFIGS_HINT}`,
      )
    }
    checkRequiredArgs(options, 'partitions')
  }
}

function checkInvalid(options: OptionSet): void {
  checkInvalidArgs(options, 'config', actionsExcept('alter', 'create'))
  checkInvalidArgs(options, 'partitions', actionsExcept('alter', 'create'))
  checkInvalidArgs(options, 'replication-factor', actionsExcept('create'))
  checkInvalidArgs(options, 'replica-assignment', actionsExcept('alter', 'create'))
  if (options.has('create'))
    checkInvalidArgs(options, 'replica-assignment', ['partitions', 'replication-factor'])
  for (const report of REPORT_OPTIONS) {
    checkInvalidArgs(options, report, [...actionsExcept('describe'), 'topics-with-overrides'])
  }
  checkInvalidArgs(options, 'topics-with-overrides', [...actionsExcept('describe'), ...REPORT_OPTIONS])
  checkInvalidArgs(options, 'if-exists', actionsExcept('alter', 'delete', 'describe'))
  checkInvalidArgs(options, 'if-not-exists', actionsExcept('create'))
  checkInvalidArgs(options, 'exclude-internal', actionsExcept('list', 'describe'))
}

/** TopicCommandOptions.checkArgs: returns the one action; `warn` receives the --delete-config notice. */
export function checkTopicCommandArgs(
  argv: readonly string[],
  options: OptionSet,
  warn: (line: string) => void,
): TopicAction {
  if (argv.length === 0) throw new UsageException('Create, delete, describe, or change a topic.')
  maybePrintHelpOrVersion(argv, options, 'This tool helps to create, delete, describe, or change a topic.')
  const actions = TOPIC_ACTIONS.filter((action) => options.has(action))
  const action = actions[0]
  if (actions.length !== 1 || action === undefined) {
    throw new UsageException(
      'Command must include exactly one action: --list, --describe, --create, --alter or --delete',
    )
  }
  if (options.has('delete-config')) {
    warn(
      'delete-config option is no longer supported and deprecated since version 4.0. The config will be fully removed in future releases.\n',
    )
  }
  checkRequired(options)
  checkInvalid(options)
  return action
}
