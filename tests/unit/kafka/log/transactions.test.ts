// The log side of Kafka transactions: the EndTransactionMarker control batch, producer state across
// transactional batches and markers (ProducerAppendInfo / ProducerStateManager), the last stable offset, the
// transaction index (AbortedTxn bytes, collectAbortedTxns bounds) and its truncation, retention and rebuild.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { UnifiedLog } from '../../../../workers/kafka/log/unified-log.ts'
import { ProducerStateError } from '../../../../workers/kafka/log/producer-append-info.ts'
import {
  InvalidRecordError,
  endTxnMarkerBatch,
  endTxnMarkerValue,
  markerOfBatch,
  parseEndTxnMarker,
  type TransactionResult,
} from '../../../../workers/kafka/log/end-txn-marker.ts'
import {
  TransactionIndex,
  parseTransactionIndex,
  transactionIndexBytes,
} from '../../../../workers/kafka/log/transaction-index.ts'
import { controlRecordKey } from '../../../../workers/kafka/raft/control-records.ts'
import { loadLogEngine, record } from '../kafka-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')
const TP = 'orders-0'

/** A transactional batch of producer `pid` (epoch 0) with `count` records from sequence `seq`. */
const txnData = (pid: number, seq: number, count: number, isTransactional = true): Uint8Array =>
  engine.encodeBatch(
    Array.from({ length: count }, (_, i) => record(`v${seq + i}`)),
    { producerId: pid, producerEpoch: 0, baseSequence: seq, isTransactional },
  )

const marker = (pid: number, type: TransactionResult, coordinatorEpoch = 0, producerEpoch = 0): Uint8Array =>
  endTxnMarkerBatch({ type, coordinatorEpoch }, { producerId: pid, producerEpoch, timestamp: 2_000 }, (b) =>
    engine.crc32c(b),
  )

const newLog = (segmentBytes = 1 << 20): UnifiedLog => new UnifiedLog(engine, { segmentBytes })

describe('EndTransactionMarker', () => {
  it('writes key 00000001 (COMMIT) and value 000000000000 in a control batch of attributes 0x30', () => {
    expect(hex(controlRecordKey('COMMIT'))).toBe('00000001')
    expect(hex(controlRecordKey('ABORT'))).toBe('00000000')
    expect(hex(endTxnMarkerValue(0))).toBe('000000000000')
    expect(hex(endTxnMarkerValue(7))).toBe('000000000007')
    const [batch] = engine.decodeBatches(marker(42, 'COMMIT', 3, 1))
    expect(batch).toMatchObject({
      attributes: 0x30,
      isTransactional: true,
      isControlBatch: true,
      producerId: 42,
      producerEpoch: 1,
      baseSequence: -1,
      lastOffsetDelta: 0,
    })
    expect(batch?.records.map((r) => [hex(r.key!), hex(r.value!), r.timestamp])).toEqual([
      ['00000001', '000000000003', 2000],
    ])
    const bytes = marker(42, 'ABORT', 9)
    expect(markerOfBatch(new DataView(bytes.buffer), 0)).toEqual({ type: 'ABORT', coordinatorEpoch: 9 })
  })

  it("refuses a value that is not a marker with Kafka's messages", () => {
    const key = controlRecordKey('COMMIT')
    expect(() => parseEndTxnMarker(key, new Uint8Array(4))).toThrow(
      new InvalidRecordError(
        'Invalid value size found for end transaction marker. Must have at least 6 bytes, but found only 4',
      ),
    )
    expect(() => parseEndTxnMarker(key, Uint8Array.of(0xff, 0xff, 0, 0, 0, 0))).toThrow(
      'Invalid version found for end transaction marker: -1. May indicate data corruption',
    )
  })
})

