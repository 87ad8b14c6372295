/**
 * Kafka's client quotas (org.apache.kafka.common.quota and the AlterClientQuotas / DescribeClientQuotas
 * messages), reduced to the fields the clients read. An entity is a list of (entity type, name) pairs with
 * distinct types, `user`, `client-id` or `ip`; a null name is that type's default entity. Its identity is the
 * set of pairs whatever their order (entityKey). A quota value is a double; an alteration op with a null value
 * removes the key. A describe filter component matches a type's exact name (MATCH_TYPE_EXACT 0, match set),
 * its default entity (MATCH_TYPE_DEFAULT 1, match null) or any entity of the type (MATCH_TYPE_SPECIFIED 2);
 * `strict` asks for entities with no other types.
 */
import type { KafkaErrorName } from './kafka-errors.ts'

/** ClientQuotaEntity.USER, CLIENT_ID and IP. */
export const USER = 'user'
export const CLIENT_ID = 'client-id'
export const IP = 'ip'

export interface ClientQuotaEntityEntry {
  entityType: string
  /** null: the default entity of the type. */
  entityName: string | null
}

export type ClientQuotaEntity = readonly ClientQuotaEntityEntry[]

/** One (key, value) of an alteration; value null removes the key. */
export interface ClientQuotaOp {
  key: string
  value: number | null
}

export interface ClientQuotaAlteration {
  entity: ClientQuotaEntity
  ops: ClientQuotaOp[]
}

/** One entity's answer in AlterClientQuotas. */
export interface AlterClientQuotasEntityResult {
  entity: ClientQuotaEntity
  error: KafkaErrorName | null
  message: string | null
}

export const MATCH_TYPE_EXACT = 0
export const MATCH_TYPE_DEFAULT = 1
export const MATCH_TYPE_SPECIFIED = 2

export interface ClientQuotaFilterComponent {
  entityType: string
  matchType: number
  /** The name for MATCH_TYPE_EXACT; null otherwise. */
  match: string | null
}

export interface ClientQuotaFilter {
  components: ClientQuotaFilterComponent[]
  strict: boolean
}

export interface DescribeClientQuotasEntry {
  entity: ClientQuotaEntity
  values: Array<{ key: string; value: number }>
}

export interface DescribeClientQuotasResponse {
  error: KafkaErrorName | null
  message: string | null
  entries: DescribeClientQuotasEntry[]
}

/** The client quota requests a broker answers (DescribeClientQuotas itself, AlterClientQuotas forwarded). */
export interface ClientQuotaApi {
  describeClientQuotas(filter: ClientQuotaFilter): Promise<DescribeClientQuotasResponse>
  alterClientQuotas(
    alterations: ClientQuotaAlteration[],
    validateOnly: boolean,
  ): Promise<AlterClientQuotasEntityResult[]>
}

/** A text that names an entity whatever the order of its pairs (a null name is written as NUL). */
export function entityKey(entity: ClientQuotaEntity): string {
  return entity
    .map(({ entityType, entityName }) => `${entityType}=${entityName ?? '\u0000'}`)
    .sort()
    .join('\u0001')
}
