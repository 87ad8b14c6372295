/**
 * The headless runner's Elasticsearch hosts (SimulatedEsNodes) with stand-in nodes: what each node is
 * started with (its name and address, every address as seed, every name as initial master node, its own
 * storage kept across restarts as a data path, other random numbers after a restart), that a paused node's
 * REST calls wait for resume, that kill fails the calls a paused node holds, that stop is the node's own
 * graceful stop, and that startup waits for an elected master for a bounded time.
 */
import { describe, expect, it } from 'vitest'
import type { EsNodeDeps } from '../../../workers/es/es-node.ts'
import type { EsNodeState, RestResponse } from '../../../workers/protocol/es.ts'
import { DeterministicTaskQueue } from '../../../workers/net/deterministic-task-queue.ts'
import type { IndexEngine } from '../../../engine-wasm/src/index/index.ts'
import { SimulatedEsNodes, type EsNodeProcess } from '../../../workers/tools/scenario/simulated-es-nodes.ts'

const drain = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** A node that knows es-node-1 as master `electAfterMs` after it starts, and answers with its name. */
class StandInNode implements EsNodeProcess {
  masterName: string | null = null
  ended: 'stopped' | 'killed' | null = null

  constructor(
    readonly deps: EsNodeDeps,
    electAfterMs: number,
  ) {
    deps.scheduler.schedule(electAfterMs, () => (this.masterName = 'es-node-1'))
  }

  handleRequest(): Promise<RestResponse> {
    return Promise.resolve({ status: 200, contentType: 'application/json', body: this.deps.nodeName })
  }
  stop(): Promise<void> {
    this.ended = 'stopped'
    return Promise.resolve()
  }
  kill(): void {
    this.ended = 'killed'
  }
  describeState(): EsNodeState {
    const { nodeName, address } = this.deps
    return {
      nodeName,
      nodeId: nodeName,
      address,
      master: this.masterName === nodeName,
      masterName: this.masterName,
      shards: [],
      cluster: null,
    }
  }
}

function hosts(nodes: number, electAfterMs = 0) {
  const queue = new DeterministicTaskQueue()
  const started: StandInNode[] = []
  const es = new SimulatedEsNodes({
    nodes,
    seed: 5,
    engine: {} as IndexEngine,
    queue,
    startNode: (deps) => {
      const node = new StandInNode(deps, electAfterMs)
      started.push(node)
      return Promise.resolve(node)
    },
  })
  return { queue, es, started }
}

describe('SimulatedEsNodes', () => {
  it('starts es-node-N at address N with every address as seed and every name as initial master node', async () => {
    const { es, started } = hosts(3)
    for (const id of es.ids()) await es.start(id)
    expect(
      started.map(({ deps }) => [deps.nodeName, deps.address, deps.seedAddresses, deps.initialMasterNodes]),
    ).toEqual([1, 2, 3].map((n) => [`es-node-${n}`, n, [1, 2, 3], ['es-node-1', 'es-node-2', 'es-node-3']]))
    expect(new Set(started.map(({ deps }) => deps.storage)).size).toBe(3)
    expect(started.map(({ deps }) => deps.transport.nodeId)).toEqual([1, 2, 3])
  })

  it('keeps a node’s storage across stop and start, with other random numbers after the restart', async () => {
    const { es, started } = hosts(2)
    await es.start(1)
    await es.stop(1)
    expect(started[0]!.ended).toBe('stopped')
    expect(es.isRunning(1)).toBe(false)
    expect(es.node(1)).toBeNull()
    await es.start(1)
    const [first, second] = started
    expect(second!.deps.storage).toBe(first!.deps.storage)
    expect(second!.deps.random.nextUint32()).not.toBe(first!.deps.random.nextUint32())
  })

  it('holds a paused node’s calls until it resumes, and fails them when it is killed', async () => {
    const { es, started } = hosts(2)
    await es.start(1)
    await es.start(2)
    await es.pause(1)
    expect([es.isRunning(1), es.isPaused(1)]).toEqual([true, true])
    const request = { method: 'GET' as const, path: '/', params: [], body: null }
    let answered = ''
    const held = es
      .node(1)!
      .handleRequest(request)
      .then((r) => (answered = r.body))
    await drain()
    expect(answered).toBe('')
    await es.resume(1)
    await held
    expect(answered).toBe('es-node-1')

    await es.pause(2)
    const doomed = es.node(2)!.handleRequest(request)
    await es.kill(2)
    await expect(doomed).rejects.toMatchObject({
      name: 'NodeStoppedError',
      message: 'The node is not running.',
    })
    expect(started[1]!.ended).toBe('killed')
    expect([es.isRunning(2), es.isPaused(2)]).toEqual([false, false])
  })

  it('lets simulated time run until every running node knows a master', async () => {
    const { queue, es } = hosts(3, 4_000)
    for (const id of es.ids()) await es.start(id)
    const start = queue.now()
    await es.untilMaster(drain, 60_000)
    expect(queue.now() - start).toBe(4_000)
    expect(es.describeStates().map((s) => s.masterName)).toEqual(['es-node-1', 'es-node-1', 'es-node-1'])
  })

  it('gives up waiting for a master after the limit', async () => {
    const { queue, es } = hosts(1, 90_000)
    await es.start(1)
    const start = queue.now()
    await es.untilMaster(drain, 5_000)
    expect(queue.now() - start).toBe(5_000)
    expect(es.describeStates()[0]!.masterName).toBeNull()
  })
})
