// The producer's per-record futures (FutureRecordMetadata): every record of a batch gets its own promise,
// all derived from the batch's one result through one shared function, so record n's metadata is made by
// the n-th reaction. Against a naive oracle (record i of a batch acknowledged at base offset B has offset
// B + i and its own timestamp; acks=0 reports -1; a failed batch rejects every record with the batch's
// error), whatever extra callbacks the caller chains on the promises, in whatever order, before or after
// the batch settles; and records appended with a Callback among them, told in append order before any
// future settles; and runs of records sharing a timestamp and a callback (the batch keeps them as runs).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RecordMetadata } from '../../../../workers/clients/kafka/api.ts'
import { ProducerBatch } from '../../../../workers/clients/kafka/producer/producer-batch.ts'
import { keyValueHeadersSize } from '../../../../workers/clients/kafka/producer/record-size.ts'

const WRITE_LIMIT = 1_048_576

function batchOf(timestamps: readonly number[]): {
  batch: ProducerBatch
  futures: Array<Promise<RecordMetadata>>
} {
  const batch = new ProducerBatch('orders', 3, WRITE_LIMIT, false, 0, new Uint8Array(WRITE_LIMIT))
  const futures = timestamps.map((timestamp) => {
    const input = { key: null, value: Uint8Array.of(1, 2, 3), timestamp, headers: [] }
    const future = batch.tryAppend(input, keyValueHeadersSize(input), null)
    if (!future) throw new Error('the record did not fit')
    return future
  })
  return { batch, futures }
}

const timestampsArbitrary = fc.array(fc.integer({ min: 1_600_000_000_000, max: 1_800_000_000_000 }), {
  minLength: 1,
  maxLength: 300,
})