describe('AbortedTxn and the transaction index', () => {
  it('is 34 bytes per entry: version, producerId, firstOffset, lastOffset, lastStableOffset', () => {
    const bytes = transactionIndexBytes([
      { producerId: 1000, firstOffset: 5, lastOffset: 8, lastStableOffset: 9 },
    ])
    expect(hex(bytes)).toBe(
      '0000' + '00000000000003e8' + '0000000000000005' + '0000000000000008' + '0000000000000009',
    )
    expect(parseTransactionIndex(bytes)).toEqual([
      { version: 0, producerId: 1000, firstOffset: 5, lastOffset: 8, lastStableOffset: 9 },
    ])
  })

  it('collects entries with lastOffset >= fetchOffset and firstOffset < upperBound, stopping at the LSO', () => {
    const index = new TransactionIndex()
    index.append(0, { producerId: 1, firstOffset: 0, lastOffset: 3, lastStableOffset: 4 })
    index.append(0, { producerId: 2, firstOffset: 5, lastOffset: 9, lastStableOffset: 10 })
    index.append(10, { producerId: 3, firstOffset: 10, lastOffset: 12, lastStableOffset: 13 })
    const producers = (fetchOffset: number, upperBound: number): number[] =>
      index.collectAbortedTxns(fetchOffset, upperBound, [0, 10]).map((txn) => txn.producerId)
    expect(producers(3, 5)).toEqual([1])
    expect(producers(4, 11)).toEqual([2, 3])
    // The first entry's lastStableOffset (4) reaches the upper bound: the search ends there.
    expect(producers(0, 4)).toEqual([1])
    index.truncateTo(9)
    expect(index.entries(0)).toHaveLength(1)
    expect(index.entries(10)).toEqual([])
  })
})

