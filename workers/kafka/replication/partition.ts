/**
 * Partition: one topic partition hosted by this broker, as Kafka's kafka.cluster.Partition. As leader it
 * tracks every follower (Replica), the ISR, the high watermark and the leader epoch; as follower it holds
 * the leader's id and epoch and applies what the ReplicaFetcher brings.
 *
 * Rules (Partition.scala, Kafka 4.x):
 * - HW = the smallest log end offset among the leader, the maximal ISR and the ISR-eligible (registered,
 *   unfenced) followers caught up within replica.lag.time.max.ms; it never moves while the committed ISR is
 *   smaller than min.insync.replicas (capped at the replication factor), and it never goes back.
 * - An ISR-eligible follower joins the ISR when its end offset reaches the HW and the start of the current
 *   leader epoch; it leaves when it was last caught up more than replica.lag.time.max.ms ago. Either change is
 *   proposed to the controller through `alterPartition`; while one is in flight no other is proposed, the ISR
 *   used for acks stays the committed one, and the HW uses the larger (maximal) set.
 * - acks=all is refused with NOT_ENOUGH_REPLICAS before the append when the ISR is below min.insync.replicas.
 * - A batch larger than the topic's max.message.bytes is refused with MESSAGE_TOO_LARGE and nothing is
 *   appended (UnifiedLog.analyzeAndValidateRecords).
 * - DeleteRecords (deleteRecordsOnLeader) moves the leader's log start offset up to at most the HW (-1 meaning
 *   the HW), refused for a topic without cleanup.policy delete; the low watermark is the smallest log start
 *   offset among the leader and the followers on live (unfenced) brokers (lowWatermarkIfLeader).
 * - Reads by consumers stop below the HW (READ_UNCOMMITTED) or the last stable offset (READ_COMMITTED, whose
 *   answer lists the aborted transactions overlapping the batches read: UnifiedLog.read with
 *   FetchIsolation.TXN_COMMITTED); followers read up to the log end offset, with their leader epoch
 *   checked (FENCED_LEADER_EPOCH, UNKNOWN_LEADER_EPOCH) and their last fetched epoch checked for divergence.
 */
import type { Allocate, AppendInfo } from '../../../engine-wasm/src/log/index.ts'
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import type { Clock } from '../../net/clock.ts'
import { OffsetOutOfRangeError, type UnifiedLog } from '../log/unified-log.ts'
import { batchSizes, nextOffsetAfter } from '../log/batch-headers.ts'
import {
  DELETE_RECORDS_HIGH_WATERMARK,
  type AbortedTransaction,
  type IsolationLevel,
} from '../../protocol/kafka.ts'
import { topicConfig } from '../config/topic-configs.ts'
import type { EpochEndOffset } from './leader-epoch-cache.ts'
import { UNDEFINED_EPOCH } from './leader-epoch-cache.ts'
import { Replica } from './replica.ts'
import { ReplicationError } from './replication-error.ts'

export const NO_LEADER = -1

/** A partition's registration in the metadata (PartitionRecord after PartitionChangeRecords). */
export interface PartitionRegistration {
  leader: number
  leaderEpoch: number
  partitionEpoch: number
  replicas: number[]
  isr: number[]
}

export type AlterPartitionResult = { isr: number[]; partitionEpoch: number } | { error: KafkaErrorName }

/** Sends an AlterPartition to the controller; the promise settles with its answer, later. */
export type AlterPartition = (
  topicId: string,
  partition: number,
  newIsr: number[],
  leaderEpoch: number,
  partitionEpoch: number,
) => Promise<AlterPartitionResult>

export interface PartitionDeps {
  clock: Clock
  replicaLagTimeMaxMs: number
  /**
   * Partition.isReplicaIsrEligible: whether the metadata has the broker registered and unfenced (a broker
   * in controlled shutdown is fenced here). Only such a follower may join the ISR or hold back the HW
   * while outside it.
   */
  isReplicaIsrEligible: (brokerId: number) => boolean
  alterPartition: AlterPartition
  /** Called when an ISR change committed (the HW may have moved): delayed requests may complete. */
  onIsrChange: (partition: Partition) => void
}

