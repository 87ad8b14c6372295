/**
 * The controller's side of CreateAcls and DeleteAcls (Kafka 4.1's ControllerApis through AclApis, then
 * AclControlManager). Without an authorizer on the controller's node every binding or filter fails with
 * SECURITY_DISABLED `No Authorizer is configured.`. A new binding is checked as AclApis does (a CLUSTER
 * resource must be named kafka-cluster; no empty name), then as validateNewAcl does (a concrete resource type,
 * LITERAL or PREFIXED, a concrete operation, ALLOW or DENY); a binding equal to an existing ACL succeeds and
 * writes nothing; each new one gets a fresh random Uuid and one AccessControlEntryRecord. A delete filter removes
 * every ACL it matches, in the order the ACLs were added; an ACL matched by several filters is removed by one
 * RemoveAccessControlEntryRecord.
 */
import type { Random } from '../../net/random.ts'
import type {
  AclBinding,
  AclBindingFilter,
  AclCreationResult,
  DeleteAclsFilterResult,
} from '../../protocol/kafka-acls.ts'
import { CLUSTER_NAME, bindingFilterMatches, bindingKey } from '../../protocol/kafka-acls.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'
import type { MetadataRecord } from '../metadata/metadata-records.ts'
import { randomUuid } from '../metadata/uuid.ts'

/** AclApis' answer when the node runs no authorizer (CreateAcls and DeleteAcls). */
export const NO_AUTHORIZER = 'No Authorizer is configured.'

const SUCCESS: AclCreationResult = { error: null, message: null }

function invalid(message: string): AclCreationResult {
  return { error: 'INVALID_REQUEST', message }
}

/** AclApis.handleCreateAcls' checks, then AclControlManager.validateNewAcl; null when the binding is valid. */
function validateNewAcl({ pattern, entry }: AclBinding): AclCreationResult | null {
  if (pattern.resourceType === 'CLUSTER' && pattern.name !== CLUSTER_NAME)
    return invalid(`The only valid name for the CLUSTER resource is ${CLUSTER_NAME}`)
  if (pattern.name === '') return invalid('Invalid empty resource name')
  if (pattern.resourceType === 'UNKNOWN' || pattern.resourceType === 'ANY')
    return invalid(`Invalid resourceType ${pattern.resourceType}`)
  if (pattern.patternType !== 'LITERAL' && pattern.patternType !== 'PREFIXED')
    return invalid(`Invalid patternType ${pattern.patternType}`)
  if (entry.operation === 'UNKNOWN' || entry.operation === 'ANY')
    return invalid(`Invalid operation ${entry.operation}`)
  if (entry.permissionType !== 'ALLOW' && entry.permissionType !== 'DENY')
    return invalid(`Invalid permissionType ${entry.permissionType}`)
  return null
}

export function createAclsRecords(
  metadata: ClusterMetadata,
  random: Random,
  bindings: readonly AclBinding[],
): { results: AclCreationResult[]; records: MetadataRecord[] } {
  const existing = new Set([...metadata.acls.values()].map(bindingKey))
  const records: MetadataRecord[] = []
  const results = bindings.map((binding) => {
    const failure = validateNewAcl(binding)
    if (failure !== null) return failure
    const key = bindingKey(binding)
    if (existing.has(key)) return SUCCESS
    existing.add(key)
    let id = randomUuid(random)
    while (metadata.acls.has(id)) id = randomUuid(random)
    const { pattern, entry } = binding
    records.push({
      type: 'AccessControlEntryRecord',
      id,
      resourceType: pattern.resourceType,
      resourceName: pattern.name,
      patternType: pattern.patternType,
      ...entry,
    })
    return SUCCESS
  })
  return { results, records }
}

export function deleteAclsRecords(
  metadata: ClusterMetadata,
  filters: readonly AclBindingFilter[],
): { results: DeleteAclsFilterResult[]; records: MetadataRecord[] } {
  const removed = new Set<string>()
  const results = filters.map((filter): DeleteAclsFilterResult => {
    const deleted: AclBinding[] = []
    for (const [id, binding] of metadata.acls) {
      if (!bindingFilterMatches(filter, binding)) continue
      deleted.push(binding)
      removed.add(id)
    }
    return { error: null, message: null, deleted }
  })
  const records = [...removed].map((id): MetadataRecord => ({ type: 'RemoveAccessControlEntryRecord', id }))
  return { results, records }
}
