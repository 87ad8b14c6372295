/**
 * org.apache.kafka.clients.producer.RoundRobinPartitioner (Kafka 4.1), the one Partitioner class a 4.x
 * client jar ships: every record, keyed or not, goes to the next partition of its topic in turn, counting
 * per topic from 0 over the partitions that have a leader (all of them when none has). Since KAFKA-17632
 * (4.0) the second partition() call the producer makes when a record starts a new batch returns the same
 * partition again, so the turn advances once per record.
 */
export class RoundRobinPartitioner {
  private readonly counters = new Map<string, number>()

  /** The record's partition, from the topic's partitions with a leader (ascending) and its partition count. */
  partition(topic: string, available: readonly number[], numPartitions: number): number {
    const next = this.counters.get(topic) ?? 0
    this.counters.set(topic, (next + 1) | 0)
    // Utils.toPositive: the counter wraps as a Java int and drops its sign bit.
    const positive = next & 0x7fffffff
    return available.length > 0 ? available[positive % available.length]! : positive % numPartitions
  }
}
