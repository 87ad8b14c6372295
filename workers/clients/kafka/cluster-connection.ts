/**
 * ClusterConnection: a client's view of the cluster, as the Java client's NetworkClient and Metadata
 * keep it. It reaches some live broker for cluster-wide requests (the bootstrap servers first, then any
 * broker the metadata names), caches metadata, and finds the leader of each partition so that produce,
 * fetch and list-offsets requests go to the partition's leader.
 *
 * A bootstrap address nothing listens at, a broker still starting (broker.worker.ts: NetworkError) and a broker
 * that is not running all refuse the connection: with a clock, a cluster-wide call logs each failed attempt as
 * NetworkClient does and tries again on the reconnect schedule of ClusterConnectionStates
 * (cluster-connection-states.ts) until its deadline, then fails as the admin client's call times out.
 *
 * Every request goes through the client's NetworkClient (network-client.ts), which numbers it with its correlation
 * id; a metadata response that reports topic errors is logged as DefaultMetadataUpdater logs it, through the
 * client's LogContext when it has one.
 */
import type {
  BrokerApi,
  IsolationLevel,
  ListOffsetsPartition,
  ListOffsetsPartitionResponse,
  MetadataResponse,
} from '../../protocol/kafka.ts'
import type { TopicPartition } from './api.ts'
import { type BrokerDirectory, isLocalHost, parseBootstrapServers, socketAddress } from './bootstrap.ts'
import { ClusterConnectionStates } from './cluster-connection-states.ts'
import { timeoutError } from './errors.ts'
import type { Clock } from '../../net/clock.ts'
import { Random } from '../../net/random.ts'
import { javaHashMapKeyOrder } from '../../net/java-hash.ts'
import type { LogContext } from './log-context.ts'
import { NetworkClient } from './network-client.ts'

/** default.api.timeout.ms: how long a cluster-wide call waits for a broker that refuses it. */
export const DEFAULT_API_TIMEOUT_MS = 60_000

/** A broker that cannot be reached (NetworkError) or is not running (a *StoppedError): a refused connection. */
function isUnreachable(error: Error): boolean {
  return error.name === 'NetworkError' || error.name.endsWith('StoppedError')
}

const NETWORK_CLIENT_LOGGER = 'org.apache.kafka.clients.NetworkClient'
const METADATA_LOGGER = 'org.apache.kafka.clients.Metadata'

export interface LeaderGroup<T> {
  leader: number
  broker: BrokerApi
  items: T[]
}

export class ClusterConnection {
  private cached: MetadataResponse | null = null
  /** The cached metadata's partitions by leader, built on first use after each refresh. */
  private partitionsByNode: Map<number, TopicPartition[]> | null = null
  private readonly network = new NetworkClient()
  private readonly states: ClusterConnectionStates
  /** Set by the client's close: a call still waiting for a broker stops trying (and logging). */
  private closed = false

  /**
   * `clock`: the client's, to reconnect to brokers that refuse a call; without one a call fails at once.
   * `logContext`: where the client's log lines go; without one it logs nothing.
   * `random`: the reconnect backoff's jitter.
   */
  constructor(
    private readonly directory: BrokerDirectory,
    private readonly bootstrapServers: string,
    private readonly clock: Clock | null = null,
    private readonly logContext: LogContext | null = null,
    random: Random = new Random(0),
  ) {
    this.states = new ClusterConnectionStates(random, logContext)
  }

  /**
   * Connections to try, in order: the bootstrap servers, then every broker of the last metadata; each with its
   * connection's key (a bootstrap server's -1, -2, ... until metadata names the broker at its port, then its id),
   * the address Java would print for it, and the broker listening there (null when none does).
   */
  private candidates(): Array<{ connectionId: string; address: string; broker: BrokerApi | null }> {
    const bootstrap = parseBootstrapServers(this.bootstrapServers).flatMap(({ host, port }, index) =>
      isLocalHost(host) && Number.isInteger(port) ? [{ host, port, bootstrapId: -(index + 1) }] : [],
    )
    const known = this.cached?.brokers ?? []
    const candidates: Array<{ connectionId: string; address: string; broker: BrokerApi | null }> = []
    const seen = new Set<number>()
    for (const { host, port, bootstrapId } of [
      ...bootstrap,
      ...known.map(({ host, port }) => ({ host, port, bootstrapId: null })),
    ]) {
      if (seen.has(port)) continue
      seen.add(port)
      const broker = this.directory.brokerAtPort(port)
      const nodeId = known.find((b) => b.port === port)?.id ?? bootstrapId
      if (nodeId !== null)
        candidates.push({ connectionId: String(nodeId), address: socketAddress(host, port), broker })
    }
    return candidates
  }

