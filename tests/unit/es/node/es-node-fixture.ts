// A single-node Elasticsearch cluster: one EsNode over a MemoryStorage on a DeterministicTaskQueue and a
// SimulatedNetwork, with the WASM index engine (run `node engine-wasm/build.mjs` first), started and given
// the time to elect itself master; `send` speaks REST as Dev Tools would and runs the simulation until
// the answer comes, with `took` read as 0 (it measures the simulated network's latencies).
// `clock.sleep(ms)` lets that much simulated time pass.
import { readFileSync } from 'node:fs'
import { IndexEngine } from '../../../../engine-wasm/src/index/index.ts'
import { EsNode, type EsNodeDeps } from '../../../../workers/es/es-node.ts'
import { DeterministicTaskQueue } from '../../../../workers/net/deterministic-task-queue.ts'
import { SimulatedNetwork } from '../../../../workers/net/simulated-network.ts'
import type { Tagged } from '../../../../workers/net/channel-mux.ts'
import { Random } from '../../../../workers/net/random.ts'
import { MemoryStorage } from '../../../../workers/storage/memory-storage.ts'
import type { HttpMethod, RestResponse } from '../../../../workers/protocol/es.ts'

let engine: Promise<IndexEngine> | null = null

export function loadEngine(): Promise<IndexEngine> {
  engine ??= IndexEngine.load(
    readFileSync(new URL('../../../../engine-wasm/build/index.wasm', import.meta.url)),
  )
  return engine
}

const drain = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

export interface TestClock {
  now(): number
  /** Lets `ms` of simulated time pass, running what is due meanwhile. */
  sleep(ms: number): Promise<void>
}

export interface TestNode {
  node: EsNode
  clock: TestClock
  storage: MemoryStorage
  /** `GET /x?refresh=true` style: the query string is split into params; a body object is sent as JSON. */
  send(method: HttpMethod, pathAndQuery: string, body?: string | object): Promise<RestResponse>
  /** Stops this node and starts a new one over the same storage and time (a restart). */
  restart(): Promise<TestNode>
}

interface Simulation {
  queue: DeterministicTaskQueue
  network: SimulatedNetwork<Tagged, unknown>
}

export interface NodeOptions {
  storage?: MemoryStorage
  seed?: number
  /** The simulated clock's start (epoch millis; default 2026-01-01T00:00:00Z). */
  startTime?: number
  /** The node's path.repo (default: none, as the official Docker image). */
  pathRepo?: string[]
  /** The node's node.attr.* attributes (default: none). */
  nodeAttributes?: Record<string, string>
}

export function startNode(options: NodeOptions = {}): Promise<TestNode> {
  const seed = options.seed ?? 42
  return startOn(options.storage ?? new MemoryStorage(), seed, newSimulation(seed, options.startTime), {
    pathRepo: options.pathRepo ?? [],
    nodeAttributes: options.nodeAttributes ?? {},
  })
}

async function startOn(
  storage: MemoryStorage,
  seed: number,
  simulation: Simulation,
  config: Pick<EsNodeDeps, 'pathRepo' | 'nodeAttributes'>,
): Promise<TestNode> {
  const { queue, network } = simulation
  const run = <T>(call: Promise<T>): Promise<T> => queue.runUntilSettled(call, drain, 10 * 60_000)
  const node = await run(
    EsNode.start({
      nodeName: 'es01',
      address: 1,
      seedAddresses: [1],
      initialMasterNodes: ['es01'],
      scheduler: queue,
      random: new Random(seed),
      storage,
      engine: await loadEngine(),
      transport: network.endpoint(1),
      ...config,
    }),
  )
  for (let waited = 0; !node.describeState().master || !settled(node); waited += 100) {
    if (waited > 60_000) throw new Error('the node did not become master with its shards started')
    await queue.advance(100, drain)
  }
  return {
    node,
    clock: { now: () => queue.now(), sleep: (ms) => queue.advance(ms, drain) },
    storage,
    send: (method, pathAndQuery, body) => {
      const [path = '', query] = pathAndQuery.split('?', 2)
      const params: Array<[string, string]> = query
        ? query.split('&').map((pair) => {
            const eq = pair.indexOf('=')
            return eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)]
          })
        : []
      const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body)
      return run(node.handleRequest({ method, path, params, body: text })).then((response) => ({
        ...response,
        body: tookZero(response.body),
      }))
    },
    restart: async () => {
      node.kill()
      return startOn(storage, seed + 1, simulation, config)
    },
  }
}

function newSimulation(seed: number, startTime?: number): Simulation {
  const queue = new DeterministicTaskQueue(startTime)
  return { queue, network: new SimulatedNetwork<Tagged, unknown>(queue, new Random(seed ^ 0x5eed)) }
}

/** Every shard copy the node holds has started (a restarted node recovers its primaries first). */
function settled(node: EsNode): boolean {
  return node.describeState().shards.every((shard) => shard.state === 'STARTED')
}

/** A body with its `took` set to 0: how long a request took depends on the simulated network's latencies. */
function tookZero(body: string): string {
  return body.replace(/"took":\d+/, '"took":0')
}

/** A request's status and its body parsed as JSON. */
export async function sendJson(
  node: TestNode,
  method: HttpMethod,
  path: string,
  body?: object | string,
): Promise<{ status: number; body: unknown }> {
  const response = await node.send(method, path, body)
  return { status: response.status, body: JSON.parse(response.body) as unknown }
}
