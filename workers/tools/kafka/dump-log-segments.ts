/**
 * kafka-dump-log.sh (kafka.tools.DumpLogSegments, Kafka 4.1): for each of --files, `Dumping <file>` and
 * by suffix: a .log's batches (`baseOffset: ... isvalid: true`, position = bytes before the batch) and,
 * with deep iteration, its records (`| offset: ... headerKeys: [a,b]`, then ` key: k payload: v` with
 * --print-data-log, StringDecoder text or, with --offsets-decoder, --transaction-log-decoder or
 * --cluster-metadata-decoder, the group coordinator's, the transaction coordinator's or the metadata log's
 * records as JSON: dump-log-parsers.ts; a control batch's records show
 * their control type instead: dump-log-control-records.ts); a .index or .timeindex's entries
 * (dump-log-index.ts); a .txnindex's AbortedTxn entries (`version: 0 producerId: ... lastStableOffset: ...`); any other suffix `Ignoring unknown file <file>` on stderr. The collected mismatches follow on stderr
 * (dump-log-errors.ts). An exception ends the tool as an uncaught one ends the JVM:
 * `Exception in thread "main" <class>: <message>` on stderr, exit 1 (e.g. NoSuchFileException for a missing
 * file). Files live on the broker hosts (ToolContext.hostFiles). The remote-log-metadata and
 * share-group-state decoders and decoder classes other than StringDecoder are answered with a
 * `[playground]` line, exit 1.
 */
import type { DecodedBatch, DecodedRecord } from '../../../engine-wasm/src/log/types.ts'
import { COMPRESSION_NAMES } from '../../../engine-wasm/src/log/compression/compression-type.ts'
import type { HostFiles, Tool, ToolContext, ToolOutput } from '../tool.ts'
import { DumpLogErrors } from './dump-log-errors.ts'
import { baseOffsetOf, fileBatches, fileName, javaFilePath, readFile } from './dump-log-files.ts'
import { dumpIndex, dumpTimeIndex } from './dump-log-index.ts'
import { parseTransactionIndex } from '../../kafka/log/transaction-index.ts'
import { controlRecordText } from './dump-log-control-records.ts'
import {
  clusterMetadataMessageParser,
  offsetsMessageParser,
  transactionLogMessageParser,
  stringDecoderParser,
  type MessageParser,
} from './dump-log-parsers.ts'
import {
  DUMP_LOG_OPTIONS,
  STRING_DECODER,
  dumpLogSettings,
  type DumpLogSettings,
} from './dump-log-options.ts'
import { JavaException } from './java-exception.ts'
import { parseOptions } from './options/option-parser.ts'
import { TerseException } from './tool-errors.ts'
import { runToolMain } from './tool-main.ts'

const TIMESTAMP_TYPE_MASK = 0x08
const DELETE_HORIZON_MASK = 0x40
const MAX_INT = 2 ** 31 - 1

/** DefaultRecordBatch.incrementSequence: sequences wrap from Integer.MAX_VALUE to 0. */
function incrementSequence(sequence: number, increment: number): number {
  return sequence > MAX_INT - increment ? increment - (MAX_INT - sequence) - 1 : sequence + increment
}

function timestampType(batch: DecodedBatch): string {
  return (batch.attributes & TIMESTAMP_TYPE_MASK) !== 0 ? 'LogAppendTime' : 'CreateTime'
}

/** printBatchLevel for a v2 batch. */
function batchLine(batch: DecodedBatch): string {
  const lastSequence =
    batch.baseSequence < 0 ? -1 : incrementSequence(batch.baseSequence, batch.lastOffsetDelta)
  const deleteHorizon =
    (batch.attributes & DELETE_HORIZON_MASK) !== 0
      ? `OptionalLong[${batch.baseTimestamp}]`
      : 'OptionalLong.empty'
  return (
    `baseOffset: ${batch.baseOffset} lastOffset: ${batch.lastOffset} count: ${batch.records.length}` +
    ` baseSequence: ${batch.baseSequence} lastSequence: ${lastSequence} producerId: ${batch.producerId}` +
    ` producerEpoch: ${batch.producerEpoch} partitionLeaderEpoch: ${batch.partitionLeaderEpoch}` +
    ` isTransactional: ${batch.isTransactional} isControl: ${batch.isControlBatch}` +
    ` deleteHorizonMs: ${deleteHorizon} position: ${batch.position} ${timestampType(batch)}: ${batch.maxTimestamp}` +
    ` size: ${batch.batchLength + 12} magic: ${batch.magic}` +
    ` compresscodec: ${COMPRESSION_NAMES[batch.compressionType]} crc: ${batch.crc >>> 0} isvalid: true\n`
  )
}

