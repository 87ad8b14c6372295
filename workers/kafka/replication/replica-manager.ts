/**
 * ReplicaManager: every partition replica this broker hosts, as Kafka's ReplicaManager. It applies
 * leadership from the metadata (applyLeadership, as applyDelta does: become leader, become follower of a
 * leader at an epoch), appends produce requests with acks 0, 1 or all (DelayedProduce), answers consumer and
 * follower fetches (DelayedFetch), deletes records below an offset once every live replica follows
 * (DelayedDeleteRecords), runs one ReplicaFetcher per leader broker it follows, and checks the ISR
 * every replica.lag.time.max.ms / 2 (the isr-expiration task).
 *
 * Persistence: each produce request and each fetcher round tells the LogFlusher that it appended and goes on
 * without waiting, as Kafka answers from the page cache (acks=all waits for replication, not disks); the
 * flusher writes in a later task, its background writes starting at least LOG_FLUSH_MIN_GAP_MS apart
 * (group commit).
 */
import type { LogManager } from '../log/log-manager.ts'
import type { LogConfig } from '../log/unified-log.ts'
import type { Storage } from '../../storage/storage.ts'
import { LogFlusher } from '../log/log-flusher.ts'
import { RecordValidationError } from '../log/log-validator.ts'
import { ProducerStateError } from '../log/producer-append-info.ts'
import { InvalidRecordError } from '../log/end-txn-marker.ts'
import type { IsolationLevel } from '../../protocol/kafka.ts'
import type { Cancellable, Scheduler } from '../../net/scheduler.ts'
import { withTransfer } from '../../net/transfer-list.ts'
import { CorruptRecordError, type Allocate } from '../../../engine-wasm/src/log/index.ts'
import { DelayedFetch, type FetchReadiness } from './delayed-fetch.ts'
import { DelayedOperationPurgatory } from './delayed-operation.ts'
import { DelayedProduce, type ProducePartitionResult, type ProduceStatus } from './delayed-produce.ts'
import { DelayedDeleteRecords, type DeleteRecordsPartitionStatus } from './delayed-delete-records.ts'
import { Partition, type AlterPartition, type PartitionRegistration } from './partition.ts'
import { ReplicaFetcher, type SendReplicaFetch } from './replica-fetcher.ts'
import { ReturnedFetchBuffers } from './returned-fetch-buffers.ts'
import type {
  ReplicaFetchPartition,
  ReplicaFetchPartitionResponse,
  ReplicaFetchRequest,
  ReplicaFetchResponse,
} from './replica-messages.ts'
import type { ReplicationConfig } from './replication-config.ts'
import { ReplicationError } from './replication-error.ts'

export interface LeadershipChange extends PartitionRegistration {
  topicId: string
  topicName: string
  partition: number
  logConfig: LogConfig
  minInsyncReplicas: number
  maxMessageBytes: number
}

export interface ProducePartition {
  topicId: string
  partition: number
  records: Uint8Array
}

/** One partition of a DeleteRecords request, by topic id; `offset` -1 means the high watermark. */
export interface DeleteRecordsEntry {
  topicId: string
  partition: number
  offset: number
}

export interface FetchParams {
  /** The fetching broker, or -1 for a consumer. */
  replicaId: number
  maxWaitMs: number
  minBytes: number
  maxBytes: number
  /** A consumer's isolation level (READ_UNCOMMITTED when left out); followers read to the log end offset. */
  isolationLevel?: IsolationLevel
  /** Where the records read are copied (default: fresh arrays). */
  allocate?: Allocate
}

export interface ReplicaManagerDeps {
  brokerId: number
  scheduler: Scheduler
  config: ReplicationConfig
  logManager: LogManager
  storage: Storage
  /** Whether a follower may join the ISR (PartitionDeps.isReplicaIsrEligible). */
  isReplicaIsrEligible: (brokerId: number) => boolean
  alterPartition: AlterPartition
  sendReplicaFetch: SendReplicaFetch
}

const keyOf = (topicId: string, partition: number): string => `${topicId}/${partition}`

export class ReplicaManager {
  private readonly partitions = new Map<string, Partition>()
  private readonly fetchers = new Map<number, ReplicaFetcher>()
  private readonly producePurgatory: DelayedOperationPurgatory
  private readonly fetchPurgatory: DelayedOperationPurgatory
  private readonly deleteRecordsPurgatory: DelayedOperationPurgatory
  private readonly flusher: LogFlusher
  private readonly returnedFetchBuffers = new ReturnedFetchBuffers()
  private isrExpiration: Cancellable | null = null

