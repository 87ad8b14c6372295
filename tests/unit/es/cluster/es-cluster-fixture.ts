// A simulated Elasticsearch cluster of real EsNodes (SimulatedEsNodes, as the scenario runner runs them) on a
// DeterministicTaskQueue: `send(node, ...)` speaks REST to one node and runs the simulation until it answers;
// `settle()` lets time pass until every running node knows the master and no shard copy is initializing.
import { EsNode } from '../../../../workers/es/es-node.ts'
import { DeterministicTaskQueue } from '../../../../workers/net/deterministic-task-queue.ts'
import type { HttpMethod, RestResponse } from '../../../../workers/protocol/es.ts'
import { SimulatedEsNodes } from '../../../../workers/tools/scenario/simulated-es-nodes.ts'
import { loadEngine } from '../node/es-node-fixture.ts'

const drain = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

export interface TestCluster {
  nodes: SimulatedEsNodes
  queue: DeterministicTaskQueue
  send(node: number, method: HttpMethod, pathAndQuery: string, body?: object | string): Promise<RestResponse>
  /** Parsed JSON of a request that must succeed. */
  json(node: number, method: HttpMethod, pathAndQuery: string, body?: object | string): Promise<unknown>
  /** Runs until every running node knows a master and no copy is initializing (at most `limitMs`). */
  settle(limitMs?: number): Promise<void>
  sleep(ms: number): Promise<void>
}

export async function startCluster(size: number, seed = 7): Promise<TestCluster> {
  const queue = new DeterministicTaskQueue()
  const nodes = new SimulatedEsNodes({
    nodes: size,
    seed,
    engine: await loadEngine(),
    queue,
    startNode: (deps) => EsNode.start(deps),
  })
  const run = <T>(call: Promise<T>): Promise<T> => queue.runUntilSettled(call, drain, 10 * 60_000)
  const send: TestCluster['send'] = (id, method, pathAndQuery, body) => {
    const api = nodes.node(id)
    if (!api) throw new Error(`node ${id} is not running`)
    const [path = '', query] = pathAndQuery.split('?', 2)
    const params: Array<[string, string]> = query
      ? query.split('&').map((pair) => {
          const eq = pair.indexOf('=')
          return eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)]
        })
      : []
    const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body)
    return run(api.handleRequest({ method, path, params, body: text }))
  }
  const cluster: TestCluster = {
    nodes,
    queue,
    send,
    async json(id, method, pathAndQuery, body) {
      const response = await send(id, method, pathAndQuery, body)
      if (response.status >= 300) throw new Error(`${response.status} ${response.body}`)
      return JSON.parse(response.body) as unknown
    },
    async settle(limitMs = 120_000) {
      const deadline = queue.now() + limitMs
      while (queue.now() < deadline) {
        const states = nodes.describeStates()
        const settled =
          states.length > 0 &&
          states.every((state) => state.masterName !== null) &&
          states.every((state) => state.shards.every((shard) => shard.state === 'STARTED'))
        if (settled) return
        await queue.advance(100, drain)
      }
    },
    sleep: (ms) => queue.advance(ms, drain),
  }
  for (const id of nodes.ids()) await run(nodes.start(id))
  await cluster.settle()
  return cluster
}
