// Client quotas enforced by a broker as Kafka 4.1's KafkaApis does: a Produce over producer_byte_rate is
// answered with QuotaUtils.throttleTime on the request's size and mutes the client's channel; a Fetch over
// consumer_byte_rate answers no partitions, and a fetch is bounded by the quota over 10 windows.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import { loadLogEngine, record, startCluster } from '../kafka-fixtures.ts'

let engine: LogEngine
beforeAll(async () => {
  engine = await loadLogEngine()
})

const T = Date.UTC(2026, 0, 1)

async function withQuota(key: string, clientId: string, value: number) {
  const cluster = await startCluster(1)
  const api = cluster.server(1).api
  await cluster.run(
    api.createTopics([{ name: 't', numPartitions: 1, replicationFactor: 1, configs: {} }], false),
  )
  const altered = await cluster.run(
    api.alterClientQuotas(
      [{ entity: [{ entityType: 'client-id', entityName: clientId }], ops: [{ key, value }] }],
      false,
    ),
  )
  expect(altered[0]!.error).toBeNull()
  return { cluster, api }
}

describe('client quotas at the broker', () => {
  it('throttles a Produce over producer_byte_rate by the request size and mutes the channel', async () => {
    const { cluster, api } = await withQuota('producer_byte_rate', 'c', 5)
    const records = engine.encodeBatch([record('a'.repeat(50), null, T + 1_000)])
    const length = records.length
    // Header v2 with client id "c" (12), null transactional id (1), acks (2), timeout (4), one topic (1 + 16 +
    // 1 + 1), one partition (4 + varint + records + 1), body tags (1).
    const size = 12 + 1 + 2 + 4 + 19 + 4 + 1 + length + 1 + 1
    const sent = cluster.queue.now()
    const first = await cluster.run(
      api.produce(1, 30_000, [{ topic: 't', partition: 0, records }], null, 'c'),
    )
    expect(first.responses[0]!.error).toBeNull()
    // size bytes over the minimum 10 s window, against 5 B/s.
    expect(first.throttleTimeMs).toBe(Math.round(((size / 10 - 5) / 5) * 10_000))
    // Another client id has no quota.
    const other = await cluster.run(
      api.produce(1, 30_000, [{ topic: 't', partition: 0, records }], null, 'd'),
    )
    expect(other.throttleTimeMs).toBe(0)
    // The throttled client's next request is read once the throttle time has passed.
    const second = await cluster.run(
      api.produce(1, 30_000, [{ topic: 't', partition: 0, records }], null, 'c'),
    )
    expect(cluster.queue.now() - sent).toBeGreaterThanOrEqual(first.throttleTimeMs)
    expect(second.responses[0]!.baseOffset).toBe(2)
  })

  it('answers a Fetch over consumer_byte_rate with no partitions and takes its bytes back', async () => {
    const records = engine.encodeBatch([record('a'.repeat(200), null, T + 1_000)])
    // 4 + throttle, error, session (10) + one topic (1 + 16 + 1 + 1) + the partition (36 + varint + records) + tags.
    const size = 4 + 10 + 19 + 36 + 2 + records.length + 1
    const quota = Math.floor((1.5 * size) / 10)
    const { cluster, api } = await withQuota('consumer_byte_rate', 'c', quota)
    await cluster.run(api.produce(1, 30_000, [{ topic: 't', partition: 0, records }]))
    const request = [{ topic: 't', partition: 0, fetchOffset: 0, maxBytes: 1 << 20 }]
    const t1 = cluster.queue.now()
    const first = await cluster.run(api.fetch(request, 'READ_UNCOMMITTED', undefined, 'c'))
    expect(first.throttleTimeMs).toBe(0)
    expect(first.responses[0]!.records.length).toBe(records.length)
    const t2 = cluster.queue.now()
    const throttled = await cluster.run(api.fetch(request, 'READ_UNCOMMITTED', undefined, 'c'))
    // Two answers' bytes over the 10 s minimum window plus the time between them.
    const windowMs = 10_000 + (t2 - t1)
    const rate = (2 * size) / (windowMs / 1000)
    expect(throttled).toEqual({
      responses: [],
      throttleTimeMs: Math.round(((rate - quota) / quota) * windowMs),
    })
    // Its bytes were taken back: an empty answer (71 bytes) keeps the rate within the quota.
    const atEnd = await cluster.run(
      api.fetch([{ ...request[0]!, fetchOffset: 1 }], 'READ_UNCOMMITTED', undefined, 'c'),
    )
    expect(atEnd.throttleTimeMs).toBe(0)
    expect(atEnd.responses[0]!.records.length).toBe(0)
  })

  it('bounds a fetch by the quota over 10 windows', async () => {
    const { cluster, api } = await withQuota('consumer_byte_rate', 'c', 30)
    const batches = ['a', 'b', 'c'].map((v, i) => engine.encodeBatch([record(v.repeat(100), null, T + i)]))
    for (const records of batches)
      await cluster.run(api.produce(1, 30_000, [{ topic: 't', partition: 0, records }]))
    const request = [{ topic: 't', partition: 0, fetchOffset: 0, maxBytes: 1 << 20 }]
    // At most 30 * 10 = 300 bytes: the first batch only (a fetch always returns its first batch whole).
    const bounded = await cluster.run(api.fetch(request, 'READ_UNCOMMITTED', undefined, 'c'))
    expect(bounded.responses[0]!.records.length).toBe(batches[0]!.length)
    const unbounded = await cluster.run(api.fetch(request, 'READ_UNCOMMITTED', undefined, 'd'))
    expect(unbounded.responses[0]!.records.length).toBe(batches.reduce((n, b) => n + b.length, 0))
  })
})
