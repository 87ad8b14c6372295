// Shared by the client tests: a simulated KRaft cluster with a topic, a BrokerDirectory over it that records
// each produce request (with the node that received it) and each metadata request, and a client connection
// to it. Client calls run inside `cluster.run(...)`: the cluster's DeterministicTaskQueue is their clock.
import type { BrokerApi, ProducePartitionData } from '../../../workers/protocol/kafka.ts'
import type { BrokerDirectory } from '../../../workers/clients/kafka/bootstrap.ts'
import { ClusterConnection } from '../../../workers/clients/kafka/cluster-connection.ts'
import { startCluster } from '../kafka/kafka-fixtures.ts'
import type { SimKafkaCluster } from '../kafka/server/sim-kafka-cluster.ts'

export { loadLogEngine, startCluster, text, utf8 } from '../kafka/kafka-fixtures.ts'

export interface ProduceRequest {
  port: number
  data: ProducePartitionData[]
}

export interface RecordingDirectory extends BrokerDirectory {
  produceRequests: ProduceRequest[]
  metadataRequests: number
}

/** The cluster as clients reach it, counting what they send. */
export function recording(directory: BrokerDirectory): RecordingDirectory {
  const recorder: RecordingDirectory = {
    produceRequests: [],
    metadataRequests: 0,
    brokerAtPort(port) {
      const broker = directory.brokerAtPort(port)
      return broker && record(broker, port)
    },
  }
  // Every other request passes straight through, whatever BrokerApi holds.
  const record = (broker: BrokerApi, port: number): BrokerApi => {
    const overrides: Partial<BrokerApi> = {
      metadata: (topics, allowAutoTopicCreation) => {
        recorder.metadataRequests++
        return broker.metadata(topics, allowAutoTopicCreation)
      },
      produce: (acks, timeoutMs, data, ...header) => {
        recorder.produceRequests.push({ port, data })
        return broker.produce(acks, timeoutMs, data, ...header)
      },
    }
    return new Proxy(broker, {
      get: (target, name): unknown =>
        name in overrides ? overrides[name as keyof BrokerApi] : Reflect.get(target, name),
    })
  }
  return recorder
}

const METADATA_PROPAGATION_MS = 2000

/** A ready cluster of `size` nodes with topic `name`, replicated on every node and known to all of them. */
export async function clusterWithTopic(name: string, partitions: number, size = 1): Promise<SimKafkaCluster> {
  const cluster = await startCluster(size)
  const [created] = await cluster.run(
    cluster
      .server(1)
      .api.createTopics([{ name, numPartitions: partitions, replicationFactor: size, configs: {} }], false),
  )
  if (created?.error) throw new Error(`${created.error}: ${created.message}`)
  // Node 1 answered once it had the topic; the others replay it a little later.
  await cluster.advance(METADATA_PROPAGATION_MS)
  return cluster
}

/** A client connection bootstrapping from localhost:9092 (node 1) into the directory's cluster. */
export function connectionTo(directory: BrokerDirectory): ClusterConnection {
  return new ClusterConnection(directory, 'localhost:9092')
}
