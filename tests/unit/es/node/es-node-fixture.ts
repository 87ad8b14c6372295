// A single EsNode over a MemoryStorage, a VirtualClock and a seeded Random, with the WASM index engine
// (run `node engine-wasm/build.mjs` first), and a `send` helper that speaks REST as Dev Tools would.
import { readFileSync } from 'node:fs'
import { IndexEngine } from '../../../../engine-wasm/src/index/index.ts'
import { EsNode } from '../../../../workers/es/es-node.ts'
import { VirtualClock } from '../../../../workers/net/clock.ts'
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

export interface TestNode {
  node: EsNode
  clock: VirtualClock
  storage: MemoryStorage
  /** `GET /x?refresh=true` style: the query string is split into params; a body object is sent as JSON. */
  send(method: HttpMethod, pathAndQuery: string, body?: string | object): Promise<RestResponse>
  /** Starts a new node over the same storage and clock (a restart). */
  restart(): Promise<TestNode>
}

export async function startNode(
  storage = new MemoryStorage(),
  clock = new VirtualClock(),
  seed = 42,
): Promise<TestNode> {
  const node = await EsNode.start({
    nodeName: 'es01',
    clock,
    random: new Random(seed),
    storage,
    engine: await loadEngine(),
  })
  return {
    node,
    clock,
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
      return node.handleRequest({ method, path, params, body: text })
    },
    restart: () => startNode(storage, clock, seed + 1),
  }
}
