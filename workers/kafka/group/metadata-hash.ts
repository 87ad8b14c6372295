/**
 * The metadata hash of a consumer group's subscribed topics (KIP-1101, Kafka 4.1's Utils.computeTopicHash
 * and computeGroupHash), stored in ConsumerGroupMetadataValue.MetadataHash: a change of a subscribed topic
 * (created, deleted, re-created with a new id, partitions added) changes the hash, and a heartbeat that sees
 * a hash other than the group's bumps the group epoch. A topic's hash covers what Kafka's does, in its
 * order: the magic byte 0, the topic id's 16 bytes, the name's UTF-8 bytes, the partition count, then each
 * partition id (the playground has no racks); the group's combines its existing topics' hashes in name
 * order, 0 when none exists. The function is FNV-1a 64 folded to a signed 54-bit number (exact in a JS
 * number), not hash4j's XXH3 (docs/DEVIATIONS.md): the values differ from Kafka's, the changes they detect do not.
 */
import { uuidBytes } from '../metadata/uuid.ts'

const FNV_64_OFFSET = 0xcbf29ce484222325n
const FNV_64_PRIME = 0x100000001b3n
const MASK_64 = (1n << 64n) - 1n
const TOPIC_HASH_MAGIC_BYTE = 0

export interface SubscribedTopic {
  readonly name: string
  readonly topicId: string
  readonly numPartitions: number
}

class Fnv1a64 {
  private hash = FNV_64_OFFSET

  bytes(data: Uint8Array): this {
    for (const byte of data) this.hash = ((this.hash ^ BigInt(byte)) * FNV_64_PRIME) & MASK_64
    return this
  }

  int32(value: number): this {
    const data = new Uint8Array(4)
    new DataView(data.buffer).setInt32(0, value)
    return this.bytes(data)
  }

  int64(value: bigint): this {
    const data = new Uint8Array(8)
    new DataView(data.buffer).setBigInt64(0, value)
    return this.bytes(data)
  }

  value(): bigint {
    return this.hash
  }
}

const utf8 = new TextEncoder()

/** computeTopicHash */
export function computeTopicHash(topic: SubscribedTopic): bigint {
  const hasher = new Fnv1a64()
    .bytes(Uint8Array.of(TOPIC_HASH_MAGIC_BYTE))
    .bytes(uuidBytes(topic.topicId))
    .bytes(utf8.encode(topic.name))
    .int32(topic.numPartitions)
  for (let partition = 0; partition < topic.numPartitions; partition++) hasher.int32(partition)
  return hasher.value()
}

/** computeGroupHash over the subscribed topics that exist. */
export function computeGroupHash(topics: readonly SubscribedTopic[]): number {
  if (topics.length === 0) return 0
  const hasher = new Fnv1a64()
  for (const topic of [...topics].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)))
    hasher.int64(BigInt.asIntN(64, computeTopicHash(topic)))
  return Number(BigInt.asIntN(54, hasher.value()))
}
