/**
 * `kafka-topics --create` and `--alter` (TopicCommand.CommandTopicPartition, createTopic, alterTopic of
 * Kafka 4.1): reading --partitions, --replication-factor, --replica-assignment and --config, the metrics
 * collision warning, the range checks, then Admin.createTopics; `Created topic t.` on success, silence
 * for an existing topic under --if-not-exists. A replica assignment is validated as Kafka does, then
 * created as its partition count and replication factor (the playground places replicas itself).
 */
import type { Admin } from '../../clients/kafka/api.ts'
import type { ToolOutput } from '../tool.ts'
import { JavaException } from './java-exception.ts'
import { javaSplit, parseJavaInt } from './java-lang.ts'
import type { OptionSet } from './options/option-set.ts'
import { hasCollisionChars } from './topic.ts'
import { TOPIC_CONFIG_NAMES } from './topic-configs.ts'
import { illegalArgument, isKafkaException } from './tool-errors.ts'

const COLLISION_WARNING =
  "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.\n"

/** TopicCommand.parseReplicaAssignment: `1:2,2:3` → replica lists per partition. */
export function parseReplicaAssignment(text: string): number[][] {
  const partitions = javaSplit(text, ',').map((partition) =>
    javaSplit(partition, ':').map((broker) => parseJavaInt(broker.trim())),
  )
  partitions.forEach((brokers, index) => {
    const duplicates = [...new Set(brokers.filter((broker, i) => brokers.indexOf(broker) !== i))]
    if (duplicates.length > 0) {
      throw new JavaException(
        'org.apache.kafka.server.common.AdminCommandFailedException',
        `Partition replica lists may not contain duplicate entries: ${duplicates.sort((a, b) => a - b).join(',')}`,
      )
    }
    if (brokers.length !== partitions[0]?.length) {
      throw new JavaException(
        'org.apache.kafka.server.common.AdminOperationException',
        `Partition ${index} has different replication factor: [${brokers.join(', ')}]`,
      )
    }
  })
  return partitions
}

/** parseTopicConfigsToBeAdded and LogConfig.validateNames. */
function parseTopicConfigs(values: readonly string[]): Record<string, string> {
  const pairs = values.map((value) => javaSplit(value, '\\s*=\\s*'))
  if (!pairs.every((pair) => pair.length === 2)) {
    throw illegalArgument(
      'requirement failed: Invalid topic config: all configs to be added must be in the format "key=val".',
    )
  }
  const configs: Record<string, string> = {}
  for (const [key = '', value = ''] of pairs) configs[key.trim()] = value.trim()
  for (const name of Object.keys(configs)) {
    if (!TOPIC_CONFIG_NAMES.includes(name)) {
      throw new JavaException(
        'org.apache.kafka.common.errors.InvalidConfigurationException',
        `Unknown topic config name: ${name}`,
      )
    }
  }
  return configs
}

export interface CommandTopicPartition {
  name: string
  partitions: number | null
  replicationFactor: number | null
  replicaAssignment: number[][]
  configs: Record<string, string>
}

export function commandTopicPartition(options: OptionSet): CommandTopicPartition {
  const assignment = options.valueOf('replica-assignment')
  return {
    name: options.valueOf('topic') ?? '',
    partitions: options.numberOf('partitions'),
    replicationFactor: options.numberOf('replication-factor'),
    replicaAssignment: assignment === null || assignment === '' ? [] : parseReplicaAssignment(assignment),
    configs: parseTopicConfigs(options.valuesOf('config')),
  }
}

export async function createTopic(options: OptionSet, admin: Admin, out: ToolOutput): Promise<void> {
  const topic = commandTopicPartition(options)
  if (hasCollisionChars(topic.name)) out.stdout(COLLISION_WARNING)
  const rf = topic.replicationFactor
  if (rf !== null && (rf > 32767 || rf < 1)) {
    throw illegalArgument('The replication factor must be between 1 and 32767 inclusive')
  }
  if (topic.partitions !== null && topic.partitions < 1) {
    throw illegalArgument('The partitions must be greater than 0')
  }
  const assigned = topic.replicaAssignment
  try {
    await admin.createTopics([
      {
        name: topic.name,
        configs: topic.configs,
        ...(assigned.length > 0
          ? { replicasAssignments: assigned }
          : {
              ...(topic.partitions === null ? {} : { numPartitions: topic.partitions }),
              ...(rf === null ? {} : { replicationFactor: rf }),
            }),
      },
    ])
    out.stdout(`Created topic ${topic.name}.\n`)
  } catch (error) {
    if (!(isKafkaException(error, 'TopicExistsException') && options.has('if-not-exists'))) throw error
  }
}

/**
 * TopicService.alterTopic for the already selected, existing topics: Admin.createPartitions with the new
 * total; the controller's refusal (`The topic t currently has 3 partition(s); 2 would not be an
 * increase.`, `Topic already has 3 partition(s).`) comes back as InvalidPartitionsException.
 */
export async function alterTopic(
  topic: CommandTopicPartition,
  topics: readonly string[],
  admin: Admin,
): Promise<void> {
  if (topics.length === 0) return
  await admin.createPartitions(Object.fromEntries(topics.map((name) => [name, topic.partitions ?? 0])))
}
