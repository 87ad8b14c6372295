/**
 * The bridge that owns the workers: the Kafka brokers (KafkaWorkerCluster) and the Elasticsearch node
 * worker, started over IndexedDB, and the ShellEnvironment the console runs commands in. The page keeps
 * only the Kafka clients' RecordBatch codec (the log WASM). The cluster counts as ready once every
 * broker is registered and unfenced, as a cluster a learner opens has been running for a while.
 * resizeKafka replaces the Kafka cluster by a fresh one of another size; env then points at the new one.
 * The quorum's voters come from the broker count the storage was formatted with (kept across reloads), so
 * brokers added with add-broker come back after a reload as the broker-only nodes they were.
 */
import * as Comlink from 'comlink'
import logWasmUrl from '../../engine-wasm/build/log.wasm?url'
import type { EsNodeWorkerApi } from '../../workers/protocol/workers.ts'
import { LogEngine } from '../../engine-wasm/src/log/index.ts'
import type { Clock } from '../../workers/net/clock.ts'
import { hostScheduler as clock } from '../../workers/worker-host.ts'
import { ClusterKafkaClients } from '../../workers/clients/kafka/kafka-clients.ts'
import type { ShellEnvironment } from '../../workers/tools/shell/shell.ts'
import { ShellFiles } from '../../workers/tools/shell/shell-files.ts'
import { kafkaVoters, MAX_BROKERS } from '../../workers/tools/shell/broker-control.ts'
import { brokerDatabase, KafkaWorkerCluster, type ClusterLayout } from './kafka-workers.ts'
import { loadFormattedCount, saveBrokerCount, saveFormattedCount } from './broker-count-store.ts'
import { deleteDatabases } from './kafka-storage-format.ts'

export const DEFAULT_BROKERS = 3
export { MAX_BROKERS }
const READY_TIMEOUT_MS = 30_000
const KAFKA_DATABASE_PREFIX = 'playground-'

export interface ClusterHandle {
  env: ShellEnvironment
  /** The Kafka cluster running now: a new one after resizeKafka. */
  readonly kafka: KafkaWorkerCluster
  /**
   * Replaces the Kafka cluster by a fresh one of `brokers` brokers, as reformatting every broker's storage
   * with kafka-storage.sh does (the quorum's voters change with the size, so no data can be kept): the
   * old workers end, every broker database is deleted, and the new brokers start and register.
   */
  resizeKafka(brokers: number): Promise<void>
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

async function untilBrokersRegistered(cluster: KafkaWorkerCluster, clock: Clock): Promise<void> {
  const deadline = clock.now() + READY_TIMEOUT_MS
  while (clock.now() < deadline) {
    const broker = cluster.brokerAtPort(9092)
    const metadata = await broker?.metadata([]).catch(() => null)
    if (metadata && metadata.brokers.length === cluster.ids().length) return
    await clock.sleep(200)
  }
}

export async function startCluster(clear: () => void, brokers = DEFAULT_BROKERS): Promise<ClusterHandle> {
  const seed = newSeed()
  const formatted = Math.min((await loadFormattedCount().catch(() => null)) ?? brokers, brokers)
  let kafka = new KafkaWorkerCluster(brokers, seed, KAFKA_DATABASE_PREFIX, clusterLayout(formatted))
  const nodeWorker = new Worker(new URL('../../workers/es-node.worker.ts', import.meta.url), {
    type: 'module',
  })
  const node = Comlink.wrap<EsNodeWorkerApi>(nodeWorker)
  const [logEngine] = await Promise.all([
    fetch(logWasmUrl).then(async (response) => LogEngine.load(await response.arrayBuffer())),
    kafka.startAll(),
    node.start({ nodeName: 'es-node-1', storageUrl: 'idb://playground-es-node-1', seed: seed + 1000 }),
  ])
  await untilBrokersRegistered(kafka, clock)
  const env: ShellEnvironment = {
    kafka: new ClusterKafkaClients(kafka, logEngine, clock, seed),
    es: node,
    clock,
    playground: { clear, sleep: (ms) => clock.sleep(ms), brokers: kafka },
    hostFiles: {
      read: (path) => kafka.readLogDirFile(path),
      decodeBatches: (bytes) => logEngine.decodeBatches(bytes),
    },
    files: new ShellFiles(),
  }
  return {
    env,
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
      await untilBrokersRegistered(next, clock)
      await saveFormattedCount(size)
    },
    terminate() {
      kafka.terminate()
      nodeWorker.terminate()
    },
  }
}
