/**
 * LogDirFiles: the files a broker's log.dirs holds, read-only, as `kafka-dump-log` on its host would open
 * them: `<logDir>/<topic>-<partition>/<baseOffset, 20 digits>.log`, `.index` and `.timeindex`, one set per
 * segment of every partition replica the broker hosts, and the one active segment of the metadata log,
 * `<logDir>/__cluster_metadata-0/00000000000000000000.*` (KRaft's metadata.log.dir defaults to the first
 * log dir). Nothing here writes.
 *
 * Contents, from the UnifiedLog's segment list (cleanable()) and segmentLogBytes, or for the metadata log
 * from the raft log's batches (metadata-log-segment.ts):
 * - `.log`: the segment's RecordBatch v2 bytes, exactly;
 * - `.index` / `.timeindex`: the entries (8 bytes: relative offset int32, position int32; 12 bytes:
 *   timestamp int64, relative offset int32; big-endian) that log.wasm builds for those bytes with
 *   LogSegment.recover's rule. For one-batch appends they equal the append-time entries; a rolled segment
 *   keeps the closing (max timestamp, offset) time entry Kafka adds on roll. The active segment drops that
 *   closing entry (Kafka adds it only on roll or close) and ends in one zero entry, standing for the zero
 *   tail of Kafka's preallocated index files (log.index.size.max.bytes): a dump stops there as
 *   DumpLogSegments does.
 * - `.txnindex`: the segment's aborted transactions (transaction-index.ts), 34 bytes each; like Kafka's, the
 *   file exists only once the segment holds one.
 */
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import type { UnifiedLog } from '../log/unified-log.ts'
import { transactionIndexBytes, type AbortedTxn } from '../log/transaction-index.ts'
import {
  metadataLogBatches,
  metadataLogSegment,
  type MetadataLogSource,
} from '../metadata/metadata-log-segment.ts'

export interface HostedLog {
  readonly topicName: string
  readonly partition: number
  readonly log: UnifiedLog
}

interface SegmentBytes {
  baseOffset: number
  bytes: Uint8Array
  active: boolean
  /** The `.txnindex` entries (none for the metadata log). */
  abortedTxns: readonly AbortedTxn[]
}

const OFFSET_ENTRY_SIZE = 8
const TIME_ENTRY_SIZE = 12
const FILE_NAME = /^(\d{20})\.(log|index|timeindex|txnindex)$/
const METADATA_LOG_DIRECTORY = '__cluster_metadata-0'

export class LogDirFiles {
  constructor(
    readonly logDir: string,
    private readonly logs: () => readonly HostedLog[],
    private readonly engine: LogEngine,
    private readonly metadataLog: MetadataLogSource,
  ) {}

  /** The file's current bytes, or null when this log dir has no such file. */
  read(path: string): Uint8Array | null {
    if (!path.startsWith(this.logDir + '/')) return null
    const [directory, file, ...rest] = path.slice(this.logDir.length + 1).split('/')
    const name = FILE_NAME.exec(file ?? '')
    if (rest.length > 0 || name === null) return null
    const segment = this.segmentsIn(directory ?? '').find((s) => s.baseOffset === Number(name[1]))
    if (segment === undefined) return null
    if (name[2] === 'log') return segment.bytes
    if (name[2] === 'txnindex') {
      return segment.abortedTxns.length === 0 ? null : transactionIndexBytes(segment.abortedTxns)
    }
    return this.indexBytes(segment, name[2] === 'index')
  }

  private segmentsIn(directory: string): SegmentBytes[] {
    if (directory === METADATA_LOG_DIRECTORY) {
      const batches = metadataLogBatches(this.metadataLog)
      return [
        {
          baseOffset: 0,
          bytes: metadataLogSegment(batches, (b) => this.engine.crc32c(b)),
          active: true,
          abortedTxns: [],
        },
      ]
    }
    const hosted = this.logs().find(({ topicName, partition }) => `${topicName}-${partition}` === directory)
    return hosted ? this.segments(hosted.log) : []
  }

  private segments(log: UnifiedLog): SegmentBytes[] {
    const { segments } = log.cleanable()
    return segments.map(({ baseOffset }, i) => ({
      baseOffset,
      bytes: log.segmentLogBytes(baseOffset),
      active: i === segments.length - 1,
      abortedTxns: log.abortedTxns(baseOffset),
    }))
  }

  private indexBytes({ baseOffset, bytes, active }: SegmentBytes, offsetIndex: boolean): Uint8Array {
    const { segment } = this.engine.recoverSegment(baseOffset, bytes)
    const offsets = segment.offsetIndexBytes()
    const times = segment.timeIndexBytes()
    segment.free()
    if (!active) return offsetIndex ? offsets : times
    if (offsetIndex) return withZeroEntry(offsets, OFFSET_ENTRY_SIZE)
    return withZeroEntry(times.subarray(0, liveTimeIndexLength(offsets, times)), TIME_ENTRY_SIZE)
  }
}

/**
 * The time index length without recovery's closing entry: recovery appends (max timestamp, its batch's
 * last offset) after the last offset-index entry, and only that entry can lie past it.
 */
function liveTimeIndexLength(offsets: Uint8Array, times: Uint8Array): number {
  if (times.length === 0) return 0
  const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const lastTimeOffset = view(times).getInt32(times.length - TIME_ENTRY_SIZE + 8)
  const lastOffset = offsets.length === 0 ? -1 : view(offsets).getInt32(offsets.length - OFFSET_ENTRY_SIZE)
  return lastTimeOffset > lastOffset ? times.length - TIME_ENTRY_SIZE : times.length
}

function withZeroEntry(entries: Uint8Array, entrySize: number): Uint8Array {
  const out = new Uint8Array(entries.length + entrySize)
  out.set(entries)
  return out
}
