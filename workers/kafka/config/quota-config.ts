/**
 * Kafka 4.1's QuotaConfig (server-common): the client quota keys an entity may carry and each key's ConfigDef type
 * (userAndClientQuotaConfigs for `user` and `client-id` entities, ipConfigs for `ip` ones), and the SCRAM
 * mechanism names a `users` entity also accepts in kafka-configs (ScramMechanism.mechanismNames).
 */

export type QuotaValueType = 'LONG' | 'DOUBLE' | 'INT'

/** QuotaConfig.userAndClientQuotaConfigs(): the keys of a user, client-id or (user, client-id) entity. */
export const USER_AND_CLIENT_QUOTA_TYPES: ReadonlyMap<string, QuotaValueType> = new Map([
  ['producer_byte_rate', 'LONG'],
  ['consumer_byte_rate', 'LONG'],
  ['request_percentage', 'DOUBLE'],
  ['controller_mutation_rate', 'DOUBLE'],
])

/** QuotaConfig.ipConfigs(): the key of an ip entity. */
export const IP_QUOTA_TYPES: ReadonlyMap<string, QuotaValueType> = new Map([
  ['connection_creation_rate', 'INT'],
])

export const SCRAM_MECHANISMS: readonly string[] = ['SCRAM-SHA-256', 'SCRAM-SHA-512']

/** QuotaConfig.isClientOrUserQuotaConfig. */
export function isClientOrUserQuotaConfig(name: string): boolean {
  return USER_AND_CLIENT_QUOTA_TYPES.has(name)
}
