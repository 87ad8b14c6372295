/**
 * CoordinatorChannel: a consumer's link to its group's coordinator, shared by both group protocols
 * (ConsumerCoordinator for classic groups, ConsumerMembershipManager for consumer groups): the coordinator
 * found by FindCoordinator (looked up again after a coordinator error), and the offset requests every
 * member makes — OffsetCommit with the member's generation or member epoch, OffsetFetch of its partitions.
 */
import type { Clock } from '../../../net/clock.ts'
import type { GroupErrorCode } from '../../../protocol/kafka-errors.ts'
import type { TopicPartition } from '../../../protocol/consumer-protocol.ts'
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

/** How often a commit or offset fetch looks for the coordinator again before giving up. */
const COORDINATOR_RETRIES = 50

export class CoordinatorChannel {
  coordinator: Coordinator | null = null

  constructor(
    private readonly connection: ClusterConnection,
    private readonly clock: Clock,
    readonly groupId: string,
    private readonly closed: () => boolean,
  ) {}

  /** The coordinator, looked up (retrying every retry.backoff.ms) until found or the consumer closes. */
  async ensure(): Promise<Coordinator | null> {
    while (this.coordinator === null && !this.closed()) {
      this.coordinator = await findCoordinator(this.connection, this.groupId).catch(() => null)
      if (this.coordinator === null) await this.clock.sleep(RETRY_BACKOFF_MS)
    }
    return this.coordinator
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
   * The group's committed offsets of these partitions (OffsetFetch with requireStable, as the Java consumer
   * asks); partitions without one are absent. While a partition has transactional offsets pending
   * (UNSTABLE_OFFSET_COMMIT) the fetch is retried after retry.backoff.ms (UnstableOffsetCommitException is
   * retriable) until the transaction ends, but, as ConsumerCoordinator.fetchCommittedOffsets under its
   * timer, not past `deadline` (clock ms): null when the deadline (or the consumer's close) comes first.
   */
  async committed(
    partitions: readonly TopicPartition[],
    deadline: number,
  ): Promise<PartitionPosition[] | null> {
    const topics = [...new Set(partitions.map((p) => p.topic))]
    const fetch = () =>
      this.call(
        ({ broker }) =>
          broker.offsetFetch({
            groupId: this.groupId,
            topics: topics.map((name) => ({
              name,
              partitionIndexes: partitions.filter((p) => p.topic === name).map((p) => p.partition),
            })),
            requireStable: true,
          }),
        (r) => r.error,
      )
    const unstable = (r: Awaited<ReturnType<typeof fetch>>): boolean =>
      r?.topics.some((t) => t.partitions.some((p) => p.error === 'UNSTABLE_OFFSET_COMMIT')) ?? false
    let response = await fetch()
    while (unstable(response)) {
      const remaining = deadline - this.clock.now()
      if (remaining <= 0 || this.closed()) return null
      await this.clock.sleep(Math.min(RETRY_BACKOFF_MS, remaining))
      response = await fetch()
    }
    return (response?.topics ?? []).flatMap((topic) =>
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
}
