// Log compaction of a log that holds transactions, as Kafka 4.1's Cleaner does it with
// CleanedTransactionMetadata: an aborted value never supersedes a committed one in the offset map, the batches
// of aborted transactions go, a marker stays while its transaction has batches left, then gets a delete horizon
// and goes at the first round past it; the cleaned segment's transaction index keeps only the ABORT markers
// that still cover data.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine, RecordInput } from '../../../../engine-wasm/src/log/index.ts'
import { endTxnMarkerBatch, type TransactionResult } from '../../../../workers/kafka/log/end-txn-marker.ts'
import type { UnifiedLog } from '../../../../workers/kafka/log/unified-log.ts'
import { loadLogEngine, text } from '../kafka-fixtures.ts'
import { appendBatches, cleanOnce, compactedLog, keyed } from './compaction-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const TP = 'accounts-0'

/** A transactional batch of producer `pid` (epoch 0) holding `specs` from sequence `seq`. */
function txn(log: UnifiedLog, pid: number, seq: number, ...specs: string[]): void {
  const records: RecordInput[] = specs.map((spec) => keyed(spec))
  log.appendAsLeader(
    engine.encodeBatch(records, {
      producerId: pid,
      producerEpoch: 0,
      baseSequence: seq,
      isTransactional: true,
    }),
    0,
    TP,
  )
}

function end(log: UnifiedLog, pid: number, type: TransactionResult): void {
  const marker = endTxnMarkerBatch(
    { type, coordinatorEpoch: 0 },
    { producerId: pid, producerEpoch: 0, timestamp: 2_000 },
    (bytes) => engine.crc32c(bytes),
  )
  log.appendAsLeader(marker, 0, TP, 'coordinator')
  log.highWatermark = log.logEndOffset
}

/** Every batch from the log start: `offset:key=value`, a marker as `offset:COMMIT` / `offset:ABORT` (+ `h` with a horizon). */
function batches(log: UnifiedLog): string[] {
  const seen: string[] = []
  const read = []
  for (let offset = log.logStartOffset; ;) {
    const found = engine.decodeBatches(log.read(offset, 1 << 24, log.logEndOffset))
    if (found.length === 0) break
    read.push(...found)
    offset = found[found.length - 1]!.lastOffset + 1
  }
  for (const batch of read) {
    const horizon = (batch.attributes & 0x40) !== 0 ? ` h${batch.baseTimestamp}` : ''
    if (batch.isControlBatch) {
      const type = batch.records[0]!.key![3] === 1 ? 'COMMIT' : 'ABORT'
      seen.push(`${batch.baseOffset}:${type}${horizon}`)
    } else {
      for (const r of batch.records) seen.push(`${r.offset}:${text(r.key)}=${text(r.value)}${horizon}`)
    }
  }
  return seen
}

const abortedProducers = (log: UnifiedLog): number[] =>
  log.collectAbortedTransactions(0, log.logEndOffset).map((entry) => entry.producerId)

describe('Cleaner with transactions', () => {
  it('keeps the committed value when a later transaction that wrote the same key aborted', () => {
    const log = compactedLog(engine, { deleteRetentionMs: 1_000, minCleanableRatio: 0.01 })
    txn(log, 1, 0, 'k=committed')
    end(log, 1, 'COMMIT')
    txn(log, 2, 0, 'k=aborted', 'j=aborted')
    end(log, 2, 'ABORT')
    appendBatches(engine, log, [[keyed('z=1')], [keyed('y=1')]])
    expect(abortedProducers(log)).toEqual([2])

    cleanOnce(engine, log, 10_000)
    // The aborted batch is gone; its marker stays (this round still saw its batch), with its index entry.
    expect(batches(log)).toEqual(['0:k=committed', '1:COMMIT', '4:ABORT', '5:z=1', '6:y=1'])
    expect(abortedProducers(log)).toEqual([2])
  })

  it('stamps a delete horizon on a marker whose transaction has no batch left, and removes it past the horizon', () => {
    const log = compactedLog(engine, { deleteRetentionMs: 1_000, minCleanableRatio: 0.01 })
    txn(log, 1, 0, 'k=1')
    end(log, 1, 'COMMIT')
    txn(log, 2, 0, 'k=2')
    end(log, 2, 'ABORT')
    appendBatches(engine, log, [[keyed('k=3')], [keyed('x=1')]])
    const first = cleanOnce(engine, log, 10_000)!
    // k=3 supersedes the committed k=1; both markers stay: this round saw a batch of each transaction.
    expect(batches(log)).toEqual(['1:COMMIT', '3:ABORT', '4:k=3', '5:x=1'])
    expect(abortedProducers(log)).toEqual([2])

    appendBatches(engine, log, [[keyed('x=2')], [keyed('w=1')]])
    const second = cleanOnce(engine, log, 10_500, first)!
    expect(batches(log)).toEqual(['1:COMMIT h11500', '3:ABORT h11500', '4:k=3', '6:x=2', '7:w=1'])
    expect(abortedProducers(log)).toEqual([])

    appendBatches(engine, log, [[keyed('w=2')], [keyed('v=1')]])
    const third = cleanOnce(engine, log, 11_499, second)!
    expect(batches(log)).toEqual(['1:COMMIT h11500', '3:ABORT h11500', '4:k=3', '6:x=2', '8:w=2', '9:v=1'])

    appendBatches(engine, log, [[keyed('v=2')], [keyed('u=1')]])
    cleanOnce(engine, log, 11_500, third)
    expect(batches(log)).toEqual(['4:k=3', '6:x=2', '8:w=2', '10:v=2', '11:u=1'])
  })

  it('never cleans an open transaction: the round stops at the last stable offset', () => {
    const log = compactedLog(engine, { minCleanableRatio: 0.01 })
    appendBatches(engine, log, [[keyed('k=1')], [keyed('k=2')]])
    txn(log, 3, 0, 'k=open')
    appendBatches(engine, log, [[keyed('k=4')], [keyed('z=1')]])
    expect(log.lastStableOffset).toBe(2)
    cleanOnce(engine, log, 10_000)
    expect(batches(log)).toEqual(['1:k=2', '2:k=open', '3:k=4', '4:z=1'])
  })
})
