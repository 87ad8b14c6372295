/**
 * The Admin's client quota calls (KafkaAdminClient.describeClientQuotas and alterClientQuotas), each one request
 * to any broker. describeClientQuotas fails with the exception of the answer's error; otherwise it returns the
 * entities and their values in the order the Java client's result iterates them: a `new HashMap<>(n)` of
 * ClientQuotaEntity (whose hashCode is its entries map's: the sum of each type's hash XOR its name's, 0 for a
 * null name), each holding a `new HashMap<>(n)` of quota values (DescribeClientQuotasResponse.complete).
 * alterClientQuotas fails, as its result's all() does, with the exception of the first entity that failed.
 */
import { javaHashMapCapacity, javaHashOrder, javaStringHashCode } from '../../net/java-hash.ts'
import type {
  ClientQuotaAlteration,
  ClientQuotaEntity,
  ClientQuotaFilter,
} from '../../protocol/kafka-quotas.ts'
import type { DescribedClientQuota } from './api.ts'
import type { ClusterConnection } from './cluster-connection.ts'
import { kafkaError } from './errors.ts'

/** ClientQuotaEntity.hashCode: AbstractMap.hashCode of its entries. */
export function clientQuotaEntityHashCode(entity: ClientQuotaEntity): number {
  let hash = 0
  for (const { entityType, entityName } of entity) {
    const nameHash = entityName === null ? 0 : javaStringHashCode(entityName)
    hash = (hash + (javaStringHashCode(entityType) ^ nameHash)) | 0
  }
  return hash
}

function hashMapOrder<T>(items: readonly T[], hashCode: (item: T) => number): T[] {
  return javaHashOrder(items, hashCode, javaHashMapCapacity(items.length, items.length))
}

export async function describeClientQuotas(
  connection: ClusterConnection,
  filter: ClientQuotaFilter,
): Promise<DescribedClientQuota[]> {
  const response = await connection.any((broker) => broker.describeClientQuotas(filter))
  if (response.error !== null) throw kafkaError(response.error, response.message)
  const described = response.entries.map(({ entity, values }) => ({
    entity,
    values: hashMapOrder(
      values.map(({ key, value }): [string, number] => [key, value]),
      ([key]) => javaStringHashCode(key),
    ),
  }))
  return hashMapOrder(described, ({ entity }) => clientQuotaEntityHashCode(entity))
}

export async function alterClientQuotas(
  connection: ClusterConnection,
  alterations: ClientQuotaAlteration[],
  validateOnly: boolean,
): Promise<void> {
  const results = await connection.any((broker) => broker.alterClientQuotas(alterations, validateOnly))
  const failed = results.find((result) => result.error !== null)
  if (failed?.error) throw kafkaError(failed.error, failed.message)
}
