/**
 * ConsumerProtocol's bytes (org.apache.kafka.clients.consumer.internals.ConsumerProtocol): a subscription or
 * an assignment as an int16 version followed by the ConsumerProtocolSubscription / ConsumerProtocolAssignment
 * message at that version (non-flexible):
 * - Subscription: topics []string (v0+), userData nullable bytes (v0+), ownedPartitions [](topic string,
 *   partitions []int32) (v1+), generationId int32 (v2+, default -1), rackId nullable string (v3+, default null).
 * - Assignment: assignedPartitions [](topic string, partitions []int32), userData nullable bytes (v0+).
 * The playground writes the highest versions (3 and 3), as serializeSubscription / serializeAssignment do, with
 * partitions grouped by topic in the order their topics first appear; userData is always null.
 * Invariant: the parsed message of serialize(x) maps back to x when x's partitions are grouped by topic.
 */
import { ByteBufferReader, ByteBufferWriter } from './byte-buffer-accessor.ts'
import type {
  ConsumerProtocolAssignment,
  ConsumerProtocolSubscription,
  TopicPartition,
} from './consumer-protocol.ts'

const SUBSCRIPTION_VERSION = 3
const ASSIGNMENT_VERSION = 3

/** One topic's partitions, as the messages' TopicPartition struct holds them. */
export interface TopicPartitions {
  readonly topic: string
  readonly partitions: readonly number[]
}

/** ConsumerProtocolSubscription as read at `version`. */
export interface SubscriptionMessage {
  readonly version: number
  readonly topics: readonly string[]
  readonly userData: Uint8Array | null
  readonly ownedPartitions: readonly TopicPartitions[]
  readonly generationId: number
  readonly rackId: string | null
}

/** ConsumerProtocolAssignment as read at `version`. */
export interface AssignmentMessage {
  readonly version: number
  readonly assignedPartitions: readonly TopicPartitions[]
  readonly userData: Uint8Array | null
}

/** Partitions grouped by topic, topics in first-seen order. */
export function groupByTopic(partitions: readonly TopicPartition[]): TopicPartitions[] {
  const byTopic = new Map<string, number[]>()
  for (const { topic, partition } of partitions) {
    const list = byTopic.get(topic)
    if (list === undefined) byTopic.set(topic, [partition])
    else list.push(partition)
  }
  return [...byTopic].map(([topic, list]) => ({ topic, partitions: list }))
}

function flatten(topics: readonly TopicPartitions[]): TopicPartition[] {
  return topics.flatMap(({ topic, partitions }) => partitions.map((partition) => ({ topic, partition })))
}

function writeTopicPartitions(out: ByteBufferWriter, topics: readonly TopicPartitions[]): void {
  out.array(topics, ({ topic, partitions }) => {
    out.string(topic)
    out.array(partitions, (partition) => out.int32(partition))
  })
}

function readTopicPartitions(input: ByteBufferReader): TopicPartitions[] {
  return input.array(() => ({ topic: input.string(), partitions: input.array(() => input.int32()) }))
}

export function serializeSubscription(subscription: ConsumerProtocolSubscription): Uint8Array {
  const out = new ByteBufferWriter()
  out.int16(SUBSCRIPTION_VERSION)
  out.array(subscription.topics, (topic) => out.string(topic))
  out.nullableBytes(null)
  writeTopicPartitions(out, groupByTopic(subscription.ownedPartitions))
  out.int32(subscription.generationId)
  out.nullableString(subscription.rackId)
  return out.toBytes()
}

export function serializeAssignment(assignment: ConsumerProtocolAssignment): Uint8Array {
  const out = new ByteBufferWriter()
  out.int16(ASSIGNMENT_VERSION)
  writeTopicPartitions(out, groupByTopic(assignment.partitions))
  out.nullableBytes(null)
  return out.toBytes()
}

/** The version-prefixed subscription message; throws on bytes it cannot read. */
export function readSubscription(bytes: Uint8Array): SubscriptionMessage {
  const input = new ByteBufferReader(bytes)
  const version = input.int16()
  return {
    version,
    topics: input.array(() => input.string()),
    userData: input.nullableBytes(),
    ownedPartitions: version >= 1 ? readTopicPartitions(input) : [],
    generationId: version >= 2 ? input.int32() : -1,
    rackId: version >= 3 ? input.nullableString() : null,
  }
}

/** The version-prefixed assignment message; throws on bytes it cannot read. */
export function readAssignment(bytes: Uint8Array): AssignmentMessage {
  const input = new ByteBufferReader(bytes)
  const version = input.int16()
  return { version, assignedPartitions: readTopicPartitions(input), userData: input.nullableBytes() }
}

export function deserializeSubscription(bytes: Uint8Array): ConsumerProtocolSubscription {
  const message = readSubscription(bytes)
  return {
    topics: message.topics,
    ownedPartitions: flatten(message.ownedPartitions),
    generationId: message.generationId,
    rackId: message.rackId,
  }
}

export function deserializeAssignment(bytes: Uint8Array): ConsumerProtocolAssignment {
  return { partitions: flatten(readAssignment(bytes).assignedPartitions) }
}
