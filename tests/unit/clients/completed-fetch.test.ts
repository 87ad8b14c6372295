// CompletedFetch: a partition's fetched batches handed out a poll's worth at a time, in offset order, from the
// fetch offset on, decoded a batch at a time; a corrupt batch throws when reached, and again on every later try.
import { beforeAll, describe, expect, it } from 'vitest'
import { CorruptRecordError, type LogEngine } from '../../../engine-wasm/src/log/index.ts'
import type { ConsumerRecord } from '../../../workers/clients/kafka/api.ts'
import { CompletedFetch } from '../../../workers/clients/kafka/consumer/completed-fetch.ts'
import { loadLogEngine, record, text } from '../kafka/kafka-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

/** One batch of `values` at `baseOffset`, written in leader epoch `epoch`. */
function batch(baseOffset: number, epoch: number, ...values: string[]): Uint8Array {
  const bytes = engine.encodeBatch(values.map((v) => record(v)))
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  view.setBigInt64(0, BigInt(baseOffset))
  view.setInt32(12, epoch)
  return bytes
}

function fetched(fetchOffset: number, ...batches: Uint8Array[]): CompletedFetch {
  const records = new Uint8Array(batches.reduce((size, b) => size + b.length, 0))
  batches.reduce((at, b) => (records.set(b, at), at + b.length), 0)
  const response = {
    topic: 't',
    partition: 3,
    error: null,
    highWatermark: 9,
    lastStableOffset: 9,
    logStartOffset: 0,
    abortedTransactions: null,
    records,
  }
  return new CompletedFetch(engine, response, fetchOffset)
}

const take = (fetch: CompletedFetch, max: number): Array<[number, string | null]> => {
  const out: ConsumerRecord[] = []
  fetch.fetchRecords(max, out)
  return out.map((r) => [r.offset, text(r.value)])
}

describe('CompletedFetch', () => {
  it('hands out at most max records per call across batches, from the fetch offset on', () => {
    const fetch = fetched(1, batch(0, 4, 'a', 'b', 'c'), batch(3, 5, 'd', 'e'))
    expect(take(fetch, 3)).toEqual([
      [1, 'b'],
      [2, 'c'],
      [3, 'd'],
    ])
    expect([fetch.nextFetchOffset, fetch.lastEpoch, fetch.isConsumed]).toEqual([4, 5, false])
    expect(take(fetch, 3)).toEqual([[4, 'e']])
    expect([fetch.nextFetchOffset, fetch.isConsumed]).toEqual([5, true])
    expect(take(fetch, 3)).toEqual([])
  })

  it('records taken carry their partition and the batch timestamps', () => {
    const out: ConsumerRecord[] = []
    fetched(0, batch(0, 0, 'a')).fetchRecords(1, out)
    expect(out[0]).toMatchObject({
      topic: 't',
      partition: 3,
      offset: 0,
      timestamp: 1_000,
      timestampType: 'CreateTime',
    })
  })

  it('throws at a corrupt batch after the records before it, and again on the next try', () => {
    const corrupt = batch(2, 0, 'c')
    corrupt[corrupt.length - 1] = corrupt.at(-1)! ^ 0xff
    const fetch = fetched(0, batch(0, 0, 'a', 'b'), corrupt)
    const out: ConsumerRecord[] = []
    expect(() => fetch.fetchRecords(10, out)).toThrow(CorruptRecordError)
    expect(out.map((r) => r.offset)).toEqual([0, 1])
    expect(fetch.nextFetchOffset).toBe(2)
    expect(() => take(fetch, 10)).toThrow(CorruptRecordError)
  })
})
