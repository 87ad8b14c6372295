/**
 * Web Worker entry for one Elasticsearch node: an EsNode over IndexedDB, the real clock, the WASM
 * inverted index, and MessagePorts to its peer nodes: the page starts every node, then wires one
 * MessageChannel per pair of running nodes (a node's messages to peers not yet wired fail and are retried).
 * `pause` / `resume` are SIGSTOP / SIGCONT, which a worker cannot get from outside, so it holds itself:
 * its timers, its ports and every API call wait while paused (process-pause.ts), as broker.worker.ts does.
 */
import indexWasmUrl from '../engine-wasm/build/index.wasm?url'
import type { EsNodeStartOptions, EsNodeWorkerApi } from './protocol/workers.ts'
import { EsNode } from './es/es-node.ts'
import { IndexEngine } from '../engine-wasm/src/index/index.ts'
import { Random } from './net/random.ts'
import { PortTransport } from './net/port-transport.ts'
import { PausableScheduler, ProcessPause } from './net/process-pause.ts'
import type { Tagged } from './net/channel-mux.ts'
import { openStorage } from './storage/open-storage.ts'
import { exposeHostProcess, hostScheduler, stoppedError } from './worker-host.ts'

const paused = new ProcessPause()
const scheduler = new PausableScheduler(hostScheduler, paused)
let transport: PortTransport<Tagged, unknown> | null = null
let node: EsNode | null = null

function running(): EsNode {
  if (!node) throw stoppedError('NodeStoppedError', 'The node is not running.')
  return node
}

const api: EsNodeWorkerApi = {
  connectPeer(peerId, port) {
    if (!transport) throw stoppedError('NodeStoppedError', 'Start the node before connecting its peers.')
    transport.connect(peerId, port as MessagePort)
  },
  async start(options: EsNodeStartOptions) {
    const bytes = await (await fetch(indexWasmUrl)).arrayBuffer()
    transport = new PortTransport(options.address, scheduler, paused)
    node = await EsNode.start({
      nodeName: options.nodeName,
      address: options.address,
      seedAddresses: options.seedAddresses,
      initialMasterNodes: options.initialMasterNodes,
      scheduler,
      random: new Random(options.seed),
      storage: await openStorage(options.storageUrl),
      engine: await IndexEngine.load(bytes),
      transport,
      pathRepo: options.pathRepo,
      nodeAttributes: options.nodeAttributes,
      repositoryStorage: await openStorage(options.repositoryStorageUrl),
    })
  },
  async shutdown() {
    await node?.stop()
    node = null
  },
  disconnectPeer: (peerId) => transport?.disconnect(peerId),
  blockPeers: (peerIds) => transport?.block(peerIds),
  describeState: () => Promise.resolve(running().describeState()),
  handleRequest: async (request) => running().handleRequest(request),
}

exposeHostProcess(api, paused)
