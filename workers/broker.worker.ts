/**
 * Web Worker entry for one Kafka broker: a KafkaServer over IndexedDB, the real clock, the WASM log
 * engine, and MessagePorts to its peers: the page starts every broker, then wires one MessageChannel per
 * pair of running brokers (a broker's messages to peers not yet wired fail and are retried).
 * Client calls wait until the broker is unfenced after its start (Kafka opens its listeners only then).
 * `pause` / `resume` are SIGSTOP / SIGCONT, which a worker cannot get from outside, so it holds itself:
 * its timers, its ports and every API call wait while paused (process-pause.ts).
 */
import * as Comlink from 'comlink'
import logWasmUrl from '../engine-wasm/build/log.wasm?url'
import type { BrokerStartOptions, BrokerWorkerApi } from './protocol/workers.ts'
import type { BrokerApi } from './protocol/kafka.ts'
import { KAFKA_BASE_PORT } from './protocol/kafka.ts'
import { KafkaServer } from './kafka/server/kafka-server.ts'
import { LogEngine } from '../engine-wasm/src/log/index.ts'
import { Random } from './net/random.ts'
import { PortTransport } from './net/port-transport.ts'
import { PausableScheduler, ProcessPause } from './net/process-pause.ts'
import type { Tagged } from './net/channel-mux.ts'
import { openStorage } from './storage/open-storage.ts'
import { exposeHostProcess, hostScheduler, stoppedError } from './worker-host.ts'

const paused = new ProcessPause()
const scheduler = new PausableScheduler(hostScheduler, paused)
let transport: PortTransport<Tagged, unknown> | null = null
let server: KafkaServer | null = null

function runningServer(): KafkaServer {
  if (!server) throw stoppedError('BrokerStoppedError', 'The broker is not running.')
  return server
}

/**
 * The broker's client API once it serves clients: a call made while it is still starting waits until the
 * controller unfenced it, as a client's connection waits until Kafka's BrokerServer opens its listeners.
 */
async function running(): Promise<BrokerApi> {
  const started = runningServer()
  await started.whenServing()
  return started.api
}

const api: BrokerWorkerApi = {
  connectPeer(peerId, port) {
    if (!transport) throw stoppedError('BrokerStoppedError', 'Start the broker before connecting its peers.')
    transport.connect(peerId, port as MessagePort)
  },
  async start(options: BrokerStartOptions) {
    const bytes = await (await fetch(logWasmUrl)).arrayBuffer()
    const storage = await openStorage(options.storageUrl)
    const engine = await LogEngine.load(bytes)
    transport = new PortTransport(options.brokerId, scheduler, paused)
    server = await KafkaServer.start({
      nodeId: options.brokerId,
      voters: options.voters,
      clusterId: options.clusterId,
      endpoint: { host: 'localhost', port: KAFKA_BASE_PORT + options.brokerId - 1 },
      scheduler,
      random: new Random(options.seed),
      storage,
      engine,
      transport,
    })
  },
  async shutdown() {
    await server?.shutdown()
    server = null
  },
  blockPeers: (peerIds) => transport?.block(peerIds),
  readLogDirFile: (path) => {
    const bytes = runningServer().logDirFiles.read(path)
    return bytes === null ? null : Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer])
  },
  describeState: () => Promise.resolve(runningServer().describeState()),
  metadata: async (...args) => (await running()).metadata(...args),
  createTopics: async (...args) => (await running()).createTopics(...args),
  deleteTopics: async (...args) => (await running()).deleteTopics(...args),
  describeTopicConfigs: async (...args) => (await running()).describeTopicConfigs(...args),
  produce: async (...args) => (await running()).produce(...args),
  fetch: async (...args) => {
    const responses = await (await running()).fetch(...args)
    return Comlink.transfer(
      responses,
      responses.map((r) => r.records.buffer as ArrayBuffer),
    )
  },
  listOffsets: async (...args) => (await running()).listOffsets(...args),
  initProducerId: async () => (await running()).initProducerId(),
  describeConfigs: async (...args) => (await running()).describeConfigs(...args),
  incrementalAlterConfigs: async (...args) => (await running()).incrementalAlterConfigs(...args),
  createPartitions: async (...args) => (await running()).createPartitions(...args),
  describeQuorum: async () => (await running()).describeQuorum(),
  electLeaders: async (...args) => (await running()).electLeaders(...args),
  describeLogDirs: async (...args) => (await running()).describeLogDirs(...args),
  alterPartitionReassignments: async (...args) => (await running()).alterPartitionReassignments(...args),
  listPartitionReassignments: async (...args) => (await running()).listPartitionReassignments(...args),
  findCoordinator: async (...args) => (await running()).findCoordinator(...args),
  joinGroup: async (...args) => (await running()).joinGroup(...args),
  syncGroup: async (...args) => (await running()).syncGroup(...args),
  heartbeat: async (...args) => (await running()).heartbeat(...args),
  leaveGroup: async (...args) => (await running()).leaveGroup(...args),
  offsetCommit: async (...args) => (await running()).offsetCommit(...args),
  offsetFetch: async (...args) => (await running()).offsetFetch(...args),
  listGroups: async (...args) => (await running()).listGroups(...args),
  describeGroups: async (...args) => (await running()).describeGroups(...args),
  deleteGroups: async (...args) => (await running()).deleteGroups(...args),
}

exposeHostProcess(api, paused)
