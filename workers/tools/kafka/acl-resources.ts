/**
 * What kafka-acls builds from its options before it calls the Admin (AclCommand of Kafka 4.1): the resource
 * filters (--topic, --cluster, --group, --transactional-id, --delegation-token, --user-principal, with
 * --resource-pattern-type), the access control entries (--allow/--deny-principal × --operation × --allow/
 * --deny-host, a principal's hosts defaulting to `*`), the --producer and --consumer convenience sets, and
 * validateOperation. Usage failures are UsageExceptions (printed with the help table); a bad principal is
 * SecurityUtils.parseKafkaPrincipal's IllegalArgumentException and a bad pattern type joptsimple's
 * OptionArgumentConversionException, both of which the tool reports as errors of the command.
 *
 * Order: Kafka keeps resources and entries in HashMaps and HashSets keyed by enums, whose order follows
 * identity hash codes and changes from one JVM run to the next; here resources keep the order of the options
 * above (producer's before consumer's) and entries the order principals, operations and hosts were given, ALLOW
 * before DENY.
 */
import type {
  AccessControlEntry,
  AclOperation,
  AclPermissionType,
  PatternType,
  ResourcePatternFilter,
  ResourceType,
} from '../../protocol/kafka-acls.ts'
import {
  ACL_OPERATIONS,
  CLUSTER_NAME,
  PATTERN_TYPES,
  accessControlEntryString,
} from '../../protocol/kafka-acls.ts'
import { UsageException } from './command-line-utils.ts'
import { JavaException, OptionException } from './java-exception.ts'
import type { OptionSet } from './options/option-set.ts'
import { illegalArgument } from './tool-errors.ts'
import { pascalCase } from './acl-command-options.ts'

/** The ACLs the command names, by resource (filter), in the order described above. */
export type ResourceAcls = Map<string, { filter: ResourcePatternFilter; acls: AccessControlEntry[] }>

const PATTERN_TYPE_VALUES = PATTERN_TYPES.filter((type) => type !== 'UNKNOWN').join('|')

/** options.valueOf(resourcePatternType) through AclCommand.PatternTypeConverter. */
export function patternTypeOf(options: OptionSet): PatternType {
  const text = options.valueOf('resource-pattern-type') ?? 'LITERAL'
  const type = PATTERN_TYPES.find((each) => each.toLowerCase() === text.toLowerCase())
  if (type !== undefined && type !== 'UNKNOWN') return type
  const cause = new JavaException(
    'joptsimple.ValueConversionException',
    type === 'UNKNOWN'
      ? `Unknown resource-pattern-type: ${text}`
      : `Value [${text}] is not one of [${PATTERN_TYPE_VALUES}]`,
  )
  throw new OptionException(
    'joptsimple.OptionArgumentConversionException',
    `Cannot parse argument '${text}' of option resource-pattern-type`,
    [],
    cause,
  )
}

/** SecurityUtils.operation: PascalCase or upper-case names; anything else is UNKNOWN. */
function operationByName(name: string): AclOperation {
  return (
    ACL_OPERATIONS.find(
      (op) => pascalCase(op) === name || pascalCase(op).toUpperCase() === name.toUpperCase(),
    ) ?? 'UNKNOWN'
  )
}

/** SecurityUtils.parseKafkaPrincipal, as KafkaPrincipal.toString prints it. */
function parsePrincipal(text: string): string {
  if (!text.includes(':'))
    throw illegalArgument(`expected a string in format principalType:principalName but got ${text}`)
  return text
}

/** AclEntry.supportedOperations. */
function supportedOperations(type: ResourceType): readonly AclOperation[] {
  switch (type) {
    case 'TOPIC':
      return ['READ', 'WRITE', 'CREATE', 'DESCRIBE', 'DELETE', 'ALTER', 'DESCRIBE_CONFIGS', 'ALTER_CONFIGS']
    case 'GROUP':
      return ['READ', 'DESCRIBE', 'DELETE', 'DESCRIBE_CONFIGS', 'ALTER_CONFIGS']
    case 'CLUSTER':
      return [
        'CREATE',
        'CLUSTER_ACTION',
        'DESCRIBE_CONFIGS',
        'ALTER_CONFIGS',
        'IDEMPOTENT_WRITE',
        'ALTER',
        'DESCRIBE',
      ]
    case 'TRANSACTIONAL_ID':
      return ['DESCRIBE', 'WRITE', 'TWO_PHASE_COMMIT']
    case 'DELEGATION_TOKEN':
      return ['DESCRIBE']
    default:
      return ['CREATE_TOKENS', 'DESCRIBE_TOKENS']
  }
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)]
}

function principalsOf(options: OptionSet, name: string): string[] {
  return unique(options.valuesOf(name).map((text) => parsePrincipal(text.trim())))
}

/** AclCommand.getHosts: the given hosts, `*` for a principal without hosts, none without principals. */
function hostsOf(options: OptionSet, hostOption: string, principalOption: string): string[] {
  if (options.has(hostOption)) return unique(options.valuesOf(hostOption).map((host) => host.trim()))
  return options.has(principalOption) ? ['*'] : []
}

