/**
 * The APIs the page reaches inside each worker through Comlink. A worker is created idle; `start`
 * builds its broker or node over the storage the URL names (`idb://<database>` or `memory://`) and
 * resolves once it has restored its state. Calls before `start`, or after `shutdown`, reject with a
 * WireError named `BrokerStoppedError` / `NodeStoppedError`.
 */
import type { BrokerApi } from './kafka.ts'
import type { EsNodeApi, EsNodeState } from './es.ts'

export interface BrokerStartOptions {
  brokerId: number
  /** The controller quorum's voters (combined-mode brokers). */
  voters: number[]
  clusterId: string
  storageUrl: string
  seed: number
  /** The properties file the broker was started with (kafka-server-start.sh FILE); empty: the installed one. */
  serverProperties: Record<string, string>
}

/**
 * What one Kafka node is doing now (KafkaServer.describeState): whether it is the active controller, the
 * metadata quorum's leader epoch as it knows it, and each partition replica it hosts with its log end
 * offset and high watermark. One call answers for every partition of the node.
 */
export interface NodeState {
  nodeId: number
  activeController: boolean
  quorumEpoch: number
  partitions: Array<{
    topicId: string
    partition: number
    isLeader: boolean
    leaderEpoch: number
    isr: number[]
    highWatermark: number
    logEndOffset: number
  }>
}

export interface BrokerWorkerApi extends BrokerApi {
  /**
   * Hands this broker its end of a MessageChannel to a peer (a MessagePort, transferred); a later port
   * for the same peer replaces the earlier one, as when the peer's process restarted.
   */
  connectPeer(peerId: number, port: unknown): void
  /**
   * The peer's process ended (stopped or killed): its end of the channel is closed, so this broker's requests
   * to it fail at once as against a closed port, those in flight as over a reset connection.
   */
  disconnectPeer(peerId: number): void
  start(options: BrokerStartOptions): Promise<void>
  /** Controlled shutdown: leadership moves away, then the broker stops answering. */
  shutdown(): Promise<void>
  /** Drops every message to and from these peers (a network cut); an empty list heals. */
  blockPeers(peerIds: number[]): void
  /**
   * Stores every byte appended so far and the high watermarks now, as a `sync` on the broker's host does;
   * the broker keeps running. The page asks for it when the tab is hidden, as it may be closed next.
   */
  flushLogs(): Promise<void>
  /** The node's state for the cluster view: one batched answer, never one call per partition. */
  describeState(): Promise<NodeState>
  /**
   * The current bytes of a file under this broker's log dir (`<topic>-<partition>/<20-digit base
   * offset>.log|.index|.timeindex`, see log-dirs.ts), or null when there is no such file.
   */
  readLogDirFile(path: string): Uint8Array | null
}

export interface EsNodeStartOptions {
  nodeName: string
  /** The node's address on the Elasticsearch transport network (es-node-N has N). */
  address: number
  /** discovery.seed_hosts: the address of every node of the cluster. */
  seedAddresses: number[]
  /** cluster.initial_master_nodes: the name of every node the cluster was formatted with. */
  initialMasterNodes: string[]
  storageUrl: string
  /** path.repo, from config/elasticsearch.yml as the node starts. */
  pathRepo: string[]
  /** node.attr.*, from config/elasticsearch.yml as the node starts. */
  nodeAttributes: Record<string, string>
  /** The filesystem every node mounts under path.repo (`idb://<database>`), shared by the cluster. */
  repositoryStorageUrl: string
  seed: number
}

export interface EsNodeWorkerApi extends EsNodeApi {
  /** As BrokerWorkerApi.connectPeer: this node's end of a MessageChannel to peer node `peerId`. */
  connectPeer(peerId: number, port: unknown): void
  /** As BrokerWorkerApi.disconnectPeer: peer node `peerId`'s process ended. */
  disconnectPeer(peerId: number): void
  start(options: EsNodeStartOptions): Promise<void>
  /** Graceful shutdown (SIGTERM): the node leaves the cluster, then stops answering. */
  shutdown(): Promise<void>
  /** Drops every message to and from these peer nodes (a network cut); an empty list heals. */
  blockPeers(peerIds: number[]): void
  /** The node's state for the cluster view: one batched answer, never one call per shard. */
  describeState(): Promise<EsNodeState>
}
