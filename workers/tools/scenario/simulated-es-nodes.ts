/**
 * The Elasticsearch cluster of the headless runner: es-node-1 to es-node-N as plain node objects on their
 * own SimulatedNetwork (apart from the brokers'), each on a PausableScheduler over the shared
 * DeterministicTaskQueue and over its own MemoryStorage, which is kept across stop and start as a node's
 * data path is; one more MemoryStorage is the filesystem every node mounts under path.repo, which it reads from
 * config/elasticsearch.yml as it starts, with its node.attr.* attributes. Every node has every address as
 * discovery.seed_hosts and every name in cluster.initial_master_nodes. It is the NodeControl of the node commands and the EsDirectory the tools
 * reach nodes through. Pausing a node (SIGSTOP) holds its timers, its network traffic and the REST calls
 * made to it until it resumes; killing it drops what it held and fails the calls waiting on it.
 */
import type { IndexEngine } from '../../../engine-wasm/src/index/index.ts'
import type { EsNodeDeps } from '../../es/es-node.ts'
import { esNodeName, type EsDirectory, type EsNodeApi, type EsNodeState } from '../../protocol/es.ts'
import type { Tagged } from '../../net/channel-mux.ts'
import type { DeterministicTaskQueue, DrainMicrotasks } from '../../net/deterministic-task-queue.ts'
import { gatedApi, PausableScheduler, ProcessPause } from '../../net/process-pause.ts'
import { Random } from '../../net/random.ts'
import { SimulatedNetwork } from '../../net/simulated-network.ts'
import { MemoryStorage } from '../../storage/memory-storage.ts'
import type { Storage } from '../../storage/storage.ts'
import type { NodeControl } from '../shell/node-control.ts'
import { nodeAttributesOf, pathRepoOf } from '../shell/elasticsearch-yml.ts'

/** What the host needs of a node: its REST layer, its two ways to end, and its state. */
export interface EsNodeProcess extends EsNodeApi {
  stop(): Promise<void>
  kill(): void
  describeState(): EsNodeState
}

export type StartEsNode = (deps: EsNodeDeps) => Promise<EsNodeProcess>

export interface SimulatedEsOptions {
  nodes: number
  seed: number
  engine: IndexEngine
  queue: DeterministicTaskQueue
  /** Builds one node (EsNode.start; tests may pass a stand-in). */
  startNode: StartEsNode
  /** The network between the nodes (a fault-schedule test passes its own to drop and bridge); else a new one. */
  network?: SimulatedNetwork<Tagged, unknown>
  /** config/elasticsearch.yml as it is now (null: the image's own), read as each node starts. */
  config?: () => string | null
}

interface RunningNode {
  node: EsNodeProcess
  /** SIGSTOP / SIGCONT of this node's JVM. */
  process: ProcessPause
  /** What clients reach: the node's REST layer, waiting while the process is paused. */
  api: EsNodeApi
}

const MASTER_POLL_MS = 100

function nodeStoppedError(): Error {
  return Object.assign(new Error('The node is not running.'), { name: 'NodeStoppedError' })
}

export class SimulatedEsNodes implements NodeControl, EsDirectory {
  private readonly network: SimulatedNetwork<Tagged, unknown>
  private readonly addresses: number[]
  private readonly storages = new Map<number, Storage>()
  /** The filesystem every node mounts under path.repo (snapshot repositories), kept as the data paths are. */
  private readonly repositoryStorage = new MemoryStorage()
  private readonly running = new Map<number, RunningNode>()
  /** How often each node was started, so a restarted node draws other random numbers. */
  private readonly starts = new Map<number, number>()

  constructor(private readonly options: SimulatedEsOptions) {
    this.network = options.network ?? new SimulatedNetwork(options.queue, new Random(options.seed * 31 + 500))
    this.addresses = Array.from({ length: options.nodes }, (_, i) => i + 1)
    for (const id of this.addresses) this.storages.set(id, new MemoryStorage())
  }

  ids(): number[] {
    return this.addresses
  }

  isRunning(id: number): boolean {
    return this.running.has(id)
  }

  isPaused(id: number): boolean {
    return this.running.get(id)?.process.isPaused ?? false
  }

  node(id: number): EsNodeApi | null {
    return this.running.get(id)?.api ?? null
  }

  /** The state of every running node that is not paused (a paused one answers nothing). */
  describeStates(): EsNodeState[] {
    return [...this.running.values()]
      .filter((running) => !running.process.isPaused)
      .map((running) => running.node.describeState())
  }

  async start(id: number): Promise<void> {
    const storage = this.storages.get(id)
    if (this.running.has(id) || !storage) return
    const starts = this.starts.get(id) ?? 0
    this.starts.set(id, starts + 1)
    const process = new ProcessPause()
    const node = await this.options.startNode({
      nodeName: esNodeName(id),
      address: id,
      seedAddresses: this.addresses,
      initialMasterNodes: this.addresses.map(esNodeName),
      scheduler: new PausableScheduler(this.options.queue, process),
      random: new Random(this.options.seed * 31 + 999 + id + 1000 * starts),
      storage,
      engine: this.options.engine,
      transport: this.network.endpoint(id),
      pathRepo: pathRepoOf(this.options.config?.() ?? null),
      nodeAttributes: nodeAttributesOf(this.options.config?.() ?? null),
      repositoryStorage: this.repositoryStorage,
    })
    this.running.set(id, { node, process, api: gatedApi<EsNodeApi>(node, process) })
  }

  async stop(id: number): Promise<void> {
    const running = this.running.get(id)
    this.running.delete(id)
    await running?.node.stop()
  }

  kill(id: number): Promise<void> {
    const running = this.running.get(id)
    this.running.delete(id)
    running?.node.kill()
    running?.process.end(nodeStoppedError())
    // Messages held for the dead process now meet a closed port.
    this.network.resume(id)
    return Promise.resolve()
  }

  pause(id: number): Promise<void> {
    this.running.get(id)?.process.pause()
    this.network.pause(id)
    return Promise.resolve()
  }

  resume(id: number): Promise<void> {
    this.running.get(id)?.process.resume()
    this.network.resume(id)
    return Promise.resolve()
  }

  isolate(ids: number[]): void {
    this.network.partition(ids)
  }

  heal(): void {
    this.network.heal()
  }

  /**
   * Lets simulated time run until every running node knows an elected master, for at most `limitMs`
   * (a cluster that cannot elect one is left as it is, for the learner to see).
   */
  async untilMaster(drain: DrainMicrotasks, limitMs: number): Promise<void> {
    const { queue } = this.options
    const deadline = queue.now() + limitMs
    while (queue.now() < deadline) {
      const states = this.describeStates()
      if (states.length > 0 && states.every((state) => state.masterName !== null)) return
      await queue.advance(MASTER_POLL_MS, drain)
    }
  }
}
