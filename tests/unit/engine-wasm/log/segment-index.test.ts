// The OffsetIndex and TimeIndex a LogSegment builds, byte for byte, against a model of Kafka's
// LogSegment.append rule (index.interval.bytes = 4096, one check per append call).
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { appendIndexes } from './index-model.ts'
import { loadLogEngine, sizedRecord } from './log-fixtures.ts'
import { appendAll, appendsArbitrary } from './segment-model.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

describe('segment indexes', () => {
  it('adds an entry once more than 4096 bytes were appended since the last one', () => {
    const segment = engine.newSegment(1000)
    // A 954-byte value makes a 1024-byte batch: 61 header bytes + 963 record bytes.
    for (let k = 1; k <= 12; k++)
      expect(segment.append(engine.encodeBatch([sizedRecord(100 * k, 954)])).bytes).toBe(1024)
    // Appends 1-5 bring 5120 bytes; append 6 (offset 1005, position 5120) gets the first entry, append 11 the next.
    expect([...segment.offsetIndexBytes()]).toEqual([0, 0, 0, 5, 0, 0, 0x14, 0, 0, 0, 0, 10, 0, 0, 0x28, 0])
    expect([...segment.timeIndexBytes()]).toEqual([
      ...[0, 0, 0, 0, 0, 0, 0x02, 0x58, 0, 0, 0, 5], // 600 -> relative offset 5
      ...[0, 0, 0, 0, 0, 0, 0x04, 0x4c, 0, 0, 0, 10], // 1100 -> relative offset 10
    ])
    segment.free()
  })

  it('uses the index to start reads: every offset still reads its batch', () => {
    const segment = engine.newSegment(0)
    for (let k = 0; k < 40; k++)
      segment.append(engine.encodeBatch([sizedRecord(k, 700), sizedRecord(k, 700)]))
    // 1479-byte batches: 3 appends pass 4096 bytes, so appends 4, 7, ..., 40 get entries.
    expect(segment.offsetIndexBytes().length).toBe(8 * 13)
    for (let offset = 0; offset < 80; offset++) {
      const [batch] = engine.decodeBatches(segment.read(offset, 0))
      expect(batch?.baseOffset).toBe(offset - (offset % 2))
    }
    segment.free()
  })

  it('equals the model of LogSegment.append for any appends', () => {
    fc.assert(
      fc.property(appendsArbitrary, appendsArbitrary, fc.nat(1000), (first, second, base) => {
        const segment = engine.newSegment(base)
        const appends = appendAll(engine, segment, [...first, ...second])
        const expected = appendIndexes(base, appends)
        expect(segment.offsetIndexBytes()).toEqual(expected.offsetIndex)
        expect(segment.timeIndexBytes()).toEqual(expected.timeIndex)
        segment.free()
      }),
      { numRuns: 80 },
    )
  })
})
