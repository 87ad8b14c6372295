/**
 * A connector's configuration as ConnectStandalone and StandaloneHerder take it from a file on the command
 * line. The file is read as ConnectStandalone.parseConnectorConfigurationFile reads it: a JSON object of
 * strings, else a JSON `{"name": ..., "config": {...}}` request, else a properties file; without a `name`
 * it is ConnectException. The herder then validates it (AbstractHerder.validateConnectorConfig): a missing
 * `connector.class` and a class no plugin provides are refused outright, and the connector's ConfigDef
 * errors are collected into one BadRequestException. Plugins are found as Plugins.connectorClass finds them:
 * by class name, or by an alias, the simple name with or without its `Connector` suffix. The FileStream
 * connectors are in libs/connect-file-4.1.0.jar, which the worker sees only through `plugin.path` (the
 * quickstart's first command adds it); the MirrorMaker connectors are on the worker's classpath.
 */
import { JavaException } from '../java-exception.ts'
import { javaHashMapOrder } from '../java-hash-map.ts'
import { KAFKA_VERSION } from '../command-line-utils.ts'
import { missingRequired } from './worker-config.ts'

const CONNECT_EXCEPTION = 'org.apache.kafka.connect.errors.ConnectException'
const BAD_REQUEST = 'org.apache.kafka.connect.runtime.rest.errors.BadRequestException'
const FILE_JAR = `connect-file-${KAFKA_VERSION}.jar`
/** Where the playground's Kafka is installed, as in the apache/kafka image: a plugin's location is under it. */
const KAFKA_HOME = '/opt/kafka'
const HASH_MAP_CAPACITY = 16

export type ConnectorType = 'source' | 'sink'

export interface ConnectorPlugin {
  className: string
  type: ConnectorType
  location: string
}

const FILE_PLUGIN_LOCATION = `file:${KAFKA_HOME}/libs/${FILE_JAR}`
const FILE_PLUGINS: readonly ConnectorPlugin[] = [
  {
    className: 'org.apache.kafka.connect.file.FileStreamSinkConnector',
    type: 'sink',
    location: FILE_PLUGIN_LOCATION,
  },
  {
    className: 'org.apache.kafka.connect.file.FileStreamSourceConnector',
    type: 'source',
    location: FILE_PLUGIN_LOCATION,
  },
]

const CLASSPATH_PLUGINS: readonly ConnectorPlugin[] = [
  'MirrorCheckpointConnector',
  'MirrorHeartbeatConnector',
  'MirrorSourceConnector',
].map((name) => ({
  className: `org.apache.kafka.connect.mirror.${name}`,
  type: 'source',
  location: 'classpath',
}))

export interface ConnectorConfig {
  name: string
  /** The settings, in the file's order. */
  props: Map<string, string>
}

export function connectException(message: string, causedBy: JavaException | null = null): JavaException {
  return new JavaException(CONNECT_EXCEPTION, message, [], causedBy)
}

function missingName(path: string): JavaException {
  return connectException(
    `Connector configuration at '${path}' is missing the mandatory 'name' configuration`,
  )
}

function stringEntries(value: unknown): Map<string, string> | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null
  const entries = Object.entries(value as Record<string, unknown>)
  if (!entries.every(([, v]) => typeof v === 'string')) return null
  return new Map(entries as [string, string][])
}

/** The connector configuration in a file's text; `loadProperties` reads it as a properties file. */
export function parseConnectorConfigurationFile(
  path: string,
  text: string,
  loadProperties: () => Map<string, string>,
): ConnectorConfig {
  let json: unknown = undefined
  try {
    json = JSON.parse(text) as unknown
  } catch {
    // Not JSON: read as a properties file below.
  }
  const flat = stringEntries(json)
  const request = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : null
  const nested = typeof request?.['name'] === 'string' ? stringEntries(request['config'] ?? {}) : null
  let props: Map<string, string>
  if (flat !== null) props = flat
  else if (nested !== null && typeof request?.['name'] === 'string') {
    const name = request['name']
    const configured = nested.get('name')
    if (configured !== undefined && configured !== name) {
      throw connectException(
        `Connector name configuration in 'config' doesn't match the one specified in 'name' at '${path}'`,
      )
    }
    props = nested
    props.set('name', name)
  } else props = loadProperties()
  const name = props.get('name')
  if (name === undefined) throw missingName(path)
  return { name, props }
}

function simpleName(className: string): string {
  return className.slice(className.lastIndexOf('.') + 1)
}

