/**
 * The playground cluster in one process, for the headless scenario runner and tests: KRaft brokers and
 * the Elasticsearch nodes (simulated-es-nodes.ts) as plain objects over in-memory storage, on a
 * DeterministicTaskQueue (virtual time) and SimulatedNetworks with seeded latencies, so a scenario replays
 * exactly. Each run starts from an empty cluster that is given time to elect its controller, unfence every
 * broker and elect an Elasticsearch master first, as a cluster a learner opens has been running for a
 * while. Each broker runs on its own PausableScheduler
 * over the queue and answers clients through a gated API, so pausing it (SIGSTOP) holds its timers, its
 * network traffic and the calls made to it until it resumes; the tools reach it over a simulated loopback
 * (loopback.ts), so every client call takes a round trip of virtual time. Added brokers get fresh empty
 * storage and are broker-only nodes: the quorum's voters stay those the cluster was formatted with.
 */
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import type { IndexEngine } from '../../../engine-wasm/src/index/index.ts'
import { KAFKA_BASE_PORT } from '../../protocol/kafka.ts'
import { DeterministicTaskQueue, type DrainMicrotasks } from '../../net/deterministic-task-queue.ts'
import { SimulatedNetwork } from '../../net/simulated-network.ts'
import type { Tagged } from '../../net/channel-mux.ts'
import { gatedApi, PausableScheduler, ProcessPause } from '../../net/process-pause.ts'
import { loopbackApi } from '../../net/loopback.ts'
import type { BrokerApi } from '../../protocol/kafka.ts'
import { Random } from '../../net/random.ts'
import { MemoryStorage } from '../../storage/memory-storage.ts'
import type { Storage } from '../../storage/storage.ts'
import { KafkaServer } from '../../kafka/server/kafka-server.ts'
import { EsNode } from '../../es/es-node.ts'
import { SimulatedEsNodes } from './simulated-es-nodes.ts'
import { ClusterKafkaClients } from '../../clients/kafka/kafka-clients.ts'
import type { ShellEnvironment } from '../shell/shell.ts'
import { ShellFiles } from '../shell/shell-files.ts'
import { ShellVariables } from '../shell/shell-variables.ts'
import { JobTable } from '../shell/jobs.ts'
import type { BrokerControl } from '../shell/broker-control.ts'
import { kafkaVoters } from '../shell/broker-control.ts'
import type { HostFiles } from '../tool.ts'
import { brokerHoldingPath } from '../../protocol/log-dirs.ts'
import { ELASTICSEARCH_YML_PATH } from '../shell/elasticsearch-yml.ts'

export interface HeadlessOptions {
  brokers: number
  nodes: number
  seed: number
  logEngine: LogEngine
  indexEngine: IndexEngine
  /** Lets pending microtasks run between simulated tasks (Node: setImmediate). */
  drain: DrainMicrotasks
}

export interface HeadlessCluster {
  env: ShellEnvironment
  /** Runs the simulation until the call settles; a call still pending after 10 simulated minutes fails. */
  run<T>(call: Promise<T>): Promise<T>
}

interface RunningBroker {
  server: KafkaServer
  /** SIGSTOP / SIGCONT of this broker's process. */
  process: ProcessPause
  /**
   * What clients reach: the broker's KafkaApis, waiting while the process is paused, each call answered one
   * loopback round trip later in virtual time (loopback.ts), as a client on the same machine is.
   */
  api: BrokerApi
}

const CLUSTER_ID = 'MkU3OEVBNTcwNTJENDM2Qk'
const STARTUP_MS = 10_000
/** How long the Elasticsearch nodes may take to elect a master before the scenario starts anyway. */
const ES_MASTER_LIMIT_MS = 60_000
const COMMAND_LIMIT_MS = 10 * 60_000

function brokerStoppedError(): Error {
  return Object.assign(new Error('The broker is not running.'), { name: 'BrokerStoppedError' })
}

