/**
 * kafka-delete-records.sh (DeleteRecordsCommand of Kafka 4.1): reads --offset-json-file (delete-records-json.ts)
 * and asks Admin.deleteRecords to delete every record below each partition's offset (-1: below its high
 * watermark). Output on stdout:
 *   Executing records delete operation
 *   Records delete operation completed:
 *   partition: t-0	low_watermark: 3
 *   partition: t-1	error: org.apache.kafka.common.errors.OffsetOutOfRangeException: The requested offset ...
 * the second line printed as soon as the request is sent (the tool prints it before it waits on the futures),
 * the partitions in the HashMap order of the admin's result. A failed partition does not change the exit
 * code (0).
 *
 * Errors: the options are parsed as CommandDefaultOptions do (no arguments or --help print the usage, exit 1;
 * a missing --bootstrap-server or --offset-json-file prints `Missing required argument "[...]"` and the
 * usage). Everything else escapes main, as the tool catches nothing: `Exception in thread "main" <exception>`
 * on stderr, exit 1 (a joptsimple error, a missing --command-config or offset file as NoSuchFileException,
 * the JSON errors, `Offset json file contains duplicate topic partitions: t-0`). The command config is read
 * before the offset file, as createAdminClient runs first.
 */
import type { DeletedRecords } from '../../clients/kafka/api.ts'
import type { Tool, ToolContext } from '../tool.ts'
import { checkRequiredArgs, maybePrintHelpOrVersion } from './command-line-utils.ts'
import { checkDuplicates, parseOffsetJson } from './delete-records-json.ts'
import { parseOptions } from './options/option-parser.ts'
import type { OptionSpec } from './options/option-spec.ts'
import { HELP_AND_VERSION, withArgument } from './options/option-spec.ts'
import { asJavaException } from './tool-errors.ts'
import { runToolMain } from './tool-main.ts'
import { loadProps, readFileAsString } from './tool-files.ts'
import { clientLog } from './tool-log.ts'
import { topicPartitionHashOrder, topicPartitionString } from './topic-partition.ts'

const USAGE = 'This tool helps to delete records of the given partitions down to the specified offset.'

export const DELETE_RECORDS_OPTIONS: readonly OptionSpec[] = [
  ...HELP_AND_VERSION,
  withArgument('bootstrap-server', 'REQUIRED: The server to connect to.', {
    argumentDescription: 'server(s) to use for bootstrapping',
  }),
  withArgument(
    'offset-json-file',
    'REQUIRED: The JSON file with offset per partition. The format to use is:\n' +
      '{"partitions":\n  [{"topic": "foo", "partition": 1, "offset": 1}],\n "version":1\n}',
    { argumentDescription: 'Offset json file path' },
  ),
  withArgument('command-config', 'A property file containing configs to be passed to Admin Client.', {
    argumentDescription: 'command config property file path',
  }),
]

/** One result line, as the tool prints a completed or failed future. */
function resultLine(result: DeletedRecords): string {
  const tp = topicPartitionString(result)
  if (result.error === null) return `partition: ${tp}\tlow_watermark: ${result.lowWatermark}\n`
  // ExecutionException.getMessage(): the cause's toString().
  return `partition: ${tp}\terror: ${asJavaException(result.error).toString()}\n`
}

async function execute(argv: readonly string[], context: ToolContext): Promise<void> {
  const options = parseOptions(DELETE_RECORDS_OPTIONS, argv)
  maybePrintHelpOrVersion(argv, options, USAGE)
  checkRequiredArgs(options, 'bootstrap-server', 'offset-json-file')
  const commandConfig = options.valueOf('command-config')
  if (commandConfig !== null) loadProps(context, commandConfig)
  const admin = context.kafka.admin(options.valueOf('bootstrap-server') ?? '', clientLog(context))
  try {
    const partitions = parseOffsetJson(readFileAsString(context, options.valueOf('offset-json-file') ?? ''))
    checkDuplicates(partitions)
    context.out.stdout('Executing records delete operation\n')
    const results = admin.deleteRecords(
      partitions.map((p) => ({ topic: p.topic, partition: p.partition, beforeOffset: p.offsets[0] ?? -1 })),
    )
    context.out.stdout('Records delete operation completed:\n')
    for (const result of topicPartitionHashOrder(await results)) context.out.stdout(resultLine(result))
  } finally {
    await admin.close()
  }
}

export const kafkaDeleteRecords: Tool = (argv, context) =>
  runToolMain(context.out, () => execute(argv, context), {
    options: DELETE_RECORDS_OPTIONS,
    uncaught: (exception) => `Exception in thread "main" ${exception.stackTrace()}`,
  })
