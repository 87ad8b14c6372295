/**
 * kafka-console-producer's options (ConsoleProducer.ConsoleProducerOptions of Kafka 4.1; --broker-list was
 * removed in 4.0) with their exact help texts, checkArgs, and the producer configs the tool derives from
 * them (producerProps: --producer-property first, then each tool option that was given or whose config
 * is still unset, as CommandLineUtils.maybeMergeOptions does).
 */
import { checkRequiredArgs, maybePrintHelpOrVersion, parseKeyValueArgs } from './command-line-utils.ts'
import type { OptionSpec } from './options/option-spec.ts'
import { HELP_AND_VERSION, flag, specText, withArgument } from './options/option-spec.ts'
import type { OptionSet } from './options/option-set.ts'
import { validateBootstrapServer } from './tools-utils.ts'

export const CONSOLE_PRODUCER_OPTIONS: readonly OptionSpec[] = [
  ...HELP_AND_VERSION,
  withArgument('topic', 'REQUIRED: The topic name to produce messages to.', { argumentDescription: 'topic' }),
  withArgument(
    'bootstrap-server',
    'REQUIRED: The server(s) to connect to. The broker list string in the form HOST1:PORT1,HOST2:PORT2.',
    { argumentDescription: 'server to connect to' },
  ),
  flag(
    'sync',
    'If set message send requests to the brokers are synchronously, one at a time as they arrive.',
  ),
  withArgument(
    'compression-codec',
    "The compression codec: either 'none', 'gzip', 'snappy', 'lz4', or 'zstd'.If specified without value, then it defaults to 'gzip'",
    { argumentDescription: 'compression-codec', optional: true },
  ),
  withArgument(
    'batch-size',
    'Number of messages to send in a single batch if they are not being sent synchronously. please note that this option will be replaced if max-partition-memory-bytes is also set',
    { argumentDescription: 'size', type: 'Integer', defaultsTo: '16384' },
  ),
  withArgument(
    'message-send-max-retries',
    'Brokers can fail receiving the message for multiple reasons, and being unavailable transiently is just one of them. This property specifies the number of retries before the producer give up and drop this message. This is the option to control `retries` in producer configs.',
    { type: 'Integer', defaultsTo: '3' },
  ),
  withArgument(
    'retry-backoff-ms',
    'Before each retry, the producer refreshes the metadata of relevant topics. Since leader election takes a bit of time, this property specifies the amount of time that the producer waits before refreshing the metadata. This is the option to control `retry.backoff.ms` in producer configs.',
    { type: 'Long', defaultsTo: '100' },
  ),
  withArgument(
    'timeout',
    'If set and the producer is running in asynchronous mode, this gives the maximum amount of time a message will queue awaiting sufficient batch size. The value is given in ms. This is the option to control `linger.ms` in producer configs.',
    { argumentDescription: 'timeout_ms', type: 'Long', defaultsTo: '1000' },
  ),
  withArgument('request-required-acks', 'The required `acks` of the producer requests', {
    argumentDescription: 'request required acks',
    defaultsTo: '-1',
  }),
  withArgument(
    'request-timeout-ms',
    'The ack timeout of the producer requests. Value must be non-negative and non-zero.',
    { argumentDescription: 'request timeout ms', type: 'Integer', defaultsTo: '1500' },
  ),
  withArgument(
    'metadata-expiry-ms',
    "The period of time in milliseconds after which we force a refresh of metadata even if we haven't seen any leadership changes. This is the option to control `metadata.max.age.ms` in producer configs.",
    { argumentDescription: 'metadata expiration interval', type: 'Long', defaultsTo: '300000' },
  ),
  withArgument('max-block-ms', 'The max time that the producer will block for during a send request.', {
    argumentDescription: 'max block on send',
    type: 'Long',
    defaultsTo: '60000',
  }),
  withArgument(
    'max-memory-bytes',
    'The total memory used by the producer to buffer records waiting to be sent to the server. This is the option to control `buffer.memory` in producer configs.',
    { argumentDescription: 'total memory in bytes', type: 'Long', defaultsTo: '33554432' },
  ),
  withArgument(
    'max-partition-memory-bytes',
    'The buffer size allocated for a partition. When records are received which are smaller than this size the producer will attempt to optimistically group them together until this size is reached. This is the option to control `batch.size` in producer configs.',
    { argumentDescription: 'memory in bytes per partition', type: 'Integer', defaultsTo: '16384' },
  ),
  withArgument(
    'line-reader',
    'The class name of the class to use for reading lines from standard in. By default each line is read as a separate message.',
    { argumentDescription: 'reader_class', defaultsTo: 'org.apache.kafka.tools.LineMessageReader' },
  ),
  withArgument(
    'socket-buffer-size',
    'The size of the tcp RECV size. This is the option to control `send.buffer.bytes` in producer configs.',
    { argumentDescription: 'size', type: 'Integer', defaultsTo: '102400' },
  ),
  withArgument(
    'property',
    'A mechanism to pass user-defined properties in the form key=value to the message reader. This allows custom configuration for a user-defined message reader.' +
      '\nDefault properties include:\n parse.key=false\n parse.headers=false\n ignore.error=false\n key.separator=\\t' +
      '\n headers.delimiter=\\t\n headers.separator=,\n headers.key.separator=:' +
      '\n null.marker=   When set, any fields (key, value and headers) equal to this will be replaced by null' +
      '\nDefault parsing pattern when:\n parse.headers=true and parse.key=true:\n  "h1:v1,h2:v2...\\tkey\\tvalue"' +
      '\n parse.key=true:\n  "key\\tvalue"\n parse.headers=true:\n  "h1:v1,h2:v2...\\tvalue"',
    { argumentDescription: 'prop' },
  ),
  withArgument(
    'reader-config',
    `Config properties file for the message reader. Note that ${specText('property')} takes precedence over this config.`,
    { argumentDescription: 'config file' },
  ),
  withArgument(
    'producer-property',
    'A mechanism to pass user-defined properties in the form key=value to the producer. ',
    { argumentDescription: 'producer_prop' },
  ),
  withArgument(
    'producer.config',
    `Producer config properties file. Note that ${specText('producer-property')} takes precedence over this config.`,
    { argumentDescription: 'config file' },
  ),
]

