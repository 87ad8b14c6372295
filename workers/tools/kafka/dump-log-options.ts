/**
 * kafka-dump-log's options (kafka.tools.DumpLogSegments.DumpLogSegmentsOptions, Kafka 4.1) with their help
 * texts, and the settings derived from them: data printing turns on with --print-data-log or any decoder
 * option, deep iteration with --deep-iteration or data printing; --files is split as Java's
 * String.split(",") splits (trailing empty names dropped).
 */
import { checkRequiredArgs, maybePrintHelpOrVersion } from './command-line-utils.ts'
import { javaSplit } from './java-lang.ts'
import type { OptionSpec } from './options/option-spec.ts'
import { HELP_AND_VERSION, flag, withArgument } from './options/option-spec.ts'
import type { OptionSet } from './options/option-set.ts'

export const STRING_DECODER = 'org.apache.kafka.tools.api.StringDecoder'
const DECODER_HELP =
  'This class should implement org.apache.kafka.tools.api.Decoder trait. Custom jar should be available in kafka/libs directory.'

/**
 * The record decoders: --offsets-decoder decodes __consumer_offsets, --cluster-metadata-decoder the metadata log;
 * the others are answered as not available.
 */
export const RECORD_DECODERS = [
  'offsets-decoder',
  'transaction-log-decoder',
  'cluster-metadata-decoder',
  'remote-log-metadata-decoder',
  'share-group-state-decoder',
] as const

export const DUMP_LOG_OPTIONS: readonly OptionSpec[] = [
  ...HELP_AND_VERSION,
  flag(
    'print-data-log',
    'If set, printing the messages content when dumping data logs. Automatically set if any decoder option is specified.',
  ),
  flag('verify-index-only', 'If set, just verify the index log without printing its content.'),
  flag(
    'index-sanity-check',
    'If set, just checks the index sanity without printing its content. This is the same check that is executed on broker startup to determine if an index needs rebuilding or not.',
  ),
  withArgument('files', 'REQUIRED: The comma separated list of data and index log files to be dumped.', {
    argumentDescription: 'file1, file2, ...',
  }),
  withArgument('max-message-size', 'Size of largest message.', {
    argumentDescription: 'size',
    type: 'Integer',
    defaultsTo: String(5 * 1024 * 1024),
  }),
  withArgument(
    'max-bytes',
    'Limit the amount of total batches read in bytes avoiding reading the whole .log file(s).',
    { argumentDescription: 'size', type: 'Integer', defaultsTo: String(2 ** 31 - 1) },
  ),
  flag(
    'deep-iteration',
    'If set, uses deep instead of shallow iteration. Automatically set if print-data-log is enabled.',
  ),
  withArgument('value-decoder-class', `If set, used to deserialize the messages. ${DECODER_HELP}`, {
    optional: true,
    defaultsTo: STRING_DECODER,
  }),
  withArgument('key-decoder-class', `If set, used to deserialize the keys. ${DECODER_HELP}`, {
    optional: true,
    defaultsTo: STRING_DECODER,
  }),
  flag(
    'offsets-decoder',
    'If set, log data will be parsed as offset data from the __consumer_offsets topic.',
  ),
  flag(
    'transaction-log-decoder',
    'If set, log data will be parsed as transaction metadata from the __transaction_state topic.',
  ),
  flag('cluster-metadata-decoder', 'If set, log data will be parsed as cluster metadata records.'),
  flag(
    'remote-log-metadata-decoder',
    'If set, log data will be parsed as TopicBasedRemoteLogMetadataManager (RLMM) metadata records. Instead, the value-decoder-class option can be used if a custom RLMM implementation is configured.',
  ),
  flag(
    'share-group-state-decoder',
    'If set, log data will be parsed as share group state data from the __share_group_state topic.',
  ),
  flag('skip-record-metadata', 'Whether to skip printing metadata for each record.'),
]

export interface DumpLogSettings {
  files: string[]
  printDataLog: boolean
  deepIteration: boolean
  skipRecordMetadata: boolean
  verifyOnly: boolean
  indexSanityOnly: boolean
  maxMessageSize: number
  maxBytes: number
  /** The decoder option given, if any (RECORD_DECODERS). */
  recordDecoder: string | null
  keyDecoder: string
  valueDecoder: string
}

/** The options constructor, maybePrintHelpOrVersion and checkArgs; throws UsageException / VersionRequest. */
export function dumpLogSettings(argv: readonly string[], options: OptionSet): DumpLogSettings {
  maybePrintHelpOrVersion(
    argv,
    options,
    'This tool helps to parse a log file and dump its contents to the console, useful for debugging a seemingly corrupt log segment.',
  )
  checkRequiredArgs(options, 'files')
  const recordDecoder = RECORD_DECODERS.find((name) => options.has(name)) ?? null
  const printDataLog =
    options.has('print-data-log') ||
    recordDecoder !== null ||
    options.has('value-decoder-class') ||
    options.has('key-decoder-class')
  return {
    files: javaSplit(options.valueOf('files') ?? '', ','),
    printDataLog,
    deepIteration: options.has('deep-iteration') || printDataLog,
    skipRecordMetadata: options.has('skip-record-metadata'),
    verifyOnly: options.has('verify-index-only'),
    indexSanityOnly: options.has('index-sanity-check'),
    maxMessageSize: options.numberOf('max-message-size') ?? 0,
    maxBytes: options.numberOf('max-bytes') ?? 0,
    recordDecoder,
    keyDecoder: options.valueOf('key-decoder-class') ?? STRING_DECODER,
    valueDecoder: options.valueOf('value-decoder-class') ?? STRING_DECODER,
  }
}
