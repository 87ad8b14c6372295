/**
 * DelayedDeleteRecords: a DeleteRecords request waiting until the low watermark of every partition it moved
 * reached the offset asked for (Partition.lowWatermarkIfLeader: every follower on a live broker learned the
 * leader's log start offset from its fetches), as Kafka's DelayedDeleteRecords. A partition whose leader
 * moved answers NOT_LEADER_OR_FOLLOWER with low watermark -1; one still waiting at the request timeout
 * answers REQUEST_TIMED_OUT. The purgatory checks it on every follower fetch and ISR or leadership change.
 */
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import { DelayedOperation } from './delayed-operation.ts'
import type { Partition } from './partition.ts'

export interface DeleteRecordsPartitionStatus {
  /** The purgatory key, `<topicId>/<partition>`. */
  key: string
  requestedOffset: number
  lowWatermark: number
  error: KafkaErrorName | null
  acksPending: boolean
}

export class DelayedDeleteRecords extends DelayedOperation {
  constructor(
    private readonly statuses: DeleteRecordsPartitionStatus[],
    private readonly partitionOf: (key: string) => Partition | undefined,
    private readonly respond: (statuses: readonly DeleteRecordsPartitionStatus[]) => void,
  ) {
    super(statuses.filter((status) => status.acksPending).map((status) => status.key))
  }

  tryComplete(): boolean {
    for (const status of this.statuses) {
      if (!status.acksPending) continue
      const partition = this.partitionOf(status.key)
      if (partition === undefined || !partition.isLeader) {
        status.acksPending = false
        status.lowWatermark = -1
        status.error = partition === undefined ? 'UNKNOWN_TOPIC_OR_PARTITION' : 'NOT_LEADER_OR_FOLLOWER'
        continue
      }
      const lowWatermark = partition.lowWatermarkIfLeader()
      if (lowWatermark >= status.requestedOffset) {
        status.acksPending = false
        status.lowWatermark = lowWatermark
      }
    }
    return this.statuses.every((status) => !status.acksPending) && this.forceComplete()
  }

  protected onComplete(): void {
    for (const status of this.statuses) {
      if (status.acksPending) status.error = 'REQUEST_TIMED_OUT'
    }
    this.respond(this.statuses)
  }
}
