/**
 * The fault side of the data schedules: a Schedule runs the DataCluster one task at a time and checks the
 * ClusterStateInvariants on what every node applied after each; `injectFault` draws the next fault (kill,
 * restart and resume all, a partition of one side against the rest, two sides bridged by one node, a pause,
 * a drop rate for every message or for answers only, heal); `until` steps to a condition or fails with a
 * snapshot (the last events, each node's shards, the master's routing and in-sync sets); `green` is the
 * healed end state; `send`, `request` and `finalValue` are REST calls driven by stepping.
 */
import { clusterHealth } from '../../../workers/es/cluster/state/cluster-health.ts'
import type { ClusterState } from '../../../workers/es/cluster/state/cluster-state.ts'
import type { Random } from '../../../workers/net/random.ts'
import type { HttpMethod } from '../../../workers/protocol/es.ts'
import { ClusterStateInvariants, STEP_DOWN_BOUND_MS } from './cluster-state-invariants.ts'
import type { DataCluster, RestOutcome } from './data-cluster.ts'

export interface Partition {
  side: number[]
  /** Null: `side` against every other node; else the two sides, the nodes in neither bridging them. */
  other: number[] | null
  since: number
}

export class Schedule {
  readonly checker = new ClusterStateInvariants()
  readonly trace: string[] = []
  private readonly seen = new Map<number, ClusterState>()
  partition: Partition | null = null

  constructor(readonly cluster: DataCluster) {}

  /** Runs one task, then checks every invariant on what the nodes now hold. */
  async step(): Promise<boolean> {
    if (!(await this.cluster.step())) return false
    this.check()
    return true
  }

  check(): void {
    const { cluster, checker, partition } = this
    for (const [address, state] of cluster.appliedStates()) {
      if (this.seen.get(address) === state) continue
      this.seen.set(address, state)
      checker.onApplied(address, state)
    }
    const views = cluster.views()
    checker.checkLeaders(views.values())
    if (partition?.other === null && cluster.queue.now() - partition.since > STEP_DOWN_BOUND_MS) {
      const running = new Map([...views].filter(([address]) => !cluster.nodes.isPaused(address)))
      checker.checkMinority(cluster.addresses, partition.side, (a) => cluster.nodeId(a), running)
    }
  }

  log(event: string): void {
    this.trace.push(`${this.cluster.queue.now()} ${event}`)
  }
}

export async function injectFault(schedule: Schedule, random: Random, down: Set<number>): Promise<void> {
  const { cluster } = schedule
  const { addresses, nodes, network } = cluster
  const size = addresses.length
  const master = cluster.appliedStates().find(([, state]) => state.masterNodeId !== null)?.[1]
  const masterAddress = master?.nodes.find((node) => node.id === master.masterNodeId)?.address
  const address =
    random.nextInt(3) === 0 && masterAddress !== undefined ? masterAddress : addresses[random.nextInt(size)]!
  const running = addresses.filter((a) => nodes.isRunning(a) && !nodes.isPaused(a))
  switch (random.nextInt(9)) {
    case 0:
      if (running.length > 1 && running.includes(address)) {
        schedule.log(`kill ${address}`)
        down.add(address)
        await cluster.kill(address)
      }
      return
    case 1:
      schedule.log(`restart ${[...down].join()} resume all`)
      for (const a of down) await cluster.start(a)
      down.clear()
      for (const a of addresses) if (nodes.isPaused(a)) await nodes.resume(a)
      return
    case 2: {
      network.heal()
      const side = random.nextInt(2) === 0 ? [address] : addresses.filter(() => random.nextInt(2) === 0)
      network.partition(side)
      schedule.partition = { side, other: null, since: cluster.queue.now() }
      schedule.log(`partition ${side.join()}`)
      return
    }
    case 3: {
      network.heal()
      const bridge = address
      const rest = addresses.filter((a) => a !== bridge)
      const side = rest.filter((_, i) => i % 2 === random.nextInt(2))
      const other = rest.filter((a) => !side.includes(a))
      network.partition(side, other)
      schedule.partition = { side, other, since: cluster.queue.now() }
      schedule.log(`bridge ${bridge} between ${side.join()} and ${other.join()}`)
      return
    }
    case 4:
      if (running.length > 1 && running.includes(address)) {
        schedule.log(`pause ${address}`)
        await nodes.pause(address)
      }
      return
    case 5: {
      const rate = random.nextInt(4) * 0.05
      network.setDropRate(rate)
      schedule.log(`drop ${rate}`)
      return
    }
    case 6: {
      const rate = random.nextInt(4) * 0.05
      network.setResponseDropRate(rate)
      schedule.log(`drop responses ${rate}`)
      return
    }
    default:
      network.heal()
      schedule.partition = null
      schedule.log('heal')
  }
}