function pluginDesc(plugin: ConnectorPlugin): string {
  return (
    `PluginDesc{klass=class ${plugin.className}, name='${plugin.className}', version='${KAFKA_VERSION}', ` +
    `encodedVersion=${KAFKA_VERSION}, type=${plugin.type}, typeName='${plugin.type}', location='${plugin.location}'}`
  )
}

/** Whether a plugin.path entry (relative to the Kafka directory, or absolute under it) holds the file connectors. */
function holdsFileConnectors(entry: string): boolean {
  const relative = entry
    .replace(new RegExp(`^${KAFKA_HOME}/`), '')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '')
  return relative === 'libs' || relative === `libs/${FILE_JAR}`
}

/**
 * The playground's hint when plugin.path names the file connectors' jar of another Kafka version (a quickstart
 * of another release): the real worker ignores a path that does not exist, so the connectors are not found.
 */
export function pluginPathHint(pluginPath: readonly string[]): string {
  const other = pluginPath.find(
    (entry) => /connect-file-[^/]*\.jar$/.test(entry) && !holdsFileConnectors(entry),
  )
  return other === undefined
    ? ''
    : `[playground] The playground runs Kafka ${KAFKA_VERSION}: plugin.path=libs/${FILE_JAR} finds its FileStream connectors, ${other} does not exist.\n`
}

/** The connector plugins a worker with this plugin.path finds, sorted by class name. */
function availablePlugins(pluginPath: readonly string[]): ConnectorPlugin[] {
  const fromPath = pluginPath.some(holdsFileConnectors) ? FILE_PLUGINS : []
  return [...fromPath, ...CLASSPATH_PLUGINS].sort((a, b) => (a.className < b.className ? -1 : 1))
}

function badRequest(message: string): JavaException {
  return new JavaException(BAD_REQUEST, message)
}

/** Map.toString of Utils.propsToStringMap's HashMap. */
function javaMapString(props: ReadonlyMap<string, string>): string {
  const keys = javaHashMapOrder([...props.keys()], HASH_MAP_CAPACITY)
  return `{${keys.map((key) => `${key}=${props.get(key) ?? ''}`).join(', ')}}`
}

/** The connector class the config names (Plugins.connectorClass); throws as the herder's validation does. */
export function connectorPlugin(config: ConnectorConfig, pluginPath: readonly string[]): ConnectorPlugin {
  const connectorClass = config.props.get('connector.class')
  if (connectorClass === undefined) {
    throw badRequest(`Connector config ${javaMapString(config.props)} contains no connector type`)
  }
  const plugins = availablePlugins(pluginPath)
  const byName = plugins.find((plugin) => plugin.className === connectorClass)
  if (byName !== undefined) return byName
  const aliased = plugins.filter((plugin) => {
    const simple = simpleName(plugin.className)
    return simple === connectorClass || simple === `${connectorClass}Connector`
  })
  if (aliased.length === 1 && aliased[0] !== undefined) return aliased[0]
  throw connectException(
    `Failed to find any class that implements Connector and which name matches ${connectorClass}, ` +
      `available connectors are: ${plugins.map(pluginDesc).join(', ')}`,
  )
}

/** ConfigDef.NonEmptyString and required-setting checks of the FileStream connectors, in ConfigDef order. */
export function validationErrors(plugin: ConnectorPlugin, props: ReadonlyMap<string, string>): string[] {
  const errors: string[] = []
  const tasksMax = props.get('tasks.max')?.trim()
  if (tasksMax !== undefined && !/^-?\d+$/.test(tasksMax)) {
    errors.push(`Invalid value ${tasksMax} for configuration tasks.max: Not a number of type INT`)
  } else if (tasksMax !== undefined && Number(tasksMax) < 1) {
    errors.push(`Invalid value ${tasksMax} for configuration tasks.max: Value must be at least 1`)
  }
  if (plugin.type === 'sink') {
    if (!props.has('topics') && !props.has('topics.regex'))
      errors.push('Must configure one of topics or topics.regex')
  } else if (plugin.className.endsWith('FileStreamSourceConnector')) {
    const topic = props.get('topic')
    if (topic === undefined) errors.push(missingRequired('topic'))
    else if (topic.trim() === '')
      errors.push(`Invalid value ${topic} for configuration topic: String must be non-empty`)
  }
  return errors
}

/** StandaloneHerder's refusal of a configuration with ConfigDef errors. */
export function invalidConfiguration(errors: readonly string[]): JavaException {
  return badRequest(
    `Connector configuration is invalid and contains the following ${errors.length} error(s):\n` +
      errors.join('\n') +
      '\nYou can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`',
  )
}
