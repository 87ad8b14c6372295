/**
 * KafkaBroker: one Kafka 4.x broker in combined KRaft mode (broker and controller in one process), as a
 * plain class that receives its clock, randomness, storage and log engine. It answers the requests of
 * BrokerApi: metadata, topic creation and deletion, produce, fetch and list offsets.
 *
 * This is the single-broker form; replication, the controller quorum and consumer groups grow into
 * their own classes (ReplicaManager, QuorumController, GroupCoordinator) as the cluster grows.
 *
 * Durability: every produce request's appended bytes and every metadata change are written to storage
 * in one atomic write before the request is answered (as with flush.messages=1).
 */
import type {
  BrokerApi,
  BrokerNode,
  ConfigEntry,
  CreatableTopic,
  FetchPartition,
  FetchPartitionResponse,
  ListOffsetsPartition,
  ListOffsetsPartitionResponse,
  MetadataResponse,
  ProducePartitionData,
  ProducePartitionResponse,
  TopicError,
  TopicMetadata,
} from '../protocol/kafka.ts'
import type { KafkaErrorName } from '../protocol/kafka-errors.ts'
import { EARLIEST_TIMESTAMP, KAFKA_BASE_PORT, LATEST_TIMESTAMP } from '../protocol/kafka.ts'
import type { Clock } from '../net/clock.ts'
import type { Random } from '../net/random.ts'
import type { Storage, StorageOp } from '../storage/storage.ts'
import { openEnvelope, sealEnvelope } from '../storage/envelope.ts'
import type { LogEngine } from '../../engine-wasm/src/log/index.ts'
import { CorruptRecordError } from '../../engine-wasm/src/log/index.ts'
import { LogManager } from './log/log-manager.ts'
import type { UnifiedLog } from './log/unified-log.ts'
import {
  METADATA_IMAGE_KEY,
  METADATA_IMAGE_VERSION,
  type MetadataImage,
  type TopicImage,
} from './metadata/metadata-image.ts'
import { INTERNAL_TOPICS } from './metadata/topic-validation.ts'
import { randomUuid } from './metadata/uuid.ts'
import { createTopic } from './controller/topic-creation.ts'
import { BROKER_DEFAULTS, TOPIC_CONFIG_DEFAULTS, topicConfig } from './broker-config.ts'

export interface BrokerDeps {
  brokerId: number
  clock: Clock
  random: Random
  storage: Storage
  engine: LogEngine
}

export class KafkaBroker implements BrokerApi {
  private constructor(
    private readonly deps: BrokerDeps,
    private image: MetadataImage,
    private readonly logs: LogManager,
  ) {}

  /** Starts the broker: loads the metadata image and every hosted log from storage. */
  static async start(deps: BrokerDeps): Promise<KafkaBroker> {
    const stored = await deps.storage.get('kafka', METADATA_IMAGE_KEY)
    const image: MetadataImage = stored
      ? (openEnvelope(stored, METADATA_IMAGE_VERSION, 'Kafka metadata image') as MetadataImage)
      : {
          clusterId: randomUuid(deps.random),
          controllerId: deps.brokerId,
          brokers: [deps.brokerId],
          topics: [],
        }
    const logs = new LogManager(deps.engine, deps.storage)
    for (const topic of image.topics) {
      for (const partition of topic.partitions) {
        await logs.loadLog(topic.topicId, partition.partition, logConfig(topic))
      }
    }
    return new KafkaBroker(deps, image, logs)
  }

  private node(id: number): BrokerNode {
    return { id, host: 'localhost', port: KAFKA_BASE_PORT + id - 1, rack: null }
  }

  private topicMetadata(topic: TopicImage): TopicMetadata {
    return {
      name: topic.name,
      topicId: topic.topicId,
      isInternal: INTERNAL_TOPICS.has(topic.name),
      error: null,
      partitions: topic.partitions.map((p) => ({ ...p, replicas: [...p.replicas], isr: [...p.isr] })),
    }
  }

