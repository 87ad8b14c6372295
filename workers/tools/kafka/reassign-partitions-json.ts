/**
 * The JSON files of kafka-reassign-partitions (ReassignPartitionsCommand of Kafka 4.1):
 * - the reassignment file `{"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[1,2],
 *   "log_dirs":["any","any"]}]}` ("version" defaults to 1, any other is `Not supported version field value 2`;
 *   "partitions" may be absent; "log_dirs" is optional and must match the replicas in length);
 * - the topics file `{"version":1,"topics":[{"topic":"t"}]}` for --generate, where text that is not JSON is
 *   `The input string is not a valid JSON`;
 * - formatAsReassignmentJson: partitions sorted by topic then partition, fields in the order topic,
 *   partition, replicas, log_dirs, no spaces, as Jackson writes Kafka's LinkedHashMaps.
 * Malformed files fail with Kafka's exceptions: AdminOperationException wrapping Jackson's JsonParseException,
 * JsonMappingException for a wrong shape, AdminCommandFailedException for the checks of --execute.
 */
import type { TopicPartition } from '../../clients/kafka/api.ts'
import { JavaException } from './java-exception.ts'
import {
  asJsonArray,
  asJsonObject,
  field,
  toInt,
  toList,
  toStringValue,
  tryParseFull,
  type JsonNode,
} from './kafka-json.ts'
import { compareTopicPartitions, topicPartitionString } from './topic-partition.ts'
import { adminCommandFailed } from './leader-election-command-options.ts'

export const ANY_LOG_DIR = 'any'

export interface PartitionTarget extends TopicPartition {
  replicas: number[]
  logDirs: string[]
}

export function adminOperation(message: string, cause: JavaException | null = null): JavaException {
  return new JavaException('org.apache.kafka.server.common.AdminOperationException', message, [], cause)
}

/** Json.parseFull where None (not JSON) is `The input string is not a valid JSON` (AdminOperationException). */
export function parseFullOrAdminError(text: string): JsonNode {
  try {
    return tryParseFull(text)
  } catch {
    throw adminOperation('The input string is not a valid JSON')
  }
}

function version(object: ReturnType<typeof asJsonObject>): number {
  return object.has('version') ? toInt(object.get('version')) : 1
}

/** parsePartitionReassignmentData: the partitions in file order (duplicates kept for the checks). */
export function parsePartitionReassignmentData(text: string): PartitionTarget[] {
  let parsed
  try {
    parsed = tryParseFull(text)
  } catch (error) {
    if (error instanceof JavaException && error.className.endsWith('JsonParseException')) {
      throw adminOperation(error.toString(), error)
    }
    throw error
  }
  const object = asJsonObject(parsed)
  const v = version(object)
  if (v !== 1) throw adminOperation(`Not supported version field value ${v}`)
  if (!object.has('partitions')) return []
  return asJsonArray(object.get('partitions')).map((entry) => {
    const fields = asJsonObject(entry)
    const topic = toStringValue(field(fields, 'topic'))
    const partition = toInt(field(fields, 'partition'))
    const replicas = toList(field(fields, 'replicas'), toInt)
    const logDirs = fields.has('log_dirs')
      ? toList(fields.get('log_dirs'), toStringValue)
      : replicas.map(() => ANY_LOG_DIR)
    if (replicas.length !== logDirs.length) {
      throw adminCommandFailed(
        `Size of replicas list [${replicas.join(', ')}] is different from size of log dirs list [${logDirs.join(', ')}] for partition ${topic}-${partition}`,
      )
    }
    return { topic, partition, replicas, logDirs }
  })
}

/** ToolsUtils.duplicates: the values seen more than once, in first-seen order. */
export function duplicates<T>(values: readonly T[], key: (value: T) => string = String): T[] {
  const seen = new Set<string>()
  const repeated = new Map<string, T>()
  for (const value of values) {
    const k = key(value)
    if (seen.has(k)) repeated.set(k, value)
    seen.add(k)
  }
  return [...repeated.values()]
}

/** parseExecuteAssignmentArgs: the checks before anything is sent. */
export function parseExecuteAssignmentArgs(text: string): PartitionTarget[] {
  const targets = parsePartitionReassignmentData(text)
  if (targets.length === 0) throw adminCommandFailed('Partition reassignment list cannot be empty')
  if (targets.some((t) => t.replicas.length === 0)) {
    throw adminCommandFailed('Partition replica list cannot be empty')
  }
  const repeated = duplicates(targets, topicPartitionString)
  if (repeated.length > 0) {
    throw adminCommandFailed(
      `Partition reassignment contains duplicate topic partitions: ${repeated.map(topicPartitionString).join(',')}`,
    )
  }
  const withDuplicates = targets
    .map((t) => ({ t, repeated: duplicates(t.replicas) }))
    .filter((entry) => entry.repeated.length > 0)
  if (withDuplicates.length > 0) {
    const detail = withDuplicates
      .map(
        ({ t, repeated: ids }) => `${topicPartitionString(t)} contains multiple entries for ${ids.join(',')}`,
      )
      .join('. ')
    throw adminCommandFailed(`Partition replica lists may not contain duplicate entries: ${detail}`)
  }
  return targets
}

/** parseTopicsData: the topic names of a --topics-to-move-json-file. */
export function parseTopicsData(text: string): string[] {
  const object = asJsonObject(parseFullOrAdminError(text))
  const v = version(object)
  if (v !== 1) throw adminOperation(`Not supported version field value ${v}`)
  if (!object.has('topics')) return []
  return asJsonArray(object.get('topics')).map((entry) => toStringValue(field(asJsonObject(entry), 'topic')))
}

/** formatAsReassignmentJson, every log dir `any`. */
export function formatAsReassignmentJson(
  assignment: ReadonlyArray<TopicPartition & { replicas: number[] }>,
): string {
  const partitions = [...assignment].sort(compareTopicPartitions).map((p) => ({
    topic: p.topic,
    partition: p.partition,
    replicas: p.replicas,
    log_dirs: p.replicas.map(() => ANY_LOG_DIR),
  }))
  return JSON.stringify({ version: 1, partitions })
}
