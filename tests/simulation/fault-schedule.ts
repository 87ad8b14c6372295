/**
 * The seeded faults of the Kafka cluster's simulation schedules, shared by its tests: each step kills a
 * broker, restarts every stopped or paused one, cuts one off the network, pauses one (SIGSTOP), or heals the
 * network with a new drop rate (0, 5 or 10 % of all messages), at random; a kill or pause only while all
 * three brokers run. `healAll` ends the faults so the cluster can converge.
 */
import type { Random } from '../../workers/net/random.ts'
import type { SimKafkaCluster } from '../unit/kafka/server/sim-kafka-cluster.ts'

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
