/**
 * Web Worker entry for one Elasticsearch node: builds an EsNode over IndexedDB, the real clock and the
 * WASM inverted index when the page calls `start`, and exposes it through Comlink.
 */
import * as Comlink from 'comlink'
import indexWasmUrl from '../engine-wasm/build/index.wasm?url'
import type { EsNodeStartOptions, EsNodeWorkerApi } from './protocol/workers.ts'
import type { RestRequest } from './protocol/es.ts'
import { EsNode } from './es/es-node.ts'
import { IndexEngine } from '../engine-wasm/src/index/index.ts'
import { Random } from './net/random.ts'
import { openStorage } from './storage/open-storage.ts'
import { hostScheduler, stoppedError } from './worker-host.ts'

let node: EsNode | null = null

const api: EsNodeWorkerApi = {
  async start(options: EsNodeStartOptions) {
    const bytes = await (await fetch(indexWasmUrl)).arrayBuffer()
    node = await EsNode.start({
      nodeName: options.nodeName,
      clock: hostScheduler,
      random: new Random(options.seed),
      storage: await openStorage(options.storageUrl),
      engine: await IndexEngine.load(bytes),
    })
  },
  stop() {
    node = null
    return Promise.resolve()
  },
  handleRequest(request: RestRequest) {
    if (!node) return Promise.reject(stoppedError('NodeStoppedError', 'The node is not running.'))
    return node.handleRequest(request)
  },
}

Comlink.expose(api)
