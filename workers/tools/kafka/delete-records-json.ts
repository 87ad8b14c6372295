/**
 * The offset JSON file of kafka-delete-records (DeleteRecordsCommand.parseOffsetJsonStringWithoutDedup of
 * Kafka 4.1): `{"partitions":[{"topic":"foo","partition":1,"offset":1}],"version":1}`. "version" defaults to
 * 1 and any other is `Not supported version field value 2`; text that is not JSON is `The input string is
 * not a valid JSON` and a missing "partitions" `Missing partitions field` (both AdminOperationException); a
 * field of the wrong shape or type fails with Jackson's JsonMappingException text (kafka-json.ts). Other
 * fields are ignored. The offsets are grouped per partition in file order (a HashMap of lists, so a
 * partition named twice keeps both and checkDuplicates refuses it); an offset of -1 stands for the high
 * watermark.
 */
import type { TopicPartition } from '../../clients/kafka/api.ts'
import { asJsonArray, asJsonObject, field, toInt, toLong, toStringValue } from './kafka-json.ts'
import { adminOperation, parseFullOrAdminError } from './reassign-partitions-json.ts'
import { adminCommandFailed } from './leader-election-command-options.ts'
import { topicPartitionHashOrder, topicPartitionString } from './topic-partition.ts'

export interface PartitionOffsets extends TopicPartition {
  offsets: number[]
}

/** parseOffsetJsonStringWithoutDedup: every partition with its offsets, in first-seen order. */
export function parseOffsetJson(text: string): PartitionOffsets[] {
  const object = asJsonObject(parseFullOrAdminError(text))
  const version = object.has('version') ? toInt(object.get('version')) : 1
  if (version !== 1) throw adminOperation(`Not supported version field value ${version}`)
  if (!object.has('partitions')) throw adminOperation('Missing partitions field')
  const byPartition = new Map<string, PartitionOffsets>()
  for (const entry of asJsonArray(object.get('partitions'))) {
    const fields = asJsonObject(entry)
    const topic = toStringValue(field(fields, 'topic'))
    const partition = toInt(field(fields, 'partition'))
    const offset = toLong(field(fields, 'offset'))
    const key = `${topic}\u0000${partition}`
    const known = byPartition.get(key) ?? { topic, partition, offsets: [] }
    known.offsets.push(offset)
    byPartition.set(key, known)
  }
  return [...byPartition.values()]
}

/** DeleteRecordsCommand.execute's check: a partition named more than once is refused, listed in HashSet order. */
export function checkDuplicates(partitions: readonly PartitionOffsets[]): void {
  const duplicates = partitions.filter((p) => p.offsets.length > 1)
  if (duplicates.length === 0) return
  throw adminCommandFailed(
    `Offset json file contains duplicate topic partitions: ${topicPartitionHashOrder(duplicates).map(topicPartitionString).join(',')}`,
  )
}
