/**
 * pause-broker / resume-broker on real broker workers in Chromium: a worker cannot be SIGSTOPped from
 * outside, so it holds itself (timers, MessagePorts, Comlink calls). While broker 2 is paused it answers
 * nothing, the controller fences it after broker.session.timeout.ms and takes it out of the ISR; once
 * resumed it answers the calls that waited, heartbeats again and rejoins the ISR.
 */
import { afterEach, describe, expect, it } from 'vitest'
import logWasmUrl from '../../engine-wasm/build/log.wasm?url'
import { LogEngine } from '../../engine-wasm/src/log/index.ts'
import { ClusterKafkaClients } from '../../workers/clients/kafka/kafka-clients.ts'
import { hostScheduler } from '../../workers/worker-host.ts'
import { KafkaWorkerCluster } from '../../web/cluster/kafka-workers.ts'

let cluster: KafkaWorkerCluster | null = null

afterEach(() => cluster?.terminate())

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await hostScheduler.sleep(200)
  }
}

describe('a paused broker worker', () => {
  it('answers nothing, is fenced and leaves the ISR, then goes on where it was when resumed', async () => {
    const seed = Math.floor(Math.random() * 1e6)
    cluster = new KafkaWorkerCluster(3, seed, `pause-${seed}-`)
    await cluster.startAll()
    const engine = await LogEngine.load(await (await fetch(logWasmUrl)).arrayBuffer())
    const admin = new ClusterKafkaClients(cluster, engine, hostScheduler, 1).admin('localhost:9092')
    await waitFor(async () => (await admin.describeCluster()).nodes.length === 3, 20_000)
    await admin.createTopics([{ name: 'p', numPartitions: 3, replicationFactor: 3, configs: {} }])
    const isrs = async () => (await admin.describeTopics(['p']))[0]!.partitions.map((p) => [...p.isr].sort())
    await waitFor(async () => (await isrs()).every((isr) => isr.length === 3), 10_000)

    await cluster.pause(2)
    expect(cluster.isPaused(2)).toBe(true)
    let answered = false
    const waiting = cluster.describeState(2)!.then((state) => ((answered = true), state))
    // Fenced once no heartbeat came for 9 s: broker 2 leaves every ISR.
    await waitFor(async () => (await isrs()).every((isr) => !isr.includes(2)), 15_000)
    expect(answered).toBe(false)

    await cluster.resume(2)
    expect(cluster.isPaused(2)).toBe(false)
    expect((await waiting).nodeId).toBe(2)
    await waitFor(async () => (await isrs()).every((isr) => isr.includes(2)), 15_000)
  }, 60_000)
})
