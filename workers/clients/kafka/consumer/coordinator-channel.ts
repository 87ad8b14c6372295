/**
 * CoordinatorChannel: a consumer's link to its group's coordinator, shared by both group protocols
 * (ConsumerCoordinator for classic groups, ConsumerMembershipManager for consumer groups): the coordinator
 * found by FindCoordinator (looked up again after a coordinator error; one lookup in flight at a time), and
 * the offset requests every member makes — OffsetCommit with the member's generation or member epoch,
 * OffsetFetch of its partitions (one kept pending across calls that give up waiting for it).
 */
import type { Clock } from '../../../net/clock.ts'
import type { GroupErrorCode } from '../../../protocol/kafka-errors.ts'
import { tpKey, type TopicPartition } from '../../../protocol/consumer-protocol.ts'
import type { OffsetFetchResponse } from '../../../protocol/kafka-groups.ts'
import type { ClusterConnection } from '../cluster-connection.ts'
import { kafkaError } from '../errors.ts'
import {
  findCoordinator,
  isCoordinatorError,
  RETRY_BACKOFF_MS,
  type Coordinator,
} from '../group-coordinator-lookup.ts'

export interface PartitionPosition extends TopicPartition {
  readonly offset: number
  /** FetchPosition.offsetEpoch: the leader epoch of the batch the last consumed record came in, or -1. */
  readonly leaderEpoch: number
}

/** Who commits: the member id and its generation (classic) or member epoch (consumer), -1 for none. */
export interface CommitIdentity {
  readonly memberId: string
  readonly generationIdOrMemberEpoch: number
  readonly groupInstanceId: string | null
}

/** How often a commit looks for the coordinator again before giving up. */
const COORDINATOR_RETRIES = 50

const TIMED_OUT: unique symbol = Symbol('timed out')

export class CoordinatorChannel {
  coordinator: Coordinator | null = null
  /** The FindCoordinator in flight, if any. */
  private lookup: Promise<Coordinator | null> | null = null
  /** The OffsetFetch in flight or answered but not yet taken, with the partitions and generation it is for. */
  private pendingCommitted: { key: string; response: Promise<OffsetFetchResponse | null> } | null = null

  constructor(
    private readonly connection: ClusterConnection,
    private readonly clock: Clock,
    readonly groupId: string,
    private readonly closed: () => boolean,
  ) {}

  /**
   * AbstractCoordinator.ensureCoordinatorReady: the coordinator, looked up (retrying every retry.backoff.ms)
   * until found, the consumer closes, or `deadline` (clock ms) passes: null then. One FindCoordinator is in
   * flight at a time (lookupCoordinator's findCoordinatorFuture): a caller whose deadline passes leaves it
   * running, and the next caller waits for the same one.
   */
  async ensure(deadline = Infinity): Promise<Coordinator | null> {
    while (this.coordinator === null && !this.closed()) {
      const found = await this.within(this.lookupCoordinator(), deadline)
      if (found === TIMED_OUT) return null
      if (found === null) {
        const remaining = deadline - this.clock.now()
        if (remaining <= 0) return null
        await this.clock.sleep(Math.min(RETRY_BACKOFF_MS, remaining))
      }
    }
    return this.coordinator
  }

  private lookupCoordinator(): Promise<Coordinator | null> {
    this.lookup ??= findCoordinator(this.connection, this.groupId)
      .catch(() => null)
      .then((found) => {
        this.lookup = null
        if (found !== null) this.coordinator = found
        return found
      })
    return this.lookup
  }

  /** What `work` resolves to if it does by `deadline` (clock ms), else TIMED_OUT; the work goes on either way. */
  private within<T>(work: Promise<T>, deadline: number): Promise<T | typeof TIMED_OUT> {
    if (deadline === Infinity) return work
    const timeout = this.clock
      .sleep(Math.max(0, deadline - this.clock.now()))
      .then((): typeof TIMED_OUT => TIMED_OUT)
    return Promise.race([work, timeout])
  }

