/**
 * KafkaConsumer: fetches from the partitions it is assigned (or, for a subscription, every partition of
 * the subscribed topics), keeps a position per partition, and resets a missing or out-of-range position
 * by `auto.offset.reset`. poll() returns records below the high watermark in offset order per partition,
 * at most `max.poll.records`, as soon as a fetch (held by the broker up to fetch.max.wait.ms) brings them, or
 * nothing at the timeout. As the Java
 * consumer's, a fetch's records beyond what one poll returns wait in its CompletedFetch (completed-fetch.ts)
 * for the next polls, which fetch only the partitions with nothing buffered: each record is fetched and
 * decoded once, whatever max.poll.records is.
 *
 * Each partition is fetched from its leader (ClusterConnection); when the leader moves, the consumer
 * refreshes its metadata and carries on. With a group.id, a subscription is managed by the group — by
 * group.protocol, classic (ConsumerCoordinator: join, sync, heartbeat) or consumer
 * (ConsumerMembershipManager: KIP-848 heartbeats) — and a partition's first position is the group's
 * committed offset, else `auto.offset.reset`; without one, a subscription takes every partition. The
 * constructor refuses configs the chosen protocol does not take (group-protocol-config.ts).
 */
import type { FetchPartitionResponse, PartitionMetadata } from '../../../protocol/kafka.ts'
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP } from '../../../protocol/kafka.ts'
import type { Clock } from '../../../net/clock.ts'
import type { LogEngine } from '../../../../engine-wasm/src/log/index.ts'
import type {
  Consumer,
  ConsumerConfig,
  ConsumerGroupMetadata,
  ConsumerRebalanceListener,
  TopicPartitionOffset,
  ConsumerRecord,
  TopicPartition,
} from '../api.ts'
import { KafkaError } from '../api.ts'
import { isTimeout, kafkaError, timeoutError } from '../errors.ts'
import { consumerClientId } from '../client-ids.ts'
import type { ClusterConnection } from '../cluster-connection.ts'
import { INVALID_METADATA_ERRORS } from '../../../protocol/kafka-errors.ts'
import { CompletedFetch } from './completed-fetch.ts'
import { ConsumerCoordinator } from './consumer-coordinator.ts'
import { ConsumerMembershipManager } from './consumer-membership-manager.ts'
import type { GroupMembership } from './group-membership.ts'
import { groupProtocol } from './group-protocol-config.ts'
import { isolationLevel } from './isolation-level-config.ts'
import type { IsolationLevel } from '../../../protocol/kafka.ts'
import { Random } from '../../../net/random.ts'
import { validateClientConfig } from '../common-client-configs.ts'
import { CONSUMER_CONFIGS, CONSUMER_DEFAULTS } from './consumer-config-def.ts'
import { autoOffsetResetStrategy, type AutoOffsetResetStrategy } from './auto-offset-reset-strategy.ts'

const key = (tp: TopicPartition): string => `${tp.topic}\u0000${tp.partition}`

export class KafkaConsumer implements Consumer {
  private readonly config: Record<string, string>
  /** isolation.level: READ_COMMITTED reads stop at the last stable offset and skip aborted transactions. */
  private readonly isolationLevel: IsolationLevel
  /** auto.offset.reset, read once the config passed its checks. */
  private readonly autoOffsetReset: AutoOffsetResetStrategy
  /** The partitions given to assign() (a subscription's come from the group). */
  private manualAssignment: TopicPartition[] = []
  /**
   * Each partition's FetchPosition: the next offset, and the leader epoch of the batch the last consumed record
   * came in (-1 when unknown: after a reset or seek), committed with it.
   */
  private readonly positions = new Map<string, { offset: number; offsetEpoch: number }>()
  /** Fetched records poll has not returned yet, per partition, in the order the fetches completed. */
  private readonly completedFetches = new Map<string, CompletedFetch>()
  /** The fetches sent and not answered yet, by leader (Fetcher's nodesWithPendingFetchRequests), with their partitions. */
  private readonly pendingFetches = new Map<number, { partitions: string[]; answered: Promise<void> }>()
  /** What an answered fetch failed with, thrown by the poll that collects it. */
  private fetchFailure: Error | null = null
  /** The client id each request's header names (the broker's quotas count the fetches against it). */
  private readonly clientId: string
  /** ClusterConnectionStates.throttle: until when each node's connection is muted by a fetch's throttle time. */
  private readonly throttledUntil = new Map<number, number>()
  /** Group management, with a group.id; `subscribed` once subscribe() hands the assignment to it. */
  private readonly group: GroupMembership | null = null
  private subscribed = false
  private listener: ConsumerRebalanceListener | null = null

