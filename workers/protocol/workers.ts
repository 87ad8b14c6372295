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
  /** The controller quorum's voters (combined-mode brokers). */
  voters: number[]
  clusterId: string
  storageUrl: string
  seed: number
}

export interface BrokerWorkerApi extends BrokerApi {
  /**
   * Hands this broker its end of a MessageChannel to a peer (a MessagePort, transferred); a later port
   * for the same peer replaces the earlier one, as when the peer's process restarted.
   */
  connectPeer(peerId: number, port: unknown): void
  start(options: BrokerStartOptions): Promise<void>
  /** Controlled shutdown: leadership moves away, then the broker stops answering. */
  shutdown(): Promise<void>
  /** Drops every message to and from these peers (a network cut); an empty list heals. */
  blockPeers(peerIds: number[]): void
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
