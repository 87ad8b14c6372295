// UnifiedLog: segment rolling at segment.bytes, reads bounded by the high watermark, the offset range
// check, flush chunks that cover every appended byte exactly once.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { UnifiedLog } from '../../../workers/kafka/log/unified-log.ts'
import { concat, decodeValues, loadLogEngine, record } from './kafka-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const batch = (...values: string[]): Uint8Array => engine.encodeBatch(values.map((v) => record(v)))

describe('UnifiedLog', () => {
  it('starts empty at offset 0 with one segment', () => {
    const log = new UnifiedLog(engine, { segmentBytes: 1000 })
    expect([log.logStartOffset, log.highWatermark, log.logEndOffset, log.segmentCount]).toEqual([0, 0, 0, 1])
  })

  it('rolls a new segment when an append would pass segment.bytes, never leaving one empty', () => {
    const one = batch('x'.repeat(50))
    const log = new UnifiedLog(engine, { segmentBytes: one.length * 2 })
    for (let i = 0; i < 5; i++) log.appendAsLeader(batch('x'.repeat(50)))
    expect(log.segmentCount).toBe(3)
    expect(log.logEndOffset).toBe(5)
    const big = new UnifiedLog(engine, { segmentBytes: 10 })
    big.appendAsLeader(one)
    big.appendAsLeader(one)
    expect(big.segmentCount).toBe(2)
  })

  it('reads across segments from the one holding the offset', () => {
    const log = new UnifiedLog(engine, { segmentBytes: 150 })
    for (const v of ['a', 'b', 'c', 'd', 'e']) log.appendAsLeader(batch(v.repeat(60)))
    for (let offset = 0; offset < 5; offset++) {
      expect(decodeValues(engine, log.read(offset, 1 << 20, log.logEndOffset))[0]?.[0]).toBe(offset)
    }
  })

  it('returns no batch at or beyond the high watermark', () => {
    const log = new UnifiedLog(engine, { segmentBytes: 1 << 20 })
    log.appendAsLeader(concat([batch('a', 'b'), batch('c')]))
    log.highWatermark = 2
    expect(decodeValues(engine, log.read(0, 1 << 20, log.highWatermark))).toEqual([
      [0, 'a'],
      [1, 'b'],
    ])
    expect(log.read(2, 1 << 20, log.highWatermark)).toEqual(new Uint8Array(0))
  })

  it('is out of range outside [logStartOffset, logEndOffset]', () => {
    const log = new UnifiedLog(engine, { segmentBytes: 1 << 20 })
    log.appendAsLeader(batch('a', 'b'))
    expect([-1, 0, 1, 2, 3].map((o) => log.isOutOfRange(o))).toEqual([true, false, false, false, true])
  })

  it('refuses a corrupt append without changing the log', () => {
    const one = batch('a')
    const log = new UnifiedLog(engine, { segmentBytes: one.length })
    log.appendAsLeader(one)
    log.pendingFlush.takeUnflushed()
    const corrupt = batch('b')
    corrupt[corrupt.length - 1]! ^= 1
    expect(() => log.appendAsLeader(corrupt)).toThrow(/Record is corrupt/)
    expect([log.logEndOffset, log.segmentCount]).toEqual([1, 1])
    expect(log.pendingFlush.takeUnflushed()).toEqual([])
  })

  it('hands out every appended byte exactly once as flush chunks', () => {
    const log = new UnifiedLog(engine, { segmentBytes: 200 })
    const flushed: Uint8Array[] = []
    for (let i = 0; i < 8; i++) {
      log.appendAsLeader(batch(`v${i}`.repeat(20)))
      if (i % 3 === 0) flushed.push(...log.pendingFlush.takeUnflushed().map((c) => c.bytes))
    }
    flushed.push(...log.pendingFlush.takeUnflushed().map((c) => c.bytes))
    expect(decodeValues(engine, concat(flushed))).toEqual(
      [...Array(8).keys()].map((i) => [i, `v${i}`.repeat(20)]),
    )
    expect(log.pendingFlush.takeUnflushed()).toEqual([])
  })
})
