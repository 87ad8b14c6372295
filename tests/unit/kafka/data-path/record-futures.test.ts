// The producer's per-record futures (FutureRecordMetadata): every record of a batch gets its own promise,
// all derived from the batch's one result through one shared function, so record n's metadata is made by
// the n-th reaction. Against a naive oracle (record i of a batch acknowledged at base offset B has offset
// B + i and its own timestamp; acks=0 reports -1; a failed batch rejects every record with the batch's
// error), whatever extra callbacks the caller chains on the promises, in whatever order, before or after
// the batch settles.
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
    const future = batch.tryAppend(input, keyValueHeadersSize(input))
    if (future === null) throw new Error('the record did not fit')
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
})
