/**
 * The producer's built-in partitioning for records without a key (KIP-794, BuiltInPartitioner): stick
 * to one partition until about `batch.size` bytes were produced to it, then move to another, chosen at
 * random among the topic's partitions.
 */
import type { Random } from '../../../net/random.ts'

export class StickyPartitioner {
  private readonly current = new Map<string, { partition: number; bytes: number }>()

  constructor(
    private readonly random: Random,
    private readonly batchSize: number,
  ) {}

  partition(topic: string, numPartitions: number, recordSize: number): number {
    let state = this.current.get(topic)
    if (!state || state.bytes >= this.batchSize) {
      state = { partition: this.random.nextInt(numPartitions), bytes: 0 }
      this.current.set(topic, state)
    }
    state.bytes += recordSize
    return state.partition
  }
}
