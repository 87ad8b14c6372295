/**
 * group.protocol and the configs each protocol refuses, as Kafka 4.x's ConsumerConfig checks them when a
 * consumer is built: the value must be CLASSIC or CONSUMER (any case); with a group.id, CONSUMER refuses
 * partition.assignment.strategy, heartbeat.interval.ms and session.timeout.ms (the broker decides those),
 * CLASSIC refuses group.remote.assignor. Each refusal is a ConfigException with Kafka's text.
 */
import { KafkaError } from '../api.ts'

export type GroupProtocol = 'CLASSIC' | 'CONSUMER'

const CONFIG_EXCEPTION = 'org.apache.kafka.common.config.ConfigException'

/** ConsumerConfig's CLASSIC_PROTOCOL_UNSUPPORTED_CONFIGS and CONSUMER_PROTOCOL_UNSUPPORTED_CONFIGS. */
const UNSUPPORTED: Record<GroupProtocol, readonly string[]> = {
  CLASSIC: ['group.remote.assignor'],
  CONSUMER: ['partition.assignment.strategy', 'heartbeat.interval.ms', 'session.timeout.ms'],
}

/** The consumer's group protocol; throws ConfigException for a value or config the protocol refuses. */
export function groupProtocol(config: Readonly<Record<string, string>>): GroupProtocol {
  const value = (config['group.protocol'] ?? 'classic').trim()
  const protocol = value.toUpperCase()
  if (protocol !== 'CLASSIC' && protocol !== 'CONSUMER')
    throw new KafkaError(
      CONFIG_EXCEPTION,
      `Invalid value ${value} for configuration group.protocol: String must be one of (case insensitive): CLASSIC, CONSUMER`,
    )
  if (config['group.id'] !== undefined) {
    const invalid = UNSUPPORTED[protocol].filter((name) => (config[name] ?? '').trim() !== '')
    if (invalid.length > 0)
      throw new KafkaError(
        CONFIG_EXCEPTION,
        `${invalid.join(', ')} cannot be set when group.protocol=${protocol}`,
      )
  }
  return protocol
}
