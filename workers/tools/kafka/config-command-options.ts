/**
 * kafka-configs' options (ConfigCommand.ConfigCommandOptions of Kafka 4.1) and checkArgs: the usage errors
 * (printed with the help table) and the IllegalArgumentExceptions (printed alone) in Kafka's order. The
 * entity is given as `--entity-type t --entity-name n` / `--entity-default`, or by a flag such as `--topic n`,
 * `--broker n` or `--broker-defaults`; a default entity has the name "".
 */
import { UsageException, checkInvalidArgs } from './command-line-utils.ts'
import type { OptionSpec } from './options/option-spec.ts'
import { HELP_AND_VERSION, flag, withArgument } from './options/option-spec.ts'
import type { OptionSet } from './options/option-set.ts'
import { TOPIC_CONFIG_NAMES } from './topic-configs.ts'
import { illegalArgument } from './tool-errors.ts'
import {
  IP_QUOTA_TYPES,
  SCRAM_MECHANISMS,
  USER_AND_CLIENT_QUOTA_TYPES,
} from '../../kafka/config/quota-config.ts'
import { isResolvableHost } from '../../net/inet-address.ts'

function configNames(names: readonly string[]): string {
  return (
    '\n' +
    [...names]
      .sort()
      .map((name) => '\t' + name)
      .join('\n') +
    '\n'
  )
}

const QUOTAS = [...USER_AND_CLIENT_QUOTA_TYPES.keys()]

export const CONFIG_COMMAND_OPTIONS: readonly OptionSpec[] = [
  ...HELP_AND_VERSION,
  withArgument('bootstrap-server', 'The Kafka servers to connect to.', {
    argumentDescription: 'server to connect to',
  }),
  withArgument('bootstrap-controller', 'The Kafka controllers to connect to.', {
    argumentDescription: 'controller to connect to',
  }),
  withArgument(
    'command-config',
    'Property file containing configs to be passed to Admin Client. This is used only with --bootstrap-server option for describing and altering broker configs.',
    { argumentDescription: 'command config property file' },
  ),
  flag('alter', 'Alter the configuration for the entity.'),
  flag('describe', 'List configs for the given entity.'),
  flag('all', 'List all configs for the given entity, including static configs if available.'),
  withArgument(
    'entity-type',
    'Type of entity (topics/clients/users/brokers/broker-loggers/ips/client-metrics/groups)',
  ),
  withArgument(
    'entity-name',
    'Name of entity (topic name/client id/user principal name/broker id/ip/client metrics/group id)',
  ),
  flag(
    'entity-default',
    'Default entity name for clients/users/brokers/ips (applies to corresponding entity type)',
  ),
  withArgument(
    'add-config',
    "Key Value pairs of configs to add. Square brackets can be used to group values which contain commas: 'k1=v1,k2=[v1,v2,v2],k3=v3'. The following is a list of valid configurations: " +
      "For entity-type 'topics': " +
      configNames(TOPIC_CONFIG_NAMES) +
      "For entity-type 'users': " +
      configNames([...SCRAM_MECHANISMS, ...QUOTAS]) +
      "For entity-type 'clients': " +
      configNames(QUOTAS) +
      "For entity-type 'ips': " +
      configNames([...IP_QUOTA_TYPES.keys()]) +
      "Entity types 'users' and 'clients' may be specified together to update config for clients of a specific user.",
  ),
  withArgument(
    'add-config-file',
    'Path to a properties file with configs to add. See add-config for a list of valid configurations.',
  ),
  withArgument('delete-config', "config keys to remove 'k1,k2'"),
  withArgument('topic', "The topic's name."),
  withArgument('client', "The client's ID."),
  flag('client-defaults', 'The config defaults for all clients.'),
  withArgument('user', "The user's principal name."),
  flag('user-defaults', 'The config defaults for all users.'),
  withArgument('broker', "The broker's ID."),
  flag('broker-defaults', 'The config defaults for all brokers.'),
  withArgument('broker-logger', "The broker's ID for its logger config."),
  flag('ip-defaults', 'The config defaults for all IPs.'),
  withArgument('ip', 'The IP address.'),
  withArgument('group', "The group's ID."),
  withArgument('client-metrics', 'The client metrics config resource name.'),
]

/** ConfigType values, with broker-loggers first, as BROKER_SUPPORTED_CONFIG_TYPES lists them. */
const SUPPORTED_TYPES = [
  'broker-loggers',
  'topics',
  'clients',
  'users',
  'brokers',
  'ips',
  'client-metrics',
  'groups',
]

/** The specific entity flags and the type each stands for. */
const ENTITY_FLAGS: ReadonlyArray<readonly [string, string]> = [
  ['topic', 'topics'],
  ['client', 'clients'],
  ['user', 'users'],
  ['broker', 'brokers'],
  ['broker-logger', 'broker-loggers'],
  ['ip', 'ips'],
  ['client-metrics', 'client-metrics'],
  ['group', 'groups'],
]
const DEFAULT_FLAGS: ReadonlyArray<readonly [string, string]> = [
  ['client-defaults', 'clients'],
  ['user-defaults', 'users'],
  ['broker-defaults', 'brokers'],
  ['ip-defaults', 'ips'],
]

export interface ConfigEntity {
  action: 'alter' | 'describe'
  types: string[]
  /** One per given name or default ("" for a default). */
  names: string[]
}