  constructor(
    private readonly connection: ClusterConnection,
    private readonly engine: LogEngine,
    private readonly clock: Clock,
    config: ConsumerConfig,
    random: Random = new Random(0),
  ) {
    validateClientConfig(CONSUMER_CONFIGS, config)
    this.config = { ...CONSUMER_DEFAULTS, ...config }
    this.isolationLevel = isolationLevel(this.config)
    // ConsumerConfig's validator let it through, so fromString reads it.
    this.autoOffsetReset = autoOffsetResetStrategy(this.config['auto.offset.reset']!.trim())!
    this.clientId = consumerClientId(this.config)
    const groupId = this.config['group.id']
    if (groupId !== undefined && groupId !== '') {
      // The configs a protocol refuses are the ones the user set, not their defaults.
      const protocol = groupProtocol(config)
      const deps = {
        connection,
        clock,
        groupId,
        // Each tool run is a new JVM, whose first consumer is consumer-<group>-1.
        clientId: this.clientId,
        config: this.config,
        positions: () =>
          this.assigned().flatMap((tp) => {
            const position = this.positions.get(key(tp))
            return position === undefined
              ? []
              : [{ ...tp, offset: position.offset, leaderEpoch: position.offsetEpoch }]
          }),
        onPartitionsRevoked: (partitions: readonly TopicPartition[]) => {
          for (const tp of partitions) this.setPosition(tp, undefined)
          this.listener?.onPartitionsRevoked(partitions)
        },
        onPartitionsAssigned: (partitions: readonly TopicPartition[]) => {
          this.listener?.onPartitionsAssigned(partitions)
        },
      }
      this.group =
        protocol === 'CONSUMER'
          ? new ConsumerMembershipManager(deps, random)
          : new ConsumerCoordinator({
              ...deps,
              partitionCounts: async (topics) => {
                const metadata =
                  topics.length === 0 ? { topics: [] } : await connection.refreshMetadata([...topics])
                return new Map(
                  metadata.topics
                    .filter((t) => t.error === null)
                    .map((t) => [t.name, t.partitions.length] as const),
                )
              },
            })
    }
  }

  private assigned(): readonly TopicPartition[] {
    return this.group !== null && this.subscribed ? this.group.assignment : this.manualAssignment
  }

  /** `deadlineMs`: how long the connection may try to reach a broker (default.api.timeout.ms from now). */
  async partitionsFor(topic: string, deadlineMs?: number): Promise<PartitionMetadata[]> {
    const metadata = await this.connection.refreshMetadata(
      [topic],
      this.config['allow.auto.create.topics'] !== 'false',
      { deadlineMs },
    )
    const found = metadata.topics[0]
    if (!found || found.error) return []
    return found.partitions
  }

  async subscribe(topics: string[], listener?: ConsumerRebalanceListener): Promise<void> {
    this.listener = listener ?? null
    if (this.group !== null) {
      // KafkaConsumer.subscribe only asks for a metadata update, never blocking: one round of connection
      // attempts here, and a cluster it cannot reach yet is left to poll.
      for (const topic of topics) await this.partitionsFor(topic, this.clock.now()).catch(ignoreTimeout)
      this.subscribed = true
      this.group.subscribe(topics)
      return
    }
    const assignment: TopicPartition[] = []
    for (const topic of topics) {
      for (const p of await this.partitionsFor(topic)) assignment.push({ topic, partition: p.partition })
    }
    await this.assign(assignment)
  }

