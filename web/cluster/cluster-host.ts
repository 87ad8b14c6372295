/**
 * The bridge that owns the workers: the Kafka brokers (KafkaWorkerCluster) and the Elasticsearch nodes
 * (EsWorkerCluster, as many as the learner chose last time, default 3), started over IndexedDB, and the
 * ShellEnvironment the console runs commands in. The page keeps only the Kafka clients' RecordBatch codec
 * (the log WASM). The handle comes as soon as the workers are launched and that codec is loaded; each
 * cluster then says on its own when it is ready (`whenReady`): Kafka once every broker is registered and
 * unfenced, Elasticsearch once every node knows its elected master and the stored shards are recovered, as a
 * cluster a learner opens has been running for a while. A Kafka command waits for Kafka only, whatever ES is still doing, and vice versa.
 * resizeKafka and resizeEs replace a cluster by a fresh one of another size; env then points at the new one.
 * The quorum's voters come from the broker count the storage was formatted with (kept across reloads), so
 * brokers added with add-broker come back after a reload as the broker-only nodes they were.
 */
import logWasmUrl from '../../engine-wasm/build/log.wasm?url'
import { MAX_ES_NODES } from '../../workers/protocol/es.ts'
import { LogEngine } from '../../engine-wasm/src/log/index.ts'
import { hostScheduler as clock } from '../../workers/worker-host.ts'
import { ClusterKafkaClients } from '../../workers/clients/kafka/kafka-clients.ts'
import type { ShellEnvironment } from '../../workers/tools/shell/shell.ts'
import { ShellFiles } from '../../workers/tools/shell/shell-files.ts'
import { ELASTICSEARCH_YML_PATH } from '../../workers/tools/shell/elasticsearch-yml.ts'
import { ShellVariables } from '../../workers/tools/shell/shell-variables.ts'
import { JobTable } from '../../workers/tools/shell/jobs.ts'
import { Random } from '../../workers/net/random.ts'
import { kafkaVoters, MAX_BROKERS } from '../../workers/tools/shell/broker-control.ts'
import { DEFAULT_ES_NODES } from '../../workers/tools/shell/node-control.ts'
import { brokerDatabase, KafkaWorkerCluster, type ClusterLayout } from './kafka-workers.ts'
import { EsWorkerCluster, esNodeDatabase } from './es-workers.ts'
import {
  loadFormattedCount,
  loadNodeCount,
  saveBrokerCount,
  saveFormattedCount,
  saveNodeCount,
} from './broker-count-store.ts'
import { deleteDatabases } from './kafka-storage-format.ts'

export const DEFAULT_BROKERS = 3
export { MAX_BROKERS, MAX_ES_NODES }
const READY_TIMEOUT_MS = 30_000
/** How long the page waits for a started ES cluster's stored shards to recover (a `timeout` value). */
const SHARDS_TIMEOUT = '10s'
const KAFKA_DATABASE_PREFIX = 'playground-'
const ES_DATABASE_PREFIX = 'playground-'

/** The two clusters the console reaches. */
export type ClusterSystem = 'kafka' | 'es'

export interface ClusterHandle {
  env: ShellEnvironment
  /** Resolves once that cluster is ready (or once READY_TIMEOUT_MS passed without it). */
  readonly whenReady: Readonly<Record<ClusterSystem, Promise<void>>>
  /** The Kafka cluster running now: a new one after resizeKafka. */
  readonly kafka: KafkaWorkerCluster
  /**
   * Replaces the Kafka cluster by a fresh one of `brokers` brokers, as reformatting every broker's storage
   * with kafka-storage.sh does (the quorum's voters change with the size, so no data can be kept): the
   * old workers end, every broker database is deleted, and the new brokers start and register.
   */
  resizeKafka(brokers: number): Promise<void>
  /** The Elasticsearch cluster running now: a new one after resizeEs. */
  readonly es: EsWorkerCluster
  /**
   * Replaces the Elasticsearch cluster by a fresh one of `nodes` nodes (cluster.initial_master_nodes
   * changes with the size, so no data is kept): the old workers end, every node database is deleted, the
   * new nodes start and elect a master, and the count is kept for the next visit.
   */
  resizeEs(nodes: number): Promise<void>
  /**
   * Has the Kafka brokers store what they appended and not yet written (their LogFlusher writes in the
   * background); the Elasticsearch nodes store each write before they answer it, so they have nothing owed.
   */
  flushLogs(): Promise<void>
  terminate(): void
}

function newSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]!
}

/** A cluster formatted with `formatted` brokers: its voters, and each add-broker kept for the next visit. */
function clusterLayout(formatted: number): ClusterLayout {
  return {
    voters: kafkaVoters(formatted),
    onAdd: async (brokers) => {
      await saveFormattedCount(formatted)
      await saveBrokerCount(brokers)
    },
  }
}

/**
 * Asks `ready` every `intervalMs` until it says yes, for at most READY_TIMEOUT_MS (an answer still awaited
 * then, such as a paused broker's, is not waited for). A starting broker refuses clients until it is
 * unfenced, so this poll is what waits for it.
 */