  async metadata(topics: string[] | null, allowAutoTopicCreation = false): Promise<MetadataResponse> {
    if (topics !== null && allowAutoTopicCreation) await this.autoCreateTopics(topics)
    const selected =
      topics === null
        ? this.image.topics.map((t) => this.topicMetadata(t))
        : topics.map((name): TopicMetadata => {
            const topic = this.image.topics.find((t) => t.name === name)
            if (topic) return this.topicMetadata(topic)
            return {
              name,
              topicId: 'AAAAAAAAAAAAAAAAAAAAAA',
              isInternal: false,
              error: 'UNKNOWN_TOPIC_OR_PARTITION',
              partitions: [],
            }
          })
    return {
      clusterId: this.image.clusterId,
      controllerId: this.image.controllerId,
      brokers: this.image.brokers.map((id) => this.node(id)),
      topics: selected,
    }
  }

  async createTopics(requests: CreatableTopic[], validateOnly: boolean): Promise<TopicError[]> {
    const results: TopicError[] = []
    const next: MetadataImage = { ...this.image, topics: [...this.image.topics] }
    const created: TopicImage[] = []
    for (const request of requests) {
      const outcome = createTopic(
        { hasTopic: (name) => next.topics.some((t) => t.name === name), usableBrokers: next.brokers },
        request,
        {
          numPartitions: Number(BROKER_DEFAULTS['num.partitions']),
          replicationFactor: Number(BROKER_DEFAULTS['default.replication.factor']),
        },
        this.deps.random,
      )
      if (!outcome.ok) {
        results.push({ name: request.name, error: outcome.error, message: outcome.message })
        continue
      }
      results.push({ name: request.name, error: null, message: null })
      if (!validateOnly) {
        next.topics.push(outcome.topic)
        created.push(outcome.topic)
      }
    }
    if (created.length > 0) {
      await this.deps.storage.write([this.imageOp(next)])
      this.image = next
      for (const topic of created) {
        for (const p of topic.partitions) this.logs.createLog(topic.topicId, p.partition, logConfig(topic))
      }
    }
    return results
  }

  async deleteTopics(names: string[]): Promise<TopicError[]> {
    const results: TopicError[] = []
    const doomed = new Set<string>()
    for (const name of names) {
      const topic = this.image.topics.find((t) => t.name === name)
      if (!topic) {
        results.push({ name, error: 'UNKNOWN_TOPIC_OR_PARTITION', message: null })
        continue
      }
      doomed.add(name)
      results.push({ name, error: null, message: null })
    }
    if (doomed.size > 0) {
      const next = { ...this.image, topics: this.image.topics.filter((t) => !doomed.has(t.name)) }
      const ops = [this.imageOp(next)]
      for (const topic of this.image.topics.filter((t) => doomed.has(t.name))) {
        ops.push(...(await this.logs.deleteLogs(topic.topicId, topic.partitions.length)))
      }
      await this.deps.storage.write(ops)
      this.image = next
    }
    return results
  }

  describeTopicConfigs(topicName: string): Promise<{ error: KafkaErrorName | null; configs: ConfigEntry[] }> {
    const topic = this.image.topics.find((t) => t.name === topicName)
    if (!topic) return Promise.resolve({ error: 'UNKNOWN_TOPIC_OR_PARTITION', configs: [] })
    const configs = Object.keys(TOPIC_CONFIG_DEFAULTS)
      .sort()
      .map((name) => ({
        name,
        value: topicConfig(topic.configs, name),
        isDefault: !(name in topic.configs),
        isSensitive: false,
        readOnly: false,
      }))
    return Promise.resolve({ error: null, configs })
  }

  private partitionLog(topicName: string, partition: number): { topic: TopicImage; log: UnifiedLog } | null {
    const topic = this.image.topics.find((t) => t.name === topicName)
    const log = topic && this.logs.getLog(topic.topicId, partition)
    return topic && log ? { topic, log } : null
  }