export interface FetchPosition {
  /** The fetching broker, or -1 for a consumer. */
  replicaId: number
  fetchOffset: number
  maxBytes: number
  /** -1 when the request carries none. */
  currentLeaderEpoch: number
  lastFetchedEpoch: number
  logStartOffset: number
}

export interface LogReadResult {
  records: Uint8Array
  highWatermark: number
  lastStableOffset: number
  logStartOffset: number
  logEndOffset: number
  /** READ_COMMITTED: the aborted transactions overlapping the records read; otherwise null. */
  abortedTransactions: AbortedTransaction[] | null
  divergingEpoch: EpochEndOffset | null
}

interface IsrState {
  /** The last ISR the controller committed: what acks and min.insync.replicas count. */
  isr: ReadonlySet<number>
  /** isr plus a replica being added: what the HW waits for. */
  maximalIsr: ReadonlySet<number>
  inflight: boolean
}

const committed = (isr: Iterable<number>): IsrState => {
  const set = new Set(isr)
  return { isr: set, maximalIsr: set, inflight: false }
}

export class Partition {
  leaderId = NO_LEADER
  leaderEpoch = -1
  partitionEpoch = -1
  replicas: number[] = []
  private isrState: IsrState = committed([])
  private readonly remote = new Map<number, Replica>()
  private leaderEpochStartOffset: number | null = null

  constructor(
    readonly topicId: string,
    readonly topicName: string,
    readonly partition: number,
    private readonly localBrokerId: number,
    readonly log: UnifiedLog,
    private readonly deps: PartitionDeps,
    public minInsyncReplicas = 1,
    public maxMessageBytes = Number(topicConfig({}, 'max.message.bytes')),
  ) {}

  get isLeader(): boolean {
    return this.leaderId === this.localBrokerId
  }

  /**
   * The committed ISR in Kafka's order: as the controller stored it, a re-joining replica appended at the
   * end (Scala's small immutable Sets keep insertion order, and Partition.scala sends `isr + replica`).
   */
  get isr(): number[] {
    return [...this.isrState.isr]
  }

  get maximalIsr(): number[] {
    return [...this.isrState.maximalIsr]
  }

  get isIsrUpdateInflight(): boolean {
    return this.isrState.inflight
  }

  /** The leader's view of a follower, for inspection. */
  replica(brokerId: number): Replica | undefined {
    return this.remote.get(brokerId)
  }

  /** Kafka's TopicPartition text, as messages print it: `orders-0`. */
  get topicPartition(): string {
    return `${this.topicName}-${this.partition}`
  }

  private isStale(registration: PartitionRegistration): boolean {
    return (
      registration.leaderEpoch < this.leaderEpoch ||
      (registration.leaderEpoch === this.leaderEpoch && registration.partitionEpoch <= this.partitionEpoch)
    )
  }

  /** Becomes (or stays) leader; returns true for a new leader epoch. A stale registration changes nothing. */
  makeLeader(registration: PartitionRegistration): boolean {
    if (this.isStale(registration)) return false
    const wasLeader = this.isLeader
    const isNewLeaderEpoch = registration.leaderEpoch > this.leaderEpoch || !wasLeader
    this.applyRegistration(registration)
    const followers = registration.replicas.filter((id) => id !== this.localBrokerId)
    for (const id of [...this.remote.keys()]) if (!followers.includes(id)) this.remote.delete(id)
    for (const id of followers) if (!this.remote.has(id)) this.remote.set(id, new Replica(id))
    if (isNewLeaderEpoch) {
      // The replicas' state restarts only with a new leader epoch (Partition.makeLeader).
      const now = this.deps.clock.now()
      const start = this.log.logEndOffset
      for (const replica of this.remote.values()) {
        replica.reset(now, start, !wasLeader, this.isrState.isr.has(replica.brokerId))
      }
      this.leaderEpochStartOffset = start
      this.log.assignEpochStartOffset(this.leaderEpoch, start)
    }
    this.maybeIncrementLeaderHW()
    return isNewLeaderEpoch
  }

  /** Follows `registration.leader`; returns true when the leader or its epoch changed (refetch needed). */
  makeFollower(registration: PartitionRegistration): boolean {
    if (this.isStale(registration)) return false
    const changed = registration.leader !== this.leaderId || registration.leaderEpoch !== this.leaderEpoch
    this.applyRegistration(registration)
    this.remote.clear()
    this.leaderEpochStartOffset = null
    return changed
  }

