/**
 * Kafka's ACL model (org.apache.kafka.common.acl and common.resource) and the broker's CreateAcls, DescribeAcls
 * and DeleteAcls answers, reduced to the fields the clients read. The enums are listed in Kafka's declaration
 * order, so an enum's wire code is its index (ResourceType TOPIC 2, PatternType LITERAL 3, AclOperation READ 3,
 * AclPermissionType ALLOW 3). A filter's null name, principal or host matches anything; ANY matches every
 * value of its enum and MATCH matches the patterns that would apply to the name (ResourcePatternFilter.matches,
 * AccessControlEntryFilter.matches). The toString forms are those of ResourcePattern (also used by
 * ResourcePatternFilter) and AccessControlEntryData.
 */
import type { KafkaErrorName } from './kafka-errors.ts'

export const RESOURCE_TYPES = [
  'UNKNOWN',
  'ANY',
  'TOPIC',
  'GROUP',
  'CLUSTER',
  'TRANSACTIONAL_ID',
  'DELEGATION_TOKEN',
  'USER',
] as const
export type ResourceType = (typeof RESOURCE_TYPES)[number]

export const PATTERN_TYPES = ['UNKNOWN', 'ANY', 'MATCH', 'LITERAL', 'PREFIXED'] as const
export type PatternType = (typeof PATTERN_TYPES)[number]

export const ACL_OPERATIONS = [
  'UNKNOWN',
  'ANY',
  'ALL',
  'READ',
  'WRITE',
  'CREATE',
  'DELETE',
  'ALTER',
  'DESCRIBE',
  'CLUSTER_ACTION',
  'DESCRIBE_CONFIGS',
  'ALTER_CONFIGS',
  'IDEMPOTENT_WRITE',
  'CREATE_TOKENS',
  'DESCRIBE_TOKENS',
  'TWO_PHASE_COMMIT',
] as const
export type AclOperation = (typeof ACL_OPERATIONS)[number]

export const ACL_PERMISSION_TYPES = ['UNKNOWN', 'ANY', 'DENY', 'ALLOW'] as const
export type AclPermissionType = (typeof ACL_PERMISSION_TYPES)[number]

/** Resource.CLUSTER_NAME: the one name a CLUSTER resource has. */
export const CLUSTER_NAME = 'kafka-cluster'
/** ResourcePattern.WILDCARD_RESOURCE. */
export const WILDCARD_RESOURCE = '*'

export interface ResourcePattern {
  resourceType: ResourceType
  name: string
  patternType: PatternType
}

export interface ResourcePatternFilter {
  resourceType: ResourceType
  name: string | null
  patternType: PatternType
}

export interface AccessControlEntry {
  /** A KafkaPrincipal's toString: `User:alice`. */
  principal: string
  host: string
  operation: AclOperation
  permissionType: AclPermissionType
}

export interface AccessControlEntryFilter {
  principal: string | null
  host: string | null
  operation: AclOperation
  permissionType: AclPermissionType
}

export interface AclBinding {
  pattern: ResourcePattern
  entry: AccessControlEntry
}

export interface AclBindingFilter {
  patternFilter: ResourcePatternFilter
  entryFilter: AccessControlEntryFilter
}

/** AccessControlEntryFilter.ANY. */
export const ANY_ENTRY: AccessControlEntryFilter = {
  principal: null,
  host: null,
  operation: 'ANY',
  permissionType: 'ANY',
}

/** ResourcePattern.toString (ResourcePatternFilter prints the same, with `<any>` for a null name). */
export function resourcePatternString(pattern: ResourcePattern | ResourcePatternFilter): string {
  return `ResourcePattern(resourceType=${pattern.resourceType}, name=${pattern.name ?? '<any>'}, patternType=${pattern.patternType})`
}

/** AccessControlEntry.toString (AccessControlEntryData). */
export function accessControlEntryString(entry: AccessControlEntry | AccessControlEntryFilter): string {
  return (
    `(principal=${entry.principal ?? '<any>'}, host=${entry.host ?? '<any>'}, ` +
    `operation=${entry.operation}, permissionType=${entry.permissionType})`
  )
}

/** ResourcePatternFilter.matches. */
export function patternFilterMatches(filter: ResourcePatternFilter, pattern: ResourcePattern): boolean {
  if (filter.resourceType !== 'ANY' && filter.resourceType !== pattern.resourceType) return false
  const { patternType } = filter
  if (patternType !== 'ANY' && patternType !== 'MATCH' && patternType !== pattern.patternType) return false
  if (filter.name === null) return true
  if (patternType === 'ANY' || patternType === pattern.patternType) return filter.name === pattern.name
  return pattern.patternType === 'LITERAL'
    ? filter.name === pattern.name || pattern.name === WILDCARD_RESOURCE
    : filter.name.startsWith(pattern.name)
}

/** AccessControlEntryFilter.matches. */
export function entryFilterMatches(filter: AccessControlEntryFilter, entry: AccessControlEntry): boolean {
  if (filter.principal !== null && filter.principal !== entry.principal) return false
  if (filter.host !== null && filter.host !== entry.host) return false
  if (filter.operation !== 'ANY' && filter.operation !== entry.operation) return false
  return filter.permissionType === 'ANY' || filter.permissionType === entry.permissionType
}

/** AclBindingFilter.matches. */
export function bindingFilterMatches(filter: AclBindingFilter, binding: AclBinding): boolean {
  return (
    patternFilterMatches(filter.patternFilter, binding.pattern) &&
    entryFilterMatches(filter.entryFilter, binding.entry)
  )
}

/** AclBinding.equals, as a key. */
export function bindingKey(binding: AclBinding): string {
  return JSON.stringify([resourcePatternString(binding.pattern), accessControlEntryString(binding.entry)])
}

/** One binding's outcome in a CreateAcls answer: null error when it was created (or already existed). */
export interface AclCreationResult {
  error: KafkaErrorName | null
  message: string | null
}

export interface DescribeAclsResponse {
  error: KafkaErrorName | null
  message: string | null
  bindings: AclBinding[]
}

/** One filter's outcome in a DeleteAcls answer: the bindings it deleted. */
export interface DeleteAclsFilterResult {
  error: KafkaErrorName | null
  message: string | null
  deleted: AclBinding[]
}

/** The ACL requests a broker answers (KafkaApis: DescribeAcls itself, CreateAcls and DeleteAcls forwarded). */
export interface AclApi {
  describeAcls(filter: AclBindingFilter): Promise<DescribeAclsResponse>
  createAcls(bindings: AclBinding[]): Promise<AclCreationResult[]>
  deleteAcls(filters: AclBindingFilter[]): Promise<DeleteAclsFilterResult[]>
}