describe('UnifiedLog with transactions', () => {
  it('holds the LSO at the first transactional offset until the marker is below the high watermark', () => {
    const log = newLog()
    log.appendAsLeader(engine.encodeBatch([record('plain')]), 0, TP)
    log.appendAsLeader(txnData(7, 0, 3), 0, TP)
    log.highWatermark = log.logEndOffset
    expect([log.highWatermark, log.lastStableOffset]).toEqual([4, 1])
    // The cleaner never cleans past the LSO (LogCleanerManager.cleanableOffsets).
    expect(log.cleanable().lastStableOffset).toBe(1)
    expect(log.producerState.lastEntry(7)?.currentTxnFirstOffset).toBe(1)
    log.appendAsLeader(marker(7, 'COMMIT'), 0, TP, 'coordinator')
    expect([log.logEndOffset, log.lastStableOffset]).toEqual([5, 1])
    log.highWatermark = 4
    expect(log.lastStableOffset).toBe(1)
    log.highWatermark = 5
    expect(log.lastStableOffset).toBe(5)
    const entry = log.producerState.lastEntry(7)
    expect([entry?.currentTxnFirstOffset, entry?.coordinatorEpoch, entry?.lastTimestamp]).toEqual([
      null,
      0,
      2000,
    ])
    expect(log.abortedTxns(0)).toEqual([])
  })

  it("records an abort with the LSO of another producer's open transaction", () => {
    const log = newLog()
    log.appendAsLeader(txnData(1, 0, 2), 0, TP) // 0-1
    log.appendAsLeader(txnData(2, 0, 1), 0, TP) // 2
    log.appendAsLeader(marker(1, 'ABORT'), 0, TP, 'coordinator') // 3
    expect(log.abortedTxns(0)).toEqual([
      { producerId: 1, firstOffset: 0, lastOffset: 3, lastStableOffset: 2 },
    ])
    log.appendAsLeader(marker(2, 'ABORT'), 0, TP, 'coordinator') // 4
    expect(log.abortedTxns(0)[1]).toEqual({
      producerId: 2,
      firstOffset: 2,
      lastOffset: 4,
      lastStableOffset: 5,
    })
    log.highWatermark = 5
    expect(log.lastStableOffset).toBe(5)
    expect(
      log.collectAbortedTransactions(0, 5).map(({ producerId, firstOffset }) => [producerId, firstOffset]),
    ).toEqual([
      [1, 0],
      [2, 2],
    ])
  })

  it('refuses a zombie coordinator, a non-transactional write in a transaction, and an old epoch', () => {
    const log = newLog()
    log.appendAsLeader(txnData(5, 0, 1), 0, TP)
    log.appendAsLeader(marker(5, 'COMMIT', 2), 0, TP, 'coordinator')
    log.appendAsLeader(txnData(5, 1, 1), 0, TP)
    const refusal = (append: () => void): [string, string] => {
      try {
        append()
      } catch (error) {
        if (error instanceof ProducerStateError) return [error.error, error.message]
      }
      return ['none', '']
    }
    expect(refusal(() => log.appendAsLeader(marker(5, 'COMMIT', 1), 0, TP, 'coordinator'))).toEqual([
      'TRANSACTION_COORDINATOR_FENCED',
      'Invalid coordinator epoch for producerId 5 at offset 3 in partition orders-0: 1 (zombie), 2 (current)',
    ])
    expect(refusal(() => log.appendAsLeader(txnData(5, 2, 1, false), 0, TP))).toEqual([
      'INVALID_TXN_STATE',
      'Expected transactional write from producer 5 at offset (offset=3segment=[-1:-1]) in partition orders-0',
    ])
    log.appendAsLeader(marker(5, 'ABORT', 2, 1), 0, TP, 'coordinator')
    expect(refusal(() => log.appendAsLeader(marker(5, 'ABORT', 2, 0), 0, TP, 'coordinator'))).toEqual([
      'INVALID_PRODUCER_EPOCH',
      'Epoch of producer 5 at offset 4 in orders-0 is 0, which is smaller than the last seen epoch 1',
    ])
    expect(log.logEndOffset).toBe(4)
  })

  it('reopens a transaction whose marker a truncation removed, and drops its AbortedTxn', () => {
    const log = newLog()
    log.appendAsLeader(txnData(3, 0, 2), 0, TP)
    log.appendAsLeader(marker(3, 'ABORT'), 0, TP, 'coordinator')
    log.highWatermark = 3
    expect([log.lastStableOffset, log.abortedTxns(0).length]).toEqual([3, 1])
    log.truncateTo(2)
    expect([log.highWatermark, log.lastStableOffset, log.abortedTxns(0)]).toEqual([2, 0, []])
    expect(log.producerState.openTransactions).toEqual([{ producerId: 3, firstOffset: 0 }])
  })

  it('rebuilds the index on load, gives followers the same, and drops it with a deleted segment', () => {
    const log = newLog(200)
    log.appendAsLeader(txnData(3, 0, 2), 0, TP)
    log.appendAsLeader(marker(3, 'ABORT'), 0, TP, 'coordinator')
    log.appendAsLeader(txnData(4, 0, 1), 0, TP)
    log.appendAsLeader(marker(4, 'ABORT'), 0, TP, 'coordinator')
    const bases = log.cleanable().segments.map((segment) => segment.baseOffset)
    expect(bases.length).toBeGreaterThan(1)
    const perSegment = (l: UnifiedLog): unknown[] => bases.map((base) => [base, l.abortedTxns(base)])
    const expected = perSegment(log)
    expect(expected.flatMap((entry) => (entry as [number, unknown[]])[1])).toEqual([
      { producerId: 3, firstOffset: 0, lastOffset: 2, lastStableOffset: 3 },
      { producerId: 4, firstOffset: 3, lastOffset: 4, lastStableOffset: 5 },
    ])
    const loaded = new UnifiedLog(
      engine,
      { segmentBytes: 200 },
      bases.map((base) => engine.recoverSegment(base, log.segmentLogBytes(base)).segment),
    )
    expect(perSegment(loaded)).toEqual(expected)
    const follower = newLog(200)
    while (follower.logEndOffset < log.logEndOffset) {
      follower.appendAsFollower(log.read(follower.logEndOffset, 1 << 20, log.logEndOffset))
    }
    expect(follower.collectAbortedTransactions(0, 5)).toEqual(log.collectAbortedTransactions(0, 5))
    log.highWatermark = 5
    const second = bases[1]!
    log.maybeIncrementLogStartOffset(second)
    log.deleteOldSegments(0)
    expect(log.abortedTxns(0)).toEqual([])
    expect(log.collectAbortedTransactions(second, 5)).toEqual(
      bases.filter((base) => base >= second).flatMap((base) => log.abortedTxns(base)),
    )
  })
})