  constructor(private readonly deps: ReplicaManagerDeps) {
    this.flusher = new LogFlusher(
      deps.storage,
      (allocate) => deps.logManager.takeFlushOps(allocate),
      deps.scheduler,
    )
    this.producePurgatory = new DelayedOperationPurgatory(deps.scheduler)
    this.fetchPurgatory = new DelayedOperationPurgatory(deps.scheduler)
    this.deleteRecordsPurgatory = new DelayedOperationPurgatory(deps.scheduler)
  }

  get brokerId(): number {
    return this.deps.brokerId
  }

  /** Starts the isr-expiration task (every replica.lag.time.max.ms / 2). */
  startup(): void {
    const period = this.deps.config.replicaLagTimeMaxMs / 2
    const tick = (): void => {
      for (const partition of this.partitions.values()) partition.maybeShrinkIsr()
      this.isrExpiration = this.deps.scheduler.schedule(period, tick)
    }
    this.isrExpiration = this.deps.scheduler.schedule(period, tick)
  }

  /** Stops fetching and timing; waiting requests answer as timed out. */
  shutdown(): void {
    this.isrExpiration?.cancel()
    this.flusher.stop()
    for (const fetcher of this.fetchers.values()) fetcher.stop()
    this.fetchers.clear()
    this.producePurgatory.completeAll()
    this.fetchPurgatory.completeAll()
    this.deleteRecordsPurgatory.completeAll()
  }

  getPartition(topicId: string, partition: number): Partition | undefined {
    return this.partitions.get(keyOf(topicId, partition))
  }

  allPartitions(): Partition[] {
    return [...this.partitions.values()]
  }

  /**
   * Applies new registrations from the metadata: leaders lead, followers fetch from their leader. A fetcher
   * gets all of its new partitions at once (ReplicaFetcherManager.addFetcherForPartitions), so its next
   * request carries every one of them.
   */
  applyLeadership(changes: readonly LeadershipChange[]): void {
    const follows = new Map<number, Map<string, Partition>>()
    for (const change of changes) {
      const key = keyOf(change.topicId, change.partition)
      const partition = this.partitions.get(key) ?? this.createPartition(change)
      partition.minInsyncReplicas = change.minInsyncReplicas
      partition.maxMessageBytes = change.maxMessageBytes
      if (change.leader === this.deps.brokerId) {
        this.removeFetcher(key)
        partition.makeLeader(change)
      } else if (partition.makeFollower(change)) {
        this.removeFetcher(key)
        if (change.leader >= 0) {
          const fetched = follows.get(change.leader) ?? new Map<string, Partition>()
          follows.set(change.leader, fetched.set(key, partition))
        }
      }
      this.tryCompleteDelayed(key)
    }
    for (const [leader, partitions] of follows) this.fetcherFor(leader).addPartitions(partitions)
  }

  /** Stops hosting partitions (their topic was deleted): no more fetching, and waiting requests complete. */
  removePartitions(partitions: ReadonlyArray<{ topicId: string; partition: number }>): void {
    for (const { topicId, partition } of partitions) {
      const key = keyOf(topicId, partition)
      this.removeFetcher(key)
      this.partitions.delete(key)
      this.tryCompleteDelayed(key)
    }
  }

  private createPartition(change: LeadershipChange): Partition {
    const { logManager, scheduler, config, alterPartition, brokerId, isReplicaIsrEligible } = this.deps
    const log =
      logManager.getLog(change.topicId, change.partition) ??
      logManager.createLog(change.topicId, change.partition, change.logConfig)
    const partition = new Partition(change.topicId, change.topicName, change.partition, brokerId, log, {
      clock: scheduler,
      replicaLagTimeMaxMs: config.replicaLagTimeMaxMs,
      isReplicaIsrEligible,
      alterPartition,
      onIsrChange: (changed) => this.tryCompleteDelayed(keyOf(changed.topicId, changed.partition)),
    })
    this.partitions.set(keyOf(change.topicId, change.partition), partition)
    return partition
  }

  private fetcherFor(leaderId: number): ReplicaFetcher {
    let fetcher = this.fetchers.get(leaderId)
    if (!fetcher) {
      fetcher = new ReplicaFetcher(leaderId, {
        brokerId: this.deps.brokerId,
        scheduler: this.deps.scheduler,
        config: this.deps.config,
        send: this.deps.sendReplicaFetch,
        persist: () => this.flusher.appended(),
      })
      this.fetchers.set(leaderId, fetcher)
    }
    return fetcher
  }

  private removeFetcher(key: string): void {
    for (const fetcher of this.fetchers.values()) fetcher.remove(key)
  }

