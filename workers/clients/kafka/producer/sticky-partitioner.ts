/**
 * The producer's built-in partitioning for records without a key (KIP-794, BuiltInPartitioner): stick to
 * one partition, chosen at random among the topic's partitions, and move on once `batch.size` bytes were
 * appended to it, but only when all of its batches are full (so no half-empty batch is left behind), or
 * at the latest once twice `batch.size` went to it (updatePartitionInfo).
 */
import type { Random } from '../../../net/random.ts'

export class StickyPartitioner {
  private readonly current = new Map<string, { partition: number; producedBytes: number }>()

  constructor(
    private readonly random: Random,
    private readonly batchSize: number,
  ) {}

  /** peekCurrentPartitionInfo: the topic's sticky partition, chosen now if it has none. */
  partition(topic: string, numPartitions: number): number {
    let state = this.current.get(topic)
    if (!state) {
      state = { partition: this.random.nextInt(numPartitions), producedBytes: 0 }
      this.current.set(topic, state)
    }
    return state.partition
  }

  /** updatePartitionInfo: counts the bytes an append added and moves on when enough went to the partition. */
  update(topic: string, appendedBytes: number, enableSwitch: boolean): void {
    const state = this.current.get(topic)
    if (!state) return
    state.producedBytes += appendedBytes
    const produced = state.producedBytes
    if ((produced >= this.batchSize && enableSwitch) || produced >= this.batchSize * 2) {
      this.current.delete(topic)
    }
  }
}
