/**
 * MetadataPublisher: what a broker does with each committed batch of the metadata log (Kafka's
 * BrokerMetadataPublisher): replay the records into its ClusterMetadata, then act on what changed for
 * the partitions it hosts — load or create their logs, become leader or follower (ReplicaManager.
 * applyLeadership), and stop hosting and delete the logs of partitions whose topic was removed; then it
 * tells the group coordinator, which loads or unloads the __consumer_offsets partitions it now leads.
 * Every batch also reapplies each hosted topic's effective configs to its log and partition, so a topic or
 * broker config altered at run time (ConfigRecord) takes effect at once. Batches are published one at a
 * time, in commit order.
 *
 * Replaying and acting are two steps: a committed batch is replayed into the metadata image at once (the
 * controller of a combined node reads that image: `whenReplayed`), and acted on in turn after the batches
 * before it (the promise `publish` returns), so loading a starting broker's logs never holds up its
 * controller, as Kafka's controller does not wait for its broker's log manager.
 *
 * A starting broker replays the log and loads its logs but leads or follows no partition until the log holds
 * this incarnation's own registration (Kafka's BrokerServer applies the metadata once the broker has caught
 * up past it): the records before it may still name this broker leader of partitions that the controller
 * fences it out of when it registers again, and a restarted leader that lost its log's tail must not lead
 * them meanwhile.
 */
import type { Storage } from '../../storage/storage.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'
import type { MetadataRecord } from '../metadata/metadata-records.ts'
import type { LogManager } from '../log/log-manager.ts'
import type { LeadershipChange, ReplicaManager } from '../replication/replica-manager.ts'
import { logConfigOf, type ConfigHelper } from '../config/config-helper.ts'

export interface CommittedMetadata {
  baseOffset: number
  lastOffset: number
  records: readonly MetadataRecord[]
}

interface Hosted {
  topicId: string
  partition: number
  partitionEpoch: number
}

export class MetadataPublisher {
  private readonly hosted = new Map<string, Hosted>()
  private queue: Promise<void> = Promise.resolve()
  private readonly waiters: Array<{ offset: number; resolve: () => void }> = []
  private registered = false

  constructor(
    private readonly deps: {
      brokerId: number
      /** This start of the broker's process, as its registration names it. */
      incarnationId: string
      metadata: ClusterMetadata
      logManager: LogManager
      replicaManager: ReplicaManager
      storage: Storage
      /** Topic configs as this broker resolves them (its dynamic and static broker configs included). */
      configs: ConfigHelper
      /** Called after partitions were added, removed or changed leadership (the group coordinator loads). */
      onLeadershipChange?: () => void
    },
  ) {}

  /** Resolves once every record up to `offset` is replayed into the metadata image. */
  whenReplayed(offset: number): Promise<void> {
    if (this.deps.metadata.lastOffset >= offset) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({ offset, resolve }))
  }

  /** Replays a committed batch now and queues acting on it; resolves once it is acted on. */
  publish(batch: CommittedMetadata): Promise<void> {
    const { metadata } = this.deps
    for (const record of batch.records) metadata.replay(record, batch.lastOffset)
    metadata.lastOffset = batch.lastOffset
    for (const waiter of this.waiters.splice(0)) {
      if (batch.lastOffset >= waiter.offset) waiter.resolve()
      else this.waiters.push(waiter)
    }
    const run = this.queue.then(() => this.apply(batch))
    this.queue = run.catch(() => undefined)
    return run
  }

  /** Acts on the metadata image as it is now (it may already hold later batches, as Kafka's latest image). */
  private async apply(batch: CommittedMetadata): Promise<void> {
    const { metadata, brokerId, logManager, replicaManager } = this.deps
    this.registered ||= metadata.brokers.get(brokerId)?.incarnationId === this.deps.incarnationId
    // A control batch (LeaderChange) holds nothing to act on.
    if (batch.records.length === 0) return
    const changes: LeadershipChange[] = []
    const present = new Set<string>()
    for (const topic of metadata.topicsById.values()) {
      const configs = this.deps.configs.topicConfig(topic.name)
      const logConfig = logConfigOf(configs)
      const minInsyncReplicas = Number(configs['min.insync.replicas'])
      const maxMessageBytes = Number(configs['max.message.bytes'])
      for (const [partition, registration] of topic.partitions) {
        if (!registration.replicas.includes(brokerId)) continue
        const key = `${topic.topicId}/${partition}`
        present.add(key)
        // Config changes take effect at once on hosted logs and partitions (DynamicConfigPublisher).
        const log = logManager.getLog(topic.topicId, partition)
        if (log) log.config = logConfig
        // Until then a starting broker only loads (recovers) the logs it hosts, as LogManager.startup does.
        if (!this.registered) {
          if (!log) await logManager.loadLog(topic.topicId, partition, logConfig)
          continue
        }
        const hosting = replicaManager.getPartition(topic.topicId, partition)
        if (hosting) Object.assign(hosting, { minInsyncReplicas, maxMessageBytes })
        const known = this.hosted.get(key)
        if (known && known.partitionEpoch === registration.partitionEpoch) continue
        if (!known && !log) await logManager.loadLog(topic.topicId, partition, logConfig)
        this.hosted.set(key, {
          topicId: topic.topicId,
          partition,
          partitionEpoch: registration.partitionEpoch,
        })
        changes.push({
          ...registration,
          topicId: topic.topicId,
          topicName: topic.name,
          partition,
          logConfig,
          minInsyncReplicas,
          maxMessageBytes,
        })
      }
    }
    const removed = [...this.hosted].filter(([key]) => !present.has(key)).map(([, hosted]) => hosted)
    if (removed.length > 0) {
      replicaManager.removePartitions(removed)
      const ops = []
      for (const { topicId, partition } of removed) {
        this.hosted.delete(`${topicId}/${partition}`)
        ops.push(...(await logManager.deleteLog(topicId, partition)))
      }
      await this.deps.storage.write(ops)
    }
    if (changes.length > 0) replicaManager.applyLeadership(changes)
    if (changes.length > 0 || removed.length > 0) this.deps.onLeadershipChange?.()
  }
}
