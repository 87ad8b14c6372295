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
import { invalidAssignment } from './partition-reassignment.ts'

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
  isRegistered(brokerId: number): boolean
}

type Assignment = { ok: true; replicas: number[][] } | { ok: false; error: KafkaErrorName; message: string }

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
  // The controller checks the new topics' configs before it creates any (ReplicationControlManager.createTopics).
  const invalidConfig = validateTopicConfigs(request.configs)
  if (invalidConfig !== null) return { ok: false, error: 'INVALID_CONFIG', message: invalidConfig }
  const assignment =
    request.assignments && request.assignments.length > 0
      ? manualAssignment(cluster, request)
      : placedAssignment(cluster, request, defaults, random)
  if (!assignment.ok) return assignment
  const usable = new Set(cluster.usableBrokers)
  return {
    ok: true,
    topic: {
      name: request.name,
      topicId: randomUuid(random),
      configs: { ...request.configs },
      partitions: assignment.replicas.map((replicas, partition) => ({
        partition,
        leader: replicas.find((id) => usable.has(id)) ?? -1,
        leaderEpoch: 0,
        replicas,
        isr: replicas.filter((id) => usable.has(id)),
        elr: [],
        lastKnownElr: [],
        offlineReplicas: [],
      })),
    },
  }
}

/** Replicas placed by the ReplicaPlacer, for the request's (or the default) partition count and factor. */
function placedAssignment(
  cluster: TopicCreationView,
  request: CreatableTopic,
  defaults: CreationDefaults,
  random: Random,
): Assignment {
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
  return {
    ok: true,
    replicas: placeReplicas(cluster.usableBrokers, numPartitions, replicationFactor, random),
  }
}

/**
 * ReplicationControlManager.createTopic with manual assignments: both counts must be -1, each partition
 * once, every list valid and as long as the first, some replica of each active, partitions 0..n-1.
 */
function manualAssignment(cluster: TopicCreationView, request: CreatableTopic): Assignment {
  const invalidRequest = (message: string): Assignment => ({ ok: false, error: 'INVALID_REQUEST', message })
  const invalid = (message: string): Assignment => ({
    ok: false,
    error: 'INVALID_REPLICA_ASSIGNMENT',
    message,
  })
  if (request.replicationFactor !== -1) {
    return invalidRequest(
      'A manual partition assignment was specified, but replication factor was not set to -1.',
    )
  }
  if (request.numPartitions !== -1) {
    return invalidRequest('A manual partition assignment was specified, but numPartitions was not set to -1.')
  }
  const replicas = new Map<number, number[]>()
  let replicationFactor: number | undefined
  const usable = new Set(cluster.usableBrokers)
  for (const { partitionIndex, brokerIds } of request.assignments ?? []) {
    if (replicas.has(partitionIndex)) {
      return invalid(`Found multiple manual partition assignments for partition ${partitionIndex}`)
    }
    const error = invalidAssignment((id) => cluster.isRegistered(id), brokerIds, replicationFactor)
    if (error !== null) return invalid(error)
    replicationFactor = brokerIds.length
    if (!brokerIds.some((id) => usable.has(id))) {
      return invalid(
        `All brokers specified in the manual partition assignment for partition ${partitionIndex} are fenced or in controlled shutdown.`,
      )
    }
    replicas.set(partitionIndex, [...brokerIds])
  }
  const ordered: number[][] = []
  for (let i = 0; i < replicas.size; i++) {
    const partition = replicas.get(i)
    if (!partition) return invalid('partitions should be a consecutive 0-based integer sequence')
    ordered.push(partition)
  }
  return { ok: true, replicas: ordered }
}
