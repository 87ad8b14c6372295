/**
 * A Kafka Streams application's one StreamThread (num.stream.threads 1, at_least_once), on the playground's
 * Java clients: its admin client makes the internal topics ready (as the group leader's StreamsPartitionAssignor
 * does, with as many partitions as the user source topics have at most), then its consumer (client id
 * `<client.id>-StreamThread-1-consumer`, group `<application.id>`, classic protocol, auto commit off,
 * max.poll.records 1000) subscribes to every source topic, user and repartition. Each poll (poll.ms) first
 * restores the stores of newly assigned tasks from their changelogs, then runs each record through its
 * sub-topology's task, whose output goes out through the thread's producer (`-StreamThread-1-producer`,
 * linger.ms 100); after the records, each task whose stream time reached its schedule punctuates. Once more than commit.interval.ms passed since the last commit and records were processed,
 * it flushes the producer and commits the next offsets of what it processed; after a commit, once more than
 * repartition.purge.interval.ms passed since the last purge, it deletes the repartition records below the
 * committed offsets (deleteRecords). close() (the demo's shutdown hook on Ctrl+C) commits what was processed and
 * closes the clients, the consumer leaving the group.
 */
import type { Admin, Consumer, ConsumerRecord, Producer, TopicPartition } from '../../../clients/kafka/api.ts'
import type { ToolContext } from '../../tool.ts'
import type { JavaException } from '../java-exception.ts'
import { asJavaException } from '../tool-errors.ts'
import {
  changelogTopicConfig,
  changelogTopicName,
  makeReady,
  repartitionTopicConfig,
  repartitionTopicName,
  type InternalTopicConfig,
} from './internal-topic-config.ts'
import type { StreamsConfig } from './streams-config.ts'
import { StreamTimeSchedule } from './stream-time-schedule.ts'
import { TaskStores } from './task-stores.ts'
import type {
  Punctuation,
  StreamsApplication,
  StreamsRecord,
  SubTopology,
  TaskContext,
  TopicName,
} from './topology.ts'

const tpKey = (tp: TopicPartition): string => `${tp.topic}-${tp.partition}`

/** Thrown when a user source topic does not exist (the assignor's INCOMPLETE_SOURCE_TOPIC_METADATA). */
export class MissingSourceTopicError extends Error {
  override name = 'MissingSourceTopicError'
}

export class StreamThread {
  private readonly consumer: Consumer
  private readonly producer: Producer
  private readonly admin: Admin
  private readonly restoreConsumer: Consumer
  private readonly stores: TaskStores
  /** Source topic → its sub-topology. */
  private readonly bySource = new Map<string, SubTopology>()
  /** The next offset of each partition processed since the last commit. */
  private readonly processed = new Map<string, TopicPartition & { offset: number }>()
  /** Committed offsets of repartition partitions not purged yet. */
  private readonly purgeable = new Map<string, TopicPartition & { offset: number }>()
  /** Changelog partitions of newly assigned tasks, restored before the next records run. */
  private readonly pendingRestore: TopicPartition[] = []
  private assignedSinceLastRun = false
  /** The tasks that punctuate, with their STREAM_TIME schedules, by task id (`<sub-topology>_<partition>`). */
  private readonly punctuating = new Map<
    string,
    { punctuation: Punctuation; partition: number; schedule: StreamTimeSchedule }
  >()
  private lastCommitMs: number
  private lastPurgeMs: number
  /** The first send that failed (its exception ends the thread at the next poll, as RecordCollector's does). */
  private sendError: JavaException | null = null

  constructor(
    private readonly app: StreamsApplication,
    private readonly config: StreamsConfig,
    private readonly context: ToolContext,
  ) {
    const kafka = context.kafka
    const threadClient = `${config.clientId}-StreamThread-1`
    this.admin = kafka.admin(config.bootstrapServers)
    this.consumer = kafka.consumer(config.bootstrapServers, {
      'bootstrap.servers': config.bootstrapServers,
      'client.id': `${threadClient}-consumer`,
      'group.id': config.applicationId,
      'auto.offset.reset': config.autoOffsetReset,
      'enable.auto.commit': 'false',
      'max.poll.records': '1000',
    })
    this.restoreConsumer = kafka.consumer(config.bootstrapServers, {
      'bootstrap.servers': config.bootstrapServers,
      'client.id': `${threadClient}-restore-consumer`,
      'enable.auto.commit': 'false',
      'max.poll.records': '1000',
    })
    this.producer = kafka.producer(config.bootstrapServers, {
      'bootstrap.servers': config.bootstrapServers,
      'client.id': `${threadClient}-producer`,
      'linger.ms': '100',
    })
    this.stores = new TaskStores(
      this.producer,
      this.restoreConsumer,
      (error) => (this.sendError ??= asJavaException(error)),
    )
    for (const sub of app.subTopologies)
      for (const source of sub.sources) this.bySource.set(this.topic(source), sub)
    this.lastCommitMs = context.clock.now()
    this.lastPurgeMs = this.lastCommitMs
  }

  private topic(name: TopicName): string {
    return 'user' in name ? name.user : repartitionTopicName(this.app.applicationId, name.repartition)
  }

  private changelog(store: string, partition: number): TopicPartition {
    return { topic: changelogTopicName(this.app.applicationId, store), partition }
  }