function entityTypes(options: OptionSet): string[] {
  const flags = [...ENTITY_FLAGS, ...DEFAULT_FLAGS]
    .filter(([name]) => options.has(name))
    .map(([, type]) => type)
  return [...options.valuesOf('entity-type'), ...flags]
}

/** ConfigCommandOptions.entityNames: --entity-name and --entity-default in command-line order, then the flags. */
function entityNames(options: OptionSet): string[] {
  const names = options.valuesOf('entity-name').values()
  return [
    ...options
      .occurrenceNames()
      .filter((name) => name === 'entity-name' || name === 'entity-default')
      .map((name) => (name === 'entity-name' ? (names.next().value ?? '') : '')),
    ...ENTITY_FLAGS.filter(([name]) => options.has(name)).map(([name]) => options.valueOf(name) ?? ''),
    ...DEFAULT_FLAGS.filter(([name]) => options.has(name)).map(() => ''),
  ]
}

function checkAlter(
  options: OptionSet,
  types: readonly string[],
  hasName: boolean,
  hasDefault: boolean,
): void {
  if (types.some((type) => ['users', 'clients', 'brokers', 'ips'].includes(type))) {
    if (!hasName && !hasDefault) {
      throw illegalArgument(
        'An entity-name or default entity must be specified with --alter of users, clients, brokers or ips',
      )
    }
  } else if (!hasName) {
    throw illegalArgument(`An entity name must be specified with --alter of ${types.join(',')}`)
  }
  if (options.has('add-config') && options.has('add-config-file')) {
    throw illegalArgument('Only one of --add-config or --add-config-file must be specified')
  }
  if (!options.has('add-config') && !options.has('add-config-file') && !options.has('delete-config')) {
    throw illegalArgument(
      'At least one of --add-config, --add-config-file, or --delete-config must be specified with --alter',
    )
  }
}

/** ConfigCommandOptions.checkArgs. */
export function checkConfigArgs(options: OptionSet): ConfigEntity {
  const actions = (['alter', 'describe'] as const).filter((action) => options.has(action))
  const action = actions[0]
  if (actions.length !== 1 || action === undefined) {
    throw new UsageException('Command must include exactly one action: --describe, --alter')
  }
  checkInvalidArgs(options, 'alter', ['describe'])
  checkInvalidArgs(options, 'describe', ['alter', 'add-config', 'delete-config'])
  const types = entityTypes(options)
  const duplicates = [...new Set(types.filter((type, index) => types.indexOf(type) !== index))]
  if (duplicates.length > 0)
    throw illegalArgument(`Duplicate entity type(s) specified: ${duplicates.join(',')}`)
  if (!options.has('bootstrap-server') && !options.has('bootstrap-controller')) {
    throw illegalArgument('Either --bootstrap-server or --bootstrap-controller must be specified.')
  }
  for (const type of types) {
    if (!SUPPORTED_TYPES.includes(type)) {
      throw illegalArgument(
        `Invalid entity type ${type}, the entity type must be one of ${SUPPORTED_TYPES.join(', ')} with a --bootstrap-server or --bootstrap-controller argument`,
      )
    }
  }
  if (types.length === 0) throw illegalArgument('At least one entity type must be specified')
  if (types.length > 1 && !(types.length === 2 && types.includes('users') && types.includes('clients'))) {
    throw illegalArgument("Only 'users' and 'clients' entity types may be specified together")
  }
  const usesEntityOptions = ['entity-name', 'entity-type', 'entity-default'].some((name) => options.has(name))
  if (usesEntityOptions && [...ENTITY_FLAGS, ...DEFAULT_FLAGS].some(([name]) => options.has(name))) {
    throw illegalArgument(
      '--entity-{type,name,default} should not be used in conjunction with specific entity flags',
    )
  }
  const names = entityNames(options)
  const hasName = names.some((name) => name !== '')
  const hasDefault = names.includes('')
  if (options.has('bootstrap-server') && options.has('bootstrap-controller')) {
    throw illegalArgument('Only one of --bootstrap-server or --bootstrap-controller can be specified')
  }
  if (hasName && (types.includes('brokers') || types.includes('broker-loggers'))) {
    for (const id of ['entity-name', 'broker', 'broker-logger'].map((name) => options.valueOf(name))) {
      if (id !== null && !/^[+-]?[0-9]+$/.test(id)) {
        throw illegalArgument(
          `The entity name for ${types[0] ?? ''} must be a valid integer broker id, but it is: ${id}`,
        )
      }
    }
  }
  if (hasName && types.includes('ips')) {
    for (const ip of ['entity-name', 'ip'].map((name) => options.valueOf(name))) {
      if (ip !== null && !isResolvableHost(ip)) {
        throw illegalArgument(
          `The entity name for ${types[0] ?? ''} must be a valid IP or resolvable host, but it is: ${ip}`,
        )
      }
    }
  }
  if (action === 'describe') {
    if (
      !types.some((type) => ['users', 'clients', 'brokers', 'ips'].includes(type)) &&
      options.has('entity-default')
    ) {
      throw illegalArgument(`--entity-default must not be specified with --describe of ${types.join(',')}`)
    }
    if (types.includes('broker-loggers') && !hasName) {
      throw illegalArgument(`An entity name must be specified with --describe of ${types.join(',')}`)
    }
  } else {
    checkAlter(options, types, hasName, hasDefault)
  }
  return { action, types, names }
}
