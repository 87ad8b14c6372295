/**
 * ReplicaFetcher: this broker's fetch loop towards one leader broker, for every partition it follows
 * there (Kafka's ReplicaFetcherThread over AbstractFetcherThread). Each round sends one
 * ReplicaFetchRequest from every partition's log end offset with its last fetched epoch; the leader holds
 * it up to replica.fetch.wait.max.ms. The answer's batches are appended at the leader's offsets, the HW
 * follows the leader's, and the round's bytes are handed to the LogFlusher (stored in the background) once
 * the next request is sent, so the leader hears of them (and moves its HW) before storage work begins.
 *
 * Truncation (KIP-101, KIP-279, KIP-320): when the leader answers a diverging epoch, the follower keeps
 * what it holds of that epoch up to the leader's end offset for it, and drops the rest
 * (AbstractFetcherThread.getOffsetTruncationState); the next fetch then asks with its new last epoch.
 *
 * A follower whose log ends below the leader's log start offset (records deleted while it was away) starts
 * over empty there (truncateFullyAndStartAt), as fetchOffsetAndTruncate does on OFFSET_OUT_OF_RANGE.
 * The leader's log start offset is taken over (maybeIncrementLogStartOffset), so the follower's retention
 * check deletes the segments the leader deleted. A partition whose answer is stale (its leader epoch or log end offset changed meanwhile) is skipped; one
 * that failed waits replica.fetch.backoff.ms; a failed request backs the whole fetcher off.
 */
import type { Scheduler } from '../../net/scheduler.ts'
import { withTransfer } from '../../net/transfer-list.ts'
import type { UnifiedLog } from '../log/unified-log.ts'
import type { EpochEndOffset } from './leader-epoch-cache.ts'
import type { Partition } from './partition.ts'
import type { ReplicaFetchPartition, ReplicaFetchRequest, ReplicaFetchResponse } from './replica-messages.ts'
import type { ReplicationConfig } from './replication-config.ts'

export type SendReplicaFetch = (
  to: number,
  request: ReplicaFetchRequest,
  timeoutMs: number,
) => Promise<ReplicaFetchResponse>

export interface ReplicaFetcherDeps {
  brokerId: number
  scheduler: Scheduler
  config: ReplicationConfig
  send: SendReplicaFetch
  /** Asks for the round's appends and truncations to be stored, without waiting. */
  persist: () => void
}

interface FetchState {
  partition: Partition
  delayedUntil: number
}

/** Where a divergent follower truncates to, given the leader's end offset for an epoch. */
export function truncationOffset(log: UnifiedLog, diverging: EpochEndOffset): number {
  const logEndOffset = log.logEndOffset
  if (diverging.endOffset < 0) return Math.min(log.highWatermark, logEndOffset)
  const local = log.endOffsetForEpoch(diverging.epoch)
  if (local.endOffset < 0) return Math.min(diverging.endOffset, logEndOffset)
  if (local.epoch === diverging.epoch) return Math.min(local.endOffset, diverging.endOffset, logEndOffset)
  return Math.min(local.endOffset, logEndOffset)
}

export class ReplicaFetcher {
  private readonly states = new Map<string, FetchState>()
  private running = false
  /** Buffers of answers' records appended since the last request, to give back with the next one. */
  private readonly returnedBuffers: ArrayBuffer[] = []
  /** Bumped by stop(): a loop from an older generation ends at its next step. */
  private generation = 0

  constructor(
    readonly leaderId: number,
    private readonly deps: ReplicaFetcherDeps,
  ) {}

  get isEmpty(): boolean {
    return this.states.size === 0
  }

  /**
   * Starts fetching the partitions, all of them in the next request (AbstractFetcherThread.addPartitions):
   * a partition added alone while a fetch waits at the leader joins only the request after it, which may
   * come replica.fetch.wait.max.ms later.
   */
  addPartitions(partitions: ReadonlyMap<string, Partition>): void {
    for (const [key, partition] of partitions) this.states.set(key, { partition, delayedUntil: 0 })
    if (!this.running) {
      this.running = true
      void this.run(this.generation)
    }
  }

  remove(key: string): void {
    this.states.delete(key)
  }

  stop(): void {
    this.states.clear()
    this.running = false
    this.generation++
  }