  assign(partitions: TopicPartition[]): Promise<void> {
    this.manualAssignment = [...partitions]
    return Promise.resolve()
  }

  seek(partition: TopicPartition, offset: number): void {
    this.setPosition(partition, offset)
  }

  /** A new position (none when undefined), whose offset epoch is `epoch` (-1 or absent: unknown). */
  private setPosition(tp: TopicPartition, offset: number | undefined, offsetEpoch = -1): void {
    if (offset === undefined) this.positions.delete(key(tp))
    else this.positions.set(key(tp), { offset, offsetEpoch })
  }

  async seekToBeginning(partitions: TopicPartition[]): Promise<void> {
    await this.resetTo(partitions, EARLIEST_TIMESTAMP)
  }

  async seekToEnd(partitions: TopicPartition[]): Promise<void> {
    await this.resetTo(partitions, LATEST_TIMESTAMP)
  }

  /**
   * Positions `partitions` at the offsets their leaders give for `timestamp`; returns those for which no
   * record is that new (a timestamp lookup past every record answers offset -1), which keep no position.
   */
  private async resetTo(partitions: TopicPartition[], timestamp: number): Promise<TopicPartition[]> {
    if (partitions.length === 0) return []
    const offsets = await this.connection.listOffsets(
      partitions.map((tp) => ({ ...tp, timestamp })),
      this.isolationLevel,
    )
    const notFound: TopicPartition[] = []
    for (const result of offsets) {
      // A partition whose leader is being elected keeps no position: the next poll tries again.
      if (INVALID_METADATA_ERRORS.has(result.error ?? '')) continue
      if (result.error) throw kafkaError(result.error)
      if (result.offset < 0) notFound.push({ topic: result.topic, partition: result.partition })
      else this.setPosition(result, result.offset)
    }
    return notFound
  }

  /**
   * updateFetchPositions: each assigned partition without a position gets the group's committed offset, else
   * one by auto.offset.reset. False when the committed offsets are not known by `deadline` (clock ms; pending
   * transactional offsets): the partitions keep no position and the next call asks again.
   */
  private async resetMissingPositions(deadline: number): Promise<boolean> {
    let missing = this.assigned().filter((tp) => !this.positions.has(key(tp)))
    if (missing.length === 0) return true
    if (this.group !== null) {
      const committed = await this.group.committed(missing, deadline)
      if (committed === null) return false
      for (const position of committed) this.setPosition(position, position.offset, position.leaderEpoch)
      missing = missing.filter((tp) => !this.positions.has(key(tp)))
      if (missing.length === 0) return true
    }
    const policy = this.autoOffsetReset
    if (policy.type === 'none') {
      throw new KafkaError(
        'org.apache.kafka.clients.consumer.NoOffsetForPartitionException',
        `Undefined offset with no reset policy for partitions: [${missing.map((tp) => `${tp.topic}-${tp.partition}`).join(', ')}]`,
      )
    }
    if (policy.type === 'by_duration') {
      // The first offset at or after now minus the duration; the log end where no record is that new.
      const notFound = await this.resetTo(missing, this.clock.now() - policy.durationMs)
      await this.resetTo(notFound, LATEST_TIMESTAMP)
    } else await this.resetTo(missing, policy.type === 'earliest' ? EARLIEST_TIMESTAMP : LATEST_TIMESTAMP)
    return true
  }

