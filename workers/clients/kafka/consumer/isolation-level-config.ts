/**
 * isolation.level as Kafka 4.1's ConsumerConfig defines it: a string, `read_uncommitted` by default, one of
 * `read_committed` and `read_uncommitted` (IsolationLevel.toString, matched case-sensitively); anything else
 * is a ConfigException when the consumer is built, with ConfigDef.ValidString's text.
 */
import type { IsolationLevel } from '../../../protocol/kafka.ts'
import { KafkaError } from '../api.ts'

const VALUES: Readonly<Record<string, IsolationLevel>> = {
  read_committed: 'READ_COMMITTED',
  read_uncommitted: 'READ_UNCOMMITTED',
}

/** The consumer's isolation level; throws ConfigException for a value Kafka refuses. */
export function isolationLevel(config: Readonly<Record<string, string>>): IsolationLevel {
  const value = config['isolation.level'] ?? 'read_uncommitted'
  const level = VALUES[value]
  if (level === undefined) {
    throw new KafkaError(
      'org.apache.kafka.common.config.ConfigException',
      `Invalid value ${value} for configuration isolation.level: String must be one of: read_committed, read_uncommitted`,
    )
  }
  return level
}
