/**
 * MetadataPublisher: what a broker does with each committed batch of the metadata log (Kafka's
 * BrokerMetadataPublisher): replay the records into its ClusterMetadata, then act on what changed for
 * the partitions it hosts — load or create their logs, become leader or follower (ReplicaManager.
 * applyLeadership), and stop hosting and delete the logs of partitions whose topic was removed; then it
 * tells the group coordinator, which loads or unloads the __consumer_offsets partitions it now leads.
 * Acting also reapplies each touched topic's effective configs to its hosted logs and partitions, so a topic
 * or broker config altered at run time (ConfigRecord) takes effect at once. Batches are published one at a
 * time, in commit order. Acting visits only the topics the records replayed since the last act touched
 * (MetadataDelta), and every topic once when this incarnation's registration appears.
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
import { MetadataDelta } from '../metadata/metadata-delta.ts'
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
  /** The partitions this broker acted on as a replica, by topic id then partition. */
  private readonly hosted = new Map<string, Map<number, Hosted>>()
  /** What the records replayed since the last act touched. */
  private readonly delta = new MetadataDelta()
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
    for (const record of batch.records) {
      metadata.replay(record, batch.lastOffset)
      this.delta.add(record)
    }
    metadata.lastOffset = batch.lastOffset
    for (const waiter of this.waiters.splice(0)) {
      if (batch.lastOffset >= waiter.offset) waiter.resolve()
      else this.waiters.push(waiter)
    }
    const run = this.queue.then(() => this.apply(batch))
    this.queue = run.catch(() => undefined)
    return run
  }

  /**
   * Acts on the metadata image as it is now (it may already hold later batches, as Kafka's latest image), for
   * the topics the records replayed since the last act touched: a batch whose records an earlier act already
   * covered (start-up replays many at once) finds nothing left to visit.
   */
  private async apply(batch: CommittedMetadata): Promise<void> {
    const { metadata, brokerId, logManager, replicaManager } = this.deps
    if (!this.registered && metadata.brokers.get(brokerId)?.incarnationId === this.deps.incarnationId) {
      this.registered = true
      // Until now this broker only loaded its logs: it acts on its whole image once.
      this.delta.touchEveryTopic()
    }
    // A control batch (LeaderChange) holds nothing to act on: what is touched waits for the next batch.
    if (batch.records.length === 0) return
    const changes: LeadershipChange[] = []
    const removed: Hosted[] = []
    for (const topicId of this.delta.take(metadata)) {
      const topic = metadata.topicsById.get(topicId)
      const present = new Set<number>()
      // Inline rather than in an async helper: acting awaits only where it loads a log, so what it starts
      // keeps its order against the broker's other work.
      if (topic) {
        const configs = this.deps.configs.topicConfig(topic.name)
        const logConfig = logConfigOf(configs)
        const minInsyncReplicas = Number(configs['min.insync.replicas'])
        const maxMessageBytes = Number(configs['max.message.bytes'])
        for (const [partition, registration] of topic.partitions) {
          if (!registration.replicas.includes(brokerId)) continue
          present.add(partition)
          // Config changes take effect at once on hosted logs and partitions (DynamicConfigPublisher).
          const log = logManager.getLog(topicId, partition)
          if (log) log.config = logConfig
          // Until then a starting broker only loads (recovers) the logs it hosts, as LogManager.startup does.
          if (!this.registered) {
            if (!log) await logManager.loadLog(topicId, partition, logConfig)
            continue
          }
          const hosting = replicaManager.getPartition(topicId, partition)
          if (hosting) Object.assign(hosting, { minInsyncReplicas, maxMessageBytes })
          const hostedPartitions = this.hosted.get(topicId) ?? new Map<number, Hosted>()
          this.hosted.set(topicId, hostedPartitions)
          const known = hostedPartitions.get(partition)
          if (known && known.partitionEpoch === registration.partitionEpoch) continue
          if (!known && !log) await logManager.loadLog(topicId, partition, logConfig)
          hostedPartitions.set(partition, { topicId, partition, partitionEpoch: registration.partitionEpoch })
          changes.push({
            ...registration,
            topicId,
            topicName: topic.name,
            partition,
            logConfig,
            minInsyncReplicas,
            maxMessageBytes,
          })
        }
      }
      const hosted = this.hosted.get(topicId)
      if (!hosted) continue
      for (const [partition, known] of hosted) {
        if (present.has(partition)) continue
        hosted.delete(partition)
        removed.push(known)
      }
      if (hosted.size === 0) this.hosted.delete(topicId)
    }
    if (removed.length > 0) {
      replicaManager.removePartitions(removed)
      const ops = []
      for (const { topicId, partition } of removed)
        ops.push(...(await logManager.deleteLog(topicId, partition)))
      await this.deps.storage.write(ops)
    }
    if (changes.length > 0) replicaManager.applyLeadership(changes)
    if (changes.length > 0 || removed.length > 0) this.deps.onLeadershipChange?.()
  }
}
