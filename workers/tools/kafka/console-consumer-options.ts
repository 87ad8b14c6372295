/**
 * kafka-console-consumer's options (ConsoleConsumerOptions of Kafka 4.1) with their exact help texts, and
 * the checks and derived settings of its constructor: which of --topic/--include, partition and offset
 * rules, the group id (`console-consumer-<n>` when none is given, n from the clock modulo 100000 instead of
 * java.util.Random), auto.offset.reset from --from-beginning, the start offset, the timeout and the
 * formatter class (DefaultMessageFormatter or the group coordinator's, coordinator-record-formatter.ts) and its
 * properties (formatterArgs: --key-deserializer, --value-deserializer, then --property).
 */
import type { Clock } from '../../net/clock.ts'
import {
  UsageException,
  checkRequiredArgs,
  maybePrintHelpOrVersion,
  parseKeyValueArgs,
} from './command-line-utils.ts'
import {
  GROUP_METADATA_MESSAGE_FORMATTER,
  OFFSETS_MESSAGE_FORMATTER,
  TRANSACTION_LOG_MESSAGE_FORMATTER,
} from './coordinator-record-formatter.ts'
import { javaHashMapOrder } from './java-hash-map.ts'
import type { OptionSpec } from './options/option-spec.ts'
import { HELP_AND_VERSION, flag, specText, withArgument } from './options/option-spec.ts'
import type { OptionSet } from './options/option-set.ts'

export const DEFAULT_FORMATTER = 'org.apache.kafka.tools.consumer.DefaultMessageFormatter'
/** The formatter classes the playground has; any other is a ClassNotFoundException (printUsageAndExit). */
const FORMATTERS = [
  DEFAULT_FORMATTER,
  OFFSETS_MESSAGE_FORMATTER,
  GROUP_METADATA_MESSAGE_FORMATTER,
  TRANSACTION_LOG_MESSAGE_FORMATTER,
]

export const CONSOLE_CONSUMER_OPTIONS: readonly OptionSpec[] = [
  ...HELP_AND_VERSION,
  withArgument('topic', 'The topic to consume on.', { argumentDescription: 'topic' }),
  withArgument('include', 'Regular expression specifying list of topics to include for consumption.', {
    argumentDescription: 'Java regex (String)',
  }),
  withArgument(
    'partition',
    "The partition to consume from. Consumption starts from the end of the partition unless '--offset' is specified.",
    { argumentDescription: 'partition', type: 'Integer' },
  ),
  withArgument(
    'offset',
    "The offset to consume from (a non-negative number), or 'earliest' which means from beginning, or 'latest' which means from end",
    { argumentDescription: 'consume offset', defaultsTo: 'latest' },
  ),
  withArgument(
    'consumer-property',
    'A mechanism to pass user-defined properties in the form key=value to the consumer.',
    {
      argumentDescription: 'consumer_prop',
    },
  ),
  withArgument(
    'consumer.config',
    `Consumer config properties file. Note that ${specText('consumer-property')} takes precedence over this config.`,
    { argumentDescription: 'config file' },
  ),
  withArgument('formatter', 'The name of a class to use for formatting kafka messages for display.', {
    argumentDescription: 'class',
    defaultsTo: DEFAULT_FORMATTER,
  }),
  withArgument(
    'property',
    'The properties to initialize the message formatter. Default properties include: \n' +
      [
        'print.timestamp=true|false',
        'print.key=true|false',
        'print.offset=true|false',
        'print.epoch=true|false',
        'print.partition=true|false',
        'print.headers=true|false',
        'print.value=true|false',
        'key.separator=<key.separator>',
        'line.separator=<line.separator>',
        'headers.separator=<line.separator>',
        'null.literal=<null.literal>',
        'key.deserializer=<key.deserializer>',
        'value.deserializer=<value.deserializer>',
        'header.deserializer=<header.deserializer>',
      ]
        .map((line) => ` ${line}\n`)
        .join('') +
      "\nUsers can also pass in customized properties for their formatter; more specifically, users can pass in properties keyed with 'key.deserializer.', 'value.deserializer.' and 'headers.deserializer.' prefixes to configure their deserializers.",
    { argumentDescription: 'prop' },
  ),
  withArgument(
    'formatter-config',
    `Config properties file to initialize the message formatter. Note that ${specText('property')} takes precedence over this config.`,
    { argumentDescription: 'config file' },
  ),
  flag(
    'from-beginning',
    'If the consumer does not already have an established offset to consume from, start with the earliest message present in the log rather than the latest message.',
  ),
  withArgument(
    'max-messages',
    'The maximum number of messages to consume before exiting. If not set, consumption is continual.',
    { argumentDescription: 'num_messages', type: 'Integer' },
  ),
  withArgument(
    'timeout-ms',
    'If specified, exit if no message is available for consumption for the specified interval.',
    { argumentDescription: 'timeout_ms', type: 'Long' },
  ),
  flag('skip-message-on-error', 'If there is an error when processing a message, skip it instead of halt.'),
  withArgument('bootstrap-server', 'REQUIRED: The server(s) to connect to.', {
    argumentDescription: 'server to connect to',
  }),
  withArgument('key-deserializer', '', { argumentDescription: 'deserializer for key' }),
  withArgument('value-deserializer', '', { argumentDescription: 'deserializer for values' }),
  flag(
    'enable-systest-events',
    'Log lifecycle events of the consumer in addition to logging consumed messages. (This is specific for system tests.)',
  ),
  withArgument(
    'isolation-level',
    'Set to read_committed in order to filter out transactional messages which are not committed. Set to read_uncommitted to read all messages.',
    { defaultsTo: 'read_uncommitted' },
  ),
  withArgument('group', 'The consumer group id of the consumer.', {
    argumentDescription: 'consumer group id',
  }),
]

