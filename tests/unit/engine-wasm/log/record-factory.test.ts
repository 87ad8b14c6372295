// LogEngine.decodeBatches with a RecordFactory: the factory gets exactly the fields of the DecodedRecords
// the default decoding makes (offset, timestamp, key, value, headers, size, LogAppendTime), batch by batch,
// compressed batches included; records without headers share one frozen empty header list.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { CompressionType, type LogEngine, type RecordFactory } from '../../../../engine-wasm/src/log/index.ts'
import { loadLogEngine, recordArbitrary, utf8 } from './log-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

type Made = [number, number, Uint8Array | null, Uint8Array | null, readonly unknown[], number, boolean]
const tuple: RecordFactory<Made> = (...fields) => fields

describe('decodeBatches with a RecordFactory', () => {
  it('makes each record from the fields the default DecodedRecord has', () => {
    const compressions = fc.constantFrom(CompressionType.NONE, CompressionType.GZIP, CompressionType.LZ4)
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(recordArbitrary, { minLength: 1, maxLength: 8 }), compressions), {
          minLength: 1,
          maxLength: 4,
        }),
        (batches) => {
          const parts = batches.map(([records, type]) =>
            engine.encodeBatch(records, { compression: { type } }),
          )
          const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
          parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0)
          const made = engine.decodeBatches(bytes, tuple)
          const plain = engine.decodeBatches(bytes)
          expect(made.map((b) => b.records.length)).toEqual(batches.map(([records]) => records.length))
          made.forEach((batch, i) => {
            expect(batch.records).toEqual(
              plain[i]!.records.map((r) => [
                r.offset,
                r.timestamp,
                r.key,
                r.value,
                r.headers,
                r.sizeInBytes,
                false,
              ]),
            )
          })
        },
      ),
      { numRuns: 60 },
    )
  })

  it('passes LogAppendTime batches their maxTimestamp and shares one frozen empty header list', () => {
    const batch = engine.encodeBatch([
      { key: null, value: utf8('a'), timestamp: 10, headers: [] },
      { key: null, value: utf8('b'), timestamp: 30, headers: [] },
      { key: null, value: utf8('c'), timestamp: 20, headers: [{ key: 'h', value: null }] },
    ])
    batch[22] = (batch[22] ?? 0) | 0x08 // attributes: LogAppendTime; the CRC covers them, so it is redone
    const view = new DataView(batch.buffer)
    view.setUint32(17, engine.crc32c(batch.subarray(21)))
    const [decoded] = engine.decodeBatches(batch, tuple)
    expect(decoded?.records.map((r) => [r[1], r[6]])).toEqual([
      [30, true],
      [30, true],
      [30, true],
    ])
    const [first, second, third] = decoded?.records ?? []
    expect(first?.[4]).toBe(second?.[4])
    expect(Object.isFrozen(first?.[4])).toBe(true)
    expect(third?.[4]).toEqual([{ key: 'h', value: null }])
  })
})
