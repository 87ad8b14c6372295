/**
 * DelayedProduce: an acks=all produce waiting until every partition's HW passes its last appended offset
 * (Partition.checkEnoughReplicasReachOffset), as Kafka's DelayedProduce. A partition whose leader moved
 * answers NOT_LEADER_OR_FOLLOWER; one still waiting at the request timeout answers REQUEST_TIMED_OUT.
 */
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import { DelayedOperation } from './delayed-operation.ts'
import type { Partition } from './partition.ts'

export interface ProducePartitionResult {
  topicId: string
  partition: number
  error: KafkaErrorName | null
  errorMessage: string | null
  baseOffset: number
  logStartOffset: number
}

export interface ProduceStatus {
  key: string
  /** The offset after the batch: the HW must reach it. */
  requiredOffset: number
  result: ProducePartitionResult
  acksPending: boolean
}

export class DelayedProduce extends DelayedOperation {
  constructor(
    private readonly statuses: ProduceStatus[],
    private readonly partitionOf: (key: string) => Partition | undefined,
    private readonly respond: (results: ProducePartitionResult[]) => void,
  ) {
    super(statuses.filter((status) => status.acksPending).map((status) => status.key))
  }

  tryComplete(): boolean {
    for (const status of this.statuses) {
      if (!status.acksPending) continue
      const partition = this.partitionOf(status.key)
      const { done, error } = partition
        ? partition.checkEnoughReplicasReachOffset(status.requiredOffset)
        : { done: false, error: 'NOT_LEADER_OR_FOLLOWER' as const }
      if (done || error) {
        status.acksPending = false
        status.result.error = error
      }
    }
    return this.statuses.every((status) => !status.acksPending) && this.forceComplete()
  }

  protected onComplete(): void {
    for (const status of this.statuses) {
      if (status.acksPending) status.result.error = 'REQUEST_TIMED_OUT'
    }
    this.respond(this.statuses.map((status) => status.result))
  }
}