  private applyRegistration(registration: PartitionRegistration): void {
    this.leaderId = registration.leader
    this.leaderEpoch = registration.leaderEpoch
    this.partitionEpoch = registration.partitionEpoch
    this.replicas = [...registration.replicas]
    this.isrState = committed(registration.isr)
  }

  private get effectiveMinIsr(): number {
    return Math.min(this.minInsyncReplicas, this.replicas.length)
  }

  private notLeader(): ReplicationError {
    return new ReplicationError(
      'NOT_LEADER_OR_FOLLOWER',
      `Leader not local for partition ${this.topicPartition} on broker ${this.localBrokerId}`,
    )
  }

  /**
   * Partition.appendRecordsToLeader; origin `coordinator` appends transaction markers (UnifiedLog.appendAsLeader).
   */
  appendRecordsToLeader(
    batches: Uint8Array,
    requiredAcks: -1 | 0 | 1,
    origin: 'client' | 'coordinator' = 'client',
  ): AppendInfo {
    if (!this.isLeader) throw this.notLeader()
    const minIsr = this.effectiveMinIsr
    if (requiredAcks === -1 && this.isrState.isr.size < minIsr) {
      throw new ReplicationError(
        'NOT_ENOUGH_REPLICAS',
        `The size of the current ISR Set(${this.isr.join(', ')}) is insufficient to satisfy the min.isr ` +
          `requirement of ${minIsr} for partition ${this.topicPartition}`,
      )
    }
    const tooLarge = batchSizes(batches).find((size) => size > this.maxMessageBytes)
    if (tooLarge !== undefined) {
      throw new ReplicationError(
        'MESSAGE_TOO_LARGE',
        `The record batch size in the append to ${this.topicPartition} is ${tooLarge} bytes which exceeds ` +
          `the maximum configured value of ${this.maxMessageBytes}.`,
      )
    }
    const info = this.log.appendAsLeader(batches, this.leaderEpoch, this.topicPartition, origin)
    this.maybeIncrementLeaderHW()
    return info
  }

  /**
   * Partition.deleteRecordsOnLeader: moves the log start offset to `offset` (the HW for -1) and answers the
   * offset asked for with the low watermark now. Throws NOT_LEADER_OR_FOLLOWER, POLICY_VIOLATION (a topic
   * without cleanup.policy delete) or OFFSET_OUT_OF_RANGE (a negative offset, or one past the HW).
   */
  deleteRecordsOnLeader(offset: number): { requestedOffset: number; lowWatermark: number } {
    if (!this.isLeader) throw this.notLeader()
    if (this.log.config.deletePolicy === false) {
      throw new ReplicationError(
        'POLICY_VIOLATION',
        `Records of partition ${this.topicPartition} can not be deleted due to the configured policy`,
      )
    }
    const requestedOffset = offset === DELETE_RECORDS_HIGH_WATERMARK ? this.log.highWatermark : offset
    if (requestedOffset < 0) {
      throw new ReplicationError(
        'OFFSET_OUT_OF_RANGE',
        `The offset ${requestedOffset} for partition ${this.topicPartition} is not valid`,
      )
    }
    try {
      this.log.maybeIncrementLogStartOffset(requestedOffset, this.topicPartition)
    } catch (error) {
      if (error instanceof OffsetOutOfRangeError)
        throw new ReplicationError('OFFSET_OUT_OF_RANGE', error.message)
      throw error
    }
    return { requestedOffset, lowWatermark: this.lowWatermarkIfLeader() }
  }

  /** The smallest log start offset among the leader and its followers on live brokers (lowWatermarkIfLeader). */
  lowWatermarkIfLeader(): number {
    if (!this.isLeader) throw this.notLeader()
    let lowWatermark = this.log.logStartOffset
    for (const replica of this.remote.values()) {
      if (this.deps.isReplicaIsrEligible(replica.brokerId) && replica.logStartOffset < lowWatermark)
        lowWatermark = replica.logStartOffset
    }
    return lowWatermark
  }