  /**
   * KafkaConsumer.poll: returns as soon as a fetch brings records (the broker holds a fetch up to fetch.max.wait.ms
   * for fetch.min.bytes, so records produced meanwhile come at once), or empty at the timeout. A fetch that came
   * back sooner without records (an error, no position or partition yet) is followed by the next only once
   * fetch.max.wait.ms has passed since it was sent, as the broker would have held it.
   */
  async poll(timeoutMs: number): Promise<ConsumerRecord[]> {
    const deadline = this.clock.now() + timeoutMs
    const maxWaitMs = Number(this.config['fetch.max.wait.ms'])
    for (;;) {
      // A rebalance may outlast this poll; the next poll waits for the same join.
      if (this.group !== null && this.subscribed && !(await this.withinDeadline(this.group.poll(), deadline)))
        return []
      const sent = this.clock.now()
      const records = await this.fetchOnce(deadline)
      const remaining = deadline - this.clock.now()
      if (records.length > 0 || remaining <= 0) return records
      const held = this.clock.now() - sent
      // The poll also wakes when a node's throttle time is over, to fetch from it again.
      const unthrottled = Math.min(...this.throttledUntil.values()) - this.clock.now()
      if (held < maxWaitMs)
        await this.clock.sleep(Math.min(remaining, maxWaitMs - held, Math.max(unthrottled, 0)))
    }
  }

  private withinDeadline(work: Promise<void>, deadline: number): Promise<boolean> {
    const remaining = deadline - this.clock.now()
    return Promise.race([work.then(() => true), this.clock.sleep(Math.max(remaining, 0)).then(() => false)])
  }

  /**
   * One round of poll (pollForFetches): the records fetches already brought, else the records of the first of the
   * fetches in flight (sendFetches) to be answered before the `deadline`; at most max.poll.records either way. Nothing
   * when positions are still missing at the poll's `deadline` (updateAssignmentMetadataIfNeeded failing
   * under the poll timer): that poll returns empty.
   */
  private async fetchOnce(deadline: number): Promise<ConsumerRecord[]> {
    if (!(await this.resetMissingPositions(deadline))) return []
    if (this.assigned().length === 0) return []
    const limit = Number(this.config['max.poll.records'])
    this.throwFetchFailure()
    const buffered = this.collectFetch(limit)
    if (buffered.length > 0) return buffered
    const fetching = await this.sendFetches()
    // A poll that ends first leaves its fetches in flight: their answers are the next poll's.
    if (fetching.length === 0 || !(await this.withinDeadline(Promise.race(fetching), deadline))) return []
    this.throwFetchFailure()
    return this.collectFetch(limit)
  }

  /** What an answered fetch failed with, once. */
  private throwFetchFailure(): void {
    const failure = this.fetchFailure
    this.fetchFailure = null
    if (failure !== null) throw failure
  }

  /**
   * FetchCollector.collectFetch: up to `limit` records from the completed fetches, oldest fetch first, each
   * partition's position moving past the records taken. A fetch of a partition no longer assigned, or whose
   * position moved elsewhere (a seek, a reset), is dropped. A corrupt batch fails the poll only when it
   * collected nothing before it; otherwise, as the Java consumer, the records before it are returned first
   * and the next poll fails.
   */
  private collectFetch(limit: number): ConsumerRecord[] {
    const out: ConsumerRecord[] = []
    const assigned = new Set(this.assigned().map(key))
    for (const [partitionKey, fetch] of this.completedFetches) {
      if (out.length >= limit) break
      const position = this.positions.get(partitionKey)
      if (!assigned.has(partitionKey) || position?.offset !== fetch.nextFetchOffset) {
        this.completedFetches.delete(partitionKey)
        continue
      }
      const before = out.length
      try {
        fetch.fetchRecords(limit - out.length, out)
      } catch (error) {
        if (out.length === 0) {
          this.completedFetches.delete(partitionKey)
          throw error
        }
        break
      } finally {
        // Skipped control batches and aborted transactions move the position too.
        if (out.length > before || fetch.nextFetchOffset !== position?.offset) {
          this.positions.set(partitionKey, { offset: fetch.nextFetchOffset, offsetEpoch: fetch.lastEpoch })
        }
      }
      if (fetch.isConsumed) this.completedFetches.delete(partitionKey)
    }
    return out
  }

