// The translog's stored layout (workers/es/indices/translog.ts): one binary batch record per write request
// (translog-codec.ts), the JSON batches and per-operation records of older versions still read, and replay
// against a naive oracle (per seq_no the newer primary term, of one term the later write; seq_no order), as a
// store written op by op keyed by seq_no gave before (an overwritten key held the last write).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sealBytes, sealEnvelope, StorageFormatError } from '../../../../workers/storage/envelope.ts'
import { translogPrefix } from '../../../../workers/es/index/index-metadata.ts'
import type { ShardOperation } from '../../../../workers/es/index/shard/index-shard.ts'
import {
  nextTranslogBatch,
  replayTranslog,
  sealTranslogBatch,
  TRANSLOG_BATCH_VERSION,
  TRANSLOG_JSON_BATCH_VERSION,
  TRANSLOG_OPERATION_VERSION,
  translogBatchKey,
} from '../../../../workers/es/indices/translog.ts'
import { encodeTranslogOperations } from '../../../../workers/es/indices/translog-codec.ts'

const PREFIX = translogPrefix('u1', 0)

const indexOp = (id: string, seqNo: number, primaryTerm: number, text = id): ShardOperation => ({
  op: 'index',
  doc: { id, source: JSON.stringify({ text }), routing: null, version: 1, seqNo, primaryTerm },
})
const deleteOp = (id: string, seqNo: number, primaryTerm: number): ShardOperation => ({
  op: 'delete',
  id,
  version: 2,
  seqNo,
  primaryTerm,
})
const oldRecord = (operation: ShardOperation): [string, Uint8Array] => {
  const seqNo = operation.op === 'index' ? operation.doc.seqNo : operation.seqNo
  return [PREFIX + String(seqNo).padStart(20, '0'), sealEnvelope(TRANSLOG_OPERATION_VERSION, operation)]
}
const batch = (n: number, operations: ShardOperation[]): [string, Uint8Array] => [
  translogBatchKey('u1', 0, n),
  sealTranslogBatch(operations),
]

