/**
 * The bridge that owns the workers: spawns one broker worker and one Elasticsearch node worker, starts
 * them over IndexedDB, and gives the console a ShellEnvironment whose clients reach the workers through
 * Comlink. The page itself keeps only the Kafka clients' RecordBatch codec (the log WASM).
 */
import * as Comlink from 'comlink'
import logWasmUrl from '../../engine-wasm/build/log.wasm?url'
import type { BrokerWorkerApi, EsNodeWorkerApi } from '../../workers/protocol/workers.ts'
import { KAFKA_BASE_PORT, type BrokerApi } from '../../workers/protocol/kafka.ts'
import { LogEngine } from '../../engine-wasm/src/log/index.ts'
import { SystemClock } from '../../workers/net/clock.ts'
import { ClusterKafkaClients } from '../../workers/clients/kafka/kafka-clients.ts'
import type { ShellEnvironment } from '../../workers/tools/shell/shell.ts'

export interface ClusterHandle {
  env: ShellEnvironment
  terminate(): void
}

export async function startCluster(clear: () => void): Promise<ClusterHandle> {
  const brokerWorker = new Worker(new URL('../../workers/broker.worker.ts', import.meta.url), {
    type: 'module',
  })
  const nodeWorker = new Worker(new URL('../../workers/es-node.worker.ts', import.meta.url), {
    type: 'module',
  })
  const broker = Comlink.wrap<BrokerWorkerApi>(brokerWorker)
  const node = Comlink.wrap<EsNodeWorkerApi>(nodeWorker)
  const seed = crypto.getRandomValues(new Uint32Array(1))[0]!
  const [logEngine] = await Promise.all([
    fetch(logWasmUrl).then(async (response) => LogEngine.load(await response.arrayBuffer())),
    broker.start({ brokerId: 1, storageUrl: 'idb://playground-broker-1', seed }),
    node.start({ nodeName: 'es-node-1', storageUrl: 'idb://playground-es-node-1', seed: seed + 1 }),
  ])
  const clock = new SystemClock({ now: () => Date.now(), setTimeout: (cb, ms) => setTimeout(cb, ms) })
  const brokerApi: BrokerApi = broker
  return {
    env: {
      kafka: new ClusterKafkaClients(
        { brokerAtPort: (port) => (port === KAFKA_BASE_PORT ? brokerApi : null) },
        logEngine,
        clock,
        seed,
      ),
      es: node,
      clock,
      playground: { clear },
    },
    terminate() {
      brokerWorker.terminate()
      nodeWorker.terminate()
    },
  }
}
