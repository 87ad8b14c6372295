/**
 * Creating a topic as KRaft's ReplicationControlManager does: validate the name, the partition count
 * and the replication factor against the registered brokers, then place replicas and elect each
 * partition's first replica as its leader with the full replica set in the ISR. Returns either the new
 * topic (CreatedTopic) or the error Kafka answers in CreateTopicsResponse, with Kafka's message text.
 */
import type { CreatableTopic, PartitionMetadata } from '../../protocol/kafka.ts'
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import type { Random } from '../../net/random.ts'
import { validateTopicName } from '../metadata/topic-validation.ts'
import { randomUuid } from '../metadata/uuid.ts'
import { placeReplicas } from './replica-placer.ts'
import { validateTopicConfigs } from '../config/topic-configs.ts'

/** A topic as creation decides it: its name, new id, configs and each partition's first assignment. */
export interface CreatedTopic {
  name: string
  topicId: string
  configs: Record<string, string>
  partitions: PartitionMetadata[]
}

export type TopicCreation =
  { ok: true; topic: CreatedTopic } | { ok: false; error: KafkaErrorName; message: string }

export interface CreationDefaults {
  numPartitions: number
  replicationFactor: number
}

/** What creating a topic needs to know of the cluster. */
export interface TopicCreationView {
  hasTopic(name: string): boolean
  /** Brokers that replicas may be placed on (registered and unfenced). */
  usableBrokers: readonly number[]
}

export function createTopic(
  cluster: TopicCreationView,
  request: CreatableTopic,
  defaults: CreationDefaults,
  random: Random,
): TopicCreation {
  const invalidName = validateTopicName(request.name)
  if (invalidName) return { ok: false, error: 'INVALID_TOPIC_EXCEPTION', message: invalidName }
  if (cluster.hasTopic(request.name)) {
    return { ok: false, error: 'TOPIC_ALREADY_EXISTS', message: `Topic '${request.name}' already exists.` }
  }
  const numPartitions = request.numPartitions === -1 ? defaults.numPartitions : request.numPartitions
  const replicationFactor =
    request.replicationFactor === -1 ? defaults.replicationFactor : request.replicationFactor
  if (numPartitions <= 0) {
    return {
      ok: false,
      error: 'INVALID_PARTITIONS',
      message: 'Number of partitions was set to an invalid non-positive value.',
    }
  }
  if (replicationFactor <= 0) {
    return {
      ok: false,
      error: 'INVALID_REPLICATION_FACTOR',
      message: 'Replication factor must be larger than 0, or -1 to use the default value.',
    }
  }
  if (replicationFactor > cluster.usableBrokers.length) {
    return {
      ok: false,
      error: 'INVALID_REPLICATION_FACTOR',
      message:
        `Unable to replicate the partition ${replicationFactor} time(s): The target replication factor of ` +
        `${replicationFactor} cannot be reached because only ${cluster.usableBrokers.length} broker(s) are registered.`,
    }
  }
  const invalidConfig = validateTopicConfigs(request.configs)
  if (invalidConfig !== null) return { ok: false, error: 'INVALID_CONFIG', message: invalidConfig }
  const assignment = placeReplicas(cluster.usableBrokers, numPartitions, replicationFactor, random)
  return {
    ok: true,
    topic: {
      name: request.name,
      topicId: randomUuid(random),
      configs: { ...request.configs },
      partitions: assignment.map((replicas, partition) => ({
        partition,
        leader: replicas[0] ?? -1,
        leaderEpoch: 0,
        replicas,
        isr: [...replicas],
        elr: [],
        lastKnownElr: [],
        offlineReplicas: [],
      })),
    },
  }
}