describe('record futures', () => {
  it('resolve with offset base + index and their own timestamp, whatever else listens', async () => {
    await fc.assert(
      fc.asyncProperty(
        timestampsArbitrary,
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.boolean(),
        async (timestamps, baseOffset, extraListeners, listenAfterSettling) => {
          const { batch, futures } = batchOf(timestamps)
          const listen = (): Array<Promise<RecordMetadata>> =>
            extraListeners.map((i) => {
              const future = futures[i % futures.length]
              if (future === undefined) throw new Error('no future')
              return future.then((metadata) => ({ ...metadata }))
            })
          const early = listenAfterSettling ? [] : listen()
          batch.complete(baseOffset)
          const late = listenAfterSettling ? listen() : []
          const expected = timestamps.map((timestamp, i) => ({
            topic: 'orders',
            partition: 3,
            offset: baseOffset + i,
            timestamp,
          }))
          expect(await Promise.all(futures)).toEqual(expected)
          const listened = await Promise.all([...early, ...late])
          const indexes = extraListeners.map((i) => i % futures.length)
          expect(listened).toEqual(indexes.map((i) => expected[i]))
        },
      ),
      { numRuns: 100 },
    )
  })

  it('mixed with records sent with a callback, each gets its own metadata, callbacks first', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.boolean(), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        async (withCallback, baseOffset) => {
          const batch = new ProducerBatch('orders', 3, WRITE_LIMIT, false, 0, new Uint8Array(WRITE_LIMIT))
          const told: Array<[number, RecordMetadata]> = []
          const futures: Array<Promise<[number, RecordMetadata]>> = []
          let settledFutures = 0
          withCallback.forEach((callback, index) => {
            const input = {
              key: null,
              value: Uint8Array.of(index & 0xff),
              timestamp: 1000 + index,
              headers: [],
            }
            const size = keyValueHeadersSize(input)
            if (callback) {
              const appended = batch.tryAppend(input, size, (metadata, exception) => {
                expect([exception, settledFutures]).toEqual([null, 0])
                told.push([index, metadata])
              })
              expect(appended).toBeUndefined()
              return
            }
            const future = batch.tryAppend(input, size, null)
            if (!future) throw new Error('no future')
            futures.push(future.then((metadata) => (settledFutures++, [index, metadata])))
          })
          batch.complete(baseOffset)
          const all = [...told, ...(await Promise.all(futures))].sort((a, b) => a[0] - b[0])
          expect(all).toEqual(
            withCallback.map((_, i) => [
              i,
              { topic: 'orders', partition: 3, offset: baseOffset + i, timestamp: 1000 + i },
            ]),
          )
          expect(told.map(([i]) => i)).toEqual(withCallback.flatMap((callback, i) => (callback ? [i] : [])))
        },
      ),
      { numRuns: 100 },
    )
  })

  it('keep each record its own timestamp and callback when runs of records share them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ timestamp: fc.integer({ min: 7, max: 9 }), sender: fc.nat(2) }), {
          minLength: 1,
          maxLength: 200,
        }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        async (sends, baseOffset) => {
          const batch = new ProducerBatch('orders', 3, WRITE_LIMIT, false, 0, new Uint8Array(WRITE_LIMIT))
          const told: Array<[string, RecordMetadata]> = []
          // Two shared callbacks, as a loop of sends passes one; sender 2 sends without a callback.
          const callbacks = ['a', 'b'].map(
            (name) => (metadata: RecordMetadata) => told.push([name, metadata]),
          )
          const futures: Array<Promise<RecordMetadata>> = []
          for (const { timestamp, sender } of sends) {
            const input = { key: null, value: Uint8Array.of(1), timestamp, headers: [] }
            const future = batch.tryAppend(input, keyValueHeadersSize(input), callbacks[sender] ?? null)
            if (future) futures.push(future)
          }
          batch.complete(baseOffset)
          const expected = sends.map(({ timestamp }, i) => ({
            topic: 'orders',
            partition: 3,
            offset: baseOffset + i,
            timestamp,
          }))
          expect(told).toEqual(
            sends.flatMap(({ sender }, i) => (sender < 2 ? [[['a', 'b'][sender], expected[i]]] : [])),
          )
          expect(await Promise.all(futures)).toEqual(expected.filter((_, i) => sends[i]!.sender === 2))
        },
      ),
      { numRuns: 200 },
    )
  })

  it('report offset -1 for acks=0, as the Java producer does', async () => {
    const { batch, futures } = batchOf([10, 20])
    batch.complete(-1)
    expect(await Promise.all(futures)).toEqual([
      { topic: 'orders', partition: 3, offset: -1, timestamp: 10 },
      { topic: 'orders', partition: 3, offset: -1, timestamp: 20 },
    ])
  })

  it('reject every record with the batch error, and settle once', async () => {
    const { batch, futures } = batchOf([1, 2, 3])
    const error = new Error('NOT_ENOUGH_REPLICAS')
    batch.fail(error)
    batch.complete(100)
    for (const future of futures) await expect(future).rejects.toBe(error)
  })

  it('tell every callback of a failed batch, even after one throws', () => {
    const batch = new ProducerBatch('orders', 3, WRITE_LIMIT, false, 0, new Uint8Array(WRITE_LIMIT))
    const told: Array<[RecordMetadata, Error | null]> = []
    const input = { key: null, value: Uint8Array.of(1), timestamp: 5, headers: [] }
    const size = keyValueHeadersSize(input)
    const broken = () => {
      throw new Error('a broken callback')
    }
    expect(batch.tryAppend(input, size, broken)).toBeUndefined()
    expect(
      batch.tryAppend(input, size, (metadata, exception) => told.push([metadata, exception])),
    ).toBeUndefined()
    const error = new Error('NOT_ENOUGH_REPLICAS')
    const reported = new Promise((resolve) => process.once('unhandledRejection', resolve))
    batch.fail(error)
    expect(told).toEqual([[{ topic: 'orders', partition: 3, offset: -1, timestamp: -1 }, error]])
    return expect(reported).resolves.toMatchObject({ message: 'a broken callback' })
  })
})