  private tryCompleteDelayed(key: string): void {
    this.producePurgatory.checkAndComplete(key)
    this.fetchPurgatory.checkAndComplete(key)
    this.deleteRecordsPurgatory.checkAndComplete(key)
  }

  /** Stores every byte appended so far (a controlled shutdown flushes its logs, as Kafka's does). */
  flush(): Promise<void> {
    return this.flusher.flush()
  }

  /**
   * Appends to the leaders, then answers: at once for acks 0 and 1, after replication for all. Origin
   * `coordinator`: the entries are transaction markers (endTxnMarkerBatch), as WriteTxnMarkers appends them.
   */
  async appendRecords(
    requiredAcks: -1 | 0 | 1,
    timeoutMs: number,
    entries: readonly ProducePartition[],
    origin: 'client' | 'coordinator' = 'client',
  ): Promise<ProducePartitionResult[]> {
    const statuses = entries.map((entry): ProduceStatus => this.appendToLocalLog(entry, requiredAcks, origin))
    this.flusher.appended()
    for (const entry of entries) this.fetchPurgatory.checkAndComplete(keyOf(entry.topicId, entry.partition))
    if (requiredAcks !== -1 || statuses.every((status) => !status.acksPending)) {
      return statuses.map((status) => status.result)
    }
    return new Promise((resolve) => {
      const operation = new DelayedProduce(statuses, (key) => this.partitions.get(key), resolve)
      this.producePurgatory.tryCompleteElseWatch(operation, timeoutMs)
    })
  }

  private appendToLocalLog(
    entry: ProducePartition,
    requiredAcks: -1 | 0 | 1,
    origin: 'client' | 'coordinator',
  ): ProduceStatus {
    const key = keyOf(entry.topicId, entry.partition)
    const base = { topicId: entry.topicId, partition: entry.partition }
    const failed = (error: ProducePartitionResult['error'], errorMessage: string | null): ProduceStatus => ({
      key,
      requiredOffset: -1,
      acksPending: false,
      result: { ...base, error, errorMessage, baseOffset: -1, logStartOffset: -1 },
    })
    const partition = this.partitions.get(key)
    if (!partition) return failed('UNKNOWN_TOPIC_OR_PARTITION', null)
    try {
      const info = partition.appendRecordsToLeader(entry.records, requiredAcks, origin)
      return {
        key,
        requiredOffset: info.lastOffset + 1,
        acksPending: requiredAcks === -1,
        result: {
          ...base,
          error: null,
          errorMessage: null,
          baseOffset: info.firstOffset,
          logStartOffset: partition.log.logStartOffset,
        },
      }
    } catch (error) {
      if (error instanceof ReplicationError) return failed(error.error, error.message)
      if (error instanceof CorruptRecordError) return failed('CORRUPT_MESSAGE', error.message)
      if (error instanceof RecordValidationError) return failed(error.error, error.message)
      if (error instanceof ProducerStateError) return failed(error.error, error.message)
      if (error instanceof InvalidRecordError) return failed('INVALID_RECORD', error.message)
      throw error
    }
  }

  /**
   * ReplicaManager.deleteRecords: moves each partition's log start offset on this leader, then answers each
   * partition's low watermark once it reached the offset (DelayedDeleteRecords, up to `timeoutMs`); at once
   * when no partition moved. Partitions come back in request order.
   */
  async deleteRecords(
    timeoutMs: number,
    entries: readonly DeleteRecordsEntry[],
  ): Promise<DeleteRecordsPartitionStatus[]> {
    const statuses = entries.map((entry): DeleteRecordsPartitionStatus => {
      const key = keyOf(entry.topicId, entry.partition)
      const failed = (error: DeleteRecordsPartitionStatus['error']): DeleteRecordsPartitionStatus => ({
        key,
        requestedOffset: -1,
        lowWatermark: -1,
        error,
        acksPending: false,
      })
      const partition = this.partitions.get(key)
      if (!partition) return failed('UNKNOWN_TOPIC_OR_PARTITION')
      try {
        const result = partition.deleteRecordsOnLeader(entry.offset)
        return { key, ...result, error: null, acksPending: true }
      } catch (error) {
        if (error instanceof ReplicationError) return failed(error.error)
        throw error
      }
    })
    if (statuses.every((status) => !status.acksPending)) return statuses
    return new Promise((resolve) => {
      const operation = new DelayedDeleteRecords(
        statuses,
        (key) => this.partitions.get(key),
        () => resolve(statuses),
      )
      this.deleteRecordsPurgatory.tryCompleteElseWatch(operation, timeoutMs)
    })
  }

