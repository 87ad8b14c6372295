/**
 * Cleaner: one cleaning round of one log (Kafka 4.1's Cleaner.doClean). It builds the offset map over the
 * dirty range [firstDirtyOffset, firstUncleanableOffset), groups every segment below the end of that range
 * into groups of at most segment.bytes (groupSegmentsBySize), filters each group's batches into one new
 * segment at the group's base offset (cleaner-record-filter.ts) and swaps it in for the group
 * (UnifiedLog.replaceSegments). Returns the offset the next round starts from, the new cleaner checkpoint.
 *
 * A batch the filter rewrites is compressed again with its original codec, as Kafka's cleaner does.
 *
 * Transactions: the offset map leaves out the records of aborted transactions (so an aborted value never
 * supersedes a committed one), and the filter drops their batches. One CleanedTransactionMetadata walks the
 * round's groups in order, fed each segment's aborted transactions from the transaction index before the
 * segment is read; each cleaned segment's index holds the AbortedTxn entries of the ABORT markers it keeps.
 *
 * Kafka also bounds a group by the sizes of its offset and time indexes (segment.index.bytes); the
 * playground's indexes are far below that bound, so only the log bytes and the int32 offset range count.
 */
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { CleanedTransactionMetadata } from './cleaned-transaction-metadata.ts'
import { filterBatch, type FilterContext } from './cleaner-record-filter.ts'
import { segmentsBetween, type CleanerSegment, type LogToClean } from './log-cleaner-manager.ts'
import { OffsetMap } from './offset-map.ts'
import type { UnifiedLog } from './unified-log.ts'

const INT_MAX = 0x7fffffff

/**
 * Groups consecutive segments while the group's log bytes stay <= maxSize and its offsets fit an int32
 * relative to its base (an empty candidate skips the offset check), as Cleaner.groupSegmentsBySize does.
 */
export function groupSegmentsBySize(
  segments: readonly CleanerSegment[],
  maxSize: number,
  firstUncleanableOffset: number,
): CleanerSegment[][] {
  const groups: CleanerSegment[][] = []
  let i = 0
  while (i < segments.length) {
    const group = [segments[i]!]
    let size = segments[i]!.size
    i++
    for (let next = segments[i]; next && size + next.size <= maxSize; next = segments[i]) {
      const lastOffset = (segments[i + 1]?.baseOffset ?? firstUncleanableOffset) - 1
      if (next.size > 0 && lastOffset - group[0]!.baseOffset > INT_MAX) break
      group.push(next)
      size += next.size
      i++
    }
    groups.push(group)
  }
  return groups
}

export class Cleaner {
  constructor(private readonly engine: LogEngine) {}

  /** Cleans `log` as `toClean` describes at time `now`; returns the next first dirty offset. */
  clean(log: UnifiedLog, toClean: LogToClean, now: number): number {
    const end = toClean.firstUncleanableOffset
    const map = this.buildOffsetMap(log, toClean.firstDirtyOffset, end)
    const endOffset = map.latestOffset + 1
    const context: FilterContext = {
      map,
      now,
      deleteRetentionMs: log.compaction.deleteRetentionMs,
      crc32c: (bytes) => this.engine.crc32c(bytes),
      transactions: new CleanedTransactionMetadata(),
    }
    const all = log.cleanable().segments
    const segments = segmentsBetween(all, 0, endOffset)
    // A segment's aborted transactions are those starting below the next segment (Kafka: its next offset).
    const upperBounds = new Map(all.map((s, i) => [s.baseOffset, all[i + 1]?.baseOffset ?? log.logEndOffset]))
    for (const group of groupSegmentsBySize(segments, log.config.segmentBytes, end)) {
      this.cleanSegments(log, group, context, upperBounds)
    }
    return endOffset
  }

  /**
   * Cleaner.buildOffsetMap: every keyed record of the dirty segments at or past `start` (they all lie below
   * `end`, a segment base offset).
   */
  private buildOffsetMap(log: UnifiedLog, start: number, end: number): OffsetMap {
    const map = new OffsetMap()
    const dirty = segmentsBetween(log.cleanable().segments, start, end)
    const transactions = new CleanedTransactionMetadata()
    transactions.addAbortedTransactions(log.collectAbortedTransactions(start, end))
    for (const segment of dirty) {
      for (const batch of this.engine.decodeBatches(log.segmentLogBytes(segment.baseOffset))) {
        if (batch.isControlBatch) transactions.onControlBatchRead(batch)
        else if (!transactions.onBatchRead(batch)) {
          for (const record of batch.records) {
            if (record.key !== null && record.offset >= start) map.put(record.key, record.offset)
          }
        }
        if (batch.lastOffset >= start) map.updateLatestOffset(batch.lastOffset)
      }
    }
    // Offset gaps at the end of the range still count as seen (updateLatestOffset(nextSegmentStart - 1)).
    if (dirty.length > 0) map.updateLatestOffset(end - 1)
    return map
  }

  private cleanSegments(
    log: UnifiedLog,
    group: readonly CleanerSegment[],
    context: FilterContext,
    upperBounds: ReadonlyMap<number, number>,
  ): void {
    const parts: Uint8Array[] = []
    for (const segment of group) {
      const { baseOffset } = segment
      context.transactions.addAbortedTransactions(
        log.collectAbortedTransactions(baseOffset, upperBounds.get(baseOffset)!),
      )
      const bytes = log.segmentLogBytes(baseOffset)
      for (const batch of this.engine.decodeBatches(bytes)) {
        const original = bytes.subarray(batch.position, batch.position + batch.batchLength + 12)
        for (const part of filterBatch(context, batch, original)) {
          // A rewritten batch keeps its codec (buildRetainedRecordsInto uses the original compression type).
          const compression = { type: batch.compressionType }
          parts.push(part === original ? part : this.engine.recompressBatches(part, compression))
        }
      }
    }
    const cleanedBytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
    let at = 0
    for (const part of parts) {
      cleanedBytes.set(part, at)
      at += part.length
    }
    const base = group[0]!.baseOffset
    const { segment, truncatedBytes } = this.engine.recoverSegment(base, cleanedBytes)
    if (truncatedBytes > 0) {
      segment.free()
      throw new Error(`Cleaned segment ${base} failed validation: ${truncatedBytes} bytes would be lost`)
    }
    log.replaceSegments(
      segment,
      group.map((s) => s.baseOffset),
      context.transactions.takeCleanedTxns(),
    )
  }
}
