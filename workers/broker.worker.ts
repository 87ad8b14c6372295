/**
 * Web Worker entry for one Kafka broker: a KafkaServer over IndexedDB, the real clock, the WASM log
 * engine, and MessagePorts to its peers: the page starts every broker, then wires one MessageChannel per
 * pair of running brokers (a broker's messages to peers not yet wired fail and are retried).
 * Client calls are refused with the NetworkError of an unreachable broker until the broker is unfenced
 * after its start (Kafka opens its listeners only then), so a client tries its next bootstrap server.
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
import { NetworkError } from './net/transport.ts'
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
 * The broker's client API once it serves clients. While it is still starting (the controller has not
 * unfenced it yet) a call is refused as a connection to a listener Kafka's BrokerServer has not opened:
 * with the NetworkError the transport gives for an unreachable broker, which a client skips.
 */
function serving(): BrokerApi {
  const started = runningServer()
  if (!started.serving) throw new NetworkError('disconnected', started.nodeId)
  return started.api
}

const api: BrokerWorkerApi = {
  connectPeer(peerId, port) {
    if (!transport) throw stoppedError('BrokerStoppedError', 'Start the broker before connecting its peers.')
    transport.connect(peerId, port as MessagePort)
  },
  async start(options: BrokerStartOptions) {
    const bytes = await (await fetch(logWasmUrl)).arrayBuffer()
    // The LogFlusher's writes are cloned in a writer worker, off the thread that answers produce and fetch requests.
    const storage = await openStorage(options.storageUrl, { writer: true })
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
      serverProperties: options.serverProperties,
    })
  },
  async shutdown() {
    await server?.shutdown()
    server = null
  },
  disconnectPeer: (peerId) => transport?.disconnect(peerId),
  blockPeers: (peerIds) => transport?.block(peerIds),
  flushLogs: () => runningServer().flushLogs(),
  readLogDirFile: (path) => {
    const bytes = runningServer().logDirFiles.read(path)
    return bytes === null ? null : Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer])
  },
  describeState: () => Promise.resolve(runningServer().describeState()),
  metadata: async (...args) => serving().metadata(...args),
  createTopics: async (...args) => serving().createTopics(...args),
  deleteTopics: async (...args) => serving().deleteTopics(...args),
  describeTopicConfigs: async (...args) => serving().describeTopicConfigs(...args),
  produce: async (...args) => serving().produce(...args),
  fetch: async (...args) => {
    const response = await serving().fetch(...args)
    return Comlink.transfer(
      response,
      response.responses.map((r) => r.records.buffer as ArrayBuffer),
    )
  },
  listOffsets: async (...args) => serving().listOffsets(...args),
  deleteRecords: async (...args) => serving().deleteRecords(...args),
  describeProducers: async (...args) => serving().describeProducers(...args),
  initProducerId: async (...args) => serving().initProducerId(...args),
  endTxn: async (...args) => serving().endTxn(...args),
  describeTransactions: async (...args) => serving().describeTransactions(...args),
  listTransactions: async (...args) => serving().listTransactions(...args),
  writeTxnMarkers: async (...args) => serving().writeTxnMarkers(...args),
  describeConfigs: async (...args) => serving().describeConfigs(...args),
  incrementalAlterConfigs: async (...args) => serving().incrementalAlterConfigs(...args),
  createPartitions: async (...args) => serving().createPartitions(...args),
  describeQuorum: async () => serving().describeQuorum(),
  electLeaders: async (...args) => serving().electLeaders(...args),
  describeLogDirs: async (...args) => serving().describeLogDirs(...args),
  alterPartitionReassignments: async (...args) => serving().alterPartitionReassignments(...args),
  listPartitionReassignments: async (...args) => serving().listPartitionReassignments(...args),
  apiVersions: async () => serving().apiVersions(),
  updateFeatures: async (...args) => serving().updateFeatures(...args),
  describeAcls: async (...args) => serving().describeAcls(...args),
  describeClientQuotas: async (...args) => serving().describeClientQuotas(...args),
  alterClientQuotas: async (...args) => serving().alterClientQuotas(...args),
  createAcls: async (...args) => serving().createAcls(...args),
  deleteAcls: async (...args) => serving().deleteAcls(...args),
  findCoordinator: async (...args) => serving().findCoordinator(...args),
  joinGroup: async (...args) => serving().joinGroup(...args),
  syncGroup: async (...args) => serving().syncGroup(...args),
  heartbeat: async (...args) => serving().heartbeat(...args),
  leaveGroup: async (...args) => serving().leaveGroup(...args),
  offsetCommit: async (...args) => serving().offsetCommit(...args),
  offsetFetch: async (...args) => serving().offsetFetch(...args),
  txnOffsetCommit: async (...args) => serving().txnOffsetCommit(...args),
  listGroups: async (...args) => serving().listGroups(...args),
  describeGroups: async (...args) => serving().describeGroups(...args),
  deleteGroups: async (...args) => serving().deleteGroups(...args),
  consumerGroupHeartbeat: async (...args) => serving().consumerGroupHeartbeat(...args),
  consumerGroupDescribe: async (...args) => serving().consumerGroupDescribe(...args),
}

exposeHostProcess(api, paused)