/** ConsoleProducerOptions.checkArgs. */
export function checkConsoleProducerArgs(argv: readonly string[], options: OptionSet): void {
  maybePrintHelpOrVersion(
    argv,
    options,
    'This tool helps to read data from standard input and publish it to Kafka.',
  )
  checkRequiredArgs(options, 'topic')
  validateBootstrapServer(options.valueOf('bootstrap-server'))
}

/** The options CommandLineUtils.maybeMergeOptions copies into producer configs, in the tool's order. */
const MERGED: readonly [string, string][] = [
  ['linger.ms', 'timeout'],
  ['acks', 'request-required-acks'],
  ['request.timeout.ms', 'request-timeout-ms'],
  ['retries', 'message-send-max-retries'],
  ['retry.backoff.ms', 'retry-backoff-ms'],
  ['send.buffer.bytes', 'socket-buffer-size'],
  ['buffer.memory', 'max-memory-bytes'],
  ['batch.size', 'batch-size'],
  ['batch.size', 'max-partition-memory-bytes'],
  ['metadata.max.age.ms', 'metadata-expiry-ms'],
  ['max.block.ms', 'max-block-ms'],
]

/** ConsoleProducerOptions.producerProps (numbers are converted here, as joptsimple's valueOf does). */
export function producerProps(options: OptionSet): Record<string, string> {
  const props: Record<string, string> = Object.fromEntries(
    parseKeyValueArgs(options.valuesOf('producer-property')),
  )
  props['bootstrap.servers'] = options.valueOf('bootstrap-server') ?? ''
  const codec = options.valueOf('compression-codec')
  props['compression.type'] = options.has('compression-codec')
    ? codec === null || codec === ''
      ? 'gzip'
      : codec
    : 'none'
  props['client.id'] ??= 'console-producer'
  props['key.serializer'] = 'org.apache.kafka.common.serialization.ByteArraySerializer'
  props['value.serializer'] = 'org.apache.kafka.common.serialization.ByteArraySerializer'
  for (const [config, option] of MERGED) {
    if (options.has(option) || props[config] === undefined) {
      const spec = CONSOLE_PRODUCER_OPTIONS.find((each) => each.name === option)
      props[config] =
        spec?.type === 'String' ? (options.valueOf(option) ?? '') : String(options.numberOf(option))
    }
  }
  return props
}