  /** The follower's append of the leader's batches; its HW follows the leader's, capped at its own end. */
  appendRecordsToFollower(batches: Uint8Array, leaderHighWatermark: number): void {
    if (batches.length > 0) this.log.appendAsFollower(batches)
    this.log.highWatermark = Math.max(
      this.log.logStartOffset,
      Math.min(leaderHighWatermark, this.log.logEndOffset),
    )
  }

  /**
   * Reads for a consumer (below the HW, or the LSO for READ_COMMITTED) or a follower (below the log end
   * offset, updating its state), the records copied into bytes from `allocate` (default: a fresh array).
   */
  fetchRecords(
    position: FetchPosition,
    updateFetchState: boolean,
    isolationLevel: IsolationLevel = 'READ_UNCOMMITTED',
    allocate?: Allocate,
  ): LogReadResult {
    this.checkLeaderEpoch(position.currentLeaderEpoch)
    const isFollower = position.replicaId >= 0
    const follower = isFollower ? this.followerOrThrow(position.replicaId) : undefined
    const log = this.log
    const base = {
      highWatermark: log.highWatermark,
      lastStableOffset: log.lastStableOffset,
      logStartOffset: log.logStartOffset,
      logEndOffset: log.logEndOffset,
      abortedTransactions: null,
    }
    if (position.lastFetchedEpoch !== UNDEFINED_EPOCH) {
      const epochEnd = log.endOffsetForEpoch(position.lastFetchedEpoch)
      if (epochEnd.endOffset < 0) {
        throw new ReplicationError(
          'OFFSET_OUT_OF_RANGE',
          `Could not determine the end offset of the last fetched epoch ${position.lastFetchedEpoch} from the request`,
        )
      }
      if (epochEnd.epoch < position.lastFetchedEpoch || epochEnd.endOffset < position.fetchOffset) {
        return { ...base, records: new Uint8Array(0), divergingEpoch: epochEnd }
      }
    }
    if (log.isOutOfRange(position.fetchOffset)) {
      throw new ReplicationError(
        'OFFSET_OUT_OF_RANGE',
        `Received request for offset ${position.fetchOffset} for partition ${this.topicPartition}, but we only have log ` +
          `segments in the range ${log.logStartOffset} to ${log.logEndOffset}.`,
      )
    }
    const committed = !isFollower && isolationLevel === 'READ_COMMITTED'
    const upTo = isFollower ? log.logEndOffset : committed ? base.lastStableOffset : log.highWatermark
    const records = log.read(position.fetchOffset, position.maxBytes, upTo, allocate)
    if (follower && updateFetchState) {
      follower.updateFetchState(
        position.fetchOffset,
        position.logStartOffset,
        this.deps.clock.now(),
        base.logEndOffset,
      )
      this.maybeExpandIsr(follower)
      this.maybeIncrementLeaderHW()
    }
    // LocalLog.addAbortedTransactions: the upper bound is the offset after the batches read (none: no entry).
    const abortedTransactions = committed
      ? log
          .collectAbortedTransactions(position.fetchOffset, nextOffsetAfter(records, position.fetchOffset))
          .map(({ producerId, firstOffset }) => ({ producerId, firstOffset }))
      : null
    return { ...base, records, abortedTransactions, divergingEpoch: null }
  }

  private checkLeaderEpoch(requested: number): void {
    if (requested >= 0 && requested < this.leaderEpoch) {
      throw new ReplicationError(
        'FENCED_LEADER_EPOCH',
        `The leader epoch ${requested} of the request is fenced by the current leader epoch ${this.leaderEpoch}`,
      )
    }
    if (requested > this.leaderEpoch) {
      throw new ReplicationError(
        'UNKNOWN_LEADER_EPOCH',
        `The leader epoch ${requested} of the request is newer than the current leader epoch ${this.leaderEpoch}`,
      )
    }
    if (!this.isLeader) throw this.notLeader()
  }

  private followerOrThrow(replicaId: number): Replica {
    const replica = this.remote.get(replicaId)
    if (replica) return replica
    throw new ReplicationError(
      'UNKNOWN_LEADER_EPOCH',
      `Replica ${replicaId} is not recognized as a valid replica of ${this.topicPartition} in leader epoch ` +
        `${this.leaderEpoch} with partition epoch ${this.partitionEpoch}`,
    )
  }

