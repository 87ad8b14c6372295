// Shared by the client tests: a broker over a MemoryStorage and a BrokerApi wrapper that records each
// request, so tests can count produce requests and see their batches.
import type { BrokerApi, ProducePartitionData } from '../../../workers/protocol/kafka.ts'
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import { startBroker } from '../kafka/kafka-fixtures.ts'

import { ClusterConnection } from '../../../workers/clients/kafka/cluster-connection.ts'
export { loadLogEngine, startBroker, text, utf8 } from '../kafka/kafka-fixtures.ts'

export interface RecordingBroker {
  api: BrokerApi
  produceRequests: ProducePartitionData[][]
  metadataRequests: number
}

export function recording(broker: BrokerApi): RecordingBroker {
  const recorder: RecordingBroker = {
    produceRequests: [],
    metadataRequests: 0,
    api: {
      metadata: (topics) => {
        recorder.metadataRequests++
        return broker.metadata(topics)
      },
      createTopics: (topics, validateOnly) => broker.createTopics(topics, validateOnly),
      deleteTopics: (names) => broker.deleteTopics(names),
      describeTopicConfigs: (topic) => broker.describeTopicConfigs(topic),
      produce: (acks, timeoutMs, data) => {
        recorder.produceRequests.push(data)
        return broker.produce(acks, timeoutMs, data)
      },
      fetch: (partitions) => broker.fetch(partitions),
      listOffsets: (partitions) => broker.listOffsets(partitions),
    },
  }
  return recorder
}

export async function brokerWithTopic(
  engine: LogEngine,
  name: string,
  partitions: number,
): Promise<BrokerApi> {
  const broker = await startBroker(engine)
  await broker.createTopics([{ name, numPartitions: partitions, replicationFactor: 1, configs: {} }], false)
  return broker
}

/** A client connection whose every address reaches this one broker, as a one-broker cluster is reached. */
export function connectionTo(broker: BrokerApi): ClusterConnection {
  return new ClusterConnection({ brokerAtPort: () => broker }, 'localhost:9092')
}
