/**
 * The Kafka cluster as the page runs it: one Web Worker per broker, each a KafkaServer over its own
 * IndexedDB database, wired to every other running broker by a MessageChannel (WorkerMesh). It is the
 * BrokerControl of the playground commands (stop, kill, start, pause, resume, add a broker, cut the
 * network) and the directory the Kafka clients reach brokers through (localhost:9092 is broker 1, 9093
 * broker 2, ...).
 * The quorum's voters are fixed when the cluster is formatted; an added broker is a broker-only node over
 * a freshly deleted database, and `onAdd` is told the new broker count (the page keeps it for reloads).
 */
import * as Comlink from 'comlink'
import type { BrokerWorkerApi, NodeState } from '../../workers/protocol/workers.ts'
import { KAFKA_BASE_PORT, type BrokerApi } from '../../workers/protocol/kafka.ts'
import type { BrokerDirectory } from '../../workers/clients/kafka/bootstrap.ts'
import { kafkaVoters, type BrokerControl } from '../../workers/tools/shell/broker-control.ts'
import type { Pausable } from '../../workers/net/process-pause.ts'
import { transferListOf } from '../../workers/net/transfer-list.ts'
import { brokerHoldingPath } from '../../workers/protocol/log-dirs.ts'
import { deleteDatabases } from './kafka-storage-format.ts'
import { WorkerMesh, type MeshMember } from './worker-mesh.ts'

const CLUSTER_ID = 'MkU3OEVBNTcwNTJENDM2Qk'

/**
 * The broker API with produce handing its batches' bytes over to the broker's worker (transferred, not
 * copied: the producer's bytes are detached once sent, and ProducerBatch builds a retry again), as a produce
 * request's bytes leave the Java client's buffers for the socket. Only the buffers the request is marked as
 * owning (transfer-list.ts: the producer's Sender marks them) are transferred; others are copied, so nothing
 * else a buffer holds is detached.
 */
export function transferringProduce(broker: BrokerApi): BrokerApi {
  const produce: BrokerApi['produce'] = (acks, timeoutMs, data, ...header) =>
    broker.produce(acks, timeoutMs, Comlink.transfer(data, transferListOf(data)), ...header)
  return new Proxy(broker, {
    get: (target, name): unknown => (name === 'produce' ? produce : Reflect.get(target, name)),
  })
}

/** The IndexedDB database that holds broker `id`'s log.dirs. */
export function brokerDatabase(prefix: string, id: number): string {
  return `${prefix}broker-${id}`
}

export interface ClusterLayout {
  /** controller.quorum.voters as the cluster was formatted (default: the first three of `size`). */
  voters?: number[]
  /** Called with the new broker count after add-broker. */
  onAdd?: (brokers: number) => Promise<void>
}

export class KafkaWorkerCluster
  extends WorkerMesh<BrokerWorkerApi & Pausable>
  implements BrokerControl, BrokerDirectory
{
  private readonly quorum: number[]
  /** The properties each broker was last started with by kafka-server-start.sh (startWith). */
  private readonly serverProperties = new Map<number, Record<string, string>>()

  constructor(
    private size: number,
    private readonly seed: number,
    /** Prefix of each broker's IndexedDB database name. */
    private readonly databasePrefix = 'playground-',
    private readonly layout: ClusterLayout = {},
  ) {
    super()
    this.quorum = layout.voters ?? kafkaVoters(size)
  }

  ids(): number[] {
    return Array.from({ length: this.size }, (_, i) => i + 1)
  }

  voters(): number[] {
    return this.quorum
  }

  startWith(id: number, serverProperties: Record<string, string>): Promise<void> {
    this.serverProperties.set(id, serverProperties)
    return this.start(id)
  }

  /** Each running broker's API as the clients get it: produce transfers the batches (transferringProduce). */
  private readonly clientApis = new WeakMap<BrokerApi, BrokerApi>()

  brokerAtPort(port: number): BrokerApi | null {
    const member = this.member(port - KAFKA_BASE_PORT + 1)
    if (member === null) return null
    let api = this.clientApis.get(member)
    if (api === undefined) {
      api = transferringProduce(member)
      this.clientApis.set(member, api)
    }
    return api
  }

  /**
   * Whether every broker serves clients and lists every broker as registered and unfenced. A broker answers
   * only once it was unfenced after its start (broker.worker.ts), so registrations an earlier run left in the
   * metadata log never count.
   */
  async allServing(): Promise<boolean> {
    const ids = this.ids()
    const answers = await Promise.all(
      ids.map(
        async (id) =>
          (await this.member(id)
            ?.metadata([])
            .catch(() => null)) ?? null,
      ),
    )
    return answers.every((answer) => answer?.brokers.length === ids.length)
  }

  /** The running broker's NodeState (one call for all its partitions), or null when it is not running. */
  describeState(id: number): Promise<NodeState> | null {
    return this.member(id)?.describeState() ?? null
  }

  /**
   * Has every running broker store what it appended (BrokerWorkerApi.flushLogs), for a tab about to be hidden
   * or closed; resolves once each has stored it or failed to. A paused broker holds every call until it resumes,
   * so it is not asked: its unflushed bytes stay where a paused broker keeps them.
   */
  async flushLogs(): Promise<void> {
    const brokers = this.ids().flatMap((id) => (this.isPaused(id) ? [] : (this.member(id) ?? [])))
    await Promise.allSettled(brokers.map((broker) => broker.flushLogs()))
  }

  /** A file under a running broker's log dir (kafka-dump-log), or null (a stopped broker's are not read). */
  async readLogDirFile(path: string): Promise<Uint8Array | null> {
    const id = brokerHoldingPath(path, this.ids())
    const broker = id === null ? null : this.member(id)
    return broker === null ? null : broker.readLogDirFile(path)
  }

  protected async launch(id: number): Promise<MeshMember<BrokerWorkerApi & Pausable>> {
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
      serverProperties: this.serverProperties.get(id) ?? {},
    })
    return { worker, api }
  }

  async add(): Promise<number> {
    const id = this.size + 1
    await deleteDatabases([brokerDatabase(this.databasePrefix, id)])
    this.size = id
    await this.start(id)
    await this.layout.onAdd?.(this.size)
    return id
  }
}
