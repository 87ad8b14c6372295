/**
 * The seeded faults of the Kafka cluster's simulation schedules, shared by its tests: each step kills a
 * broker, restarts every stopped or paused one, cuts one off the network, pauses one (SIGSTOP), or heals the
 * network with a new drop rate (0, 5 or 10 % of all messages), at random; a kill or pause only while all
 * three brokers run. `healAll` ends the faults so the cluster can converge. `produceUnderFaults` is the
 * schedules' producer loop around them.
 */
import type { Random } from '../../workers/net/random.ts'
import type { Producer } from '../../workers/clients/kafka/api.ts'
import { drain, type SimKafkaCluster } from '../unit/kafka/server/sim-kafka-cluster.ts'

const BROKERS = [1, 2, 3]

export async function injectFault(cluster: SimKafkaCluster, random: Random): Promise<void> {
  const id = 1 + random.nextInt(3)
  const roll = random.nextInt(5)
  const healthy = cluster.servers.size === 3 && !BROKERS.some((b) => cluster.isPaused(b))
  if (roll === 0 && healthy) {
    cluster.kill(id)
  } else if (roll === 1) {
    for (const down of BROKERS) {
      if (cluster.isPaused(down)) cluster.resume(down)
      if (!cluster.servers.has(down)) await cluster.run(cluster.start(down))
    }
  } else if (roll === 2) {
    cluster.network.partition([id])
  } else if (roll === 3 && healthy) {
    cluster.pause(id)
  } else {
    cluster.network.heal()
    cluster.network.setDropRate(random.nextInt(3) * 0.05)
  }
}

export async function healAll(cluster: SimKafkaCluster): Promise<void> {
  cluster.network.heal()
  cluster.network.setDropRate(0)
  for (const id of BROKERS) if (cluster.isPaused(id)) cluster.resume(id)
  for (const id of BROKERS) if (!cluster.servers.has(id)) await cluster.run(cluster.start(id))
}

/**
 * For `durationMs` of virtual time: an acks=all send of `v<n>` keyed `k<n % keys>` every 200 ms and a seeded
 * fault every 3 to 8 s from 2 s on, running the cluster's tasks one at a time and calling `afterTask` once each
 * task's promises settled; then heals every fault and waits for every send. The values the producer acked.
 */
export async function produceUnderFaults(options: {
  cluster: SimKafkaCluster
  random: Random
  producer: Producer
  durationMs: number
  keys: number
  afterTask: () => void | Promise<void>
}): Promise<{ acked: string[]; faults: number }> {
  const { cluster, random, producer, durationMs, keys, afterTask } = options
  const { queue } = cluster
  const acked: string[] = []
  const sends: Array<Promise<unknown>> = []
  let faults = 0
  const end = queue.now() + durationMs
  let nextSend = queue.now()
  let nextFault = queue.now() + 2_000
  while (queue.now() < end) {
    if (queue.now() >= nextSend) {
      const value = `v${sends.length}`
      sends.push(
        producer
          .send({
            topic: 't',
            key: new TextEncoder().encode(`k${sends.length % keys}`),
            value: new TextEncoder().encode(value),
          })
          .then(
            () => acked.push(value),
            () => undefined,
          ),
      )
      nextSend = queue.now() + 200
    }
    if (queue.now() >= nextFault) {
      faults++
      await injectFault(cluster, random)
      nextFault = queue.now() + 3_000 + random.nextInt(5_000)
    }
    if (!queue.runNextTask()) break
    await drain()
    await afterTask()
  }
  await healAll(cluster)
  await cluster.run(Promise.allSettled(sends))
  return { acked, faults }
}