/** AclCommand.getAcl(opts, operations). */
function aclsFor(options: OptionSet, operations: readonly AclOperation[]): AccessControlEntry[] {
  const sides: Array<[AclPermissionType, string, string]> = [
    ['ALLOW', 'allow-principal', 'allow-host'],
    ['DENY', 'deny-principal', 'deny-host'],
  ]
  const acls: AccessControlEntry[] = []
  for (const [permissionType, principalOption, hostOption] of sides) {
    const principals = principalsOf(options, principalOption)
    const hosts = hostsOf(options, hostOption, principalOption)
    if (principals.length === 0 || hosts.length === 0) continue
    for (const principal of principals)
      for (const operation of operations)
        for (const host of hosts) acls.push({ principal, host, operation, permissionType })
  }
  return acls
}

/** The principals of --principal (listAcls). */
export function listPrincipals(options: OptionSet): string[] {
  return principalsOf(options, 'principal')
}

/** AclCommand.getResourceFilter. */
export function resourceFilters(options: OptionSet, dieIfNoResourceFound: boolean): ResourcePatternFilter[] {
  const patternType = patternTypeOf(options)
  const named = (resourceType: ResourceType, option: string, trim = true): ResourcePatternFilter[] =>
    options.valuesOf(option).map((name) => ({ resourceType, name: trim ? name.trim() : name, patternType }))
  const cluster: ResourcePatternFilter[] =
    patternType === 'LITERAL' && (options.has('cluster') || options.has('idempotent'))
      ? [{ resourceType: 'CLUSTER', name: CLUSTER_NAME, patternType: 'LITERAL' }]
      : []
  const filters = [
    ...named('TOPIC', 'topic'),
    ...cluster,
    ...named('GROUP', 'group'),
    ...named('TRANSACTIONAL_ID', 'transactional-id', false),
    ...named('DELEGATION_TOKEN', 'delegation-token'),
    ...named('USER', 'user-principal'),
  ]
  if (filters.length === 0 && dieIfNoResourceFound) {
    throw new UsageException(
      'You must provide at least one resource: --topic <topic> or --cluster or --group <group> or --delegation-token <Delegation Token ID>',
    )
  }
  return filters
}

function put(map: ResourceAcls, filter: ResourcePatternFilter, acls: readonly AccessControlEntry[]): void {
  const key = JSON.stringify([filter.resourceType, filter.name, filter.patternType])
  const existing = map.get(key)?.acls ?? []
  const seen = new Set(existing.map(accessControlEntryString))
  map.set(key, {
    filter,
    acls: [...existing, ...acls.filter((acl) => !seen.has(accessControlEntryString(acl)))],
  })
}

/** AclCommand.getResourceFilterToAcls, with validateOperation. */
export function resourceFilterToAcls(options: OptionSet): ResourceAcls {
  const map: ResourceAcls = new Map()
  const producer = options.has('producer')
  const consumer = options.has('consumer')
  if (!producer && !consumer) {
    const operations = unique(options.valuesOf('operation').map((name) => operationByName(name.trim())))
    const acls = aclsFor(options, operations)
    for (const filter of resourceFilters(options, true)) put(map, filter, acls)
  }
  if (producer) {
    const filters = resourceFilters(options, true)
    for (const filter of filters.filter((f) => f.resourceType === 'TOPIC'))
      put(map, filter, aclsFor(options, ['WRITE', 'DESCRIBE', 'CREATE']))
    for (const filter of filters.filter((f) => f.resourceType === 'TRANSACTIONAL_ID'))
      put(map, filter, aclsFor(options, ['WRITE', 'DESCRIBE']))
    if (options.has('idempotent'))
      put(
        map,
        { resourceType: 'CLUSTER', name: CLUSTER_NAME, patternType: 'LITERAL' },
        aclsFor(options, ['IDEMPOTENT_WRITE']),
      )
  }
  if (consumer) {
    const filters = resourceFilters(options, true)
    for (const filter of filters.filter((f) => f.resourceType === 'TOPIC'))
      put(map, filter, aclsFor(options, ['READ', 'DESCRIBE']))
    for (const filter of filters.filter((f) => f.resourceType === 'GROUP'))
      put(map, filter, aclsFor(options, ['READ']))
  }
  validateOperation(map)
  return map
}

/** AclCommand.validateOperation: every operation must apply to its resource type (or be ALL). */
function validateOperation(map: ResourceAcls): void {
  for (const { filter, acls } of map.values()) {
    const supported = supportedOperations(filter.resourceType)
    const valid = ACL_OPERATIONS.filter((op) => op === 'ALL' || supported.includes(op))
    if (acls.some((acl) => !valid.includes(acl.operation))) {
      throw new UsageException(
        `ResourceType ${filter.resourceType} only supports operations ${'[' + valid.join(', ') + ']'}`,
      )
    }
  }
}
