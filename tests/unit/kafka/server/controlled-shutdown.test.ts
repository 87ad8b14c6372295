/**
 * A controlled shutdown needs the active controller's approval; once the quorum has lost its majority no
 * controller can give it, and the broker stops after BrokerServer's 5-minute shutdown timeout, as Kafka's does.
 */
import { describe, expect, it } from 'vitest'
import { CONTROLLED_SHUTDOWN_TIMEOUT_MS } from '../../../../workers/kafka/server/broker-lifecycle-manager.ts'
import { simKafkaCluster } from './sim-kafka-cluster.ts'

describe('controlled shutdown', () => {
  it('is approved at once while a controller is active', async () => {
    const cluster = await simKafkaCluster(3, 7)
    await cluster.advance(10_000)
    const started = cluster.queue.now()
    await cluster.run(cluster.server(3).shutdown())
    expect(cluster.queue.now() - started).toBeLessThan(10_000)
  })

  it('gives up after 5 minutes when the quorum has no majority left', async () => {
    const cluster = await simKafkaCluster(3, 7)
    await cluster.advance(10_000)
    await cluster.run(cluster.server(1).shutdown())
    cluster.servers.delete(1)
    await cluster.run(cluster.server(2).shutdown())
    cluster.servers.delete(2)
    const started = cluster.queue.now()
    await cluster.run(cluster.server(3).shutdown())
    const waited = cluster.queue.now() - started
    expect(waited).toBeGreaterThanOrEqual(CONTROLLED_SHUTDOWN_TIMEOUT_MS)
    expect(waited).toBeLessThan(CONTROLLED_SHUTDOWN_TIMEOUT_MS + 10_000)
  })
})
