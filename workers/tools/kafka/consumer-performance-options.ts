/**
 * kafka-consumer-perf-test's options (ConsumerPerformance.ConsumerPerfOptions of Kafka 4.1) and their checks
 * in the tool's order: a joptsimple error prints its message and the usage; no arguments or --help print the
 * usage; --version the version; then --bootstrap-server, --topic and --messages are required (each missing
 * one: `Missing required argument "[messages]"` with the usage; exit 1 for all of these). The options 3.x
 * deprecated (--broker-list, --threads, --num-fetch-threads) are gone in 4.x, so joptsimple does not know
 * them; --include, --num-records, --command-config and --command-property arrive after 4.1.
 *
 * Values are read when the tool uses them, as joptsimple converts on access (consumer-performance.ts): a bad
 * number fails there, after the header is printed. The default group id is `perf-consumer-<0..99999>`,
 * drawn once per run (from the shell's seeded random stream), and shows in the help table.
 */
import { illegalArgument } from './tool-errors.ts'
import type { OptionSet } from './options/option-set.ts'
import type { OptionSpec } from './options/option-spec.ts'
import { HELP_AND_VERSION, flag, withArgument } from './options/option-spec.ts'

export const CONSUMER_PERF_USAGE = 'This tool is used to verify the consumer performance.'

/** The options, with this run's default group id. */
export function consumerPerfOptions(defaultGroup: string): OptionSpec[] {
  return [
    ...HELP_AND_VERSION,
    withArgument('bootstrap-server', 'REQUIRED: The server(s) to connect to.', {
      argumentDescription: 'server to connect to',
    }),
    withArgument('topic', 'REQUIRED: The topic to consume from.', { argumentDescription: 'topic' }),
    withArgument('group', 'The group id to consume on.', {
      argumentDescription: 'gid',
      defaultsTo: defaultGroup,
    }),
    withArgument('fetch-size', 'The amount of data to fetch in a single request.', {
      argumentDescription: 'size',
      type: 'Integer',
      defaultsTo: '1048576',
    }),
    flag(
      'from-latest',
      'If the consumer does not already have an established offset to consume from, start with the latest message present in the log rather than the earliest message.',
    ),
    withArgument('socket-buffer-size', 'The size of the tcp RECV size.', {
      argumentDescription: 'size',
      type: 'Integer',
      defaultsTo: '2097152',
    }),
    withArgument('consumer.config', 'Consumer config properties file.', {
      argumentDescription: 'config file',
    }),
    flag('print-metrics', 'Print out the metrics.'),
    flag(
      'show-detailed-stats',
      'If set, stats are reported for each reporting interval as configured by reporting-interval',
    ),
    withArgument('timeout', 'The maximum allowed time in milliseconds between returned records.', {
      argumentDescription: 'milliseconds',
      type: 'Long',
      defaultsTo: '10000',
      optional: true,
    }),
    withArgument('messages', 'REQUIRED: The number of messages to send or consume', {
      argumentDescription: 'count',
      type: 'Long',
    }),
    withArgument('reporting-interval', 'Interval in milliseconds at which to print progress info.', {
      argumentDescription: 'interval_ms',
      type: 'Long',
      defaultsTo: '5000',
    }),
    withArgument(
      'date-format',
      'The date format to use for formatting the time field. See java.text.SimpleDateFormat for options.',
      { argumentDescription: 'date format', defaultsTo: 'yyyy-MM-dd HH:mm:ss:SSS' },
    ),
    flag('hide-header', 'If set, skips printing the header for the stats'),
  ]
}

/** An option's number, or its default when it is absent or given without a value (an optional argument). */
export function numberOrDefault(options: OptionSet, name: string, fallback: number): number {
  return options.valuesOf(name).length === 0 ? fallback : (options.numberOf(name) ?? fallback)
}

/** ConsumerPerfOptions.reportingIntervalMs. */
export function reportingIntervalMs(options: OptionSet): number {
  const value = numberOrDefault(options, 'reporting-interval', 5000)
  if (value <= 0) {
    throw illegalArgument('Reporting interval must be greater than 0.')
  }
  return value
}
