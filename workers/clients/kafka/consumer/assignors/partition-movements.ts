/**
 * AbstractStickyAssignor.PartitionMovements: which partitions moved from which member to which during
 * the general sticky algorithm, so that a partition about to move back along a path it came by is swapped
 * for the one that moved the other way (keeping assignments sticky). The set of partitions per
 * (source, destination) pair is iterated in Java HashSet order, as Kafka picks "the first" of it.
 */
import { javaHashOrder, topicPartitionHashCode } from '../../../../net/java-hash.ts'
import { tpKey, type TopicPartition } from '../../../../protocol/consumer-protocol.ts'

interface ConsumerPair {
  readonly src: string
  readonly dst: string
}

const pairKey = (src: string, dst: string): string => JSON.stringify([src, dst])

export class PartitionMovements {
  private readonly byTopic = new Map<string, Map<string, TopicPartition[]>>()
  private readonly movements = new Map<string, ConsumerPair>()

  /** The partition that should really move from `oldConsumer` to `newConsumer` instead of `partition`. */
  actualPartitionToMove(partition: TopicPartition, oldConsumer: string, newConsumer: string): TopicPartition {
    const forTopic = this.byTopic.get(partition.topic)
    if (forTopic === undefined) return partition
    const previous = this.movements.get(tpKey(partition))
    const from = previous === undefined ? oldConsumer : previous.src
    const reverse = forTopic.get(pairKey(newConsumer, from))
    if (reverse === undefined) return partition
    return javaHashOrder(reverse, (p) => topicPartitionHashCode(p.topic, p.partition))[0] ?? partition
  }

  movePartition(partition: TopicPartition, oldConsumer: string, newConsumer: string): void {
    const existing = this.movements.get(tpKey(partition))
    if (existing === undefined) this.add(partition, { src: oldConsumer, dst: newConsumer })
    else {
      this.remove(partition, existing)
      if (existing.src !== newConsumer) this.add(partition, { src: existing.src, dst: newConsumer })
    }
  }

  private add(partition: TopicPartition, pair: ConsumerPair): void {
    this.movements.set(tpKey(partition), pair)
    const forTopic = this.byTopic.get(partition.topic) ?? new Map<string, TopicPartition[]>()
    this.byTopic.set(partition.topic, forTopic)
    const key = pairKey(pair.src, pair.dst)
    forTopic.set(key, [...(forTopic.get(key) ?? []), partition])
  }

  private remove(partition: TopicPartition, pair: ConsumerPair): void {
    this.movements.delete(tpKey(partition))
    const forTopic = this.byTopic.get(partition.topic)
    if (forTopic === undefined) return
    const key = pairKey(pair.src, pair.dst)
    const left = (forTopic.get(key) ?? []).filter((p) => tpKey(p) !== tpKey(partition))
    if (left.length === 0) forTopic.delete(key)
    else forTopic.set(key, left)
    if (forTopic.size === 0) this.byTopic.delete(partition.topic)
  }
}
