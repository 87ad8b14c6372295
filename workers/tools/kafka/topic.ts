/**
 * org.apache.kafka.common.internals.Topic as the tools use it: which topics are internal (Kafka 4.x:
 * the group, transaction and share-group state topics) and which names risk a metrics collision.
 */
import { JavaException } from './java-exception.ts'

const INTERNAL_TOPICS: ReadonlySet<string> = new Set([
  '__consumer_offsets',
  '__transaction_state',
  '__share_group_state',
])

export function isInternalTopic(topic: string): boolean {
  return INTERNAL_TOPICS.has(topic)
}

/** Topic.hasCollisionChars: '.' and '_' map to the same metric name. */
export function hasCollisionChars(topic: string): boolean {
  return topic.includes('_') || topic.includes('.')
}

/**
 * TopicFilter.IncludeList: the raw `--topic`/`--include` text is trimmed, ',' becomes '|', spaces and
 * surrounding quotes go, and a topic is allowed when the whole name matches (String.matches).
 */
export function includeListMatcher(rawRegex: string): (topic: string) => boolean {
  const regex = rawRegex
    .trim()
    .replaceAll(',', '|')
    .replaceAll(' ', '')
    .replace(/^["']+/, '')
    .replace(/["']+$/, '')
  let pattern: RegExp
  try {
    pattern = new RegExp(`^(?:${regex})$`, 'u')
  } catch {
    throw new JavaException('java.lang.RuntimeException', `${regex} is an invalid regex.`)
  }
  return (topic) => pattern.test(topic)
}
