/**
 * A client's config checked as its AbstractConfig constructor checks it (ConfigDef.parse over the client's
 * definitions): the first bad value fails the client's construction with Kafka's ConfigException.
 */
import { ConfigException, validateValues, type ConfigDef } from '../../protocol/kafka-config-def.ts'
import { KafkaError } from './api.ts'

export function validateClientConfig(
  defs: readonly ConfigDef[],
  originals: Readonly<Record<string, string | undefined>>,
): void {
  try {
    validateValues(defs, originals)
  } catch (error) {
    if (error instanceof ConfigException)
      throw new KafkaError('org.apache.kafka.common.config.ConfigException', error.message)
    throw error
  }
}
