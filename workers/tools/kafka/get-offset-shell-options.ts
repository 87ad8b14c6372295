/**
 * kafka-get-offsets' options (GetOffsetShell.GetOffsetShellOptions of Kafka 4.1) and their checks in the
 * tool's order: no arguments print the usage; a joptsimple error becomes a TerseException; then --help /
 * --version, the required --bootstrap-server and ToolsUtils.validateBootstrapServer (both with the usage).
 * `--time` is parsed as parseOffsetSpec does: a name or a long, the special values -1 to -5 standing for
 * latest, earliest, max-timestamp, earliest-local and latest-tiered.
 */
import type { OffsetSpec } from '../../clients/kafka/api.ts'
import {
  EARLIEST_LOCAL_TIMESTAMP,
  EARLIEST_TIMESTAMP,
  LATEST_TIERED_TIMESTAMP,
  LATEST_TIMESTAMP,
  MAX_TIMESTAMP,
} from '../../protocol/kafka.ts'
import { UsageException, checkRequiredArgs, maybePrintHelpOrVersion } from './command-line-utils.ts'
import { OptionException } from './java-exception.ts'
import { parseOptions } from './options/option-parser.ts'
import type { OptionSet } from './options/option-set.ts'
import type { OptionSpec } from './options/option-spec.ts'
import { HELP_AND_VERSION, flag, withArgument } from './options/option-spec.ts'
import { TOPIC_PARTITION_PATTERN } from './topic-partition-filter.ts'
import { TerseException } from './tool-errors.ts'
import { validateBootstrapServer } from './tools-utils.ts'

export const GET_OFFSET_SHELL_USAGE = 'An interactive shell for getting topic-partition offsets.'

export const GET_OFFSET_SHELL_OPTIONS: readonly OptionSpec[] = [
  ...HELP_AND_VERSION,
  withArgument(
    'bootstrap-server',
    'REQUIRED. The server(s) to connect to in the form HOST1:PORT1,HOST2:PORT2.',
    { argumentDescription: 'HOST1:PORT1,...,HOST3:PORT3' },
  ),
  withArgument(
    'topic-partitions',
    `Comma separated list of topic-partition patterns to get the offsets for, with the format of '${TOPIC_PARTITION_PATTERN}'.` +
      ' The first group is an optional regex for the topic name, if omitted, it matches any topic name.' +
      " The section after ':' describes a 'partition' pattern, which can be: a number, a range in the format of 'NUMBER-NUMBER' (lower inclusive, upper exclusive), an inclusive lower bound in the format of 'NUMBER-', an exclusive upper bound in the format of '-NUMBER' or may be omitted to accept all partitions.",
    { argumentDescription: 'topic1:1,topic2:0-3,topic3,topic4:5-,topic5:-3' },
  ),
  withArgument(
    'topic',
    'The topic to get the offsets for. It also accepts a regular expression. If not present, all authorized topics are queried. Cannot be used if --topic-partitions is present.',
    { argumentDescription: 'topic' },
  ),
  withArgument(
    'partitions',
    'Comma separated list of partition ids to get the offsets for. If not present, all partitions of the authorized topics are queried. Cannot be used if --topic-partitions is present.',
    { argumentDescription: 'partition ids' },
  ),
  withArgument(
    'time',
    'timestamp of the offsets before that. [Note: No offset is returned, if the timestamp greater than recently committed record timestamp is given.]',
    {
      argumentDescription:
        '<timestamp> / -1 or latest / -2 or earliest / -3 or max-timestamp / -4 or earliest-local / -5 or latest-tiered',
      defaultsTo: 'latest',
    },
  ),
  withArgument('command-config', 'Property file containing configs to be passed to Admin Client.', {
    argumentDescription: 'config file',
  }),
  flag(
    'exclude-internal-topics',
    'By default, internal topics are included. If specified, internal topics are excluded.',
  ),
]

/** GetOffsetShellOptions' constructor: the parsed options, or the usage / terse error it raises. */
export function parseGetOffsetShellOptions(argv: readonly string[]): OptionSet {
  if (argv.length === 0) throw new UsageException(GET_OFFSET_SHELL_USAGE)
  let options: OptionSet
  try {
    options = parseOptions(GET_OFFSET_SHELL_OPTIONS, argv)
  } catch (error) {
    if (error instanceof OptionException) throw new TerseException(error.message)
    throw error
  }
  maybePrintHelpOrVersion(argv, options, GET_OFFSET_SHELL_USAGE)
  checkRequiredArgs(options, 'bootstrap-server')
  validateBootstrapServer(options.valueOf('bootstrap-server'))
  return options
}

const NAMED_SPECS: Readonly<Record<string, OffsetSpec>> = {
  earliest: { spec: 'earliest' },
  latest: { spec: 'latest' },
  'max-timestamp': { spec: 'timestamp', timestamp: MAX_TIMESTAMP },
  'earliest-local': { spec: 'timestamp', timestamp: EARLIEST_LOCAL_TIMESTAMP },
  'latest-tiered': { spec: 'timestamp', timestamp: LATEST_TIERED_TIMESTAMP },
}

/**
 * GetOffsetShell.parseOffsetSpec. Max-timestamp, earliest-local and latest-tiered travel as their
 * ListOffsets timestamps (-3, -4, -5), as the Java Admin sends OffsetSpec.maxTimestamp() and the others.
 */
export function parseOffsetSpec(time: string): OffsetSpec {
  const named = Object.hasOwn(NAMED_SPECS, time) ? NAMED_SPECS[time] : undefined
  if (named !== undefined) return named
  if (!/^[+-]?[0-9]+$/.test(time) || BigInt(time) < -(2n ** 63n) || BigInt(time) >= 2n ** 63n) {
    throw new TerseException(
      `Malformed time argument ${time}. Please use -1 or latest / -2 or earliest / -3 or max-timestamp / -4 or earliest-local / -5 or latest-tiered, or a specified long format timestamp`,
    )
  }
  const timestamp = Number(time)
  if (timestamp === EARLIEST_TIMESTAMP) return { spec: 'earliest' }
  if (timestamp === LATEST_TIMESTAMP) return { spec: 'latest' }
  return { spec: 'timestamp', timestamp }
}
