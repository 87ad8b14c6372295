/**
 * The bridge that owns the workers: the Kafka brokers (KafkaWorkerCluster) and the Elasticsearch node
 * worker, started over IndexedDB, and the ShellEnvironment the console runs commands in. The page keeps
 * only the Kafka clients' RecordBatch codec (the log WASM). The cluster counts as ready once every
 * broker is registered and unfenced, as a cluster a learner opens has been running for a while.
 */
import * as Comlink from 'comlink'
import logWasmUrl from '../../engine-wasm/build/log.wasm?url'
import type { EsNodeWorkerApi } from '../../workers/protocol/workers.ts'
import { LogEngine } from '../../engine-wasm/src/log/index.ts'
import type { Clock } from '../../workers/net/clock.ts'
import { hostScheduler as clock } from '../../workers/worker-host.ts'
import { ClusterKafkaClients } from '../../workers/clients/kafka/kafka-clients.ts'
import type { ShellEnvironment } from '../../workers/tools/shell/shell.ts'
import { KafkaWorkerCluster } from './kafka-workers.ts'

export const DEFAULT_BROKERS = 3
const READY_TIMEOUT_MS = 30_000

export interface ClusterHandle {
  env: ShellEnvironment
  terminate(): void
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
  const seed = crypto.getRandomValues(new Uint32Array(1))[0]!
  const kafka = new KafkaWorkerCluster(brokers, seed)
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
  return {
    env: {
      kafka: new ClusterKafkaClients(kafka, logEngine, clock, seed),
      es: node,
      clock,
      playground: { clear, sleep: (ms) => clock.sleep(ms), brokers: kafka },
    },
    terminate() {
      kafka.terminate()
      nodeWorker.terminate()
    },
  }
}
