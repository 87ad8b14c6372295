/**
 * Real Elasticsearch nodes holding data under seeded fault schedules: 3–5 EsNodes, an index of 2 shards × 1
 * replica (6 in the rebalancing schedules, seeds above 1000, whose restarted nodes take shards back by
 * relocation, primaries included) and one of 1 shard × (nodes − 1) replicas, three clients writing, reading, refreshing and
 * searching through random nodes, while nodes are killed and restarted, paused and resumed, cut off in
 * partitions (one side against the rest, or two sides with a node bridging them), and messages or only
 * answers are dropped. After every simulated task, on the states the nodes applied: at most one master per
 * term, committed states agree, primary terms only grow, only in-sync copies are promoted, no two copies of
 * a shard share a node, health is the function of assignment (ClusterStateInvariants), and a minority side
 * has no master once fault detection has acted. Once every fault heals: green with every node, and every
 * acknowledged write present with its value or a later one (WriteHistory's verdict: acked, missing,
 * conflicting), and, once the cluster has run a minute more and is green again, every copy of a shard holding the same documents with the same values, `_seq_no`, `_version`
 * and `_primary_term` (a new primary resyncs its replicas, which roll back to the global checkpoint first), no
 * read showing a value never written.
 * A failing seed replays exactly: run it alone with SEED=<n> (SEEDS=<count>, FIRST_SEED=<n> for a range).
 */
import { afterAll, describe, expect, it } from 'vitest'
import { Random } from '../../workers/net/random.ts'
import { runClient, type Workload } from './es/clients.ts'
import { DataCluster } from './es/data-cluster.ts'
import { finalValue, green, injectFault, request, Schedule, until } from './es/schedule.ts'
import { WriteHistory, type Verdict } from './es/write-history.ts'

const FAULT_PHASE_MS = 180_000
const INDICES = ['logs', 'metrics']
const CLIENTS = 4
const HEAL_LIMIT_MS = 400_000
/** How long the healed cluster runs before its copies are compared (a shard-state report retries every second). */
const SETTLE_MS = 60_000

interface Report extends Verdict {
  seed: number
  nodes: number
  faults: number
  writes: Record<string, number>
  /** Acknowledged writes some copy lacks (it could be promoted next). */
  lacking: string[]
  /** Shards whose copies differ in a document, its value, `_seq_no`, `_version` or `_primary_term`. */
  divergent: string[]
  anomalies: string[]
  trace: string[]
  simulatedMs: number
}

/**
 * Every copy of every shard judged alone (a copy may be promoted next): the acknowledged writes on the ids
 * any copy of its shard holds must be in it. Returns those it lacks, and the shards whose copies differ
 * (in a document, its value, `_seq_no`, `_version` or `_primary_term`).
 */
function judgeCopies(
  cluster: DataCluster,
  history: WriteHistory,
): { lacking: string[]; divergent: string[] } {
  const lacking: string[] = []
  const divergent: string[] = []
  for (const index of INDICES) {
    const copies = cluster.copies(index)
    for (const shard of new Set(copies.map((copy) => copy.shard))) {
      const group = copies.filter((copy) => copy.shard === shard)
      const ids = new Set(group.flatMap((copy) => [...copy.values.keys()]))
      for (const copy of group) {
        const verdict = history.verdict(
          (_, id) => copy.values.get(id) ?? null,
          (i, id) => i === index && ids.has(id),
        )
        lacking.push(...verdict.missing.map((miss) => `node ${copy.address} ${index}[${shard}] ${miss}`))
      }
      const contents = group.map((copy) =>
        JSON.stringify([...copy.values].map(([id, value]) => [id, value, copy.versions.get(id)]).sort()),
      )
      if (new Set(contents).size > 1)
        divergent.push(
          `${index}[${shard}]: ${group.map((copy, i) => `node ${copy.address} ${contents[i]}`).join(' vs ')}`,
        )
    }
  }
  return { lacking, divergent }
}

/** Seeds above 1000 are the rebalancing schedules: `logs` has 6 shards. */
const REBALANCING_FIRST_SEED = 1001
const logsShardsOf = (seed: number): number => (seed >= REBALANCING_FIRST_SEED ? 6 : 2)

