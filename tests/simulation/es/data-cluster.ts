/**
 * DataCluster: real EsNodes (SimulatedEsNodes, as the headless runner runs them) on one DeterministicTaskQueue
 * and a SimulatedNetwork this harness holds, so that a schedule can drop messages and answers and cut any
 * set of links. Clients speak REST to one node at a time, as curl does: a call whose node is killed or
 * restarted while it waits is reset (the connection closed), and a call unanswered for 30 s times
 * out on the client (the Elasticsearch clients' default request timeout). `step()` runs one simulated
 * task; the caller checks invariants between steps.
 *
 * Invariant: the same seed and the same calls replay the same run (no wall clock, no Math.random).
 */
import { EsNode } from '../../../workers/es/es-node.ts'
import type { ClusterState } from '../../../workers/es/cluster/state/cluster-state.ts'
import type { Tagged } from '../../../workers/net/channel-mux.ts'
import { DeterministicTaskQueue } from '../../../workers/net/deterministic-task-queue.ts'
import { Random } from '../../../workers/net/random.ts'
import { SimulatedNetwork } from '../../../workers/net/simulated-network.ts'
import type { HttpMethod } from '../../../workers/protocol/es.ts'
import { SimulatedEsNodes } from '../../../workers/tools/scenario/simulated-es-nodes.ts'
import { loadEngine } from '../../unit/es/node/es-node-fixture.ts'
import type { CoordinationView } from './cluster-state-invariants.ts'

export const drain = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

const CLIENT_TIMEOUT_MS = 30_000

export type RestOutcome =
  | { kind: 'answered'; status: number; body: string }
  /** The node was not running, or was killed or restarted before it answered. */
  | { kind: 'reset' }
  | { kind: 'timeout' }

export interface ShardCopyDocs {
  address: number
  shard: number
  primary: boolean
  /** Document id → the `value` field of its source. */
  values: Map<string, number>
  /** Document id → its `_seq_no`, `_version` and `_primary_term`, as `seqNo/version/primaryTerm`. */
  versions: Map<string, string>
}

export class DataCluster {
  readonly queue = new DeterministicTaskQueue()
  readonly network: SimulatedNetwork<Tagged, unknown>
  readonly nodes: SimulatedEsNodes
  private readonly processes = new Map<number, EsNode>()
  /** Each address's node id (kept on its data path: the same across restarts). */
  private readonly nodeIds = new Map<number, string>()
  /** Bumped whenever a node's process ends or starts: a call made to an earlier process is reset. */
  private readonly incarnations = new Map<number, number>()

  private constructor(seed: number, size: number, engine: Awaited<ReturnType<typeof loadEngine>>) {
    this.network = new SimulatedNetwork(this.queue, new Random(seed * 31 + 500))
    this.nodes = new SimulatedEsNodes({
      nodes: size,
      seed,
      engine,
      queue: this.queue,
      network: this.network,
      startNode: async (deps) => {
        const node = await EsNode.start(deps)
        this.processes.set(deps.address, node)
        this.nodeIds.set(deps.address, node.describeState().nodeId)
        return node
      },
    })
  }

  static async start(seed: number, size: number): Promise<DataCluster> {
    const cluster = new DataCluster(seed, size, await loadEngine())
    for (const id of cluster.nodes.ids()) await cluster.start(id)
    return cluster
  }

  get addresses(): number[] {
    return this.nodes.ids()
  }

  async start(id: number): Promise<void> {
    if (this.nodes.isRunning(id)) return
    this.bump(id)
    await this.queue.runUntilSettled(this.nodes.start(id), drain)
  }

  async kill(id: number): Promise<void> {
    this.bump(id)
    this.processes.delete(id)
    await this.nodes.kill(id)
  }

  private bump(id: number): void {
    this.incarnations.set(id, (this.incarnations.get(id) ?? 0) + 1)
  }

  nodeId(address: number): string | undefined {
    return this.nodeIds.get(address)
  }

  /** Every running node's coordination layer (paused ones too: their state stands still). */
  views(): Map<number, CoordinationView> {
    return new Map(
      [...this.processes].map(([address, node]) => {
        const { mode, term } = node.coordination()
        return [address, { address, nodeId: this.nodeIds.get(address)!, mode, term }]
      }),
    )
  }

  /** Every copy of an index's shards the running nodes hold, with the value of each document. */
  copies(index: string): ShardCopyDocs[] {
    return [...this.processes].flatMap(([address, node]) =>
      node.localCopies(index).map(({ shard, primary, docs }) => ({
        address,
        shard,
        primary,
        values: new Map(docs.map((doc) => [doc.id, (JSON.parse(doc.source) as { value: number }).value])),
        versions: new Map(docs.map((doc) => [doc.id, `${doc.seqNo}/${doc.version}/${doc.primaryTerm}`])),
      })),
    )
  }

  /** The state each running node applied last. */
  appliedStates(): Array<[number, ClusterState]> {
    return [...this.processes].map(([address, node]) => [address, node.coordination().state])
  }

  /** One REST call to node `id`, settled by the simulation as its tasks run (the caller drives it). */
  call(id: number, method: HttpMethod, path: string, body?: object): Promise<RestOutcome> {
    const api = this.nodes.node(id)
    if (!api) return Promise.resolve({ kind: 'reset' })
    const incarnation = this.incarnations.get(id)
    const [route = '', query] = path.split('?', 2)
    const params = (query ? query.split('&') : []).map((pair): [string, string] => {
      const [name = '', value = ''] = pair.split('=', 2)
      return [name, value]
    })
    return new Promise<RestOutcome>((resolve) => {
      const timer = this.queue.schedule(CLIENT_TIMEOUT_MS, () => resolve({ kind: 'timeout' }))
      const settle = (outcome: RestOutcome): void => {
        timer.cancel()
        resolve(this.incarnations.get(id) === incarnation ? outcome : { kind: 'reset' })
      }
      api
        .handleRequest({
          method,
          path: route,
          params,
          body: body === undefined ? null : JSON.stringify(body),
        })
        .then(
          (response) => settle({ kind: 'answered', status: response.status, body: response.body }),
          () => settle({ kind: 'reset' }),
        )
    })
  }

  /** Runs the next task and what it set off; false when nothing is left to run. */
  async step(): Promise<boolean> {
    if (!this.queue.runNextTask()) return false
    await drain()
    return true
  }
}
