/**
 * Rack-unaware replica placement in the manner of Kafka's placement (AdminUtils.assignReplicasToBrokers-
 * RackUnaware, which StripedReplicaPlacer generalises): the first replica of partition p goes to broker
 * (start + p) mod n, the others follow with a shift that grows each time the partitions wrap around the
 * brokers, so leaders and followers spread evenly. `start` and the first shift are seeded random draws.
 *
 * Invariant: no partition gets the same broker twice; requires replicationFactor <= brokers.length.
 */
import type { Random } from '../../net/random.ts'

export function placeReplicas(
  brokers: readonly number[],
  numPartitions: number,
  replicationFactor: number,
  random: Random,
): number[][] {
  const sorted = [...brokers].sort((a, b) => a - b)
  const n = sorted.length
  const start = random.nextInt(n)
  let shift = random.nextInt(n)
  const assignment: number[][] = []
  for (let p = 0; p < numPartitions; p++) {
    if (p > 0 && p % n === 0) shift++
    const first = (start + p) % n
    const replicas = [sorted[first]!]
    for (let j = 0; j < replicationFactor - 1; j++) {
      const distance = 1 + ((shift + j) % (n - 1))
      replicas.push(sorted[(first + distance) % n]!)
    }
    assignment.push(replicas)
  }
  return assignment
}
