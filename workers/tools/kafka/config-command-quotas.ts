/**
 * kafka-configs.sh for client quota entities (ConfigCommand of Kafka 4.1: the `users`, `clients` and `ips`
 * branches of alterConfig and describeConfig). An entity is one type (or `users` and `clients` together) with a
 * name each, "" for a default. --alter checks the config names (quota keys for clients and ips, quota keys or
 * SCRAM mechanisms for users), reads the entity's current quotas to refuse deleting an absent one (`Invalid
 * config(s): k`), parses each value as a double (`Cannot parse quota configuration value for k: v`), then sends
 * one AlterClientQuotas with the adds (in the Java HashMap order of the parsed configs) and the deletes.
 * --describe asks DescribeClientQuotas with a strict filter of one component per type (the exact name, the
 * default for "", any name when none was given) and prints one `Quota configs for user-principal 'u', client-id
 * 'c' are producer_byte_rate=1024.0, ...` line per entity (`the default client-id` for a default), values as
 * Java's Double.toString, entities and keys in the admin client's HashMap order. The playground keeps no SCRAM
 * credentials: describing users lists none (as for a cluster without any), altering them is refused.
 */
import type { Admin } from '../../clients/kafka/api.ts'
import type { ClientQuotaEntity, ClientQuotaFilterComponent } from '../../protocol/kafka-quotas.ts'
import {
  CLIENT_ID,
  IP,
  MATCH_TYPE_DEFAULT,
  MATCH_TYPE_EXACT,
  MATCH_TYPE_SPECIFIED,
  USER,
} from '../../protocol/kafka-quotas.ts'
import {
  IP_QUOTA_TYPES,
  SCRAM_MECHANISMS,
  isClientOrUserQuotaConfig,
} from '../../kafka/config/quota-config.ts'
import { parseJavaDouble } from '../../net/java-double.ts'
import { javaDoubleToString } from '../../es/xcontent/java-number-format.ts'
import type { ToolContext } from '../tool.ts'
import { JavaException } from './java-exception.ts'
import { javaHashMapOrder } from './java-hash-map.ts'
import { futureGet, illegalArgument } from './tool-errors.ts'

const QUOTA_ENTITY_TYPES: Readonly<Record<string, string>> = { users: USER, clients: CLIENT_ID, ips: IP }
const DESCRIBED_TYPES: ReadonlyArray<readonly [string, string]> = [
  [USER, 'user-principal'],
  [CLIENT_ID, 'client-id'],
  [IP, 'ip'],
]

export interface QuotaChanges {
  /** The parsed --add-config, in insertion order. */
  toAdd: ReadonlyMap<string, string>
  toDelete: readonly string[]
}

/** The order in which a Java HashSet (16 buckets to start) joins these names. */
function setOrder(names: Iterable<string>): string {
  return javaHashMapOrder([...new Set(names)], 16).join(',')
}

function quotaEntityType(type: string): string {
  const entityType = QUOTA_ENTITY_TYPES[type]
  if (entityType === undefined) throw illegalArgument(`Unexpected entity type ${type}`)
  return entityType
}

/** getAllClientQuotasConfigs: a strict filter with one component per entity type. */
function filterComponents(types: readonly string[], names: readonly string[]): ClientQuotaFilterComponent[] {
  return Array.from({ length: Math.max(types.length, names.length) }, (_, i) => {
    const type = types[i]
    if (type === undefined) throw illegalArgument('More entity names specified than entity types')
    const entityType = quotaEntityType(type)
    const name = names[i]
    if (name === undefined) return { entityType, matchType: MATCH_TYPE_SPECIFIED, match: null }
    if (name === '') return { entityType, matchType: MATCH_TYPE_DEFAULT, match: null }
    return { entityType, matchType: MATCH_TYPE_EXACT, match: name }
  })
}

function describeQuotas(admin: Admin, types: readonly string[], names: readonly string[]) {
  return futureGet(admin.describeClientQuotas({ components: filterComponents(types, names), strict: true }))
}

function entityText(entity: ClientQuotaEntity): string {
  return DESCRIBED_TYPES.flatMap(([type, label]) => {
    const entry = entity.find((e) => e.entityType === type)
    if (entry === undefined) return []
    const name = entry.entityName
    return [name === null || name === '' ? `the default ${label}` : `${label} '${name}'`]
  }).join(', ')
}

/** describeQuotaConfigs (and, for users, the SCRAM credentials: the playground has none to list). */
export async function describeQuotaConfigs(
  admin: Admin,
  types: readonly string[],
  names: readonly string[],
  context: ToolContext,
): Promise<void> {
  for (const { entity, values } of await describeQuotas(admin, types, names)) {
    const entries = values.map(([key, value]) => `${key}=${javaDoubleToString(value)}`).join(', ')
    context.out.stdout(`Quota configs for ${entityText(entity)} are ${entries}\n`)
  }
}

