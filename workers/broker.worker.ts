/**
 * Web Worker entry for one Kafka broker: builds a KafkaBroker over IndexedDB, the real clock and the
 * WASM log engine when the page calls `start`, and exposes it through Comlink.
 */
import * as Comlink from 'comlink'
import logWasmUrl from '../engine-wasm/build/log.wasm?url'
import type { BrokerStartOptions, BrokerWorkerApi } from './protocol/workers.ts'
import type { BrokerApi } from './protocol/kafka.ts'
import { KafkaBroker } from './kafka/kafka-broker.ts'
import { LogEngine } from '../engine-wasm/src/log/index.ts'
import { SystemClock } from './net/clock.ts'
import { Random } from './net/random.ts'
import { openStorage } from './storage/open-storage.ts'
import { stoppedError, workerClock } from './worker-host.ts'

let broker: KafkaBroker | null = null

function running(): KafkaBroker {
  if (!broker) throw stoppedError('BrokerStoppedError', 'The broker is not running.')
  return broker
}

const api: BrokerWorkerApi = {
  async start(options: BrokerStartOptions) {
    const bytes = await (await fetch(logWasmUrl)).arrayBuffer()
    broker = await KafkaBroker.start({
      brokerId: options.brokerId,
      clock: new SystemClock(workerClock),
      random: new Random(options.seed),
      storage: await openStorage(options.storageUrl),
      engine: await LogEngine.load(bytes),
    })
  },
  stop() {
    broker?.shutdown()
    broker = null
    return Promise.resolve()
  },
  metadata: (...args: Parameters<BrokerApi['metadata']>) => running().metadata(...args),
  createTopics: (...args: Parameters<BrokerApi['createTopics']>) => running().createTopics(...args),
  deleteTopics: (...args: Parameters<BrokerApi['deleteTopics']>) => running().deleteTopics(...args),
  describeTopicConfigs: (...args: Parameters<BrokerApi['describeTopicConfigs']>) =>
    running().describeTopicConfigs(...args),
  produce: (...args: Parameters<BrokerApi['produce']>) => running().produce(...args),
  fetch: async (...args: Parameters<BrokerApi['fetch']>) => {
    const responses = await running().fetch(...args)
    return Comlink.transfer(
      responses,
      responses.map((r) => r.records.buffer as ArrayBuffer),
    )
  },
  listOffsets: (...args: Parameters<BrokerApi['listOffsets']>) => running().listOffsets(...args),
}

Comlink.expose(api)