  /**
   * Runs a cluster-wide request on the first broker that answers; `call` also receives its correlation id.
   * A connection that cannot be established (nothing listens at the address, the broker refuses or is not
   * running) is logged and tried again after its reconnect backoff (cluster-connection-states.ts) until the
   * deadline (default.api.timeout.ms from now unless given), when the call fails with the admin client's
   * TimeoutException, naming `callName` as KafkaAdminClient names its Call. Without a clock it fails at once.
   */
  async any<T>(
    call: (broker: BrokerApi, correlationId: number) => Promise<T>,
    options: { callName?: string; deadlineMs?: number } = {},
  ): Promise<T> {
    const deadline = options.deadlineMs ?? (this.clock?.now() ?? 0) + DEFAULT_API_TIMEOUT_MS
    while (!this.closed) {
      const now = this.clock?.now() ?? 0
      const candidates = this.candidates()
      // An error other than a refused connection fails the call once no broker of this round answered.
      let failure: Error | null = null
      for (const { connectionId, address, broker } of candidates) {
        if (!this.states.canConnect(connectionId, now)) continue
        if (broker === null) {
          this.states.connectionFailed(connectionId, address, now)
          continue
        }
        try {
          const answer = await this.network.send(connectionId, (correlationId) => call(broker, correlationId))
          this.states.ready(connectionId)
          return answer
        } catch (error) {
          if (!(error instanceof Error)) throw error
          if (isUnreachable(error))
            this.states.connectionFailed(connectionId, address, this.clock?.now() ?? 0)
          else failure = error
        }
      }
      if (failure !== null) throw failure
      if (this.clock === null || candidates.length === 0) break
      const next = Math.min(...candidates.map(({ connectionId }) => this.states.readyAt(connectionId)))
      const wake = Math.min(next, deadline)
      if (wake > this.clock.now()) await this.clock.sleep(wake - this.clock.now())
      if (next >= deadline) break
    }
    const callName = options.callName === undefined ? '' : ` Call: ${options.callName}`
    throw timeoutError(`Timed out waiting for a node assignment.${callName}`)
  }

  /** The client closed: calls still trying to reach a broker give up at their next attempt. */
  close(): void {
    this.closed = true
  }

  /**
   * A Metadata request for these topics (all when null). A response whose topics carry errors is logged as
   * DefaultMetadataUpdater.handleSuccessfulResponse logs it: `{topic=ERROR, ...}` in java.util.HashMap order.
   */
  async refreshMetadata(
    topics: string[] | null,
    allowAutoTopicCreation = false,
    options: { callName?: string; deadlineMs?: number } = {},
  ): Promise<MetadataResponse> {
    let correlationId = -1
    const metadata = await this.any((broker, id) => {
      correlationId = id
      return broker.metadata(topics, allowAutoTopicCreation)
    }, options)
    const errors = new Map(
      metadata.topics.flatMap((t) => (t.error === null ? [] : [[t.name, t.error] as const])),
    )
    if (errors.size > 0 && this.logContext !== null) {
      const map = javaHashMapKeyOrder([...errors.keys()]).map((name) => `${name}=${errors.get(name)}`)
      this.logContext.warn(
        NETWORK_CLIENT_LOGGER,
        `The metadata response from the cluster reported a recoverable issue with correlation id ${correlationId} : {${map.join(', ')}}`,
      )
      // Metadata.checkInvalidTopics, on the snapshot's HashSet of invalid topics.
      const invalid = [...errors].flatMap(([name, error]) =>
        error === 'INVALID_TOPIC_EXCEPTION' ? [name] : [],
      )
      if (invalid.length > 0)
        this.logContext.error(
          METADATA_LOGGER,
          `Metadata response reported invalid topics [${javaHashMapKeyOrder(invalid).join(', ')}]`,
        )
    }
    const previous = this.cached?.topics ?? []
    const fresh = new Set(metadata.topics.map((t) => t.name))
    this.cached = { ...metadata, topics: [...previous.filter((t) => !fresh.has(t.name)), ...metadata.topics] }
    this.partitionsByNode = null
    return metadata
  }

  /** The broker process with this node id, as the metadata advertises it, if it is reachable. */
  node(nodeId: number): BrokerApi | null {
    const port = this.cached?.brokers.find((b) => b.id === nodeId)?.port
    const broker = port === undefined ? null : this.directory.brokerAtPort(port)
    return broker === null ? null : this.network.connection(String(nodeId), broker)
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
