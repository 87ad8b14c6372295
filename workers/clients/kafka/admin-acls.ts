/**
 * The Admin's ACL calls (KafkaAdminClient.describeAcls, createAcls, deleteAcls), each one request to any broker:
 * describeAcls fails with the exception of the answer's error (SecurityDisabledException `No Authorizer is
 * configured on the broker` without an authorizer); createAcls and deleteAcls fail, as their results' all()
 * does, with the exception of the first binding or filter that failed, and deleteAcls returns the bindings
 * every filter deleted.
 */
import type { AclBinding, AclBindingFilter } from '../../protocol/kafka-acls.ts'
import type { ClusterConnection } from './cluster-connection.ts'
import { kafkaError } from './errors.ts'

export async function describeAcls(
  connection: ClusterConnection,
  filter: AclBindingFilter,
): Promise<AclBinding[]> {
  const response = await connection.any((broker) => broker.describeAcls(filter), { callName: 'describeAcls' })
  if (response.error !== null) throw kafkaError(response.error, response.message)
  return response.bindings
}

export async function createAcls(connection: ClusterConnection, bindings: AclBinding[]): Promise<void> {
  const results = await connection.any((broker) => broker.createAcls(bindings), { callName: 'createAcls' })
  const failed = results.find((result) => result.error !== null)
  if (failed?.error) throw kafkaError(failed.error, failed.message)
}

export async function deleteAcls(
  connection: ClusterConnection,
  filters: AclBindingFilter[],
): Promise<AclBinding[]> {
  const results = await connection.any((broker) => broker.deleteAcls(filters), { callName: 'deleteAcls' })
  const failed = results.find((result) => result.error !== null)
  if (failed?.error) throw kafkaError(failed.error, failed.message)
  return results.flatMap((result) => result.deleted)
}