/** Where consumption starts for an assigned partition: a position or one of the ListOffsets specials. */
export type StartOffset = number | 'earliest' | 'latest'

export interface ConsoleConsumerSettings {
  topic: string | null
  include: string | null
  partition: number | null
  offset: StartOffset
  maxMessages: number
  /** Infinity when no --timeout-ms was given (Long.MAX_VALUE in Kafka). */
  timeoutMs: number
  consumerProps: Record<string, string>
  /** The --formatter class, one of FORMATTERS. */
  formatter: string
  formatterProps: Map<string, string>
  skipMessageOnError: boolean
}

/** Thrown for the auto.offset.reset conflict, which Kafka reports on stderr without the help table. */
export class OffsetResetConflict extends Error {
  override name = 'OffsetResetConflict'
}

function checkArgs(options: OptionSet): void {
  if (options.has('topic') === options.has('include')) {
    throw new UsageException('Exactly one of --include/--topic is required. ')
  }
  if (options.has('partition')) {
    if (!options.has('topic')) throw new UsageException('The topic is required when partition is specified.')
    if (options.has('from-beginning') && options.has('offset')) {
      throw new UsageException('Options from-beginning and offset cannot be specified together.')
    }
  } else if (options.has('offset')) {
    throw new UsageException('The partition is required when offset is specified.')
  }
  checkRequiredArgs(options, 'bootstrap-server')
}

function groupIds(options: OptionSet, extra: ReadonlyMap<string, string>): string[] {
  const ids = new Set<string>()
  const group = options.valueOf('group')
  if (group !== null) ids.add(group)
  const fromProperty = extra.get('group.id')
  if (fromProperty !== undefined) ids.add(fromProperty)
  const ordered = javaHashMapOrder([...ids], 16)
  if (ordered.length > 1) {
    throw new UsageException(
      "The group ids provided in different places (directly using '--group', via '--consumer-property', or via '--consumer.config') do not match. Detected group ids: " +
        ordered.map((id) => `'${id}'`).join(', '),
    )
  }
  if (ordered.length > 0 && options.has('partition')) {
    throw new UsageException('Options group and partition cannot be specified together.')
  }
  return ordered
}

