/**
 * TransactionMarkerChannelManager (Kafka 4.1), in miniature: writes one transaction's markers on every
 * partition of it, each to the partition's current leader (WriteTxnMarkers over the inter-broker `txn`
 * channel; this broker's own partitions directly), and resolves once every partition wrote its marker.
 * Per partition, as TransactionMarkerRequestCompletionHandler treats the answer: written, or a deleted topic,
 * is done; NOT_LEADER_OR_FOLLOWER, UNKNOWN_TOPIC_OR_PARTITION, NOT_ENOUGH_REPLICAS(_AFTER_APPEND),
 * REQUEST_TIMED_OUT, a lost connection or no leader is retried after retry.backoff.ms with the leader looked
 * up again; INVALID_PRODUCER_EPOCH and TRANSACTION_COORDINATOR_FENCED stop the sending (resolves false), as
 * does this broker ceasing to coordinate the transaction.
 */
import type { Scheduler } from '../../net/scheduler.ts'
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import type { WritableTxnMarker, WriteTxnMarkersResult } from '../../protocol/kafka-transactions.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'

const RETRY_BACKOFF_MS = 100
const STOPPING: ReadonlySet<KafkaErrorName> = new Set([
  'INVALID_PRODUCER_EPOCH',
  'TRANSACTION_COORDINATOR_FENCED',
])

export interface TxnMarkerChannelDeps {
  brokerId: number
  metadata: ClusterMetadata
  scheduler: Scheduler
  /** WriteTxnMarkers on `brokerId` (this broker's own handler when it is this broker); rejects when unreachable. */
  writeTxnMarkers: (brokerId: number, markers: WritableTxnMarker[]) => Promise<WriteTxnMarkersResult[]>
}

export class TxnMarkerChannel {
  constructor(private readonly deps: TxnMarkerChannelDeps) {}

  /** Resolves true once every partition has the marker; false when sending stopped. */
  async send(marker: WritableTxnMarker, stillCoordinator: () => boolean): Promise<boolean> {
    let pending = marker.topics.flatMap(({ topic, partitions }) =>
      partitions.map((partition) => ({ topic, partition })),
    )
    while (pending.length > 0) {
      if (!stillCoordinator()) return false
      const byLeader = new Map<number, { topic: string; partition: number }[]>()
      const retry: typeof pending = []
      for (const p of pending) {
        const topic = this.deps.metadata.topic(p.topic)
        if (topic === undefined) continue // deleted: nothing to mark
        const leader = topic.partitions.get(p.partition)?.leader ?? -1
        if (leader < 0) retry.push(p)
        else byLeader.set(leader, [...(byLeader.get(leader) ?? []), p])
      }
      const answers = await Promise.all(
        [...byLeader].map(async ([leader, partitions]) => {
          const topics = new Map<string, number[]>()
          for (const { topic, partition } of partitions)
            topics.set(topic, [...(topics.get(topic) ?? []), partition])
          const request = {
            ...marker,
            topics: [...topics].map(([topic, ids]) => ({ topic, partitions: ids })),
          }
          const results = await this.deps.writeTxnMarkers(leader, [request]).catch(() => null)
          return { partitions, results: results?.[0]?.partitions ?? null }
        }),
      )
      for (const { partitions, results } of answers) {
        if (results === null) {
          retry.push(...partitions)
          continue
        }
        for (const p of partitions) {
          const error = results.find((r) => r.topic === p.topic && r.partition === p.partition)?.error ?? null
          if (error === null) continue
          if (STOPPING.has(error)) return false
          retry.push(p)
        }
      }
      pending = retry
      if (pending.length > 0) await this.deps.scheduler.sleep(RETRY_BACKOFF_MS)
    }
    return true
  }
}