  /**
   * Whether the HW passed `requiredOffset` for acks=all, and with which error: none, or
   * NOT_ENOUGH_REPLICAS_AFTER_APPEND when the ISR fell below min.insync.replicas meanwhile.
   */
  checkEnoughReplicasReachOffset(requiredOffset: number): { done: boolean; error: KafkaErrorName | null } {
    if (!this.isLeader) return { done: false, error: 'NOT_LEADER_OR_FOLLOWER' }
    if (this.log.highWatermark < requiredOffset) return { done: false, error: null }
    const enough = this.effectiveMinIsr <= this.isrState.maximalIsr.size
    return { done: true, error: enough ? null : 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' }
  }

  /** Moves the HW up to the smallest end offset it must wait for; true when it moved. */
  maybeIncrementLeaderHW(): boolean {
    if (!this.isLeader || this.isrState.isr.size < this.effectiveMinIsr) return false
    const now = this.deps.clock.now()
    const leaderEnd = this.log.logEndOffset
    let newHighWatermark = leaderEnd
    for (const replica of this.remote.values()) {
      const waitFor =
        this.isrState.maximalIsr.has(replica.brokerId) ||
        (replica.isCaughtUp(leaderEnd, now, this.deps.replicaLagTimeMaxMs) &&
          this.deps.isReplicaIsrEligible(replica.brokerId))
      if (waitFor && replica.logEndOffset < newHighWatermark) newHighWatermark = replica.logEndOffset
    }
    if (newHighWatermark <= this.log.highWatermark) return false
    this.log.highWatermark = newHighWatermark
    return true
  }

  private maybeExpandIsr(follower: Replica): void {
    const state = this.isrState
    if (
      state.inflight ||
      state.isr.has(follower.brokerId) ||
      !this.deps.isReplicaIsrEligible(follower.brokerId)
    )
      return
    const start = this.leaderEpochStartOffset
    if (start === null || follower.logEndOffset < this.log.highWatermark || follower.logEndOffset < start)
      return
    const maximal = new Set([...state.isr, follower.brokerId])
    this.submitAlterPartition({ isr: state.isr, maximalIsr: maximal, inflight: true }, [...maximal])
  }

  /** The isr-expiration task: proposes dropping followers not caught up within replica.lag.time.max.ms. */
  maybeShrinkIsr(): void {
    const state = this.isrState
    if (!this.isLeader || state.inflight) return
    const now = this.deps.clock.now()
    const leaderEnd = this.log.logEndOffset
    const outOfSync = [...state.isr].filter((id) => {
      if (id === this.localBrokerId) return false
      const replica = this.remote.get(id)
      return !replica || !replica.isCaughtUp(leaderEnd, now, this.deps.replicaLagTimeMaxMs)
    })
    if (outOfSync.length === 0) return
    const newIsr = [...state.isr].filter((id) => !outOfSync.includes(id))
    this.submitAlterPartition({ isr: state.isr, maximalIsr: state.isr, inflight: true }, newIsr)
  }

  private submitAlterPartition(pending: IsrState, newIsr: number[]): void {
    this.isrState = pending
    const sentLeaderEpoch = this.leaderEpoch
    const { alterPartition } = this.deps
    const request = alterPartition(
      this.topicId,
      this.partition,
      newIsr,
      this.leaderEpoch,
      this.partitionEpoch,
    )
    request.then(
      (result) => this.handleAlterPartition(pending, sentLeaderEpoch, result),
      () => this.handleAlterPartition(pending, sentLeaderEpoch, { error: 'REQUEST_TIMED_OUT' }),
    )
  }

  private handleAlterPartition(
    pending: IsrState,
    sentLeaderEpoch: number,
    result: AlterPartitionResult,
  ): void {
    // A newer registration (makeLeader/makeFollower) replaced the pending state: this answer is stale.
    if (this.isrState !== pending || this.leaderEpoch !== sentLeaderEpoch) return
    if ('error' in result || result.partitionEpoch < this.partitionEpoch) {
      this.isrState = committed(pending.isr)
      return
    }
    this.partitionEpoch = result.partitionEpoch
    this.isrState = committed(result.isr)
    this.maybeIncrementLeaderHW()
    this.deps.onIsrChange(this)
  }
}
