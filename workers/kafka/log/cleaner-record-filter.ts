/**
 * What the log cleaner keeps of one batch (Kafka 4.1's Cleaner.cleanInto record filter and
 * MemoryRecords.filterTo), given the offset map of the round and the time the round started.
 *
 * A record is kept when its offset is past the map's latest offset, or when it has a key, its offset is at
 * least the map's offset for that key, and it has a value or its batch's delete horizon has not passed
 * (no horizon yet, or now < horizon). Records without a key are dropped.
 *
 * Transactions (Cleaner.cleanInto's checkBatchRetention, with cleaned-transaction-metadata.ts): a batch of an
 * aborted transaction is dropped whole. A transaction marker is kept whole until its transaction has no
 * batch left; then it gets a delete horizon as a tombstone does, and goes at the first round past it.
 *
 * A batch that keeps every record and needs no new horizon is copied byte for byte. A batch that keeps a
 * tombstone and has no horizon yet gets one: now + delete.retention.ms, stamped as baseTimestamp with
 * attribute bit 6 (KIP-534), so the tombstone survives that long after the first round that kept it. Other
 * batches that lose records are rewritten with the kept ones, keeping their offsets, epoch, producer fields
 * and any existing horizon.
 *
 * Differences from Kafka, because log.wasm accepts only batches whose records have consecutive offsets:
 * Kafka rewrites a batch as one batch with gaps between offsets and its original lastOffsetDelta; here each
 * run of consecutive kept offsets becomes its own batch. Kafka keeps an empty batch (header only) for the
 * last batch of a round (and for a producer's last sequence); here a batch that keeps nothing is dropped,
 * and the log end offset survives a reload because the log manager stores an empty active segment.
 */
import type { DecodedBatch, DecodedRecord } from '../../../engine-wasm/src/log/index.ts'
import type { CleanedTransactionMetadata } from './cleaned-transaction-metadata.ts'
import type { OffsetMap } from './offset-map.ts'
import { DELETE_HORIZON_FLAG, buildRecordBatch } from './record-batch-builder.ts'

export interface FilterContext {
  map: OffsetMap
  /** The time the round started (currentTime in Cleaner.doClean). */
  now: number
  deleteRetentionMs: number
  crc32c: (bytes: Uint8Array) => number
  /** The round's transactions, carried across its groups of segments. */
  transactions: CleanedTransactionMetadata
}

/** The batch's delete horizon (DefaultRecordBatch.deleteHorizonMs), or null when it has none. */
export function deleteHorizonOf(batch: DecodedBatch): number | null {
  return (batch.attributes & DELETE_HORIZON_FLAG) !== 0 ? batch.baseTimestamp : null
}

function shouldRetainRecord(context: FilterContext, horizon: number | null, record: DecodedRecord): boolean {
  if (record.offset > context.map.latestOffset) return true
  if (record.key === null) return false
  const latestForKey = record.offset >= context.map.get(record.key)
  const retainDeletes = horizon === null || context.now < horizon
  return latestForKey && (record.value !== null || retainDeletes)
}

/** Splits records (ascending offsets) into runs of consecutive offsets. */
function consecutiveRuns(records: readonly DecodedRecord[]): DecodedRecord[][] {
  const runs: DecodedRecord[][] = []
  for (const record of records) {
    const run = runs[runs.length - 1]
    const last = run?.[run.length - 1]
    if (run && last && last.offset + 1 === record.offset) run.push(record)
    else runs.push([record])
  }
  return runs
}

/** The bytes the cleaned segment gets for `batch`, whose original bytes are `original`. */
export function filterBatch(context: FilterContext, batch: DecodedBatch, original: Uint8Array): Uint8Array[] {
  const horizon = deleteHorizonOf(batch)
  if (batch.isControlBatch) {
    if (!context.transactions.onControlBatchRead(batch)) return [original]
    if (horizon !== null) return horizon <= context.now ? [] : [original]
    return rebuilt(context, batch, batch.records, context.now + context.deleteRetentionMs)
  }
  if (context.transactions.onBatchRead(batch)) return []
  const kept = batch.records.filter((record) => shouldRetainRecord(context, horizon, record))
  if (kept.length === 0) return []
  const needHorizon = horizon === null && kept.some((record) => record.value === null)
  if (kept.length === batch.records.length && !needHorizon) return [original]
  return rebuilt(context, batch, kept, needHorizon ? context.now + context.deleteRetentionMs : horizon)
}

/** The kept records of `batch` as batches of consecutive offsets, with the batch's other fields. */
function rebuilt(
  context: FilterContext,
  batch: DecodedBatch,
  kept: readonly DecodedRecord[],
  deleteHorizonMs: number | null,
): Uint8Array[] {
  return consecutiveRuns(kept).map((run) => {
    const first = run[0]!.offset
    const header = {
      baseOffset: first,
      partitionLeaderEpoch: batch.partitionLeaderEpoch,
      attributes: batch.attributes,
      maxTimestamp: batch.maxTimestamp,
      producerId: batch.producerId,
      producerEpoch: batch.producerEpoch,
      baseSequence:
        batch.baseSequence < 0 ? batch.baseSequence : batch.baseSequence + first - batch.baseOffset,
      deleteHorizonMs,
    }
    return buildRecordBatch(header, run, context.crc32c)
  })
}
