/**
 * The APIs the page reaches inside each worker through Comlink. A worker is created idle; `start`
 * builds its broker or node over the storage the URL names (`idb://<database>` or `memory://`) and
 * resolves once it has restored its state. Calls before `start`, or after `stop`, reject with a
 * WireError named `BrokerStoppedError` / `NodeStoppedError`.
 */
import type { BrokerApi } from './kafka.ts'
import type { EsNodeApi } from './es.ts'

export interface BrokerStartOptions {
  brokerId: number
  storageUrl: string
  seed: number
}

export interface BrokerWorkerApi extends BrokerApi {
  start(options: BrokerStartOptions): Promise<void>
  stop(): Promise<void>
}

export interface EsNodeStartOptions {
  nodeName: string
  storageUrl: string
  seed: number
}

export interface EsNodeWorkerApi extends EsNodeApi {
  start(options: EsNodeStartOptions): Promise<void>
  stop(): Promise<void>
}
