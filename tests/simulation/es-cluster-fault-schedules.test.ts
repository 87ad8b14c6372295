/**
 * The Elasticsearch coordination layer under seeded fault schedules: 3–5 nodes, two indices, while nodes
 * are killed and restarted, paused and resumed, cut off in network partitions, and messages are dropped.
 * After every simulated task: at most one master per term; committed states agree wherever they are
 * applied ((term, version) names one state, versions grow with terms and only grow on each node);
 * primary terms only grow; a primary is an in-sync copy; no two copies of a shard share a node; and a
 * side of a partition without a quorum of the voting configuration has no master once fault detection
 * has had time to act (3 follower checks of 10 s, then a 30 s publication timeout). Once every fault
 * heals, one master and green. A failing seed replays exactly: run it alone with SEED=<n>.
 */
import { describe, expect, it } from 'vitest'
import { Random } from '../../workers/net/random.ts'
import { createIndex } from '../../workers/es/cluster/state/metadata-indices.ts'
import { clusterHealth } from '../../workers/es/cluster/state/cluster-health.ts'
import { hasQuorum, type ClusterState } from '../../workers/es/cluster/state/cluster-state.ts'
import { drain, SimEsCluster } from '../unit/es/cluster/sim-es-cluster.ts'

/** How long a cut-off master may still believe it leads: follower checks 3 × (1 s + 10 s), publish 30 s. */
const STEP_DOWN_BOUND_MS = 70_000

class InvariantChecker {
  private readonly leaderOfTerm = new Map<number, string>()
  private readonly committed = new Map<string, string>()
  private readonly termOfVersion = new Map<number, number>()
  private readonly lastVersion = new Map<number, number>()
  private readonly primaryTerm = new Map<string, { version: number; term: number }>()
  latestCommitted: ClusterState | null = null

  onApplied(address: number, state: ClusterState): void {
    if (state.masterNodeId === null) return
    const key = `${state.term}/${state.version}`
    const body = JSON.stringify(state)
    const seen = this.committed.get(key)
    if (seen !== undefined) expect(body, `state ${key} differs between nodes`).toBe(seen)
    else this.checkNewCommit(state, key, body)
    expect(state.version, `node ${address} applied an older version`).toBeGreaterThanOrEqual(
      this.lastVersion.get(address) ?? 0,
    )
    this.lastVersion.set(address, state.version)
    this.checkRouting(state)
  }

  private checkNewCommit(state: ClusterState, key: string, body: string): void {
    const term = this.termOfVersion.get(state.version)
    expect(term, `version ${state.version} committed in two terms`).toBeUndefined()
    for (const [version, t] of this.termOfVersion) {
      if (t < state.term)
        expect(version, `term ${state.term} committed below term ${t}`).toBeLessThan(state.version)
      if (t > state.term) expect(version).toBeGreaterThan(state.version)
    }
    this.termOfVersion.set(state.version, state.term)
    this.committed.set(key, body)
    if (!this.latestCommitted || state.version > this.latestCommitted.version) this.latestCommitted = state
    for (const metadata of Object.values(state.metadata.indices)) {
      metadata.primaryTerms.forEach((primaryTerm, shard) => {
        const id = `${metadata.uuid}/${shard}`
        const known = this.primaryTerm.get(id)
        if (known && known.version < state.version) expect(primaryTerm).toBeGreaterThanOrEqual(known.term)
        if (known && known.version > state.version) expect(primaryTerm).toBeLessThanOrEqual(known.term)
        if (!known || known.version < state.version)
          this.primaryTerm.set(id, { version: state.version, term: primaryTerm })
      })
    }
  }

  private checkRouting(state: ClusterState): void {
    for (const [index, shards] of Object.entries(state.routingTable)) {
      const metadata = state.metadata.indices[index]!
      shards.forEach((copies, shard) => {
        const primaries = copies.filter((c) => c.primary)
        expect(primaries).toHaveLength(1)
        const primary = primaries[0]!
        const inSync = metadata.inSyncAllocationIds[shard]!
        if (primary.state === 'STARTED' || (primary.state === 'INITIALIZING' && inSync.length > 0)) {
          expect(inSync, `[${index}][${shard}] primary not in sync`).toContain(primary.allocationId)
        }
        const nodes = copies.filter((c) => c.nodeId !== null).map((c) => c.nodeId)
        expect(new Set(nodes).size, `[${index}][${shard}] two copies on one node`).toBe(nodes.length)
      })
    }
  }

  checkLeaders(cluster: SimEsCluster): void {
    for (const node of cluster.nodes.values()) {
      if (node.mode() !== 'LEADER') continue
      const term = node.currentTerm()
      const known = this.leaderOfTerm.get(term)
      if (known !== undefined) expect(known, `two masters in term ${term}`).toBe(node.localNode.id)
      this.leaderOfTerm.set(term, node.localNode.id)
    }
  }
}

interface Partition {
  side: number[]
  since: number
}

