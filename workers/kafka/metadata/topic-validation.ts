/**
 * Topic name rules and messages, as org.apache.kafka.common.internals.Topic states them: at most 249
 * characters of ASCII alphanumerics, '.', '_' and '-', and neither "." nor "..".
 */
export const MAX_TOPIC_NAME_LENGTH = 249
const LEGAL = /^[a-zA-Z0-9._-]+$/

export const INTERNAL_TOPICS: ReadonlySet<string> = new Set([
  '__consumer_offsets',
  '__transaction_state',
  '__cluster_metadata',
])

function reasonInvalid(name: string): string | null {
  if (name.length === 0) return 'the empty string is not allowed'
  if (name === '.') return "'.' is not allowed"
  if (name === '..') return "'..' is not allowed"
  if (name.length > MAX_TOPIC_NAME_LENGTH) {
    return `the length of '${name}' is longer than the max allowed length ${MAX_TOPIC_NAME_LENGTH}`
  }
  if (!LEGAL.test(name)) {
    return `'${name}' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'`
  }
  return null
}

/** Kafka's InvalidTopicException message for an illegal topic name, or null when the name is legal. */
export function validateTopicName(name: string): string | null {
  const reason = reasonInvalid(name)
  return reason === null ? null : `Topic name is invalid: ${reason}`
}
