/**
 * kafka-leader-election's --path-to-json-file (LeaderElectionCommand.parseReplicaElectionData of Kafka 4.1):
 * `{"partitions":[{"topic":"foo","partition":1}]}`. A missing file or a JSON shape error surfaces wrapped in a
 * java.lang.RuntimeException; text that is not JSON is `Replica election data is empty`, a missing field
 * `Replica election data is missing "partitions" field`, a repeated partition
 * `Replica election data contains duplicate partitions: foo-1` (AdminOperationExceptions).
 */
import type { TopicPartition } from '../../clients/kafka/api.ts'
import type { ToolContext } from '../tool.ts'
import { JavaException } from './java-exception.ts'
import {
  asJsonArray,
  asJsonObject,
  field,
  toInt,
  toStringValue,
  tryParseFull,
  type JsonNode,
} from './kafka-json.ts'
import { adminOperation, duplicates } from './reassign-partitions-json.ts'
import { readFileAsString } from './tool-files.ts'
import { topicPartitionString } from './topic-partition.ts'

function wrapped(error: unknown): never {
  if (error instanceof JavaException && !error.className.endsWith('AdminOperationException')) {
    throw new JavaException('java.lang.RuntimeException', error.toString(), [], error)
  }
  throw error
}

export function replicaElectionData(context: ToolContext, path: string): TopicPartition[] {
  try {
    let parsed: JsonNode
    try {
      parsed = tryParseFull(readFileAsString(context, path))
    } catch (error) {
      if (error instanceof JavaException && error.className.includes('jackson')) {
        throw adminOperation('Replica election data is empty')
      }
      throw error
    }
    const object = asJsonObject(parsed)
    if (!object.has('partitions')) throw adminOperation('Replica election data is missing "partitions" field')
    const partitions = asJsonArray(object.get('partitions')).map((entry) => {
      const fields = asJsonObject(entry)
      return { topic: toStringValue(field(fields, 'topic')), partition: toInt(field(fields, 'partition')) }
    })
    const repeated = duplicates(partitions, topicPartitionString)
    if (repeated.length > 0) {
      throw adminOperation(
        `Replica election data contains duplicate partitions: ${repeated.map(topicPartitionString).join(',')}`,
      )
    }
    return partitions
  } catch (error) {
    return wrapped(error)
  }
}