  async produce(
    _acks: -1 | 0 | 1,
    _timeoutMs: number,
    data: ProducePartitionData[],
  ): Promise<ProducePartitionResponse[]> {
    const responses = data.map((entry): ProducePartitionResponse => {
      const base = { topic: entry.topic, partition: entry.partition, logAppendTime: -1 }
      const found = this.partitionLog(entry.topic, entry.partition)
      if (!found) {
        return {
          ...base,
          error: 'UNKNOWN_TOPIC_OR_PARTITION',
          errorMessage: null,
          baseOffset: -1,
          logStartOffset: -1,
        }
      }
      const maxBytes = Number(topicConfig(found.topic.configs, 'max.message.bytes'))
      if (entry.records.length > maxBytes) {
        return { ...base, error: 'MESSAGE_TOO_LARGE', errorMessage: null, baseOffset: -1, logStartOffset: -1 }
      }
      try {
        const info = found.log.appendAsLeader(entry.records)
        found.log.highWatermark = found.log.logEndOffset
        return {
          ...base,
          error: null,
          errorMessage: null,
          baseOffset: info.firstOffset,
          logStartOffset: found.log.logStartOffset,
        }
      } catch (error) {
        if (!(error instanceof CorruptRecordError)) throw error
        return {
          ...base,
          error: 'CORRUPT_MESSAGE',
          errorMessage: error.message,
          baseOffset: -1,
          logStartOffset: -1,
        }
      }
    })
    await this.deps.storage.write(this.logs.takeFlushOps())
    return responses
  }

  /** Kafka's auto.create.topics.enable: a produce to an unknown topic creates it with the defaults. */
  private async autoCreateTopics(names: string[]): Promise<void> {
    const missing = [...new Set(names)].filter((name) => !this.image.topics.some((t) => t.name === name))
    if (missing.length === 0 || BROKER_DEFAULTS['auto.create.topics.enable'] !== 'true') return
    await this.createTopics(
      missing.map((name) => ({ name, numPartitions: -1, replicationFactor: -1, configs: {} })),
      false,
    )
  }

  fetch(partitions: FetchPartition[]): Promise<FetchPartitionResponse[]> {
    return Promise.resolve(
      partitions.map((request): FetchPartitionResponse => {
        const found = this.partitionLog(request.topic, request.partition)
        const base = { topic: request.topic, partition: request.partition }
        if (!found) {
          return {
            ...base,
            error: 'UNKNOWN_TOPIC_OR_PARTITION',
            highWatermark: -1,
            logStartOffset: -1,
            records: new Uint8Array(0),
          }
        }
        const { log } = found
        const offsets = { highWatermark: log.highWatermark, logStartOffset: log.logStartOffset }
        if (log.isOutOfRange(request.fetchOffset)) {
          return { ...base, ...offsets, error: 'OFFSET_OUT_OF_RANGE', records: new Uint8Array(0) }
        }
        const records = log.read(request.fetchOffset, request.maxBytes, log.highWatermark)
        return { ...base, ...offsets, error: null, records }
      }),
    )
  }

  listOffsets(partitions: ListOffsetsPartition[]): Promise<ListOffsetsPartitionResponse[]> {
    return Promise.resolve(
      partitions.map((request): ListOffsetsPartitionResponse => {
        const found = this.partitionLog(request.topic, request.partition)
        const base = { topic: request.topic, partition: request.partition }
        if (!found) return { ...base, error: 'UNKNOWN_TOPIC_OR_PARTITION', offset: -1, timestamp: -1 }
        const { log } = found
        if (request.timestamp === LATEST_TIMESTAMP)
          return { ...base, error: null, offset: log.highWatermark, timestamp: -1 }
        if (request.timestamp === EARLIEST_TIMESTAMP)
          return { ...base, error: null, offset: log.logStartOffset, timestamp: -1 }
        const offset = log.offsetForTimestamp(request.timestamp)
        if (offset === null) return { ...base, error: null, offset: -1, timestamp: -1 }
        // Kafka answers the found record's own timestamp (LogSegment.findOffsetByTimestamp).
        const batches = this.deps.engine.decodeBatches(log.read(offset, 0, log.logEndOffset))
        const hit = batches.flatMap((b) => b.records).find((r) => r.offset === offset)
        return { ...base, error: null, offset, timestamp: hit?.timestamp ?? -1 }
      }),
    )
  }

  private imageOp(image: MetadataImage): StorageOp {
    return { store: 'kafka', key: METADATA_IMAGE_KEY, value: sealEnvelope(METADATA_IMAGE_VERSION, image) }
  }

  /** Closes every log; the broker answers nothing afterwards. */
  shutdown(): void {
    this.logs.close()
  }
}

function logConfig(topic: TopicImage): { segmentBytes: number } {
  return { segmentBytes: Number(topicConfig(topic.configs, 'segment.bytes')) }
}
