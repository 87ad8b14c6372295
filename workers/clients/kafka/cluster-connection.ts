/**
 * ClusterConnection: a client's view of the cluster, as the Java client's NetworkClient and Metadata
 * keep it. It reaches some live broker for cluster-wide requests (the bootstrap servers first, then any
 * broker the metadata names), caches metadata, and finds the leader of each partition so that produce,
 * fetch and list-offsets requests go to the partition's leader.
 *
 * A broker still starting refuses connections (broker.worker.ts: NetworkError): with a clock, a cluster-wide
 * call then tries its brokers again after reconnect.backoff.ms, doubling up to reconnect.backoff.max.ms, until
 * default.api.timeout.ms, as the Java client reconnects; brokers that are not running fail it at once.
 */
import type {
  BrokerApi,
  IsolationLevel,
  ListOffsetsPartition,
  ListOffsetsPartitionResponse,
  MetadataResponse,
} from '../../protocol/kafka.ts'
import type { TopicPartition } from './api.ts'
import { type BrokerDirectory, isLocalHost, parseBootstrapServers } from './bootstrap.ts'
import { timeoutError } from './errors.ts'
import type { Clock } from '../../net/clock.ts'

/** reconnect.backoff.ms and reconnect.backoff.max.ms. */
const RECONNECT_BACKOFF_MS = 50
const RECONNECT_BACKOFF_MAX_MS = 1000
/** default.api.timeout.ms: how long a cluster-wide call waits for a broker that refuses it. */
export const DEFAULT_API_TIMEOUT_MS = 60_000

export interface LeaderGroup<T> {
  leader: number
  broker: BrokerApi
  items: T[]
}

export class ClusterConnection {
  private cached: MetadataResponse | null = null
  /** The cached metadata's partitions by leader, built on first use after each refresh. */
  private partitionsByNode: Map<number, TopicPartition[]> | null = null

  /** `clock`: the client's, to reconnect to brokers that refuse a call; without one a call fails at once. */
  constructor(
    private readonly directory: BrokerDirectory,
    private readonly bootstrapServers: string,
    private readonly clock: Clock | null = null,
  ) {}

  /** Brokers to try, in order: the bootstrap servers, then every broker of the last metadata. */
  private candidates(): BrokerApi[] {
    const ports = parseBootstrapServers(this.bootstrapServers)
      .filter(({ host, port }) => isLocalHost(host) && Number.isInteger(port))
      .map(({ port }) => port)
    const known = this.cached?.brokers.map((b) => b.port) ?? []
    const brokers: BrokerApi[] = []
    for (const port of [...new Set([...ports, ...known])]) {
      const broker = this.directory.brokerAtPort(port)
      if (broker) brokers.push(broker)
    }
    return brokers
  }

  /** Runs a cluster-wide request on the first broker that answers. */
  async any<T>(call: (broker: BrokerApi) => Promise<T>): Promise<T> {
    const deadline = (this.clock?.now() ?? 0) + DEFAULT_API_TIMEOUT_MS
    for (let backoff = RECONNECT_BACKOFF_MS; ; backoff = Math.min(2 * backoff, RECONNECT_BACKOFF_MAX_MS)) {
      let lastError: unknown = null
      let refused = false
      for (const broker of this.candidates()) {
        try {
          return await call(broker)
        } catch (error) {
          lastError = error
          if (error instanceof Error && error.name === 'NetworkError') refused = true
        }
      }
      if (
        lastError instanceof Error &&
        lastError.name !== 'NetworkError' &&
        !lastError.name.endsWith('StoppedError')
      ) {
        throw lastError
      }
      if (!refused || this.clock === null || this.clock.now() + backoff > deadline) break
      await this.clock.sleep(backoff)
    }
    throw timeoutError('Timed out waiting for a node assignment.')
  }

  async refreshMetadata(topics: string[] | null, allowAutoTopicCreation = false): Promise<MetadataResponse> {
    const metadata = await this.any((broker) => broker.metadata(topics, allowAutoTopicCreation))
    const previous = this.cached?.topics ?? []
    const fresh = new Set(metadata.topics.map((t) => t.name))
    this.cached = { ...metadata, topics: [...previous.filter((t) => !fresh.has(t.name)), ...metadata.topics] }
    this.partitionsByNode = null
    return metadata
  }

  /** The broker process with this node id, as the metadata advertises it, if it is reachable. */
  node(nodeId: number): BrokerApi | null {
    const port = this.cached?.brokers.find((b) => b.id === nodeId)?.port
    return port === undefined ? null : this.directory.brokerAtPort(port)
  }

  leaderOf(topic: string, partition: number): number {
    const found = this.cached?.topics
      .find((t) => t.name === topic)
      ?.partitions.find((p) => p.partition === partition)
    return found?.leader ?? -1
  }

  /** The partitions the node leads in the cached metadata, in metadata order (Cluster.partitionsForNode). */
  partitionsForNode(nodeId: number): readonly TopicPartition[] {
    let byNode = this.partitionsByNode
    if (byNode === null) {
      byNode = new Map()
      for (const { name: topic, partitions } of this.cached?.topics ?? []) {
        for (const { partition, leader } of partitions) {
          const led = byNode.get(leader) ?? []
          led.push({ topic, partition })
          byNode.set(leader, led)
        }
      }
      this.partitionsByNode = byNode
    }
    return byNode.get(nodeId) ?? []
  }

  /** ListOffsets sent to each partition's leader; a partition without a reachable leader gets LEADER_NOT_AVAILABLE. */
  async listOffsets(
    requests: readonly ListOffsetsPartition[],
    isolationLevel: IsolationLevel = 'READ_UNCOMMITTED',
  ): Promise<ListOffsetsPartitionResponse[]> {
    const { groups, leaderless } = await this.byLeader(requests)
    const answers = await Promise.all(groups.map((g) => g.broker.listOffsets(g.items, isolationLevel)))
    const byKey = new Map(answers.flat().map((a) => [`${a.topic}\u0000${a.partition}`, a]))
    for (const item of leaderless) {
      byKey.set(`${item.topic}\u0000${item.partition}`, {
        ...item,
        error: 'LEADER_NOT_AVAILABLE',
        offset: -1,
        timestamp: -1,
      })
    }
    return requests.map((r) => byKey.get(`${r.topic}\u0000${r.partition}`)!)
  }

  /**
   * Groups items by their partition's leader, refreshing metadata once for partitions whose leader is
   * unknown. Items whose leader stays unknown or unreachable are returned apart.
   */
  async byLeader<T extends { topic: string; partition: number }>(
    items: readonly T[],
  ): Promise<{ groups: Array<LeaderGroup<T>>; leaderless: T[] }> {
    const unknown = items.filter((item) => this.node(this.leaderOf(item.topic, item.partition)) === null)
    if (unknown.length > 0) await this.refreshMetadata([...new Set(unknown.map((i) => i.topic))])
    const groups = new Map<number, LeaderGroup<T>>()
    const leaderless: T[] = []
    for (const item of items) {
      const leader = this.leaderOf(item.topic, item.partition)
      const broker = this.node(leader)
      if (!broker) {
        leaderless.push(item)
        continue
      }
      const group = groups.get(leader) ?? { leader, broker, items: [] }
      group.items.push(item)
      groups.set(leader, group)
    }
    return { groups: [...groups.values()], leaderless }
  }
}
