/**
 * The controller's side of AllocateProducerIds (Kafka's ProducerIdControlManager): a broker whose epoch
 * matches its registration gets the next block of PRODUCER_ID_BLOCK_SIZE (1000) producer ids, starting at
 * the cluster's next producer id; the ProducerIdsRecord that moves that id up is what makes the block
 * taken once committed, so every controller after this one continues past it. A fresh cluster's first
 * block is 0-999.
 */
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'
import type { MetadataRecord } from '../metadata/metadata-records.ts'

export const PRODUCER_ID_BLOCK_SIZE = 1000

/** A range of producer ids owned by one broker (ProducerIdsBlock). */
export interface ProducerIdsBlock {
  assignedBrokerId: number
  firstProducerId: number
  size: number
}

export type ProducerIdsAllocation =
  | { ok: true; records: MetadataRecord[]; block: ProducerIdsBlock }
  | { ok: false; error: KafkaErrorName; message: string }

/** ProducerIdControlManager.generateNextProducerId, with ClusterControlManager.checkBrokerEpoch first. */
export function allocateProducerIds(
  metadata: ClusterMetadata,
  brokerId: number,
  brokerEpoch: number,
): ProducerIdsAllocation {
  const registration = metadata.brokers.get(brokerId)
  if (!registration) {
    return {
      ok: false,
      error: 'STALE_BROKER_EPOCH',
      message: `No broker registration found for broker ${brokerId}`,
    }
  }
  if (registration.brokerEpoch !== brokerEpoch) {
    return {
      ok: false,
      error: 'STALE_BROKER_EPOCH',
      message: `Expected broker epoch ${registration.brokerEpoch}, but got broker epoch ${brokerEpoch}`,
    }
  }
  const firstProducerId = metadata.nextProducerId
  return {
    ok: true,
    records: [
      {
        type: 'ProducerIdsRecord',
        brokerId,
        brokerEpoch,
        nextProducerId: firstProducerId + PRODUCER_ID_BLOCK_SIZE,
      },
    ],
    block: { assignedBrokerId: brokerId, firstProducerId, size: PRODUCER_ID_BLOCK_SIZE },
  }
}