describe('translog batches', () => {
  it('keys a batch by its 20-digit number after b, listed after every per-operation record', () => {
    expect(translogBatchKey('u1', 3, 7)).toBe('indices/u1/shards/3/translog/b00000000000000000007')
    const keys = [
      translogBatchKey('u1', 0, 10),
      oldRecord(indexOp('a', 99, 1))[0],
      translogBatchKey('u1', 0, 2),
    ]
    expect([...keys].sort()).toEqual([
      'indices/u1/shards/0/translog/00000000000000000099',
      'indices/u1/shards/0/translog/b00000000000000000002',
      'indices/u1/shards/0/translog/b00000000000000000010',
    ])
  })

  it('seals a batch as envelope version 3 holding the operations in the binary layout', () => {
    const operations = [indexOp('a', 0, 1), deleteOp('a', 1, 1)]
    const sealed = sealTranslogBatch(operations)
    expect(new DataView(sealed.buffer).getUint16(4)).toBe(3)
    const payload = sealed.subarray(10)
    expect(payload).toEqual(encodeTranslogOperations(operations))
    // count 2; index: kind 0, _id "a", _source {"text":"a"} (12 bytes), no routing, version 1, seq_no 0, term 1.
    const utf8 = (text: string): number[] => [0, text.length, 0, 0, 0, ...new TextEncoder().encode(text)]
    const f64 = (value: number): number[] => [...new Uint8Array(new Float64Array([value]).buffer)]
    expect([...payload]).toEqual([
      ...[2, 0, 0, 0],
      ...[0, ...utf8('a'), ...utf8('{"text":"a"}'), 0, ...f64(1), ...f64(0), ...f64(1)],
      ...[1, ...utf8('a'), ...f64(2), ...f64(1), ...f64(1)],
    ])
  })

  it('reads batches of the JSON layout before the binary one', () => {
    const operations = [indexOp('b', 2, 1), deleteOp('a', 1, 1)]
    const json: [string, Uint8Array] = [
      translogBatchKey('u1', 0, 0),
      sealEnvelope(TRANSLOG_JSON_BATCH_VERSION, operations),
    ]
    expect(replayTranslog([json, batch(1, [indexOp('c', 3, 1)])])).toEqual([
      operations[1],
      operations[0],
      indexOp('c', 3, 1),
    ])
  })

  it('round-trips routing, unpaired surrogates and numbers past 2^32 exactly', () => {
    const operations: ShardOperation[] = [
      {
        op: 'index',
        doc: {
          id: 'x\ud800y',
          source: '{"t":"\udc00 é 𝄞 \ud83d"}',
          routing: 'r\udfff',
          version: 2 ** 40 + 1,
          seqNo: 2 ** 33,
          primaryTerm: 7,
        },
      },
      {
        op: 'index',
        doc: { id: '𝄞', source: '{}', routing: 'shard-a', version: 1, seqNo: 1, primaryTerm: 1 },
      },
      { op: 'delete', id: '\udbff', version: 3, seqNo: 2, primaryTerm: 2 ** 31 },
    ]
    const replayed = replayTranslog([batch(0, operations)])
    expect(replayed).toEqual([operations[1], operations[2], operations[0]])
  })

  it('fails closed on a binary batch whose layout does not fit its payload', () => {
    const payload = encodeTranslogOperations([indexOp('a', 0, 1)]).slice()
    const record = (bytes: Uint8Array): [string, Uint8Array] => [
      translogBatchKey('u1', 0, 0),
      sealBytes(TRANSLOG_BATCH_VERSION, bytes),
    ]
    const key = 'translog indices/u1/shards/0/translog/b00000000000000000000'
    expect(() => replayTranslog([record(payload.subarray(0, payload.length - 1))])).toThrow(
      `${key}: truncated translog batch`,
    )
    expect(() => replayTranslog([record(new Uint8Array([...payload, 0]))])).toThrow(
      `${key}: 1 bytes after the operations`,
    )
    const badKind = payload.slice()
    badKind[4] = 9
    expect(() => replayTranslog([record(badKind)])).toThrow(`${key}: unknown operation kind 9`)
    const badForm = payload.slice()
    badForm[5] = 2
    expect(() => replayTranslog([record(badForm)])).toThrow(StorageFormatError)
  })

  it('round-trips a batch in seq_no order', () => {
    const operations = [indexOp('b', 2, 1), indexOp('a', 0, 1), deleteOp('c', 1, 1)]
    expect(replayTranslog([batch(0, operations)])).toEqual([operations[1], operations[2], operations[0]])
  })

  it('reads a store written in the per-operation layout, and one that has both layouts', () => {
    const old = [indexOp('a', 0, 1), indexOp('b', 1, 1), deleteOp('a', 2, 1)]
    expect(replayTranslog(old.map(oldRecord))).toEqual(old)
    const newer = [indexOp('c', 3, 1), indexOp('b', 4, 1, 'b again')]
    expect(replayTranslog([...old.map(oldRecord), batch(0, newer)])).toEqual([...old, ...newer])
  })

  it('keeps the operation of the newer primary term for one seq_no, whichever was written last', () => {
    const older = indexOp('a', 5, 1, 'term 1')
    const newer = indexOp('b', 5, 2, 'term 2')
    expect(replayTranslog([batch(0, [older]), batch(1, [newer])])).toEqual([newer])
    expect(replayTranslog([batch(0, [newer]), batch(1, [older])])).toEqual([newer])
    expect(replayTranslog([oldRecord(newer), batch(0, [older])])).toEqual([newer])
  })

  it('keeps the later write of one seq_no within one primary term', () => {
    const first = indexOp('a', 5, 1, 'first')
    const second = indexOp('a', 5, 1, 'second')
    expect(replayTranslog([batch(0, [first]), batch(1, [second])])).toEqual([second])
    expect(replayTranslog([oldRecord(first), batch(0, [second])])).toEqual([second])
  })

  it('fails closed on a record of an unknown version or a damaged batch', () => {
    const future: [string, Uint8Array] = [translogBatchKey('u1', 0, 0), sealEnvelope(4, [])]
    expect(() => replayTranslog([future])).toThrow(StorageFormatError)
    expect(() => replayTranslog([future])).toThrow(
      'translog indices/u1/shards/0/translog/b00000000000000000000: stored format version 4 is not a supported version (1, 2, 3)',
    )
    const damaged = batch(0, [indexOp('a', 0, 1)])
    damaged[1][12]! ^= 1
    expect(() => replayTranslog([damaged])).toThrow('checksum mismatch')
  })

  it('numbers the next batch past every stored batch, ignoring per-operation records', () => {
    expect(nextTranslogBatch([], PREFIX)).toBe(0)
    expect(nextTranslogBatch([oldRecord(indexOp('a', 40, 1))[0]], PREFIX)).toBe(0)
    const keys = [
      translogBatchKey('u1', 0, 3),
      translogBatchKey('u1', 0, 11),
      `${PREFIX}00000000000000000050`,
    ]
    expect(nextTranslogBatch(keys, PREFIX)).toBe(12)
  })

  it('replays random batches and old records as the naive oracle does', () => {
    const op = fc
      .record({
        seqNo: fc.nat(30),
        term: fc.integer({ min: 1, max: 3 }),
        id: fc.constantFrom('a', 'b', 'c'),
        del: fc.boolean(),
        text: fc.string({ unit: 'binary', maxLength: 4 }),
      })
      .map(({ seqNo, term, id, del, text }) =>
        del ? deleteOp(id, seqNo, term) : indexOp(id, seqNo, term, text),
      )
    const write = fc.oneof(
      fc.record({ old: fc.constant(true), ops: op.map((o) => [o]) }),
      fc.record({ old: fc.constant(false), ops: fc.array(op, { minLength: 1, maxLength: 6 }) }),
    )
    fc.assert(
      fc.property(fc.array(write, { maxLength: 12 }), (writes) => {
        // The store: old records first (an older version wrote them; a later one overwrote a seq_no's key),
        // then this version's batches.
        const store = new Map<string, Uint8Array>()
        const survivors = new Map<string, ShardOperation>()
        for (const w of writes.filter((x) => x.old)) {
          const [key, value] = oldRecord(w.ops[0]!)
          store.set(key, value)
          survivors.set(key, w.ops[0]!)
        }
        let n = 0
        writes.filter((w) => !w.old).forEach((w) => store.set(...batch(n++, w.ops)))
        const order = [...survivors.values(), ...writes.filter((x) => !x.old).flatMap((w) => w.ops)]
        // Oracle: in write order, a seq_no takes an operation whose term is not older than the one it holds.
        const oracle = new Map<number, ShardOperation>()
        for (const o of order) {
          const seqNo = o.op === 'index' ? o.doc.seqNo : o.seqNo
          const term = o.op === 'index' ? o.doc.primaryTerm : o.primaryTerm
          const held = oracle.get(seqNo)
          const heldTerm =
            held === undefined ? 0 : held.op === 'index' ? held.doc.primaryTerm : held.primaryTerm
          if (term >= heldTerm) oracle.set(seqNo, o)
        }
        const expected = [...oracle.entries()].sort((x, y) => x[0] - y[0]).map(([, o]) => o)
        const records = [...store.entries()].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
        expect(replayTranslog(records)).toEqual(expected)
      }),
    )
  })
})
