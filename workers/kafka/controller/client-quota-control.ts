/**
 * The controller's AlterClientQuotas (Kafka 4.1's ClientQuotaControlManager.alterClientQuotas). Each alteration
 * is checked in turn: a key named twice, or an entity named by an earlier alteration, fails it as `Ignoring
 * duplicate entity ClientQuotaEntity(entries={...})`; then validateEntity (known, distinct types; no empty
 * name), configKeysForEntityType (an ip entity alone, and an IP or a host that resolves; user and client-id
 * entities take QuotaConfig's user-and-client keys), and each op in the order of the Java HashMap holding them:
 * a removal of a key the entity has, or a value for a known key that is above 0 and fits its type
 * (validateQuotaKeyValue). The first failing op fails the entity and drops its records. One ClientQuotaRecord
 * per key whose value changes; the records of all the entities that passed are written together.
 */
import { javaHashMapCapacity, javaHashOrder, javaStringHashCode } from '../../net/java-hash.ts'
import { isResolvableHost } from '../../net/inet-address.ts'
import type {
  AlterClientQuotasEntityResult,
  ClientQuotaAlteration,
  ClientQuotaEntity,
  ClientQuotaOp,
} from '../../protocol/kafka-quotas.ts'
import { CLIENT_ID, IP, USER, entityKey } from '../../protocol/kafka-quotas.ts'
import type { QuotaValueType } from '../config/quota-config.ts'
import { IP_QUOTA_TYPES, USER_AND_CLIENT_QUOTA_TYPES } from '../config/quota-config.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'
import type { MetadataRecord } from '../metadata/metadata-records.ts'

const LONG_MAX = 2 ** 63
const INT_MAX = 2 ** 31 - 1

/** The order a `new HashMap<>(n)` holding these entity entries iterates them. */
function entityEntriesOrder(entity: ClientQuotaEntity): ClientQuotaEntity {
  const hash = (e: ClientQuotaEntity[number]): number => javaStringHashCode(e.entityType)
  return javaHashOrder(entity, hash, javaHashMapCapacity(entity.length, entity.length))
}

/** ClientQuotaEntity.toString: `ClientQuotaEntity(entries={user=alice, client-id=null})`. */
export function clientQuotaEntityString(entity: ClientQuotaEntity): string {
  const entries = entityEntriesOrder(entity).map((e) => `${e.entityType}=${e.entityName ?? 'null'}`)
  return `ClientQuotaEntity(entries={${entries.join(', ')}})`
}

type Failure = Omit<AlterClientQuotasEntityResult, 'entity'>

function invalid(message: string): Failure {
  return { error: 'INVALID_REQUEST', message }
}

/** validateEntity then configKeysForEntityType: the entity's valid keys, or its failure. */
function configKeys(entity: ClientQuotaEntity): ReadonlyMap<string, QuotaValueType> | Failure {
  if (entity.length === 0) return invalid('Invalid empty client quota entity')
  const seen = new Set<string>()
  for (const { entityType, entityName } of entityEntriesOrder(entity)) {
    if (seen.has(entityType))
      return invalid(`Invalid client quota entity, duplicate entity entry ${entityType}`)
    if (![USER, CLIENT_ID, IP].includes(entityType))
      return invalid(`Unhandled client quota entity type: ${entityType}`)
    seen.add(entityType)
    if (entityName === '') return invalid(`Empty ${entityType} not supported`)
  }
  if (!seen.has(IP)) return USER_AND_CLIENT_QUOTA_TYPES
  if (seen.has(USER) || seen.has(CLIENT_ID)) {
    return invalid('Invalid quota entity combination, IP entity shouldnot be combined with User or ClientId')
  }
  const ip = entity.find((e) => e.entityType === IP)?.entityName ?? null
  if (ip !== null && !isResolvableHost(ip)) return invalid(`${ip} is not a valid IP or resolvable host.`)
  return IP_QUOTA_TYPES
}

/** validateQuotaKeyValue: null when the value is acceptable for the key. */
function validateQuotaKeyValue(
  keys: ReadonlyMap<string, QuotaValueType>,
  key: string,
  value: number,
): Failure | null {
  const type = keys.get(key)
  if (type === undefined) return invalid(`Invalid configuration key ${key}`)
  if (value <= 0) return invalid(`Quota ${key} must be greater than 0`)
  if (type === 'DOUBLE') return null
  if (type === 'LONG' && value > LONG_MAX)
    return invalid(`Proposed value for ${key} is too large for a LONG.`)
  if (type === 'INT' && value > INT_MAX) return invalid(`Proposed value for ${key} is too large for an INT.`)
  if (Math.abs(value % 1) > 1e-6) return invalid(`${key} cannot be a fractional value.`)
  return null
}

function alterEntity(
  metadata: ClusterMetadata,
  entity: ClientQuotaEntity,
  ops: readonly ClientQuotaOp[],
): { failure: Failure | null; records: MetadataRecord[] } {
  const keys = configKeys(entity)
  if (!(keys instanceof Map)) return { failure: keys as Failure, records: [] }
  const current = metadata.clientQuotas.get(entityKey(entity))?.quotas ?? new Map<string, number>()
  const records: MetadataRecord[] = []
  const ordered = javaHashOrder(
    ops,
    (op) => javaStringHashCode(op.key),
    javaHashMapCapacity(ops.length, ops.length),
  )
  for (const { key, value } of ordered) {
    if (value === null) {
      if (current.has(key)) records.push({ type: 'ClientQuotaRecord', entity, key, value: 0, remove: true })
      continue
    }
    const failure = validateQuotaKeyValue(keys, key, value)
    if (failure !== null) return { failure, records: [] }
    if (current.get(key) !== value)
      records.push({ type: 'ClientQuotaRecord', entity, key, value, remove: false })
  }
  return { failure: null, records }
}

export function alterClientQuotasRecords(
  metadata: ClusterMetadata,
  alterations: readonly ClientQuotaAlteration[],
): { results: AlterClientQuotasEntityResult[]; records: MetadataRecord[] } {
  const results = new Map<string, AlterClientQuotasEntityResult>()
  const records: MetadataRecord[] = []
  for (const { entity, ops } of alterations) {
    const key = entityKey(entity)
    const duplicateKey = ops.some((op, i) => ops.findIndex((other) => other.key === op.key) !== i)
    if (duplicateKey || results.has(key)) {
      const message = `Ignoring duplicate entity ${clientQuotaEntityString(entity)}`
      results.set(key, { entity, ...invalid(message) })
      continue
    }
    const outcome = alterEntity(metadata, entity, ops)
    records.push(...outcome.records)
    results.set(key, { entity, ...(outcome.failure ?? { error: null, message: null }) })
  }
  return { results: [...results.values()], records }
}
