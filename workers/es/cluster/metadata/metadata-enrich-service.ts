/**
 * EnrichStore on the master: enrich policies put into and removed from the cluster state, and
 * EnrichPolicyRunner.validateMappings, which a put runs against every index the policy's index expressions
 * name now (and an execution runs again):
 * - a name in use is resource_already_exists_exception "policy [x] already exists"; a missing one on delete
 *   resource_not_found_exception "policy [x] not found";
 * - each source index needs a mapping (put: "source index [i] has no mapping"), and the match field must be
 *   reachable through object fields ("Could not traverse mapping to field [a.b]. ..."); such failures are a plain ElasticsearchException
 *   (type `exception`, 500) "Enrich policy execution for [p] failed while validating field mappings for index
 *   [i]" caused by the traversal's own message.
 */
import { EsException } from '../../errors/index.ts'
import type { ClusterState } from '../state/cluster-state.ts'
import type { FieldMapping, Mapping } from '../../index/mapper/mapping.ts'
import type { IndexMetadata } from '../../index/index-metadata.ts'
import { concreteIndexNames } from './index-abstraction.ts'
import { policyExistsException, type EnrichPolicyMetadata } from './enrich-policy.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import { resourceNotFoundException } from './metadata-errors.ts'

export function enrichPolicies(state: ClusterState): Readonly<Record<string, EnrichPolicyMetadata>> {
  return state.metadata.enrichPolicies ?? {}
}

/** EnrichStore.putPolicy on the master: `indices` are the state's indices' metadata. */
export function putEnrichPolicy(
  state: ClusterState,
  indices: readonly IndexMetadata[],
  name: string,
  policy: EnrichPolicyMetadata,
): ClusterState {
  for (const metadata of sourceIndices(indices, policy)) {
    if (Object.keys(metadata.mapping.properties).length === 0) {
      throw illegalArgumentException(`source index [${metadata.name}] has no mapping`)
    }
    validateMappings(name, policy, metadata)
  }
  const existing = enrichPolicies(state)
  if (existing[name]) throw policyExistsException(name)
  return { ...state, metadata: { ...state.metadata, enrichPolicies: { ...existing, [name]: policy } } }
}

export function deleteEnrichPolicy(state: ClusterState, name: string): ClusterState {
  const policies = { ...enrichPolicies(state) }
  if (!policies[name]) throw resourceNotFoundException(`policy [${name}] not found`)
  delete policies[name]
  return { ...state, metadata: { ...state.metadata, enrichPolicies: policies } }
}

/** The concrete indices the policy's index expressions name (index_not_found_exception for a missing name). */
export function sourceIndices(
  indices: readonly IndexMetadata[],
  policy: EnrichPolicyMetadata,
): IndexMetadata[] {
  const byName = new Map(indices.map((metadata) => [metadata.name, metadata]))
  const names = new Set(policy.indices.flatMap((expression) => concreteIndexNames(indices, expression)))
  return [...names].map((name) => byName.get(name)!)
}

/** EnrichPolicyRunner.validateMappings for one source index that has a mapping. */
export function validateMappings(name: string, policy: EnrichPolicyMetadata, index: IndexMetadata): void {
  const problem = traverse(index.mapping, policy.matchField)
  if (problem !== null) {
    throw new EsException({
      type: 'exception',
      reason: `Enrich policy execution for [${name}] failed while validating field mappings for index [${index.name}]`,
      status: 500,
      causedBy: new EsException({ type: 'exception', reason: problem, status: 500 }),
    })
  }
}

/** validateAndGetMappingTypeAndFormat's traversal to a required field: the failure's message, or null. */
function traverse(mapping: Mapping, field: string): string | null {
  let current: { type?: string; properties?: Record<string, FieldMapping> } = mapping
  let parent = 'root'
  for (const [i, part] of field.split('.').entries()) {
    if (current.type !== undefined && current.type !== 'object') {
      return `Could not traverse mapping to field [${field}]. The [${parent}] field must be regular object but was [${current.type}].`
    }
    const properties = current.properties
    if (properties === undefined) {
      return `Could not traverse mapping to field [${field}]. Expected the [${parent}] field to have sub fields but none were configured.`
    }
    if (!Object.hasOwn(properties, part)) {
      return `Could not traverse mapping to field [${field}]. Could not find the [${part}] field under [${parent}]`
    }
    current = properties[part]!
    parent = i === 0 ? part : `${parent}.${part}`
  }
  return null
}
