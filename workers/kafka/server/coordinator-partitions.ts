/**
 * CoordinatorPartitions: the partitions of one coordinator topic (`__consumer_offsets`,
 * `__transaction_state`) this broker has loaded, as Kafka's coordinator runtimes follow leadership
 * (scheduleLoadOperation / scheduleUnloadOperation). After each metadata change `onLeadershipChange` compares
 * the partitions this broker leads with the loaded ones: a newly led partition is read from its log start to
 * its log end and handed to `load` (its records with their offsets and the producer id of a transactional
 * batch, and its transaction markers, as CoordinatorLoaderImpl replays them); its leader epoch then
 * is the coordinator epoch while it stays loaded; a partition no longer led is dropped and `unload` is called once.
 * A partition led again at a newer epoch (a lost and regained leadership seen in one metadata change) is either
 * loaded again at that epoch (`newerEpoch: 'reload'`, TransactionStateManager replacing its cache entry) or
 * keeps its state and takes the epoch (`'keep'`, CoordinatorRuntime.scheduleLoadOperation on an active
 * coordinator). `append` writes
 * records as one RecordBatch to a loaded partition through ReplicaManager with acks=-1 (a transactional
 * producer's batch with origin coordinator, as CoordinatorPartitionWriter does), resolving with the
 * append's error (null once written) and base offset, or NOT_LEADER_OR_FOLLOWER when the partition is not
 * loaded or the append threw.
 * Invariant: `epochOf(p)` is a number exactly while this broker leads and has loaded partition p.
 */
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import type { Scheduler } from '../../net/scheduler.ts'
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'
import type { ReplicaManager } from '../replication/replica-manager.ts'
import { parseEndTxnMarker } from '../log/end-txn-marker.ts'

const LOAD_READ_BYTES = 1 << 20

export interface CoordinatorRecord {
  key: Uint8Array
  value: Uint8Array | null
}

/** RecordBatch.NO_PRODUCER_ID */
const NO_PRODUCER_ID = -1

/** What a coordinator partition holds, in log order: records (and who wrote them) and transaction markers. */
export type CoordinatorLogEntry =
  | (CoordinatorRecord & { readonly offset: number; readonly producerId: number })
  | { readonly marker: { readonly producerId: number; readonly commit: boolean } }

/** The producer of a transactional batch a coordinator writes. */
export interface BatchProducer {
  readonly producerId: number
  readonly producerEpoch: number
}

export interface CoordinatorAppendResult {
  readonly error: KafkaErrorName | null
  /**
   * The offset of the batch's first record once it is in the leader's log (also when it then failed to
   * replicate in time), else -1.
   */
  readonly baseOffset: number
}

export interface CoordinatorPartitionsDeps {
  topic: string
  metadata: ClusterMetadata
  replicaManager: ReplicaManager
  engine: LogEngine
  scheduler: Scheduler
  load: (partition: number, entries: CoordinatorLogEntry[]) => void
  unload: () => void
  newerEpoch: 'reload' | 'keep'
}

export class CoordinatorPartitions {
  /** Loaded partition → the leader epoch it was loaded at. */
  private readonly loaded = new Map<number, number>()

  constructor(private readonly deps: CoordinatorPartitionsDeps) {}

  epochOf(partition: number): number | null {
    return this.loaded.get(partition) ?? null
  }

  onLeadershipChange(): void {
    const { metadata, replicaManager, topic } = this.deps
    const topicId = metadata.topicIdsByName.get(topic)
    const led = new Map(
      replicaManager
        .allPartitions()
        .filter((p) => p.topicId === topicId && p.isLeader)
        .map((p) => [p.partition, p.leaderEpoch]),
    )
    const renewed = [...led].filter(([partition, epoch]) => (this.loaded.get(partition) ?? epoch) < epoch)
    if (this.deps.newerEpoch === 'keep')
      for (const [partition, epoch] of renewed) this.loaded.set(partition, epoch)
    const reloaded = new Set(this.deps.newerEpoch === 'reload' ? renewed.map(([partition]) => partition) : [])
    const lost = [...this.loaded].filter(([partition]) => !led.has(partition) || reloaded.has(partition))
    for (const [partition] of lost) this.loaded.delete(partition)
    if (lost.length > 0) this.deps.unload()
    for (const [partition, epoch] of led) {
      if (this.loaded.has(partition) || topicId === undefined) continue
      this.loaded.set(partition, epoch)
      this.deps.load(partition, this.readAll(topicId, partition))
    }
  }

  /** The broker stops: everything is dropped. */
  shutdown(): void {
    this.loaded.clear()
    this.deps.unload()
  }

  private readAll(topicId: string, partition: number): CoordinatorLogEntry[] {
    const log = this.deps.replicaManager.getPartition(topicId, partition)?.log
    if (log === undefined) return []
    const entries: CoordinatorLogEntry[] = []
    let offset = log.logStartOffset
    while (offset < log.logEndOffset) {
      const batches = this.deps.engine.decodeBatches(log.read(offset, LOAD_READ_BYTES, log.logEndOffset))
      if (batches.length === 0) break
      for (const batch of batches) {
        if (batch.isControlBatch) {
          const [record] = batch.records
          if (batch.lastOffset >= offset && record !== undefined) {
            const marker = parseEndTxnMarker(record.key, record.value)
            entries.push({ marker: { producerId: batch.producerId, commit: marker.type === 'COMMIT' } })
          }
          offset = Math.max(offset, batch.lastOffset + 1)
          continue
        }
        const producerId = batch.isTransactional ? batch.producerId : NO_PRODUCER_ID
        for (const record of batch.records) {
          if (record.offset < offset || record.key === null) continue
          entries.push({ key: record.key, value: record.value, offset: record.offset, producerId })
          offset = record.offset + 1
        }
      }
    }
    return entries
  }

  async append(
    partition: number,
    records: readonly CoordinatorRecord[],
    timeoutMs: number,
    producer?: BatchProducer,
  ): Promise<CoordinatorAppendResult> {
    const failed = { error: 'NOT_LEADER_OR_FOLLOWER', baseOffset: -1 } as const
    const topicId = this.deps.metadata.topicIdsByName.get(this.deps.topic)
    if (topicId === undefined || !this.loaded.has(partition)) return failed
    const timestamp = this.deps.scheduler.now()
    const batch = this.deps.engine.encodeBatch(
      records.map((record) => ({ ...record, timestamp, headers: [] })),
      producer === undefined ? {} : { ...producer, baseSequence: 0, isTransactional: true },
    )
    try {
      const [result] = await this.deps.replicaManager.appendRecords(
        -1,
        timeoutMs,
        [{ topicId, partition, records: batch }],
        producer === undefined ? 'client' : 'coordinator',
      )
      return { error: result?.error ?? null, baseOffset: result?.baseOffset ?? -1 }
    } catch {
      return failed
    }
  }
}
