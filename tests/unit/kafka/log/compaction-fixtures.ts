// Shared by the compaction tests: a compacted UnifiedLog where every append is its own segment, keyed
// records, one cleaning round as the LogCleaner runs it, and the consumer's view of a log from its start.
import type { LogEngine, RecordInput } from '../../../../engine-wasm/src/log/index.ts'
import { Cleaner } from '../../../../workers/kafka/log/cleaner.ts'
import {
  cleanableOffsets,
  logToClean,
  shouldClean,
} from '../../../../workers/kafka/log/log-cleaner-manager.ts'
import { UnifiedLog, type LogConfig } from '../../../../workers/kafka/log/unified-log.ts'
import { text, utf8 } from '../kafka-fixtures.ts'

/** `key=value`, or `key=` for a tombstone (null value). */
export function keyed(spec: string, timestamp = 1_000): RecordInput {
  const [key = '', value = ''] = spec.split('=')
  return { key: utf8(key), value: value === '' ? null : utf8(value), timestamp, headers: [] }
}

/** A compacted log whose segment.bytes of 1 makes every append roll a new segment. */
export function compactedLog(engine: LogEngine, config: Partial<LogConfig> = {}): UnifiedLog {
  return new UnifiedLog(engine, { segmentBytes: 1, compact: true, ...config })
}

/** Appends one batch per entry (each its own segment) and moves the high watermark to the end. */
export function appendBatches(engine: LogEngine, log: UnifiedLog, batches: RecordInput[][]): void {
  for (const records of batches) log.appendAsLeader(engine.encodeBatch(records))
  log.highWatermark = log.logEndOffset
}

export type Seen = [offset: number, key: string | null, value: string | null]

/** What a consumer reading from the log start offset to the log end sees. */
export function consume(engine: LogEngine, log: UnifiedLog): Seen[] {
  const seen: Seen[] = []
  for (let offset = log.logStartOffset; ;) {
    const batches = engine.decodeBatches(log.read(offset, 1 << 20, log.logEndOffset))
    const records = batches.flatMap((b) => b.records).filter((r) => r.offset >= offset)
    if (records.length === 0) return seen
    for (const r of records) seen.push([r.offset, text(r.key), text(r.value)])
    offset = records[records.length - 1]!.offset + 1
  }
}

/** One round as the LogCleaner runs it; returns the new checkpoint, or null when the log is not cleanable. */
export function cleanOnce(
  engine: LogEngine,
  log: UnifiedLog,
  now: number,
  checkpoint?: number,
): number | null {
  const view = log.cleanable()
  const toClean = logToClean(view, cleanableOffsets(view, checkpoint, now), now)
  if (!shouldClean(toClean, view.compaction.minCleanableRatio)) return null
  return new Cleaner(engine).clean(log, toClean, now)
}
