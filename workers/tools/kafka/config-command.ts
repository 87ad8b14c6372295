/**
 * kafka-configs.sh (ConfigCommand of Kafka 4.1) for topics, brokers and client quota entities (users, clients,
 * ips: config-command-quotas.ts). --describe of a topic or broker prints
 * `Dynamic configs for topic orders are:` (`All configs ...` with --all, `Default configs for brokers in
 * the cluster are:` for the default broker) and one `  name=value sensitive=false synonyms={SOURCE:name=value,
 * ...}` line per entry, sorted by name; without --all only entries whose source is the entity's dynamic
 * source. --alter of a topic or broker sends the deletes then the sets as one IncrementalAlterConfigs; every
 * --alter prints `Completed updating config for topic orders.` (`Completed updating default config for users in
 * the cluster.` for a default entity). Errors: usage errors with the help table; IllegalArgumentException,
 * InvalidConfigurationException and parse errors as their message alone; anything else (a failed admin
 * call is a java.util.concurrent.ExecutionException) as `Error while executing config command with args
 * '...'` and the trace. All on stderr, exit 1. Other entity types answer with a playground notice.
 */
import type { Admin, AlterConfigOp, ConfigResource, DescribedConfigEntry } from '../../clients/kafka/api.ts'
import type { Tool, ToolContext } from '../tool.ts'
import {
  UsageException,
  VersionRequest,
  maybePrintHelpOrVersion,
  printUsageOrVersion,
} from './command-line-utils.ts'
import type { ConfigEntity } from './config-command-options.ts'
import { CONFIG_COMMAND_OPTIONS, checkConfigArgs } from './config-command-options.ts'
import { JavaException, OptionException } from './java-exception.ts'
import { javaHashMapOrder } from './java-hash-map.ts'
import { parseOptions } from './options/option-parser.ts'
import type { OptionSet } from './options/option-set.ts'
import { zookeeperHint } from './playground-hints.ts'
import { asJavaException, futureGet, illegalArgument } from './tool-errors.ts'
import { clientLog } from './tool-log.ts'
import { loadProps } from './tool-files.ts'
import type { QuotaChanges } from './config-command-quotas.ts'
import { alterQuotaEntity, describeQuotaConfigs } from './config-command-quotas.ts'

const DYNAMIC_SOURCE = { topics: 'DYNAMIC_TOPIC_CONFIG', brokers: 'DYNAMIC_BROKER_CONFIG' } as const

function invalidConfiguration(message: string): JavaException {
  return new JavaException('org.apache.kafka.common.errors.InvalidConfigurationException', message)
}

/** parseConfigsToBeAdded: `k=v,k2=[a,b]`, commas inside brackets kept, brackets dropped from values. */
function parseConfigsToBeAdded(text: string | null): Map<string, string> {
  const configs = new Map<string, string>()
  if (text === null) return configs
  const outsideBrackets = '(?=[^\\]]*(?:\\[|$))'
  const pairs = text
    .split(new RegExp(',' + outsideBrackets))
    .map((pair) => pair.split(new RegExp('\\s*=\\s*' + outsideBrackets)))
  if (pairs.some((pair) => pair.length !== 2)) {
    throw illegalArgument(
      'Invalid entity config: all configs to be added must be in the format "key=val" or  "key=[val1,val2]" to group values which contain commas.',
    )
  }
  for (const [key = '', value = ''] of pairs) configs.set(key.trim(), value.replace(/\[?\]?/g, '').trim())
  for (const key of configs.keys()) {
    if (!/^[$a-zA-Z0-9._-]*$/.test(key))
      throw illegalArgument(`Invalid character found for config key: ${key}`)
  }
  return configs
}

function resource(type: string, name: string): ConfigResource {
  return type === 'topics' ? { type: 'topic', name } : { type: 'broker', name }
}

