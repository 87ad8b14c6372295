/**
 * kafka-reassign-partitions --generate (ReassignPartitionsCommand.generateAssignment of Kafka 4.1): reads the
 * topics file and --broker-list (Integer.parseInt per entry; duplicates are `Broker list contains duplicate
 * entries: [1]`), describes the topics (`Topic t not found.` for an unknown one), and proposes for each topic
 * AdminUtils.assignReplicasToBrokers over the listed brokers that are alive, keeping its partition count and
 * replication factor. It prints `Current partition replica assignment`, the current JSON and a blank line, then
 * `Proposed partition reassignment configuration` and the proposed JSON.
 *
 * Determinism: Kafka draws the placement's start index and replica shift from an unseeded Random; here they
 * are drawn from a Random seeded with the cluster clock's time, so a scenario run always proposes the same.
 * Brokers have no racks in the playground, so --disable-rack-aware changes nothing.
 */
import type { Admin, TopicPartition } from '../../clients/kafka/api.ts'
import { Random } from '../../net/random.ts'
import { placeReplicas } from '../../kafka/controller/replica-placer.ts'
import type { ToolContext } from '../tool.ts'
import { JavaException } from './java-exception.ts'
import { javaSplit, parseJavaInt } from './java-lang.ts'
import { adminCommandFailed } from './leader-election-command-options.ts'
import { duplicates, formatAsReassignmentJson, parseTopicsData } from './reassign-partitions-json.ts'
import { futureGet } from './tool-errors.ts'

export type Assignment = Array<TopicPartition & { replicas: number[] }>

/** getReplicaAssignmentForTopics: every partition of the topics, failing on an unknown topic. */
export async function replicaAssignmentForTopics(
  admin: Admin,
  topics: readonly string[],
): Promise<Assignment> {
  const assignment: Assignment = []
  for (const topic of new Set(topics)) {
    try {
      const [description] = await futureGet(admin.describeTopics([topic]))
      for (const p of description?.partitions ?? []) {
        assignment.push({ topic, partition: p.partition, replicas: [...p.replicas] })
      }
    } catch (error) {
      if (!(error instanceof JavaException) || !isKafkaCause(error)) throw error
      const cause = new JavaException(
        'org.apache.kafka.common.errors.UnknownTopicOrPartitionException',
        `Topic ${topic} not found.`,
      )
      throw new JavaException('java.util.concurrent.ExecutionException', cause.toString(), [], cause)
    }
  }
  return assignment
}

function isKafkaCause(error: JavaException): boolean {
  return error.causedBy?.className === 'org.apache.kafka.common.errors.UnknownTopicOrPartitionException'
}

/** AdminUtils.assignReplicasToBrokers without racks. */
function assignReplicasToBrokers(
  brokers: readonly number[],
  partitions: number,
  rf: number,
  random: Random,
): number[][] {
  const invalid = (className: string, message: string): JavaException =>
    new JavaException(`org.apache.kafka.common.errors.${className}`, message)
  if (partitions <= 0)
    throw invalid('InvalidPartitionsException', 'Number of partitions must be larger than 0.')
  if (rf <= 0) throw invalid('InvalidReplicationFactorException', 'Replication factor must be larger than 0.')
  if (rf > brokers.length) {
    throw invalid(
      'InvalidReplicationFactorException',
      `Replication factor: ${rf} larger than available brokers: ${brokers.length}.`,
    )
  }
  return placeReplicas(brokers, partitions, rf, random)
}

export async function generateAssignment(
  context: ToolContext,
  admin: Admin,
  topicsJson: string,
  brokerList: string,
): Promise<void> {
  const brokers = javaSplit(brokerList, ',').map(parseJavaInt)
  const repeatedBrokers = duplicates(brokers)
  if (repeatedBrokers.length > 0) {
    throw adminCommandFailed(`Broker list contains duplicate entries: [${repeatedBrokers.join(', ')}]`)
  }
  const topics = parseTopicsData(topicsJson)
  const repeatedTopics = duplicates(topics)
  if (repeatedTopics.length > 0) {
    throw adminCommandFailed(
      `List of topics to reassign contains duplicate entries: [${repeatedTopics.join(', ')}]`,
    )
  }
  const current = await replicaAssignmentForTopics(admin, topics)
  const alive = (await futureGet(admin.describeCluster())).nodes.map((node) => node.id)
  const usable = alive.filter((id) => brokers.includes(id))
  const random = new Random(context.clock.now())
  const proposed: Assignment = []
  for (const topic of new Set(current.map((p) => p.topic))) {
    const partitions = current.filter((p) => p.topic === topic)
    const rf = partitions[0]?.replicas.length ?? 0
    assignReplicasToBrokers(usable, partitions.length, rf, random).forEach((replicas, partition) =>
      proposed.push({ topic, partition, replicas }),
    )
  }
  context.out.stdout(`Current partition replica assignment\n${formatAsReassignmentJson(current)}\n\n`)
  context.out.stdout(`Proposed partition reassignment configuration\n${formatAsReassignmentJson(proposed)}\n`)
}
