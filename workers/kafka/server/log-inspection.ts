/**
 * ListOffsets' MAX_TIMESTAMP lookup over one partition's UnifiedLog, from the log's public reads (whole
 * batches, one segment at a time, from the log start offset):
 * - `maxTimestampAndOffset`: the largest record timestamp and the first offset carrying it, as
 *   UnifiedLog.fetchOffsetByTimestamp(MAX_TIMESTAMP) finds it (a later batch wins only with a strictly
 *   larger timestamp; inside the batch, its first record with that timestamp), or null for an empty log.
 */
import type { DecodedBatch, LogEngine } from '../../../engine-wasm/src/log/index.ts'
import type { UnifiedLog } from '../log/unified-log.ts'

/** Read whole segments at a time. */
const SEGMENT_READ_BYTES = 2 ** 31 - 1

function* batchesOf(log: UnifiedLog, engine: LogEngine): Generator<DecodedBatch> {
  let offset = log.logStartOffset
  while (offset < log.logEndOffset) {
    const batches = engine.decodeBatches(log.read(offset, SEGMENT_READ_BYTES, log.logEndOffset))
    const last = batches[batches.length - 1]
    if (last === undefined) return
    yield* batches
    offset = last.lastOffset + 1
  }
}

export function maxTimestampAndOffset(
  log: UnifiedLog,
  engine: LogEngine,
): { timestamp: number; offset: number } | null {
  let found: DecodedBatch | null = null
  for (const batch of batchesOf(log, engine)) {
    if (found === null || batch.maxTimestamp > found.maxTimestamp) found = batch
  }
  if (found === null) return null
  const timestamp = found.maxTimestamp
  const record = found.records.find((r) => r.timestamp === timestamp)
  return { timestamp, offset: record?.offset ?? found.lastOffset }
}