/** getResourceConfig: the entries of the entity's dynamic source (all with --all), sorted by name. */
async function resourceConfig(
  admin: Admin,
  type: 'topics' | 'brokers',
  name: string,
  all: boolean,
): Promise<DescribedConfigEntry[]> {
  const source = type === 'brokers' && name === '' ? 'DYNAMIC_DEFAULT_BROKER_CONFIG' : DYNAMIC_SOURCE[type]
  const described = await futureGet(admin.describeConfigs([resource(type, name)]))
  return (described[0]?.entries ?? [])
    .filter((entry) => all || entry.source === source)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

function entryLine(entry: DescribedConfigEntry): string {
  const synonyms = entry.synonyms
    .map((synonym) => `${synonym.source}:${synonym.name}=${synonym.value}`)
    .join(', ')
  return `  ${entry.name}=${entry.value} sensitive=${entry.isSensitive} synonyms={${synonyms}}\n`
}

async function entitiesToDescribe(
  admin: Admin,
  type: 'topics' | 'brokers',
  name: string | undefined,
  context: ToolContext,
  all: boolean,
): Promise<string[]> {
  if (name !== undefined) {
    const exists =
      type === 'topics'
        ? (await futureGet(admin.listTopics({ listInternal: true }))).includes(name)
        : name === '' ||
          (await futureGet(admin.describeCluster())).nodes.some((node) => String(node.id) === name)
    if (!exists && !all) {
      context.out.stdout(
        `The ${type.slice(0, -1)} '${name}' doesn't exist and doesn't have dynamic config.\n`,
      )
      return []
    }
    return [name]
  }
  if (type === 'topics') {
    const topics = await futureGet(admin.listTopics({ listInternal: true }))
    return javaHashMapOrder(topics, Math.max(Math.trunc(topics.length / 0.75) + 1, 16))
  }
  return [...(await futureGet(admin.describeCluster())).nodes.map((node) => String(node.id)), '']
}

async function describeConfig(
  admin: Admin,
  options: OptionSet,
  type: 'topics' | 'brokers',
  names: readonly string[],
  context: ToolContext,
): Promise<void> {
  const all = options.has('all')
  for (const entity of await entitiesToDescribe(admin, type, names[0], context, all)) {
    context.out.stdout(
      entity === '' && type === 'brokers'
        ? `Default configs for ${type} in the cluster are:\n`
        : `${all ? 'All' : 'Dynamic'} configs for ${type.slice(0, -1)} ${entity} are:\n`,
    )
    for (const entry of await resourceConfig(admin, type, entity, all)) context.out.stdout(entryLine(entry))
  }
}

function parseChanges(options: OptionSet): QuotaChanges {
  return {
    toAdd: parseConfigsToBeAdded(options.valueOf('add-config')),
    toDelete: options
      .valuesOf('delete-config')
      .flatMap((value) => value.split(','))
      .map((key) => key.trim()),
  }
}

async function alterResourceConfig(
  admin: Admin,
  type: 'topics' | 'brokers',
  name: string,
  { toAdd, toDelete }: QuotaChanges,
): Promise<void> {
  const existing = new Set((await resourceConfig(admin, type, name, false)).map((entry) => entry.name))
  const invalid = toDelete.filter((key) => !existing.has(key))
  if (invalid.length > 0) throw invalidConfiguration(`Invalid config(s): ${invalid.join(',')}`)
  const ops: AlterConfigOp[] = [
    ...toDelete.map((key): AlterConfigOp => ({ op: 'DELETE', name: key })),
    ...javaHashMapOrder([...toAdd.keys()], 16).map((key): AlterConfigOp => ({
      op: 'SET',
      name: key,
      value: toAdd.get(key) ?? '',
    })),
  ]
  await futureGet(admin.incrementalAlterConfigs([{ resource: resource(type, name), ops }]))
}

async function alterConfig(
  admin: Admin,
  options: OptionSet,
  entity: ConfigEntity,
  context: ToolContext,
): Promise<void> {
  const [type = '', name = ''] = [entity.types[0], entity.names[0]]
  const changes = parseChanges(options)
  if (type === 'topics' || type === 'brokers') await alterResourceConfig(admin, type, name, changes)
  else if (!(await alterQuotaEntity(admin, entity.types, entity.names, changes, context))) return
  context.out.stdout(
    name === ''
      ? `Completed updating default config for ${type} in the cluster.\n`
      : `Completed updating config for ${type.slice(0, -1)} ${name}.\n`,
  )
}

const QUOTA_TYPES = ['users', 'clients', 'ips']

async function processCommand(options: OptionSet, entity: ConfigEntity, context: ToolContext): Promise<void> {
  const commandConfig = options.valueOf('command-config')
  if (commandConfig !== null) loadProps(context, commandConfig)
  if (entity.action === 'alter' && entity.types.length !== entity.names.length) {
    throw illegalArgument('An entity name must be specified for every entity type')
  }
  const type = entity.types[0] ?? ''
  if (type !== 'topics' && type !== 'brokers' && !QUOTA_TYPES.includes(type)) {
    context.out.stderr(
      `[playground] kafka-configs supports --entity-type topics, brokers, users, clients and ips only, not ${type}.\n`,
    )
    return
  }
  const admin = context.kafka.admin(
    options.valueOf('bootstrap-server') ?? options.valueOf('bootstrap-controller') ?? '',
    clientLog(context),
  )
  try {
    if (entity.action === 'alter') await alterConfig(admin, options, entity, context)
    else if (type === 'topics' || type === 'brokers')
      await describeConfig(admin, options, type, entity.names, context)
    else await describeQuotaConfigs(admin, entity.types, entity.names, context)
  } finally {
    await admin.close()
  }
}

const PLAIN_MESSAGE_CLASSES = [
  'java.lang.IllegalArgumentException',
  'org.apache.kafka.common.errors.InvalidConfigurationException',
]

export const kafkaConfigs: Tool = async (argv, context) => {
  try {
    const options = parseOptions(CONFIG_COMMAND_OPTIONS, argv)
    maybePrintHelpOrVersion(
      argv,
      options,
      'This tool helps to manipulate and describe entity config for a topic, client, user, broker, ip, client-metrics or group',
    )
    await processCommand(options, checkConfigArgs(options), context)
    return 0
  } catch (error) {
    if (error instanceof UsageException || error instanceof VersionRequest) {
      return printUsageOrVersion(context.out, CONFIG_COMMAND_OPTIONS, error)
    }
    const exception = asJavaException(error)
    if (exception instanceof OptionException || PLAIN_MESSAGE_CLASSES.includes(exception.className)) {
      context.out.stderr(exception.javaMessage + '\n' + zookeeperHint(argv))
    } else {
      context.out.stderr(
        `Error while executing config command with args '${argv.join(' ')}'\n` + exception.stackTrace(),
      )
    }
    return 1
  }
}