  /** The internal topics, each with the task count: the most partitions among the user source topics. */
  async makeInternalTopicsReady(): Promise<void> {
    const userTopics = this.app.subTopologies.flatMap((sub) =>
      sub.sources.flatMap((source) => ('user' in source ? [source.user] : [])),
    )
    const existing = new Set(await this.admin.listTopics())
    const missing = userTopics.filter((topic) => !existing.has(topic))
    if (missing.length > 0) throw new MissingSourceTopicError(missing.join(', '))
    const described = await this.admin.describeTopics(userTopics)
    const tasks = Math.max(...described.map((topic) => topic.partitions.length))
    const internal: InternalTopicConfig[] = []
    for (const sub of this.app.subTopologies) {
      for (const source of sub.sources)
        if ('repartition' in source) internal.push(repartitionTopicConfig(this.topic(source), tasks))
      for (const store of sub.stores)
        internal.push(changelogTopicConfig(changelogTopicName(this.app.applicationId, store), tasks))
    }
    await makeReady(this.admin, internal)
  }

  /** Subscribes; assigned tasks restore their stores before their first records run. */
  async start(): Promise<void> {
    await this.consumer.subscribe([...this.bySource.keys()], {
      onPartitionsRevoked: (partitions) => {
        this.stores.drop(this.changelogsOf(partitions))
        for (const tp of partitions) {
          const sub = this.bySource.get(tp.topic)
          if (sub !== undefined) this.punctuating.delete(this.taskId(sub, tp.partition))
        }
      },
      onPartitionsAssigned: (partitions) => {
        this.assignedSinceLastRun = true
        this.pendingRestore.push(...this.changelogsOf(partitions))
      },
    })
  }

  private changelogsOf(partitions: readonly TopicPartition[]): TopicPartition[] {
    return partitions.flatMap(
      (tp) => this.bySource.get(tp.topic)?.stores.map((store) => this.changelog(store, tp.partition)) ?? [],
    )
  }

  /**
   * One poll's work: restore, process, maybe commit. True when it moved on: tasks were assigned (the group's
   * join done) or records ran.
   */
  async runOnce(records: readonly ConsumerRecord[]): Promise<boolean> {
    const assigned = this.assignedSinceLastRun
    this.assignedSinceLastRun = false
    const restore = this.pendingRestore.splice(0)
    if (restore.length > 0) await this.stores.restore(restore)
    for (const record of records) this.process(record)
    this.punctuate()
    const now = this.context.clock.now()
    if (this.processed.size > 0 && now - this.lastCommitMs > this.config.commitIntervalMs) {
      await this.commit()
      if (now - this.lastPurgeMs > this.config.repartitionPurgeIntervalMs) await this.purge(now)
    }
    if (this.sendError !== null) throw this.sendError
    return assigned || records.length > 0
  }

  poll(): Promise<ConsumerRecord[]> {
    return this.consumer.poll(this.config.pollMs)
  }

  /** The context of task `<sub-topology>_<partition>`. */
  private task(partition: number): TaskContext {
    return {
      forward: (topic, out) => this.send(this.topic(topic), out),
      store: (name) => this.stores.store(this.changelog(name, partition)),
      println: (line) => this.context.out.stdout(`${line}\n`),
    }
  }

  private process(record: ConsumerRecord): void {
    const sub = this.bySource.get(record.topic)
    if (sub === undefined) return
    sub.process(
      { key: record.key, value: record.value, timestamp: record.timestamp, headers: record.headers },
      this.task(record.partition),
    )
    if (sub.punctuation !== undefined) {
      const taskId = this.taskId(sub, record.partition)
      const task = this.punctuating.get(taskId) ?? {
        punctuation: sub.punctuation,
        partition: record.partition,
        schedule: new StreamTimeSchedule(sub.punctuation.intervalMs),
      }
      this.punctuating.set(taskId, task)
      task.schedule.observe(record.timestamp)
    }
    this.processed.set(tpKey(record), {
      topic: record.topic,
      partition: record.partition,
      offset: record.offset + 1,
    })
  }

  /** StreamTask.maybePunctuateStreamTime for every task whose stream time reached its schedule. */
  private punctuate(): void {
    for (const { punctuation, partition, schedule } of this.punctuating.values()) {
      const at = schedule.due()
      if (at !== null) punctuation.punctuate(at, this.task(partition))
    }
  }

  private taskId(sub: SubTopology, partition: number): string {
    return `${this.app.subTopologies.indexOf(sub)}_${partition}`
  }

  private send(topic: string, record: StreamsRecord): void {
    this.producer
      .send({
        topic,
        key: record.key,
        value: record.value,
        timestamp: record.timestamp,
        headers: record.headers,
      })
      .catch((error: unknown) => (this.sendError ??= asJavaException(error)))
  }

  /** TaskManager.commit: the output flushed first, then the consumed offsets. */
  async commit(): Promise<void> {
    this.lastCommitMs = this.context.clock.now()
    if (this.processed.size === 0) return
    await this.producer.flush()
    const offsets = [...this.processed.values()]
    this.processed.clear()
    await this.consumer.commitSync(offsets)
    const repartition = new Set(
      this.app.subTopologies.flatMap((sub) =>
        sub.sources.filter((s) => 'repartition' in s).map((s) => this.topic(s)),
      ),
    )
    for (const offset of offsets) if (repartition.has(offset.topic)) this.purgeable.set(tpKey(offset), offset)
  }

  /** TaskManager.maybePurgeCommittedRecords: repartition records below the committed offsets are deleted. */
  private async purge(now: number): Promise<void> {
    this.lastPurgeMs = now
    const records = [...this.purgeable.values()].map(({ topic, partition, offset }) => ({
      topic,
      partition,
      beforeOffset: offset,
    }))
    this.purgeable.clear()
    if (records.length > 0) await this.admin.deleteRecords(records)
  }

  /** KafkaStreams.close: the last commit, then the clients closed (the consumer leaves the group). */
  async close(): Promise<void> {
    try {
      await this.commit()
    } finally {
      await Promise.allSettled([
        this.producer.close(),
        this.consumer.close(),
        this.restoreConsumer.close(),
        this.admin.close(),
      ])
    }
  }
}