  /**
   * Fetcher.sendFetches: one fetch per leader that has none in flight, for the assigned partitions that have a
   * position, no buffered records and no fetch in flight, each from its position, held by the broker up to
   * fetch.max.wait.ms for fetch.min.bytes. Resolves with the fetches in flight, each settling when its answer is
   * in: its partitions' CompletedFetches, or what it failed with for the next poll to throw. Errors that mean stale
   * metadata refresh it (the next poll fetches from the new leader); an out-of-range position is reset by the
   * next poll.
   */
  private async sendFetches(): Promise<Array<Promise<void>>> {
    const maxBytes = Number(this.config['max.partition.fetch.bytes'])
    const inFlight = new Set([...this.pendingFetches.values()].flatMap(({ partitions }) => partitions))
    const requests = this.assigned().flatMap((tp) => {
      const position = this.positions.get(key(tp))
      if (position === undefined || this.completedFetches.has(key(tp)) || inFlight.has(key(tp))) return []
      return [{ ...tp, fetchOffset: position.offset, maxBytes }]
    })
    if (requests.length > 0) {
      const wait = {
        maxWaitMs: Number(this.config['fetch.max.wait.ms']),
        minBytes: Number(this.config['fetch.min.bytes']),
      }
      const { groups } = await this.connection.byLeader(requests)
      // NetworkClient.ready: a node whose connection is throttled takes no fetch until the throttle time passed.
      const now = this.clock.now()
      for (const [node, until] of this.throttledUntil) if (now >= until) this.throttledUntil.delete(node)
      for (const group of groups) {
        if (this.pendingFetches.has(group.leader) || this.throttledUntil.has(group.leader)) continue
        const answered = group.broker
          .fetch(group.items, this.isolationLevel, wait, this.clientId)
          .then(
            ({ responses, throttleTimeMs }) => {
              // NetworkClient.maybeThrottle (KIP-219): the consumer mutes its connection to the node itself.
              if (throttleTimeMs > 0) this.throttledUntil.set(group.leader, this.clock.now() + throttleTimeMs)
              return responses
            },
            (): FetchPartitionResponse[] => [],
          )
          .then((answers) => this.handleFetchResponse(group.items, answers))
          .catch((error: unknown) => {
            this.fetchFailure ??= error instanceof Error ? error : new Error(String(error))
          })
          .finally(() => this.pendingFetches.delete(group.leader))
        this.pendingFetches.set(group.leader, { partitions: group.items.map(key), answered })
      }
    }
    return [...this.pendingFetches.values()].map(({ answered }) => answered)
  }

  /** Fetcher.handleFetchSuccess: each partition's answer becomes its CompletedFetch, or moves or resets it. */
  private async handleFetchResponse(
    requests: ReadonlyArray<TopicPartition & { fetchOffset: number }>,
    answers: readonly FetchPartitionResponse[],
  ): Promise<void> {
    const fetchOffsets = new Map(requests.map((r) => [key(r), r.fetchOffset]))
    // A rebalance during the fetch may have taken partitions away.
    const stillAssigned = new Set(this.assigned().map(key))
    for (const response of answers) {
      const partitionKey = key(response)
      if (!stillAssigned.has(partitionKey)) continue
      if (response.error === 'OFFSET_OUT_OF_RANGE') {
        this.setPosition(response, undefined)
        continue
      }
      if (INVALID_METADATA_ERRORS.has(response.error ?? '')) {
        // The leader moved or is being elected: the next poll asks the metadata again.
        await this.connection.refreshMetadata([response.topic])
        continue
      }
      if (response.error) throw kafkaError(response.error)
      const fetchOffset = fetchOffsets.get(partitionKey) ?? 0
      this.completedFetches.set(
        partitionKey,
        new CompletedFetch(this.engine, response, fetchOffset, this.isolationLevel),
      )
    }
  }