/** alterConfig's checks of the config names for users and clients; true when SCRAM credentials are altered. */
function checkUserAndClientNames(types: readonly string[], names: readonly string[], changes: QuotaChanges) {
  const adds = [...changes.toAdd.keys()]
  const isScram = (key: string): boolean => SCRAM_MECHANISMS.includes(key)
  const unknown = (keys: readonly string[]): string[] =>
    keys.filter((key) => !isScram(key) && !isClientOrUserQuotaConfig(key))
  const hasQuotas = adds.some(isClientOrUserQuotaConfig) || changes.toDelete.some(isClientOrUserQuotaConfig)
  const scram = [...adds, ...changes.toDelete].filter(isScram)
  if (types[0] === 'clients' || types.length === 2) {
    for (const [keys, verb] of [
      [adds, 'added'],
      [changes.toDelete, 'deleted'],
    ] as const) {
      const unexpected = [...unknown(keys), ...keys.filter(isScram)]
      if (unexpected.length > 0) {
        throw illegalArgument(
          `Only quota configs can be ${verb} for 'clients' using --bootstrap-server. Unexpected config names: ${setOrder(unexpected)}`,
        )
      }
    }
    return false
  }
  for (const [keys, verb] of [
    [adds, 'added'],
    [changes.toDelete, 'deleted'],
  ] as const) {
    if (unknown(keys).length > 0) {
      throw illegalArgument(
        `Only quota and SCRAM credential configs can be ${verb} for 'users' using --bootstrap-server. Unexpected config names: ${setOrder(unknown(keys))}`,
      )
    }
  }
  if (scram.length === 0) return false
  if (names.includes('')) {
    throw illegalArgument(
      'The use of --entity-default or --user-defaults is not allowed with User SCRAM Credentials using --bootstrap-server.',
    )
  }
  if (hasQuotas) {
    throw illegalArgument(
      "Cannot alter both quota and SCRAM credential configs simultaneously for 'users' using --bootstrap-server.",
    )
  }
  return true
}

function checkIpNames(changes: QuotaChanges): void {
  const unknown = [...changes.toAdd.keys(), ...changes.toDelete].filter((key) => !IP_QUOTA_TYPES.has(key))
  if (unknown.length > 0) {
    throw illegalArgument(
      `Only connection quota configs can be added for 'ips' using --bootstrap-server. Unexpected config names: ${javaHashMapOrder([...new Set(unknown)], 16).join(', ')}`,
    )
  }
}

/** alterQuotaConfigs: one AlterClientQuotas for the entity. */
async function alterQuotaConfigs(
  admin: Admin,
  types: readonly string[],
  names: readonly string[],
  changes: QuotaChanges,
): Promise<void> {
  if (types.length !== names.length)
    throw illegalArgument('Exactly one entity name must be specified for every entity type')
  const current = (await describeQuotas(admin, types, names))[0]?.values ?? []
  const invalid = changes.toDelete.filter((key) => !current.some(([name]) => name === key))
  if (invalid.length > 0) {
    throw new JavaException(
      'org.apache.kafka.common.errors.InvalidConfigurationException',
      `Invalid config(s): ${invalid.join(',')}`,
    )
  }
  const entity = types.map((type, i) => ({
    entityType: quotaEntityType(type),
    entityName: names[i] === '' ? null : (names[i] ?? null),
  }))
  const adds = javaHashMapOrder([...changes.toAdd.keys()], 16).map((key) => {
    const text = changes.toAdd.get(key) ?? ''
    const value = parseJavaDouble(text)
    if (value === null) throw illegalArgument(`Cannot parse quota configuration value for ${key}: ${text}`)
    return { key, value }
  })
  const ops = [...adds, ...changes.toDelete.map((key) => ({ key, value: null }))]
  await futureGet(admin.alterClientQuotas([{ entity, ops }], { validateOnly: false }))
}

/** alterConfig for users, clients and ips; false when the change asks for what the playground cannot do. */
export async function alterQuotaEntity(
  admin: Admin,
  types: readonly string[],
  names: readonly string[],
  changes: QuotaChanges,
  context: ToolContext,
): Promise<boolean> {
  if (types[0] === 'ips') checkIpNames(changes)
  else if (checkUserAndClientNames(types, names, changes)) {
    context.out.stderr(
      '[playground] kafka-configs cannot alter SCRAM credentials: the playground keeps none (AlterUserScramCredentials).\n',
    )
    return false
  }
  await alterQuotaConfigs(admin, types, names, changes)
  return true
}
