/**
 * The sizes the bandwidth quotas count, in bytes, as Kafka 4.1's clients and broker encode the messages:
 * - a Produce request (RequestChannel.Request.sizeInBytes): its header v2 (api key, api version, correlation id,
 *   client id as an INT16-length string, tagged fields) plus the v13 body (transactional id, acks, timeout, then
 *   per topic its id and per partition its index and records, each with empty tagged fields);
 * - a Fetch response (FetchResponse.sizeOf: 4 + the v17 body): throttle time, error, session id, then per topic
 *   its id and per partition its index, error, high watermark, last stable offset, log start offset, aborted
 *   transactions, preferred read replica and records, each with empty tagged fields.
 * Compact strings, arrays and records carry an unsigned varint of their length + 1 (0 for null).
 */
import type { FetchPartitionResponse, ProducePartitionData } from '../../protocol/kafka.ts'

const UUID = 16
const TAGS = 1
const encoder = new TextEncoder()

function unsignedVarintSize(value: number): number {
  let size = 1
  for (let rest = value >>> 7; rest !== 0; rest >>>= 7) size++
  return size
}

function compactBytesSize(length: number): number {
  return unsignedVarintSize(length + 1) + length
}

function utf8Length(text: string): number {
  return encoder.encode(text).length
}

/** The partitions grouped by topic, in first-seen order (the clients build one entry per topic). */
function topicCounts(partitions: ReadonlyArray<{ topic: string }>): number[] {
  const counts = new Map<string, number>()
  for (const { topic } of partitions) counts.set(topic, (counts.get(topic) ?? 0) + 1)
  return [...counts.values()]
}

function topicsSize(partitions: ReadonlyArray<{ topic: string }>): number {
  const counts = topicCounts(partitions)
  return (
    unsignedVarintSize(counts.length + 1) +
    counts.reduce((sum, n) => sum + UUID + unsignedVarintSize(n + 1) + TAGS, 0)
  )
}

/** RequestChannel.Request.sizeInBytes of a Produce v13 request with header v2. */
export function produceRequestSize(
  clientId: string,
  transactionalId: string | null,
  data: readonly ProducePartitionData[],
): number {
  const header = 2 + 2 + 4 + 2 + utf8Length(clientId) + TAGS
  const txn = transactionalId === null ? 1 : compactBytesSize(utf8Length(transactionalId))
  const partitions = data.reduce((sum, p) => sum + 4 + compactBytesSize(p.records.length) + TAGS, 0)
  return header + txn + 2 + 4 + topicsSize(data) + partitions + TAGS
}

/** FetchResponse.sizeOf (version 17) of the partitions' answers. */
export function fetchResponseSize(responses: readonly FetchPartitionResponse[]): number {
  const partitions = responses.reduce((sum, p) => {
    const aborted = p.abortedTransactions === null ? 1 : unsignedVarintSize(p.abortedTransactions.length + 1)
    const abortedEntries = (p.abortedTransactions?.length ?? 0) * (8 + 8 + TAGS)
    return sum + 4 + 2 + 8 + 8 + 8 + aborted + abortedEntries + 4 + compactBytesSize(p.records.length) + TAGS
  }, 0)
  return 4 + 4 + 2 + 4 + topicsSize(responses) + partitions + TAGS
}
