// Property: random keyed records sent through KafkaProducer and read back by KafkaConsumer (earliest)
// come back as the same multiset, in send order within each partition, each in partition
// toPositive(murmur2(key)) % partitions, with contiguous offsets from 0 per partition; on a simulated
// one-node KRaft cluster, a fresh one per run.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { KafkaConsumer } from '../../../workers/clients/kafka/consumer/kafka-consumer.ts'
import { KafkaProducer } from '../../../workers/clients/kafka/producer/kafka-producer.ts'
import { partitionForKey } from '../../../workers/clients/kafka/producer/murmur2.ts'
import { Random } from '../../../workers/net/random.ts'
import { clusterWithTopic, connectionTo, loadLogEngine } from './client-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const hex = (bytes: Uint8Array | null): string =>
  bytes === null ? 'null' : Buffer.from(bytes).toString('hex')

describe('produce then consume (property)', () => {
  it('keeps every record, its partition by murmur2 and per-partition order', async () => {
    const input = fc.record({
      partitions: fc.integer({ min: 1, max: 6 }),
      records: fc.array(
        fc.record({ key: fc.uint8Array({ maxLength: 12 }), value: fc.uint8Array({ maxLength: 40 }) }),
        {
          minLength: 1,
          maxLength: 60,
        },
      ),
      batchSize: fc.constantFrom('16384', '120'),
    })
    await fc.assert(
      fc.asyncProperty(input, async ({ partitions, records, batchSize }) => {
        const cluster = await clusterWithTopic('t', partitions)
        const producer = new KafkaProducer(connectionTo(cluster), engine, cluster.queue, new Random(1), {
          'batch.size': batchSize,
        })
        const sent = await cluster.run(Promise.all(records.map((r) => producer.send({ topic: 't', ...r }))))
        const consumer = new KafkaConsumer(connectionTo(cluster), engine, cluster.queue, {
          'auto.offset.reset': 'earliest',
        })
        await cluster.run(consumer.subscribe(['t']))
        const poll = () => cluster.run(consumer.poll(10))
        const got = []
        for (let batch = await poll(); batch.length > 0; batch = await poll()) got.push(...batch)
        expect(got).toHaveLength(records.length)
        for (let p = 0; p < partitions; p++) {
          const expected = records.filter((r) => partitionForKey(r.key, partitions) === p)
          const actual = got.filter((r) => r.partition === p)
          expect(actual.map((r) => r.offset)).toEqual([...expected.keys()])
          expect(actual.map((r) => `${hex(r.key)}:${hex(r.value)}`)).toEqual(
            expected.map((r) => `${hex(r.key)}:${hex(r.value)}`),
          )
        }
        sent.forEach((m, i) => expect(m.partition).toBe(partitionForKey(records[i]!.key, partitions)))
      }),
      { numRuns: 40 },
    )
  })
})