  private async run(generation: number): Promise<void> {
    const { scheduler, config } = this.deps
    const live = (): boolean => this.generation === generation && this.states.size > 0
    // The round's bytes are stored once the next request is on its way: the leader moves its HW when that
    // request reports the new log end offset, so the acks=all producers waiting on it wait for no storage.
    let appended = false
    const persist = (): void => {
      if (appended) this.deps.persist()
      appended = false
    }
    while (live()) {
      const request = this.buildRequest()
      if (request.partitions.length === 0) {
        persist()
        await scheduler.sleep(config.replicaFetchBackoffMs)
        continue
      }
      const sent = this.deps.send(this.leaderId, request, config.replicaSocketTimeoutMs)
      persist()
      let response: ReplicaFetchResponse
      try {
        response = await sent
      } catch {
        await scheduler.sleep(config.replicaFetchBackoffMs)
        continue
      }
      if (!live()) break
      appended = this.processResponse(request, response)
      this.keepReturnedBuffers(response)
    }
    persist()
    if (this.generation === generation) this.running = false
  }

  private buildRequest(): ReplicaFetchRequest {
    const { config, scheduler, brokerId } = this.deps
    const now = scheduler.now()
    const partitions: ReplicaFetchPartition[] = []
    for (const { partition, delayedUntil } of this.states.values()) {
      if (delayedUntil > now) continue
      partitions.push({
        topicId: partition.topicId,
        partition: partition.partition,
        currentLeaderEpoch: partition.leaderEpoch,
        fetchOffset: partition.log.logEndOffset,
        lastFetchedEpoch: partition.log.latestEpoch,
        logStartOffset: partition.log.logStartOffset,
        partitionMaxBytes: config.replicaFetchMaxBytes,
      })
    }
    // An idle round (no partition to fetch) sends nothing: the buffers wait for the next request that is sent.
    const returnedBuffers = partitions.length > 0 ? this.returnedBuffers.splice(0) : []
    const request: ReplicaFetchRequest = {
      kind: 'replicaFetch',
      replicaId: brokerId,
      maxWaitMs: config.replicaFetchWaitMaxMs,
      minBytes: config.replicaFetchMinBytes,
      maxBytes: config.replicaFetchResponseMaxBytes,
      partitions,
      returnedBuffers,
    }
    return withTransfer(request, returnedBuffers)
  }

  /**
   * Keeps the buffers of an answer's records, appended (or dropped) by now and referenced nowhere else, to give
   * them back to the leader with the next request (returned-fetch-buffers.ts); each once, however many
   * partitions' records share it.
   */
  private keepReturnedBuffers(response: ReplicaFetchResponse): void {
    const buffers = new Set<ArrayBuffer>()
    for (const { records } of response.partitions) {
      if (records.byteLength > 0) buffers.add(records.buffer as ArrayBuffer)
    }
    this.returnedBuffers.push(...buffers)
  }

  /** Applies the answer; returns true when a log changed (so the round persists). */
  private processResponse(request: ReplicaFetchRequest, response: ReplicaFetchResponse): boolean {
    let changed = false
    for (const data of response.partitions) {
      const key = `${data.topicId}/${data.partition}`
      const state = this.states.get(key)
      const sent = request.partitions.find(
        (p) => p.topicId === data.topicId && p.partition === data.partition,
      )
      if (!state || !sent) continue
      const { partition } = state
      const log = partition.log
      if (partition.leaderEpoch !== sent.currentLeaderEpoch || log.logEndOffset !== sent.fetchOffset) continue
      if (data.error === 'OFFSET_OUT_OF_RANGE' && data.logStartOffset > log.logEndOffset) {
        // ReplicaFetcherThread.fetchOffsetAndTruncate: the leader deleted past this log's end.
        log.truncateFullyAndStartAt(data.logStartOffset)
        changed = true
        continue
      }
      if (data.error !== null) {
        state.delayedUntil = this.deps.scheduler.now() + this.deps.config.replicaFetchBackoffMs
        continue
      }
      if (data.divergingEpoch) {
        log.truncateTo(truncationOffset(log, data.divergingEpoch))
        changed = true
        continue
      }
      try {
        partition.appendRecordsToFollower(data.records, data.highWatermark)
        // The follower's log start offset follows the leader's; retention then drops what lies below.
        log.maybeIncrementLogStartOffset(data.logStartOffset)
        changed ||= data.records.length > 0
      } catch {
        state.delayedUntil = this.deps.scheduler.now() + this.deps.config.replicaFetchBackoffMs
      }
    }
    return changed
  }
}