function consumerProps(options: OptionSet, clock: Clock): Record<string, string> {
  const extra = parseKeyValueArgs(options.valuesOf('consumer-property'))
  const ids = groupIds(options, extra)
  const props: Record<string, string> = Object.fromEntries(extra)
  const fromBeginning = options.has('from-beginning')
  const reset = props['auto.offset.reset']
  if (reset === undefined) props['auto.offset.reset'] = fromBeginning ? 'earliest' : 'latest'
  else if (fromBeginning && reset !== 'earliest') {
    throw new OffsetResetConflict(
      `Can't simultaneously specify --from-beginning and 'auto.offset.reset=${reset}', please remove one option`,
    )
  }
  props['bootstrap.servers'] = options.valueOf('bootstrap-server') ?? ''
  props['client.id'] ??= 'console-consumer'
  if (options.has('isolation-level') || props['isolation.level'] === undefined) {
    props['isolation.level'] = options.valueOf('isolation-level') ?? 'read_uncommitted'
  }
  if (ids[0] === undefined) {
    props['group.id'] = `console-consumer-${Math.abs(Math.trunc(clock.now())) % 100000}`
    props['enable.auto.commit'] ??= 'false'
  } else {
    props['group.id'] = ids[0]
  }
  return props
}

function parseOffset(options: OptionSet): StartOffset {
  const text = options.valueOf('offset')
  if (!options.has('offset') || text === null) return options.has('from-beginning') ? 'earliest' : 'latest'
  const lower = text.toLowerCase()
  if (lower === 'earliest' || lower === 'latest') return lower
  if (/^[+-]?[0-9]+$/.test(text) && BigInt(text) >= 0n && BigInt(text) < 2n ** 63n) return Number(text)
  throw new UsageException(
    `The provided offset value '${text}' is incorrect. Valid values are 'earliest', 'latest', or a non-negative long.`,
  )
}

/** ConsoleConsumerOptions.formatterArgs: --key-deserializer and --value-deserializer, then each --property over them. */
function formatterArgs(options: OptionSet): Map<string, string> {
  const args = new Map<string, string>()
  const keyDeserializer = options.valueOf('key-deserializer')
  if (keyDeserializer !== null && keyDeserializer !== '') args.set('key.deserializer', keyDeserializer)
  const valueDeserializer = options.valueOf('value-deserializer')
  if (valueDeserializer !== null && valueDeserializer !== '')
    args.set('value.deserializer', valueDeserializer)
  for (const [name, value] of parseKeyValueArgs(options.valuesOf('property'))) args.set(name, value)
  return args
}

/** The ConsoleConsumerOptions constructor after parsing. */
export function consoleConsumerSettings(
  argv: readonly string[],
  options: OptionSet,
  clock: Clock,
): ConsoleConsumerSettings {
  maybePrintHelpOrVersion(
    argv,
    options,
    'This tool helps to read data from Kafka topics and outputs it to standard output.',
  )
  checkArgs(options)
  const props = consumerProps(options, clock)
  const offset = parseOffset(options)
  const timeout = options.numberOf('timeout-ms')
  const formatter = options.valueOf('formatter') ?? DEFAULT_FORMATTER
  if (!FORMATTERS.includes(formatter)) throw new UsageException(formatter)
  return {
    topic: options.valueOf('topic'),
    include: options.valueOf('include'),
    partition: options.numberOf('partition'),
    offset,
    maxMessages: options.numberOf('max-messages') ?? -1,
    timeoutMs: timeout !== null && timeout >= 0 ? timeout : Number.POSITIVE_INFINITY,
    consumerProps: props,
    formatter,
    formatterProps: formatterArgs(options),
    skipMessageOnError: options.has('skip-message-on-error'),
  }
}