/** One record's line: metadata unless skipped, then key and payload when data is printed. */
function recordLine(
  batch: DecodedBatch,
  record: DecodedRecord,
  settings: DumpLogSettings,
  parser: MessageParser,
): string {
  let line = ''
  let prefix = '| '
  if (!settings.skipRecordMetadata) {
    const sequence =
      batch.baseSequence < 0 ? -1 : incrementSequence(batch.baseSequence, record.offset - batch.baseOffset)
    line +=
      `${prefix}offset: ${record.offset} ${timestampType(batch)}: ${record.timestamp}` +
      ` keySize: ${record.key?.length ?? -1} valueSize: ${record.value?.length ?? -1}` +
      ` sequence: ${sequence} headerKeys: [${record.headers.map((header) => header.key).join(',')}]`
    if (batch.isControlBatch) line += controlRecordText(record)
    prefix = ' '
  }
  if (settings.printDataLog && !batch.isControlBatch) {
    const { key, payload } = parser(record)
    if (key !== null) line += `${prefix}key: ${key}`
    if (payload !== null) line += ` payload: ${payload}`
  }
  return line + '\n'
}

/** DumpLogSegmentsOptions.messageParser: the record decoder given, else the key and value decoder classes. */
function messageParser(settings: DumpLogSettings): MessageParser {
  if (settings.recordDecoder === 'offsets-decoder') return offsetsMessageParser
  if (settings.recordDecoder === 'cluster-metadata-decoder') return clusterMetadataMessageParser
  if (settings.recordDecoder === 'transaction-log-decoder') return transactionLogMessageParser
  if (settings.recordDecoder !== null) {
    throw new TerseException(
      `[playground] --${settings.recordDecoder} is not available: the playground keeps no such records in segment files.`,
    )
  }
  for (const decoder of [settings.valueDecoder, settings.keyDecoder]) {
    if (decoder === STRING_DECODER) continue
    if (decoder.startsWith('org.apache.kafka.tools.api.')) {
      throw new TerseException(`[playground] Only ${STRING_DECODER} is available as a decoder class.`)
    }
    throw new JavaException('java.lang.ClassNotFoundException', decoder)
  }
  return stringDecoderParser
}

async function dumpLog(
  files: HostFiles,
  path: string,
  settings: DumpLogSettings,
  errors: DumpLogErrors,
  out: ToolOutput,
): Promise<void> {
  const parser = messageParser(settings)
  out.stdout(`Log starting offset: ${baseOffsetOf(path)}\n`)
  const { batches, sizeInBytes } = fileBatches(files, await readFile(files, path), settings.maxBytes)
  let validBytes = 0
  let lastOffset = -1
  for (const batch of batches) {
    out.stdout(batchLine(batch))
    if (settings.deepIteration) {
      for (const record of batch.records) {
        if (lastOffset !== -1 && record.offset !== lastOffset + 1) {
          errors.nonConsecutiveOffsets(path, lastOffset, record.offset)
        }
        lastOffset = record.offset
        out.stdout(recordLine(batch, record, settings, parser))
      }
    }
    validBytes += batch.batchLength + 12
  }
  const trailingBytes = sizeInBytes - validBytes
  if (trailingBytes > 0 && settings.maxBytes === MAX_INT) {
    out.stdout(`Found ${trailingBytes} invalid bytes at the end of ${fileName(path)}\n`)
  }
}

/** DumpLogSegments.dumpTxnIndex: one line per AbortedTxn. */
async function dumpTxnIndex(files: HostFiles, path: string, out: ToolOutput): Promise<void> {
  for (const txn of parseTransactionIndex(await readFile(files, path))) {
    out.stdout(
      `version: ${txn.version} producerId: ${txn.producerId} firstOffset: ${txn.firstOffset} ` +
        `lastOffset: ${txn.lastOffset} lastStableOffset: ${txn.lastStableOffset}\n`,
    )
  }
}

async function dumpFile(
  files: HostFiles,
  path: string,
  settings: DumpLogSettings,
  errors: DumpLogErrors,
  out: ToolOutput,
) {
  out.stdout(`Dumping ${path}\n`)
  const name = fileName(path)
  const dot = name.lastIndexOf('.')
  if (dot === -1) {
    throw new JavaException(
      'java.lang.StringIndexOutOfBoundsException',
      `begin -1, end ${name.length}, length ${name.length}`,
    )
  }
  const suffix = name.slice(dot)
  if (suffix === '.log') await dumpLog(files, path, settings, errors, out)
  else if (suffix === '.index') await dumpIndex(files, path, settings, errors, out)
  else if (suffix === '.timeindex') await dumpTimeIndex(files, path, settings, errors, out)
  else if (suffix === '.txnindex') await dumpTxnIndex(files, path, out)
  else out.stderr(`Ignoring unknown file ${path}\n`)
}

async function execute(settings: DumpLogSettings, context: ToolContext): Promise<void> {
  const files = context.hostFiles
  if (files === undefined) {
    throw new TerseException(
      "[playground] kafka-dump-log needs the brokers' log dirs, which this console does not have.",
    )
  }
  const errors = new DumpLogErrors()
  for (const file of settings.files) await dumpFile(files, javaFilePath(file), settings, errors, context.out)
  context.out.stderr(errors.report())
}

export const kafkaDumpLog: Tool = (argv, context) =>
  runToolMain(
    context.out,
    () => execute(dumpLogSettings(argv, parseOptions(DUMP_LOG_OPTIONS, argv)), context),
    {
      options: DUMP_LOG_OPTIONS,
      uncaught: (exception) => `Exception in thread "main" ${exception.stackTrace()}`,
    },
  )
