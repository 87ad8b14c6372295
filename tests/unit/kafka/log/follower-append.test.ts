// A follower appends a leader's batches checking each batch's CRC only, as Kafka's follower does
// (UnifiedLog.analyzeAndValidateRecords checks CRCs; LogValidator's record checks run on the leader only), and
// takes the batch header's maxTimestamp; a leader's append checks every record.
import { beforeAll, describe, expect, it } from 'vitest'
import { CorruptRecordError, type LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { loadLogEngine, record } from '../kafka-fixtures.ts'

const CRC_AT = 17
const ATTRIBUTES_AT = 21
const RECORDS_AT = 61

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

/** A batch whose first record's length varint is broken, with a CRC that matches the broken bytes. */
function batchWithBadRecordAndGoodCrc(): Uint8Array {
  const batch = engine.encodeBatch([record('a', null, 5), record('b', null, 9)])
  batch[RECORDS_AT] = 0x7f // zigzag -64: a negative record length
  new DataView(batch.buffer).setUint32(CRC_AT, engine.crc32c(batch.subarray(ATTRIBUTES_AT)))
  return batch
}

describe('LogSegment.append of replicated batches', () => {
  it('refuses a bad record as the leader and appends it as a follower, by its CRC', () => {
    const batch = batchWithBadRecordAndGoodCrc()
    expect(() => engine.newSegment(0).append(batch)).toThrow(CorruptRecordError)
    expect(engine.newSegment(0).append(batch, true)).toEqual({
      firstOffset: 0,
      lastOffset: 1,
      maxTimestamp: 9,
      offsetOfMaxTimestamp: 1,
      batchCount: 1,
      recordCount: 2,
      bytes: batch.length,
    })
  })

  it('refuses a batch whose CRC does not match as a follower too, and appends nothing', () => {
    const batch = engine.encodeBatch([record('a', null, 5)])
    batch[batch.length - 1]! ^= 1
    const segment = engine.newSegment(0)
    expect(() => segment.append(batch, true)).toThrow(CorruptRecordError)
    expect([segment.nextOffset, segment.sizeInBytes]).toEqual([0, 0])
  })

  it('takes the maxTimestamp of the batch header as the follower, where the leader takes its records', () => {
    const batch = engine.encodeBatch([record('a', null, 5), record('b', null, 9)])
    const view = new DataView(batch.buffer)
    view.setBigInt64(35, 7n)
    view.setUint32(CRC_AT, engine.crc32c(batch.subarray(ATTRIBUTES_AT)))
    expect(engine.newSegment(0).append(batch.slice(), true).maxTimestamp).toBe(7)
    expect(engine.newSegment(0).append(batch.slice()).maxTimestamp).toBe(9)
  })
})
