/**
 * The Kafka cluster as the page runs it: one Web Worker per broker, each a KafkaServer over its own
 * IndexedDB database, wired to every other running broker by a MessageChannel. It is the BrokerControl
 * of the playground commands (stop, kill, start, cut the network) and the directory the Kafka clients
 * reach brokers through (localhost:9092 is broker 1, 9093 broker 2, ...).
 */
import * as Comlink from 'comlink'
import type { BrokerWorkerApi, NodeState } from '../../workers/protocol/workers.ts'
import { KAFKA_BASE_PORT, type BrokerApi } from '../../workers/protocol/kafka.ts'
import type { BrokerDirectory } from '../../workers/clients/kafka/bootstrap.ts'
import { kafkaVoters, type BrokerControl } from '../../workers/tools/shell/broker-control.ts'
import { brokerHoldingPath } from '../../workers/protocol/log-dirs.ts'

const CLUSTER_ID = 'MkU3OEVBNTcwNTJENDM2Qk'

/** The IndexedDB database that holds broker `id`'s log.dirs. */
export function brokerDatabase(prefix: string, id: number): string {
  return `${prefix}broker-${id}`
}

interface RunningBroker {
  worker: Worker
  api: Comlink.Remote<BrokerWorkerApi>
}

export class KafkaWorkerCluster implements BrokerControl, BrokerDirectory {
  private readonly running = new Map<number, RunningBroker>()
  private isolated: number[] = []

  constructor(
    private readonly size: number,
    private readonly seed: number,
    /** Prefix of each broker's IndexedDB database name. */
    private readonly databasePrefix = 'playground-',
  ) {}

  ids(): number[] {
    return Array.from({ length: this.size }, (_, i) => i + 1)
  }

  isRunning(id: number): boolean {
    return this.running.has(id)
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
    const api = Comlink.wrap<BrokerWorkerApi>(worker)
    await api.start({
      brokerId: id,
      voters: kafkaVoters(this.size),
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
    return Promise.resolve()
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
  }
}