async function until(ready: () => Promise<boolean>, intervalMs: number): Promise<void> {
  const end = clock.now() + READY_TIMEOUT_MS
  const timedOut = clock.sleep(READY_TIMEOUT_MS).then(() => false)
  while (clock.now() < end) {
    if (await Promise.race([ready(), timedOut])) return
    await clock.sleep(intervalMs)
  }
}

/**
 * Until every broker serves clients and lists every broker as registered and unfenced: asked often, as the
 * brokers register within milliseconds of electing their controller.
 */
function untilBrokersRegistered(cluster: KafkaWorkerCluster): Promise<void> {
  return until(() => cluster.allServing(), 25)
}

/**
 * Until every node knows an elected master (its state names one) and then, asking the cluster health API,
 * until the stored shards are recovered: no primary unassigned (yellow at least) and none initializing. A
 * cluster whose stored data cannot all be recovered (red) stops being waited for after SHARDS_TIMEOUT.
 */
async function untilShardsRecovered(cluster: EsWorkerCluster): Promise<void> {
  await until(async () => {
    const states = await Promise.all(
      cluster.ids().map((id) => Promise.resolve(cluster.describeState(id)).catch(() => null)),
    )
    return states.every((state) => state?.masterName)
  }, 200)
  const node = cluster
    .ids()
    .map((id) => cluster.node(id))
    .find((api) => api !== null)
  await node
    ?.handleRequest({
      method: 'GET',
      path: '/_cluster/health',
      params: [
        ['wait_for_status', 'yellow'],
        ['wait_for_no_initializing_shards', 'true'],
        ['timeout', SHARDS_TIMEOUT],
      ],
      body: null,
    })
    .catch(() => undefined)
}

export async function startCluster(clear: () => void, brokers = DEFAULT_BROKERS): Promise<ClusterHandle> {
  const seed = newSeed()
  const formatted = Math.min((await loadFormattedCount().catch(() => null)) ?? brokers, brokers)
  let kafka = new KafkaWorkerCluster(brokers, seed, KAFKA_DATABASE_PREFIX, clusterLayout(formatted))
  const nodes = (await loadNodeCount().catch(() => null)) ?? DEFAULT_ES_NODES
  const files = new ShellFiles()
  const esConfig = (): string | null => files.read(ELASTICSEARCH_YML_PATH)
  let es = new EsWorkerCluster(nodes, seed, ES_DATABASE_PREFIX, esConfig)
  // Each cluster is awaited until ready on its own, so neither's readiness check waits for the other's start.
  // The ES nodes start once the brokers' workers are up: on a machine of few cores, their start-up work
  // (scripts, WASM, IndexedDB, recovery, election) otherwise competes with the brokers' and delays Kafka's.
  const kafkaLaunched = kafka.startAll()
  const whenReady = {
    kafka: kafkaLaunched.then(() => untilBrokersRegistered(kafka)),
    es: kafkaLaunched
      .catch(() => undefined)
      .then(() => es.startAll())
      .then(() => untilShardsRecovered(es)),
  }
  const logEngine = await fetch(logWasmUrl).then(async (response) =>
    LogEngine.load(await response.arrayBuffer()),
  )
  const env: ShellEnvironment = {
    kafka: new ClusterKafkaClients(kafka, logEngine, clock, seed),
    es,
    clock,
    playground: { clear, clock, brokers: kafka, nodes: es },
    hostFiles: {
      read: (path) => kafka.readLogDirFile(path),
      decodeBatches: (bytes) => logEngine.decodeBatches(bytes),
    },
    files,
    variables: new ShellVariables(),
    jobs: new JobTable(),
    random: new Random(seed),
  }
  return {
    env,
    whenReady,
    get kafka() {
      return kafka
    },
    async resizeKafka(size) {
      kafka.terminate()
      await deleteDatabases(
        Array.from({ length: MAX_BROKERS }, (_, i) => brokerDatabase(KAFKA_DATABASE_PREFIX, i + 1)),
      )
      const next = new KafkaWorkerCluster(size, newSeed(), KAFKA_DATABASE_PREFIX, clusterLayout(size))
      kafka = next
      env.kafka = new ClusterKafkaClients(next, logEngine, clock, newSeed())
      env.playground.brokers = next
      await next.startAll()
      await untilBrokersRegistered(next)
      await saveFormattedCount(size)
    },
    get es() {
      return es
    },
    async resizeEs(size) {
      es.terminate()
      await deleteDatabases(
        Array.from({ length: MAX_ES_NODES }, (_, i) => esNodeDatabase(ES_DATABASE_PREFIX, i + 1)),
      )
      const next = new EsWorkerCluster(size, newSeed(), ES_DATABASE_PREFIX, esConfig)
      es = next
      env.es = next
      env.playground.nodes = next
      await next.startAll()
      await untilShardsRecovered(next)
      await saveNodeCount(size)
    },
    flushLogs: () => kafka.flushLogs(),
    terminate() {
      kafka.terminate()
      es.terminate()
    },
  }
}