  /** Runs a request on the coordinator, looking it up again after coordinator errors. */
  async call<T>(
    request: (coordinator: Coordinator) => Promise<T>,
    errorOf: (response: T) => GroupErrorCode,
  ): Promise<T | null> {
    for (let attempt = 0; attempt < COORDINATOR_RETRIES && !this.closed(); attempt++) {
      const coordinator = await this.ensure()
      if (coordinator === null) return null
      const response = await request(coordinator).catch(() => null)
      if (response !== null && !isCoordinatorError(errorOf(response))) return response
      this.coordinator = null
      await this.clock.sleep(RETRY_BACKOFF_MS)
    }
    return null
  }

  /** OffsetCommit of these positions; throws the first partition error. */
  async commit(identity: CommitIdentity, positions: readonly PartitionPosition[]): Promise<void> {
    if (positions.length === 0) return
    const topics = [...new Set(positions.map((p) => p.topic))]
    const response = await this.call(
      ({ broker }) =>
        broker.offsetCommit({
          groupId: this.groupId,
          ...identity,
          topics: topics.map((name) => ({
            name,
            partitions: positions
              .filter((p) => p.topic === name)
              .map((p) => ({
                partitionIndex: p.partition,
                committedOffset: p.offset,
                committedLeaderEpoch: p.leaderEpoch,
                committedMetadata: '',
              })),
          })),
        }),
      (r) => r.topics[0]?.partitions[0]?.error ?? 'NONE',
    )
    const failed = response?.topics.flatMap((t) => t.partitions).find((p) => p.error !== 'NONE')
    if (failed !== undefined && failed.error !== 'NONE') throw kafkaError(failed.error)
  }

  /**
   * ConsumerCoordinator.fetchCommittedOffsets: the group's committed offsets of these partitions (OffsetFetch
   * with requireStable, as the Java consumer asks); partitions without one are absent. Null when `deadline`
   * (clock ms) or the consumer's close comes first: while the coordinator is unknown, while the request is in
   * flight, or while a partition has transactional offsets pending (UNSTABLE_OFFSET_COMMIT, retried after
   * retry.backoff.ms as UnstableOffsetCommitException is retriable). A request still in flight at the deadline
   * stays pending (PendingCommittedOffsetRequest): the next call for the same partitions and `generation` waits
   * for its answer instead of sending another; a call for other ones drops it.
   */
  async committed(
    partitions: readonly TopicPartition[],
    deadline: number,
    generation: string | null,
  ): Promise<PartitionPosition[] | null> {
    const requestKey = `${generation}|${partitions.map(tpKey).sort().join(',')}`
    if (this.pendingCommitted?.key !== requestKey) this.pendingCommitted = null
    while (!this.closed()) {
      const coordinator = await this.ensure(deadline)
      if (coordinator === null) return null
      this.pendingCommitted ??= { key: requestKey, response: this.offsetFetch(coordinator, partitions) }
      const response = await this.within(this.pendingCommitted.response, deadline)
      if (response === TIMED_OUT) return null
      this.pendingCommitted = null
      if (response === null || isCoordinatorError(response.error)) this.coordinator = null
      else if (!unstable(response)) return committedPositions(response)
      const remaining = deadline - this.clock.now()
      if (remaining <= 0) return null
      await this.clock.sleep(Math.min(RETRY_BACKOFF_MS, remaining))
    }
    return null
  }

  private offsetFetch(
    { broker }: Coordinator,
    partitions: readonly TopicPartition[],
  ): Promise<OffsetFetchResponse | null> {
    const topics = [...new Set(partitions.map((p) => p.topic))]
    return broker
      .offsetFetch({
        groupId: this.groupId,
        topics: topics.map((name) => ({
          name,
          partitionIndexes: partitions.filter((p) => p.topic === name).map((p) => p.partition),
        })),
        requireStable: true,
      })
      .catch(() => null)
  }
}

/** OffsetFetchResponseHandler: a partition with transactional offsets pending fails the whole fetch, retriably. */
function unstable(response: OffsetFetchResponse): boolean {
  return response.topics.some((t) => t.partitions.some((p) => p.error === 'UNSTABLE_OFFSET_COMMIT'))
}

function committedPositions(response: OffsetFetchResponse): PartitionPosition[] {
  return response.topics.flatMap((topic) =>
    topic.partitions
      .filter((p) => p.error === 'NONE' && p.committedOffset >= 0)
      .map((p) => ({
        topic: topic.name,
        partition: p.partitionIndex,
        offset: p.committedOffset,
        leaderEpoch: p.committedLeaderEpoch,
      })),
  )
}
