/**
 * Kafka's tools.filter package as GetOffsetShell builds it: a topic filter is an IncludeList (the raw
 * regex trimmed, `,` turned into `|`, spaces and surrounding quotes removed, then matched against the
 * whole topic name; `X is an invalid regex.` when it does not compile), a partition filter is a set of
 * ids (empty: all), one id, or a range [lower, upper). `--topic-partitions` rules, comma separated, each
 * match TOPIC_PARTITION_PATTERN `([^:,]*)(?::(?:([0-9]*)|(?:([0-9]*)-([0-9]*))))?`; a topic-partition is
 * allowed when any rule allows it.
 */
import { includeListMatcher } from './topic.ts'
import type { TopicPartition } from '../../clients/kafka/api.ts'
import { JavaException } from './java-exception.ts'
import { javaSplit, parseJavaInt } from './java-lang.ts'
import { TerseException } from './tool-errors.ts'

export const TOPIC_PARTITION_PATTERN = '([^:,]*)(?::(?:([0-9]*)|(?:([0-9]*)-([0-9]*))))?'

const INTEGER_MAX = 2147483647

export interface TopicPartitionFilter {
  isTopicAllowed(topic: string): boolean
  isTopicPartitionAllowed(tp: TopicPartition): boolean
}

function topicAndPartitionFilter(
  topicRegex: string,
  isPartitionAllowed: (partition: number) => boolean,
): TopicPartitionFilter {
  const isTopicAllowed = includeListMatcher(topicRegex)
  return {
    isTopicAllowed,
    isTopicPartitionAllowed: (tp) => isTopicAllowed(tp.topic) && isPartitionAllowed(tp.partition),
  }
}

/** GetOffsetShell.createTopicPartitionFilterWithTopicAndPartitionPattern (--topic and --partitions). */
export function topicAndPartitionsFilter(
  topic: string | null,
  partitionIds: string | null,
): TopicPartitionFilter {
  let partitions: Set<number>
  try {
    partitions = new Set(
      partitionIds === null || partitionIds === '' ? [] : javaSplit(partitionIds, ',').map(parseJavaInt),
    )
  } catch {
    throw new TerseException(
      `--partitions expects a comma separated list of numeric partition ids, but received: ${partitionIds ?? ''}`,
    )
  }
  return topicAndPartitionFilter(topic ?? '.*', (p) => partitions.size === 0 || partitions.has(p))
}

/** GetOffsetShell.parseRuleSpec: one `--topic-partitions` rule. */
function ruleFilter(ruleSpec: string): TopicPartitionFilter {
  const match = new RegExp(`^(?:${TOPIC_PARTITION_PATTERN})$`).exec(ruleSpec)
  if (match === null) {
    const cause = new TerseException(`Invalid rule specification: ${ruleSpec}`)
    throw new JavaException('java.lang.RuntimeException', cause.toString(), [], cause)
  }
  const group = (g: number): string | null => (match[g] === undefined || match[g] === '' ? null : match[g])
  const topic = group(1) ?? '.*'
  const unique = group(2)
  if (unique !== null) {
    const id = parseJavaInt(unique)
    return topicAndPartitionFilter(topic, (p) => p === id)
  }
  const lower = group(3)
  const upper = group(4)
  const from = lower === null ? 0 : parseJavaInt(lower)
  const to = upper === null ? INTEGER_MAX : parseJavaInt(upper)
  return topicAndPartitionFilter(topic, (p) => p >= from && p < to)
}

/** GetOffsetShell.createTopicPartitionFilterWithPatternList (--topic-partitions). */
export function topicPartitionsFilter(topicPartitions: string): TopicPartitionFilter {
  const rules = javaSplit(topicPartitions, ',').map(ruleFilter)
  return {
    isTopicAllowed: (topic) => rules.some((rule) => rule.isTopicAllowed(topic)),
    isTopicPartitionAllowed: (tp) => rules.some((rule) => rule.isTopicPartitionAllowed(tp)),
  }
}
