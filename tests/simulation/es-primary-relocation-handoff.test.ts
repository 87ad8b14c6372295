/**
 * A primary relocation whose target is lost after the hand-off (ES data schedule seed 94): the source handed
 * the primary off, then the master cancelled the relocation when the target's node left. A relocated copy can
 * never be the primary again (IndexShard's IndexShardRelocatedException), so its node fails and removes it;
 * the master assigns the primary again (no replica here: to the same node, from its store, in a new term) and
 * the shard takes writes again, every acknowledged one kept. Before, the source stayed STARTED refusing every
 * write, and each failure it reported put it back under the same allocation id: a livelock.
 *
 * The run: three real EsNodes, node 3 stopped while an index of 4 shards × 0 replicas is created and written,
 * then started, so that the balancer relocates a primary to it; node 3 is cut off from the master (not from
 * the source) as soon as it applies that relocation, so its recovery and the hand-off complete but its
 * started report never reaches the master, whose fault detection then removes it.
 */
import { describe, expect, it } from 'vitest'
import type { ClusterState } from '../../workers/es/cluster/state/cluster-state.ts'
import { clusterHealth } from '../../workers/es/cluster/state/cluster-health.ts'
import { DataCluster } from './es/data-cluster.ts'
import { Schedule, finalValue, request, until } from './es/schedule.ts'

const SEED = 1
const LIMIT_MS = 120_000
const DOCS = 16

/** The state the elected master applied last. */
function masterState(cluster: DataCluster): ClusterState | undefined {
  return cluster
    .appliedStates()
    .find(([address, state]) => state.masterNodeId === cluster.nodeId(address))?.[1]
}

function addressOf(cluster: DataCluster, nodeId: string | null): number | undefined {
  return cluster.addresses.find((address) => cluster.nodeId(address) === nodeId)
}

describe('a primary relocation cancelled after the hand-off', () => {
  it('fails the relocated source, assigns the primary again, and keeps every acknowledged write', async () => {
    const cluster = await DataCluster.start(SEED, 3)
    const schedule = new Schedule(cluster)
    const healthy = (nodes: number): boolean => {
      const state = masterState(cluster)
      return state?.nodes.length === nodes && clusterHealth(state).status === 'green'
    }
    await until(schedule, () => healthy(3), LIMIT_MS, 'the cluster did not form')
    await cluster.kill(3)
    await until(schedule, () => masterState(cluster)?.nodes.length === 2, LIMIT_MS, 'node 3 was not removed')
    await request(schedule, 1, 'PUT', '/logs', {
      settings: { number_of_shards: 4, number_of_replicas: 0 },
    })
    await until(schedule, () => healthy(2), LIMIT_MS, 'the index did not turn green')
    for (let i = 0; i < DOCS; i++)
      await request(schedule, 1 + (i % 2), 'PUT', `/logs/_doc/d${i}`, { value: i })

    await cluster.start(3)
    const target = cluster.nodeId(3)
    const relocation = (): { shard: number; source: string } | undefined => {
      const state = cluster.appliedStates().find(([address]) => address === 3)?.[1]
      for (const [shard, copies] of (state?.routingTable['logs'] ?? []).entries()) {
        const source = copies.find((copy) => copy.state === 'RELOCATING' && copy.relocatingNodeId === target)
        if (source?.primary) return { shard, source: source.nodeId! }
      }
      return undefined
    }
    await until(schedule, () => relocation() !== undefined, LIMIT_MS, 'no primary was relocated to node 3')
    const { shard, source } = relocation()!
    const master = masterState(cluster)!.masterNodeId
    // The source must not be the master: node 3 recovers from the source while cut off from the master.
    expect(source).not.toBe(master)
    cluster.network.partition([3], [addressOf(cluster, master)!])
    const termBefore = masterState(cluster)!.metadata.indices['logs']!.primaryTerms[shard]!

    // Node 3 leaves the master's cluster; the cancelled relocation's source is failed (it handed off) and the
    // primary is assigned again, on a new term.
    let failedAsRelocated = false
    await until(
      schedule,
      () => {
        const state = masterState(cluster)
        const copies = state?.routingTable['logs']?.[shard] ?? []
        failedAsRelocated ||= copies.some((copy) =>
          copy.unassignedInfo?.details?.includes('the primary was relocated'),
        )
        return state?.nodes.length === 2 && failedAsRelocated && healthy(2)
      },
      LIMIT_MS,
      'the relocated source was not failed and assigned again',
    )
    expect(masterState(cluster)!.metadata.indices['logs']!.primaryTerms[shard]).toBeGreaterThan(termBefore)

    // Every shard takes writes again; no acknowledged write is lost.
    for (let i = DOCS; i < 2 * DOCS; i++) {
      const answer = (await request(schedule, 1 + (i % 2), 'PUT', `/logs/_doc/d${i}`, { value: i })) as {
        result: string
      }
      expect(answer.result).toBe('created')
    }
    cluster.network.heal()
    await until(schedule, () => healthy(3), LIMIT_MS, 'the cluster did not turn green again')
    for (let i = 0; i < 2 * DOCS; i++) expect(await finalValue(schedule, 1, 'logs', `d${i}`)).toBe(i)
  })
})