/** Steps until `done()` holds, checking invariants; fails with `what` after `limitMs` of simulated time. */
export async function until(
  schedule: Schedule,
  done: () => boolean,
  limitMs: number,
  what: string,
): Promise<void> {
  const deadline = schedule.cluster.queue.now() + limitMs
  while (!done()) {
    const next = schedule.cluster.queue.nextTaskTime()
    if (next === null || next > deadline)
      throw new Error(`${what} within ${limitMs} ms:\n${snapshot(schedule)}`)
    await schedule.step()
  }
}

/** The last events, what every node holds, and the master's routing with the in-sync sets. */
function snapshot(schedule: Schedule): string {
  const states = schedule.cluster.nodes.describeStates()
  const master = schedule.cluster.appliedStates().find(([, state]) => state.masterNodeId !== null)?.[1]
  const routing = Object.entries(master?.routingTable ?? {}).flatMap(([index, shards]) =>
    shards.map((copies, shard) => {
      const inSync = master!.metadata.indices[index]!.inSyncAllocationIds[shard]
      const described = copies.map((c) => `${c.primary ? 'p' : 'r'} ${c.state} ${c.nodeId} ${c.allocationId}`)
      return `${index}[${shard}] in sync ${JSON.stringify(inSync)}: ${described.join(', ')}`
    }),
  )
  return [...schedule.trace.slice(-12), ...states.map((state) => JSON.stringify(state)), ...routing].join(
    '\n',
  )
}

export function green(cluster: DataCluster): boolean {
  const states = cluster.nodes.describeStates()
  if (states.length !== cluster.addresses.length || states.some((state) => state.masterName === null))
    return false
  const master = cluster.appliedStates().find(([, state]) => state.masterNodeId !== null)?.[1]
  const agreed = cluster.appliedStates().every(([, state]) => state.version === master?.version)
  return (
    master !== undefined &&
    agreed &&
    master.nodes.length === cluster.addresses.length &&
    clusterHealth(master).status === 'green' &&
    states.every((state) => state.shards.every((shard) => shard.state === 'STARTED'))
  )
}

/** One REST call, driven by stepping the simulation (invariants checked on the way). */
export async function send(
  schedule: Schedule,
  node: number,
  method: HttpMethod,
  path: string,
  body?: object,
): Promise<RestOutcome> {
  let outcome: RestOutcome | null = null
  void schedule.cluster.call(node, method, path, body).then((settled) => (outcome = settled))
  await until(schedule, () => outcome !== null, 180_000, `${method} ${path} was not answered`)
  return outcome!
}

/** The parsed body of a call that must succeed. */
export async function request(
  schedule: Schedule,
  node: number,
  method: HttpMethod,
  path: string,
  body?: object,
): Promise<unknown> {
  const outcome = await send(schedule, node, method, path, body)
  if (outcome.kind !== 'answered' || outcome.status >= 300)
    throw new Error(`${method} ${path} on node ${node}: ${JSON.stringify(outcome)}`)
  return JSON.parse(outcome.body) as unknown
}

/** The value of a document as a realtime GET through `node` finds it, or null when it is not found. */
export async function finalValue(
  schedule: Schedule,
  node: number,
  index: string,
  id: string,
): Promise<number | null> {
  const outcome = await send(schedule, node, 'GET', `/${index}/_doc/${id}`)
  if (outcome.kind === 'answered' && outcome.status === 404) return null
  if (outcome.kind !== 'answered' || outcome.status !== 200)
    throw new Error(`GET ${index}/${id} on node ${node}: ${JSON.stringify(outcome)}`)
  return (JSON.parse(outcome.body) as { _source: { value: number } })._source.value
}
