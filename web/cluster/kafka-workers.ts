/**
 * The Kafka cluster as the page runs it: one Web Worker per broker, each a KafkaServer over its own
 * IndexedDB database, wired to every other running broker by a MessageChannel. It is the BrokerControl
 * of the playground commands (stop, kill, start, pause, resume, add a broker, cut the network) and the
 * directory the Kafka clients reach brokers through (localhost:9092 is broker 1, 9093 broker 2, ...).
 * The quorum's voters are fixed when the cluster is formatted; an added broker is a broker-only node over
 * a freshly deleted database, and `onAdd` is told the new broker count (the page keeps it for reloads).
 */
import * as Comlink from 'comlink'
import type { BrokerWorkerApi, NodeState } from '../../workers/protocol/workers.ts'
import { KAFKA_BASE_PORT, type BrokerApi } from '../../workers/protocol/kafka.ts'
import type { BrokerDirectory } from '../../workers/clients/kafka/bootstrap.ts'
import { kafkaVoters, type BrokerControl } from '../../workers/tools/shell/broker-control.ts'
import type { Pausable } from '../../workers/net/process-pause.ts'
import { brokerHoldingPath } from '../../workers/protocol/log-dirs.ts'
import { deleteDatabases } from './kafka-storage-format.ts'

const CLUSTER_ID = 'MkU3OEVBNTcwNTJENDM2Qk'

/** The IndexedDB database that holds broker `id`'s log.dirs. */
export function brokerDatabase(prefix: string, id: number): string {
  return `${prefix}broker-${id}`
}

interface RunningBroker {
  worker: Worker
  api: Comlink.Remote<BrokerWorkerApi & Pausable>
}

export interface ClusterLayout {
  /** controller.quorum.voters as the cluster was formatted (default: the first three of `size`). */
  voters?: number[]
  /** Called with the new broker count after add-broker. */
  onAdd?: (brokers: number) => Promise<void>
}

export class KafkaWorkerCluster implements BrokerControl, BrokerDirectory {
  private readonly running = new Map<number, RunningBroker>()
  private readonly paused = new Set<number>()
  private isolated: number[] = []
  private readonly quorum: number[]

  constructor(
    private size: number,
    private readonly seed: number,
    /** Prefix of each broker's IndexedDB database name. */
    private readonly databasePrefix = 'playground-',
    private readonly layout: ClusterLayout = {},
  ) {
    this.quorum = layout.voters ?? kafkaVoters(size)
  }

  ids(): number[] {
    return Array.from({ length: this.size }, (_, i) => i + 1)
  }

  voters(): number[] {
    return this.quorum
  }

  isRunning(id: number): boolean {
    return this.running.has(id)
  }

  isPaused(id: number): boolean {
    return this.paused.has(id)
  }

  brokerAtPort(port: number): BrokerApi | null {
    return this.running.get(port - KAFKA_BASE_PORT + 1)?.api ?? null
  }

  /** The running broker's NodeState (one call for all its partitions), or null when it is not running. */
  describeState(id: number): Promise<NodeState> | null {
    return this.running.get(id)?.api.describeState() ?? null
  }

  /** A file under a running broker's log dir (kafka-dump-log), or null; a stopped broker's files are not read. */
  async readLogDirFile(path: string): Promise<Uint8Array | null> {
    const id = brokerHoldingPath(path, this.ids())
    const broker = id === null ? undefined : this.running.get(id)
    return broker === undefined ? null : broker.api.readLogDirFile(path)
  }

  /** Starts every broker, then wires the mesh. */
  async startAll(): Promise<void> {
    await Promise.all(this.ids().map((id) => this.launch(id)))
    const ids = this.ids()
    for (const a of ids) for (const b of ids) if (a < b) this.wire(a, b)
  }

  private async launch(id: number): Promise<void> {
    const worker = new Worker(new URL('../../workers/broker.worker.ts', import.meta.url), {
      type: 'module',
      name: `broker-${id}`,
    })
    const api = Comlink.wrap<BrokerWorkerApi & Pausable>(worker)
    await api.start({
      brokerId: id,
      voters: this.quorum,
      clusterId: CLUSTER_ID,
      storageUrl: `idb://${brokerDatabase(this.databasePrefix, id)}`,
      seed: this.seed + id,
    })
    this.running.set(id, { worker, api })
  }

  private wire(a: number, b: number): void {
    const left = this.running.get(a)
    const right = this.running.get(b)
    if (!left || !right) return
    const channel = new MessageChannel()
    void left.api.connectPeer(b, Comlink.transfer(channel.port1, [channel.port1]))
    void right.api.connectPeer(a, Comlink.transfer(channel.port2, [channel.port2]))
  }

  async start(id: number): Promise<void> {
    await this.launch(id)
    for (const peer of this.running.keys()) if (peer !== id) this.wire(id, peer)
    this.applyIsolation()
  }

  async stop(id: number): Promise<void> {
    const broker = this.running.get(id)
    if (!broker) return
    await broker.api.shutdown()
    broker.worker.terminate()
    this.running.delete(id)
  }

  kill(id: number): Promise<void> {
    this.running.get(id)?.worker.terminate()
    this.running.delete(id)
    this.paused.delete(id)
    return Promise.resolve()
  }

  async pause(id: number): Promise<void> {
    await this.running.get(id)?.api.pause()
    this.paused.add(id)
  }

  async resume(id: number): Promise<void> {
    await this.running.get(id)?.api.resume()
    this.paused.delete(id)
  }

  async add(): Promise<number> {
    const id = this.size + 1
    await deleteDatabases([brokerDatabase(this.databasePrefix, id)])
    this.size = id
    await this.start(id)
    await this.layout.onAdd?.(this.size)
    return id
  }

  isolate(ids: number[]): void {
    this.isolated = ids
    this.applyIsolation()
  }

  heal(): void {
    this.isolated = []
    this.applyIsolation()
  }

  private applyIsolation(): void {
    const inside = new Set(this.isolated)
    for (const [id, broker] of this.running) {
      const blocked =
        this.isolated.length === 0 ? [] : this.ids().filter((peer) => inside.has(peer) !== inside.has(id))
      void broker.api.blockPeers(blocked)
    }
  }

  terminate(): void {
    for (const broker of this.running.values()) broker.worker.terminate()
    this.running.clear()
    this.paused.clear()
  }
}
