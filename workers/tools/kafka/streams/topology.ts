/**
 * A Kafka Streams topology as the runtime (stream-thread.ts) runs it: sub-topologies, each reading its source
 * topics and run as one task per source partition (task `<sub-topology>_<partition>`, TaskId's text). A
 * processor gets one record at a time with its task's context: it may forward records to a sink topic or to a
 * repartition topic (partitioned by key, as DefaultStreamPartitioner does with murmur2; a null key goes where
 * the producer's partitioner puts it), and use the task's key-value stores, whose every put is also written to the
 * store's changelog partition of that task; a sub-topology may also punctuate on stream time. Repartition topics and changelogs are named by their suffix; the
 * runtime prefixes the application.id (internal-topic-config.ts).
 */
import type { RecordHeader } from '../../../../engine-wasm/src/log/types.ts'

export interface StreamsRecord {
  key: Uint8Array | null
  value: Uint8Array | null
  timestamp: number
  headers: readonly RecordHeader[]
}

/** A source or sink: a user topic by name, or a repartition topic by its name inside the application. */
export type TopicName = { user: string } | { repartition: string }

/** A task's key-value store of bytes, keyed by the key's text (every key of the examples is a String). */
export interface KeyValueStore {
  get(key: string): Uint8Array | undefined
  /** Puts the value and logs it to the changelog with the record's timestamp. */
  put(key: string, value: Uint8Array, timestamp: number): void
  /** KeyValueStore.all(): every entry in the order of the keys' bytes. */
  all(): Array<[string, Uint8Array]>
}

export interface TaskContext {
  forward(topic: TopicName, record: StreamsRecord): void
  store(name: string): KeyValueStore
  /** System.out.println. */
  println(line: string): void
}

/** A STREAM_TIME punctuator the task schedules every intervalMs (stream-time-schedule.ts). */
export interface Punctuation {
  readonly intervalMs: number
  punctuate(streamTime: number, task: TaskContext): void
}

export interface SubTopology {
  readonly sources: readonly TopicName[]
  /** The stores its processors use; each store's changelog has one partition per task. */
  readonly stores: readonly string[]
  process(record: StreamsRecord, task: TaskContext): void
  readonly punctuation?: Punctuation
}

/** One example program: its application.id and its topology. */
export interface StreamsApplication {
  readonly applicationId: string
  readonly subTopologies: readonly SubTopology[]
  /** Whether its stores are persistent (RocksDB under state.dir) rather than in memory. */
  readonly persistentStores: boolean
}
