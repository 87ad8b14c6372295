/**
 * The client id a Java client sends in each request header and prints in its log prefix, when client.id is not
 * set: a producer is `producer-<transactional.id>`, or `producer-<n>` from a JVM-wide sequence
 * (ProducerConfig.maybeOverrideClientId); a consumer is `consumer-<group.id>-<n>`, or `consumer-<n>` without a
 * group (ConsumerConfig.maybeOverrideClientId). Each tool runs in its own JVM, so its first client's n is 1.
 */
import type { ConsumerConfig, ProducerConfig } from './api.ts'

export function producerClientId(config: ProducerConfig): string {
  const transactionalId = config['transactional.id']
  return config['client.id'] ?? (transactionalId === undefined ? 'producer-1' : `producer-${transactionalId}`)
}

export function consumerClientId(config: ConsumerConfig): string {
  const groupId = config['group.id']
  return config['client.id'] ?? (groupId === undefined ? 'consumer-1' : `consumer-${groupId}-1`)
}