async function runSchedule(seed: number): Promise<Report> {
  const random = new Random(seed * 7919 + 13)
  const size = 3 + (seed % 3)
  const cluster = await DataCluster.start(seed, size)
  const started = cluster.queue.now()
  const schedule = new Schedule(cluster)
  await until(schedule, () => green(cluster), 120_000, 'the cluster did not form')
  const settings = (shards: number, replicas: number) => ({
    settings: { number_of_shards: shards, number_of_replicas: replicas },
  })
  await request(schedule, 1, 'PUT', '/logs', settings(logsShardsOf(seed), 1))
  await request(schedule, 2, 'PUT', '/metrics', settings(1, size - 1))
  await until(schedule, () => green(cluster), 120_000, 'the indices did not turn green')

  const history = new WriteHistory()
  const workload: Workload = {
    cluster,
    history,
    random: new Random(seed * 7919 + 29),
    indices: INDICES,
    until: cluster.queue.now() + FAULT_PHASE_MS,
    anomalies: [],
  }
  let clientsDone = 0
  for (let client = 1; client <= CLIENTS; client++) void runClient(client, workload).then(() => clientsDone++)
  let faults = 0
  const down = new Set<number>()
  let nextFault = cluster.queue.now() + 1_000
  while (cluster.queue.now() < workload.until) {
    if (cluster.queue.now() >= nextFault) {
      faults++
      await injectFault(schedule, random, down)
      nextFault = cluster.queue.now() + 1_000 + random.nextInt(12_000)
    }
    if (!(await schedule.step())) break
  }

  schedule.log('heal everything')
  cluster.network.heal()
  cluster.network.setDropRate(0)
  cluster.network.setResponseDropRate(0)
  schedule.partition = null
  for (const address of cluster.addresses)
    if (cluster.nodes.isPaused(address)) await cluster.nodes.resume(address)
  for (const address of down) await cluster.start(address)
  await until(schedule, () => clientsDone === CLIENTS, HEAL_LIMIT_MS, 'the clients did not finish')
  await until(schedule, () => green(cluster), HEAL_LIMIT_MS, 'the cluster did not turn green')

  await request(schedule, 1, 'POST', '/_refresh')
  const finalValues = new Map<string, number | null>()
  for (const { index, id } of history.keys()) {
    const node = 1 + (finalValues.size % size)
    finalValues.set(`${index}/${id}`, await finalValue(schedule, node, index, id))
  }
  // The copies are compared once the cluster settled: what was still in flight (a primary's report of a replica
  // that missed a write, retried after a master change) has landed and the cluster is green again.
  const settled = cluster.queue.now() + SETTLE_MS
  await until(
    schedule,
    () => cluster.queue.now() >= settled && green(cluster),
    HEAL_LIMIT_MS,
    'the cluster did not settle',
  )
  return {
    seed,
    nodes: size,
    faults,
    writes: history.outcomes(),
    ...judgeCopies(cluster, history),
    anomalies: workload.anomalies,
    trace: schedule.trace,
    simulatedMs: cluster.queue.now() - started,
    ...history.verdict((index, id) => finalValues.get(`${index}/${id}`) ?? null),
  }
}

/**
 * Seeds beyond the first hundred that once failed, kept as regressions: 290 (a deposed primary's write
 * acknowledged because the copies it had to mark stale left the in-sync set when a newer primary recovered).
 */
const REGRESSION_SEEDS = [290]
const only = process.env['SEED']
const firstSeed = Number(process.env['FIRST_SEED'] ?? 1)
const seeds = only
  ? [Number(only)]
  : [
      ...Array.from({ length: Number(process.env['SEEDS'] ?? 100) }, (_, i) => i + firstSeed),
      ...(process.env['FIRST_SEED'] === undefined ? REGRESSION_SEEDS : []),
    ]

/** The rebalancing schedules' seeds: REBALANCE_SEEDS of them (none when one SEED is run). */
const rebalanceSeeds = only
  ? []
  : Array.from({ length: Number(process.env['REBALANCE_SEEDS'] ?? 30) }, (_, i) => i + REBALANCING_FIRST_SEED)

const totals = { schedules: 0, acked: 0, ids: 0, missing: 0, conflicting: 0, divergent: 0, faults: 0 }

async function checkSchedule(seed: number): Promise<void> {
  const report = await runSchedule(seed)
  totals.schedules++
  totals.acked += report.acked
  totals.ids += report.ids
  totals.missing += report.missing.length
  totals.conflicting += report.conflicting.length
  totals.divergent += report.divergent.length
  totals.faults += report.faults
  console.log(
    `seed ${seed} (${report.nodes} nodes, ${report.faults} faults, ${report.simulatedMs} ms): writes ` +
      `${JSON.stringify(report.writes)}; acked ${report.acked} on ${report.ids} ids, missing ` +
      `${report.missing.length}, conflicting ${report.conflicting.length}, divergent shards ` +
      `${report.divergent.length}`,
  )
  expect(report.faults).toBeGreaterThan(0)
  expect(report.acked).toBeGreaterThan(0)
  const failures = {
    missing: report.missing,
    orderViolations: report.orderViolations,
    anomalies: report.anomalies,
    lacking: report.lacking,
    divergent: report.divergent,
  }
  const failed = Object.values(failures).some((list) => list.length > 0)
  if (failed) console.log(`seed ${seed}: ${JSON.stringify(failures, null, 1)}\n${report.trace.join('\n')}`)
  expect(failed).toBe(false)
}

describe('Elasticsearch nodes with data under seeded fault schedules', () => {
  it.each(seeds)('seed %i loses no acknowledged write and keeps every invariant', checkSchedule)

  it.each(rebalanceSeeds)(
    'rebalancing seed %i loses no acknowledged write and keeps every invariant',
    checkSchedule,
  )

  it.skipIf(only !== undefined)('replays a seed exactly: the same faults, outcomes and verdict', async () => {
    const first = await runSchedule(42)
    const second = await runSchedule(42)
    expect(first.trace.length).toBeGreaterThan(5)
    expect(second).toEqual(first)
  })

  afterAll(() => console.log(`totals: ${JSON.stringify(totals)}`))
})
