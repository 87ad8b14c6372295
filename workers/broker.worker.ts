/**
 * Web Worker entry for one Kafka broker: a KafkaServer over IndexedDB, the real clock, the WASM log
 * engine, and MessagePorts to its peers: the page starts every broker, then wires one MessageChannel per
 * pair of running brokers (a broker's messages to peers not yet wired fail and are retried).
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

function running(): BrokerApi {
  return runningServer().api
}

const api: BrokerWorkerApi = {
  connectPeer(peerId, port) {
    if (!transport) throw stoppedError('BrokerStoppedError', 'Start the broker before connecting its peers.')
    transport.connect(peerId, port as MessagePort)
  },
  async start(options: BrokerStartOptions) {
    const bytes = await (await fetch(logWasmUrl)).arrayBuffer()
    transport = new PortTransport(options.brokerId, scheduler, paused)
    server = await KafkaServer.start({
      nodeId: options.brokerId,
      voters: options.voters,
      clusterId: options.clusterId,
      endpoint: { host: 'localhost', port: KAFKA_BASE_PORT + options.brokerId - 1 },
      scheduler,
      random: new Random(options.seed),
      storage: await openStorage(options.storageUrl),
      engine: await LogEngine.load(bytes),
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
  metadata: (...args) => running().metadata(...args),
  createTopics: (...args) => running().createTopics(...args),
  deleteTopics: (...args) => running().deleteTopics(...args),
  describeTopicConfigs: (...args) => running().describeTopicConfigs(...args),
  produce: (...args) => running().produce(...args),
  fetch: async (...args) => {
    const responses = await running().fetch(...args)
    return Comlink.transfer(
      responses,
      responses.map((r) => r.records.buffer as ArrayBuffer),
    )
  },
  listOffsets: (...args) => running().listOffsets(...args),
  initProducerId: () => running().initProducerId(),
  describeConfigs: (...args) => running().describeConfigs(...args),
  incrementalAlterConfigs: (...args) => running().incrementalAlterConfigs(...args),
  createPartitions: (...args) => running().createPartitions(...args),
  describeQuorum: () => running().describeQuorum(),
  electLeaders: (...args) => running().electLeaders(...args),
  describeLogDirs: (...args) => running().describeLogDirs(...args),
  alterPartitionReassignments: (...args) => running().alterPartitionReassignments(...args),
  listPartitionReassignments: (...args) => running().listPartitionReassignments(...args),
  findCoordinator: (...args) => running().findCoordinator(...args),
  joinGroup: (...args) => running().joinGroup(...args),
  syncGroup: (...args) => running().syncGroup(...args),
  heartbeat: (...args) => running().heartbeat(...args),
  leaveGroup: (...args) => running().leaveGroup(...args),
  offsetCommit: (...args) => running().offsetCommit(...args),
  offsetFetch: (...args) => running().offsetFetch(...args),
  listGroups: (...args) => running().listGroups(...args),
  describeGroups: (...args) => running().describeGroups(...args),
  deleteGroups: (...args) => running().deleteGroups(...args),
}

exposeHostProcess(api, paused)