  /** maybeThrowInvalidGroupIdException: the group (a consumer with a group.id has one), else Kafka's refusal. */
  private requireGroup(): { groupId: string; group: GroupMembership } {
    const groupId = this.config['group.id']
    if (this.group === null || groupId === undefined)
      throw new KafkaError(
        'org.apache.kafka.common.errors.InvalidGroupIdException',
        'To use the group management or offset commit APIs, you must provide a valid group.id in the consumer configuration.',
      )
    return { groupId, group: this.group }
  }

  groupMetadata(): ConsumerGroupMetadata {
    const { groupId, group } = this.requireGroup()
    const { memberId, generationIdOrMemberEpoch, groupInstanceId } = group.identity()
    return { groupId, generationId: generationIdOrMemberEpoch, memberId, groupInstanceId }
  }

  /** KafkaConsumer.position: a partition without a position gets one first (committed offset or reset). */
  async position(partition: TopicPartition): Promise<number> {
    if (!this.assigned().some((tp) => key(tp) === key(partition)))
      throw new KafkaError(
        'java.lang.IllegalStateException',
        `You can only check the position for partitions assigned to this consumer.`,
      )
    const timeoutMs = this.defaultApiTimeoutMs()
    if (!(await this.resetMissingPositions(this.clock.now() + timeoutMs)))
      throw timeoutError(
        `Timeout of ${timeoutMs}ms expired before the position for partition ${partition.topic}-${partition.partition} could be determined`,
      )
    const position = this.positions.get(key(partition))
    if (position === undefined) throw kafkaError('LEADER_NOT_AVAILABLE')
    return position.offset
  }

  /** KafkaConsumer.assignment: the partitions assigned now (by assign, or by the group). */
  assignment(): TopicPartition[] {
    return [...this.assigned()]
  }

  /** KafkaConsumer.endOffsets: each partition's end for this consumer's isolation level (LSO for read_committed). */
  async endOffsets(partitions: readonly TopicPartition[]): Promise<TopicPartitionOffset[]> {
    const offsets = await this.connection.listOffsets(
      partitions.map((tp) => ({ ...tp, timestamp: LATEST_TIMESTAMP })),
      this.isolationLevel,
    )
    return offsets.map((result) => {
      if (result.error) throw kafkaError(result.error)
      return { topic: result.topic, partition: result.partition, offset: result.offset }
    })
  }

  /**
   * KafkaConsumer.committed: the group's committed offsets of these partitions (absent: none committed); the
   * TimeoutException of ClassicKafkaConsumer/AsyncKafkaConsumer.committed when default.api.timeout.ms passes
   * first (offsets pending in an open transaction).
   */
  async committed(partitions: readonly TopicPartition[]): Promise<TopicPartitionOffset[]> {
    const { group } = this.requireGroup()
    if (partitions.length === 0) return []
    const timeoutMs = this.defaultApiTimeoutMs()
    const committed = await group.committed(partitions, this.clock.now() + timeoutMs)
    if (committed === null) {
      const names = partitions.map((tp) => `${tp.topic}-${tp.partition}`).join(', ')
      throw timeoutError(
        `Timeout of ${timeoutMs}ms expired before the last committed offset for partitions [${names}] could be determined. Try tuning default.api.timeout.ms larger to relax the threshold.`,
      )
    }
    return committed.map(({ topic, partition, offset }) => ({ topic, partition, offset }))
  }

  /** KafkaConsumer.commitSync(offsets): an OffsetCommit of these offsets as the member's (no leader epoch). */
  async commitSync(offsets: readonly TopicPartitionOffset[]): Promise<void> {
    const { group } = this.requireGroup()
    await group.commit(
      offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset, leaderEpoch: -1 })),
    )
  }

  private defaultApiTimeoutMs(): number {
    return Number(this.config['default.api.timeout.ms'])
  }

  async close(): Promise<void> {
    await this.group?.close()
    this.manualAssignment = []
    this.completedFetches.clear()
    this.connection.close()
  }
}

function ignoreTimeout(error: unknown): PartitionMetadata[] {
  if (isTimeout(error)) return []
  throw error
}