async function runSchedule(seed: number): Promise<{ faults: number; trace: string[] }> {
  const random = new Random(seed * 31 + 7)
  const size = 3 + (seed % 3)
  const checker = new InvariantChecker()
  const trace: string[] = []
  const cluster = new SimEsCluster(seed, size, (address, state) => {
    trace.push(`${cluster.queue.now()} ${address} ${state.term}/${state.version} ${state.masterNodeId}`)
    checker.onApplied(address, state)
  })
  cluster.startAll()
  const leader = await cluster.stabilise()
  await cluster.run(
    leader.submitStateUpdate('create-index', (state) => {
      const withLogs = createIndex(
        state,
        {
          name: 'logs',
          uuid: 'logs-uuid',
          numberOfShards: 2,
          numberOfReplicas: 1,
          settings: {},
          mappings: {},
        },
        cluster.queue.now(),
      )
      return createIndex(
        withLogs,
        {
          name: 'metrics',
          uuid: 'metrics-uuid',
          numberOfShards: 1,
          numberOfReplicas: size - 2,
          settings: {},
          mappings: {},
        },
        cluster.queue.now(),
      )
    }),
  )
  let partition: Partition | null = null
  let holdUntil = 0
  let faults = 0
  const end = cluster.queue.now() + 150_000
  let nextFault = cluster.queue.now() + 1_000
  const down = new Set<number>()
  while (cluster.queue.now() < end) {
    if (cluster.queue.now() >= nextFault) {
      faults++
      const leader = cluster.leaders()[0]?.localNode.address
      const address =
        random.nextInt(3) === 0 && leader !== undefined ? leader : cluster.addresses[random.nextInt(size)]!
      const running = cluster.addresses.filter((a) => !down.has(a) && !cluster.paused.has(a))
      switch (random.nextInt(7)) {
        case 0:
          if (running.length > 1 && running.includes(address)) {
            cluster.kill(address)
            down.add(address)
          }
          break
        case 1:
          for (const a of down) cluster.start(a)
          down.clear()
          for (const a of [...cluster.paused]) cluster.resume(a)
          break
        case 2: {
          cluster.network.heal()
          const side =
            random.nextInt(2) === 0 ? [address] : cluster.addresses.filter(() => random.nextInt(2) === 0)
          cluster.network.partition(side)
          partition = { side, since: cluster.queue.now() }
          // Half the partitions last past the step-down bound, so that the minority check bites.
          if (random.nextInt(2) === 0) holdUntil = cluster.queue.now() + STEP_DOWN_BOUND_MS + 10_000
          break
        }
        case 3:
          if (running.length > 1 && running.includes(address)) cluster.pause(address)
          break
        case 4:
          cluster.network.setDropRate(random.nextInt(5) * 0.05)
          break
        default:
          cluster.network.heal()
          partition = null
      }
      nextFault = Math.max(holdUntil, cluster.queue.now() + 1_000 + random.nextInt(12_000))
    }
    if (!cluster.queue.runNextTask()) break
    await drain()
    checker.checkLeaders(cluster)
    if (partition && cluster.queue.now() - partition.since > STEP_DOWN_BOUND_MS)
      checkMinority(cluster, checker, partition)
  }
  cluster.network.heal()
  cluster.network.setDropRate(0)
  for (const a of [...cluster.paused]) cluster.resume(a)
  for (const a of down) cluster.start(a)
  await cluster.stabilise(180_000)
  // Dead nodes leave, restarted ones rejoin, their replicas recover, and reports lost to dropped messages
  // are sent again once their 30 s request timeout passes: then settle again.
  await cluster.advance(60_000)
  const healthy = await cluster.stabilise()
  expect(healthy.state().nodes).toHaveLength(size)
  expect(clusterHealth(healthy.state()).status).toBe('green')
  return { faults, trace }
}

/** Nodes on a side of the partition that holds no quorum of the last committed configuration do not lead. */
function checkMinority(cluster: SimEsCluster, checker: InvariantChecker, partition: Partition): void {
  const config = checker.latestCommitted?.lastCommittedConfiguration ?? []
  for (const side of [partition.side, cluster.addresses.filter((a) => !partition.side.includes(a))]) {
    const ids = new Set(side.map(SimEsCluster.nodeId))
    if (hasQuorum(config, ids)) continue
    for (const address of side) {
      const node = cluster.nodes.get(address)
      if (node && !cluster.paused.has(address))
        expect(node.mode(), `minority node ${address} leads`).not.toBe('LEADER')
    }
  }
}

const only = process.env['SEED']
const seeds = only
  ? [Number(only)]
  : Array.from(
      { length: Number(process.env['SEEDS'] ?? 100) },
      (_, i) => i + Number(process.env['FIRST_SEED'] ?? 1),
    )

describe('Elasticsearch coordination under seeded fault schedules', () => {
  it.each(seeds)('seed %i keeps every invariant and converges to one master, green', async (seed) => {
    const report = await runSchedule(seed)
    expect(report.faults).toBeGreaterThan(0)
  })

  it('replays a seed exactly: the same states applied by the same nodes at the same times', async () => {
    const first = await runSchedule(42)
    const second = await runSchedule(42)
    expect(first.trace.length).toBeGreaterThan(20)
    expect(second.trace).toEqual(first.trace)
  })
})
