/**
 * The start-up path of a page reload, in the deterministic simulation: three combined-mode nodes restart
 * together over their stored metadata logs. Each broker registers as soon as its quorum names a controller
 * and resends after Kafka's 100 ms backoff (BrokerLifecycleManager's resendExponentialBackoff) rather than
 * at its next 2 s heartbeat, so every broker serves clients (is unfenced in its new incarnation) about 150 ms
 * after the restart (2 s or more before, when the first attempt went to the stored, resigned leader); and it
 * serves none before (whenServing).
 */
import { describe, expect, it } from 'vitest'
import { simKafkaCluster } from '../server/sim-kafka-cluster.ts'

const IDS = [1, 2, 3]

async function restartedTogether(seed: number) {
  const cluster = await simKafkaCluster(3, seed)
  await cluster.advance(10_000)
  for (const id of IDS) cluster.kill(id)
  await cluster.advance(1_000)
  const restartedAt = cluster.queue.now()
  const servingAfter = new Map<number, number>()
  for (const id of IDS) {
    const server = await cluster.start(id)
    void server.whenServing().then(() => servingAfter.set(id, cluster.queue.now() - restartedAt))
  }
  return { cluster, servingAfter }
}

describe('a cluster restarted together (a page reload)', () => {
  it.each([1, 2, 3, 4, 5])('serves clients on every broker within 300 ms (seed %i)', async (seed) => {
    const { cluster, servingAfter } = await restartedTogether(seed)
    await cluster.advance(600)
    expect([...servingAfter.keys()].sort()).toEqual(IDS)
    expect(Math.max(...servingAfter.values())).toBeLessThan(300)
    const metadata = await cluster.run(cluster.server(1).api.metadata([]))
    expect(metadata.brokers.map((b) => b.id).sort()).toEqual(IDS)
  })

  it('serves no client before the broker is unfenced in its new incarnation', async () => {
    const { cluster, servingAfter } = await restartedTogether(1)
    expect(servingAfter.size).toBe(0)
    await cluster.advance(600)
    for (const id of IDS) expect(cluster.server(id).metadata.brokers.get(id)?.fenced).toBe(false)
  })
})