  /**
   * The leader's side of a follower's fetch (the Transport handler calls it). Each partition's records are a
   * copy out of the log (LogSegment.read copies its pages out) into a buffer of its own that only this answer
   * holds, one the follower gave back with this request or a fresh one (returned-fetch-buffers.ts), so the answer
   * gives their buffers away: between workers they move to the follower instead of being copied twice more
   * (transfer-list.ts). A read cache handing out shared bytes would have to stop this.
   */
  async handleReplicaFetch(from: number, request: ReplicaFetchRequest): Promise<ReplicaFetchResponse> {
    this.returnedFetchBuffers.giveBack(request.returnedBuffers)
    const params = { ...request, replicaId: from, allocate: this.returnedFetchBuffers.allocate }
    const partitions = await this.fetchMessages(params, request.partitions)
    const buffers = partitions.flatMap(({ records }) =>
      records.byteLength > 0 ? [records.buffer as ArrayBuffer] : [],
    )
    return withTransfer({ partitions }, buffers)
  }

  /**
   * Reads for a consumer (replicaId -1: below the HW) or a follower (below the log end offset, moving its
   * fetch state, the ISR and the HW); waits up to maxWaitMs for minBytes.
   */
  async fetchMessages(
    params: FetchParams,
    partitions: readonly ReplicaFetchPartition[],
  ): Promise<ReplicaFetchPartitionResponse[]> {
    const first = partitions.map((p) => this.readPartition(params, p, true))
    if (params.replicaId >= 0) {
      for (const p of partitions) this.tryCompleteDelayed(keyOf(p.topicId, p.partition))
    }
    const readiness = this.readiness(first)
    if (params.maxWaitMs <= 0 || readiness.changed || readiness.bytes >= params.minBytes) return first
    return new Promise((resolve) => {
      const keys = partitions.map((p) => keyOf(p.topicId, p.partition))
      const reread = (): ReplicaFetchPartitionResponse[] =>
        partitions.map((p) => this.readPartition(params, p, false))
      const operation = new DelayedFetch(
        keys,
        params.minBytes,
        reread,
        (read) => this.readiness(read),
        resolve,
      )
      this.fetchPurgatory.tryCompleteElseWatch(operation, params.maxWaitMs)
    })
  }

  private readiness(responses: readonly ReplicaFetchPartitionResponse[]): FetchReadiness {
    return {
      bytes: responses.reduce((sum, r) => sum + r.records.length, 0),
      changed: responses.some((r) => r.error !== null || r.divergingEpoch !== null),
    }
  }

  private readPartition(
    params: FetchParams,
    request: ReplicaFetchPartition,
    updateFetchState: boolean,
  ): ReplicaFetchPartitionResponse {
    const base = { topicId: request.topicId, partition: request.partition }
    const partition = this.partitions.get(keyOf(request.topicId, request.partition))
    const empty = {
      highWatermark: -1,
      lastStableOffset: -1,
      logStartOffset: -1,
      abortedTransactions: null,
      divergingEpoch: null,
      records: new Uint8Array(0),
    }
    if (!partition) return { ...base, ...empty, error: 'UNKNOWN_TOPIC_OR_PARTITION' }
    try {
      const read = partition.fetchRecords(
        {
          replicaId: params.replicaId,
          fetchOffset: request.fetchOffset,
          maxBytes: Math.min(request.partitionMaxBytes, params.maxBytes),
          currentLeaderEpoch: request.currentLeaderEpoch,
          lastFetchedEpoch: request.lastFetchedEpoch,
          logStartOffset: request.logStartOffset,
        },
        updateFetchState,
        params.isolationLevel ?? 'READ_UNCOMMITTED',
        params.allocate,
      )
      return {
        ...base,
        error: null,
        highWatermark: read.highWatermark,
        lastStableOffset: read.lastStableOffset,
        logStartOffset: read.logStartOffset,
        abortedTransactions: read.abortedTransactions,
        divergingEpoch: read.divergingEpoch,
        records: read.records,
      }
    } catch (error) {
      if (!(error instanceof ReplicationError)) throw error
      // A follower whose log ends below the log start offset learns where to start over (Kafka's follower
      // asks ListOffsets for it: ReplicaFetcherThread.fetchEarliestOffsetFromLeader).
      const outOfRange = error.error === 'OFFSET_OUT_OF_RANGE' && params.replicaId >= 0
      const logStartOffset = outOfRange ? partition.log.logStartOffset : -1
      return { ...base, ...empty, logStartOffset, error: error.error }
    }
  }
}