export async function startHeadlessCluster(options: HeadlessOptions): Promise<HeadlessCluster> {
  const queue = new DeterministicTaskQueue()
  const run = <T>(call: Promise<T>): Promise<T> =>
    queue.runUntilSettled(call, options.drain, COMMAND_LIMIT_MS)
  const network = new SimulatedNetwork<Tagged, unknown>(queue, new Random(options.seed))
  const ids = Array.from({ length: options.brokers }, (_, i) => i + 1)
  const voters = kafkaVoters(options.brokers)
  const storages = new Map<number, Storage>(ids.map((id) => [id, new MemoryStorage()]))
  const servers = new Map<number, RunningBroker>()
  const serverProperties = new Map<number, Record<string, string>>()
  const start = async (id: number): Promise<void> => {
    if (servers.has(id)) return
    const process = new ProcessPause()
    const server = await KafkaServer.start({
      nodeId: id,
      voters,
      clusterId: CLUSTER_ID,
      endpoint: { host: 'localhost', port: KAFKA_BASE_PORT + id - 1 },
      scheduler: new PausableScheduler(queue, process),
      random: new Random(options.seed * 31 + id + servers.size * 1000),
      storage: storages.get(id)!,
      engine: options.logEngine,
      transport: network.endpoint(id),
      serverProperties: serverProperties.get(id) ?? {},
    })
    servers.set(id, { server, process, api: loopbackApi(gatedApi<BrokerApi>(server.api, process), queue) })
  }
  for (const id of ids) await run(start(id))
  const files = new ShellFiles()
  const nodes = new SimulatedEsNodes({
    nodes: options.nodes,
    seed: options.seed,
    engine: options.indexEngine,
    queue,
    startNode: (deps) => EsNode.start(deps),
    config: () => files.read(ELASTICSEARCH_YML_PATH),
  })
  for (const id of nodes.ids()) await run(nodes.start(id))
  await queue.advance(STARTUP_MS, options.drain)
  await nodes.untilMaster(options.drain, ES_MASTER_LIMIT_MS)

  const brokers: BrokerControl = {
    ids: () => ids,
    voters: () => voters,
    isRunning: (id) => servers.has(id),
    isPaused: (id) => servers.get(id)?.process.isPaused ?? false,
    start,
    startWith(id, properties) {
      serverProperties.set(id, properties)
      return start(id)
    },
    async stop(id) {
      const broker = servers.get(id)
      servers.delete(id)
      await broker?.server.shutdown()
    },
    kill(id) {
      const broker = servers.get(id)
      servers.delete(id)
      broker?.server.kill()
      broker?.process.end(brokerStoppedError())
      // Messages held for the dead process now meet a closed port.
      network.resume(id)
      return Promise.resolve()
    },
    pause(id) {
      servers.get(id)?.process.pause()
      network.pause(id)
      return Promise.resolve()
    },
    resume(id) {
      servers.get(id)?.process.resume()
      network.resume(id)
      return Promise.resolve()
    },
    async add() {
      const id = ids.length + 1
      ids.push(id)
      storages.set(id, new MemoryStorage())
      await start(id)
      return id
    },
    isolate: (isolated) => network.partition(isolated),
    heal: () => network.heal(),
  }
  const hostFiles: HostFiles = {
    read(path) {
      const id = brokerHoldingPath(path, ids)
      return Promise.resolve((id === null ? null : servers.get(id)?.server.logDirFiles.read(path)) ?? null)
    },
    decodeBatches: (bytes) => options.logEngine.decodeBatches(bytes),
  }
  const directory = { brokerAtPort: (port: number) => servers.get(port - KAFKA_BASE_PORT + 1)?.api ?? null }
  return {
    env: {
      kafka: new ClusterKafkaClients(directory, options.logEngine, queue, options.seed),
      es: nodes,
      clock: queue,
      playground: { clear: () => undefined, clock: queue, brokers, nodes },
      hostFiles,
      files,
      variables: new ShellVariables(),
      jobs: new JobTable(),
      random: new Random(options.seed),
    },
    run,
  }
}
