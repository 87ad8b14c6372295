/**
 * The standalone worker's configuration (StandaloneConfig over WorkerConfig) as AbstractConfig parses it from
 * the worker properties: `bootstrap.servers` (default localhost:9092), `key.converter` and `value.converter`
 * (required classes, configured with their `key.converter.` / `value.converter.` settings),
 * `offset.storage.file.filename` (required), `offset.flush.interval.ms` (default 60000) and `plugin.path`
 * (a comma-separated list). A missing required setting or a converter class that is not on the worker's
 * classpath is ConfigException with AbstractConfig's text.
 */
import { JavaException } from '../java-exception.ts'
import { CONVERTER_CLASSES, newConverter, type Converter } from './converters.ts'

const CONFIG_EXCEPTION = 'org.apache.kafka.common.config.ConfigException'
const DEFAULT_FLUSH_INTERVAL_MS = 60_000

export interface StandaloneConfig {
  bootstrapServers: string
  keyConverter: Converter
  valueConverter: Converter
  offsetsFile: string
  offsetFlushIntervalMs: number
  pluginPath: string[]
}

export function configException(message: string): JavaException {
  return new JavaException(CONFIG_EXCEPTION, message)
}

export function missingRequired(name: string): string {
  return `Missing required configuration "${name}" which has no default value.`
}

function required(props: ReadonlyMap<string, string>, name: string): string {
  const value = props.get(name)
  if (value === undefined) throw configException(missingRequired(name))
  return value.trim()
}

/** The settings under `prefix.`, without the prefix (AbstractConfig.originalsWithPrefix). */
function withPrefix(props: ReadonlyMap<string, string>, prefix: string): Map<string, string> {
  const settings = new Map<string, string>()
  for (const [key, value] of props)
    if (key.startsWith(`${prefix}.`)) settings.set(key.slice(prefix.length + 1), value)
  return settings
}

function converter(props: ReadonlyMap<string, string>, name: 'key.converter' | 'value.converter'): Converter {
  const className = required(props, name)
  if (!CONVERTER_CLASSES.includes(className)) {
    throw configException(
      `Invalid value ${className} for configuration ${name}: Class ${className} could not be found.`,
    )
  }
  return newConverter(className, withPrefix(props, name))
}

function flushInterval(props: ReadonlyMap<string, string>): number {
  const text = props.get('offset.flush.interval.ms')?.trim()
  if (text === undefined) return DEFAULT_FLUSH_INTERVAL_MS
  if (!/^-?\d+$/.test(text)) {
    throw configException(
      `Invalid value ${text} for configuration offset.flush.interval.ms: Not a number of type LONG`,
    )
  }
  return Number(text)
}

/** StandaloneConfig's values; throws ConfigException as its constructor does. */
export function standaloneConfig(props: ReadonlyMap<string, string>): StandaloneConfig {
  const keyConverter = converter(props, 'key.converter')
  const valueConverter = converter(props, 'value.converter')
  const offsetsFile = required(props, 'offset.storage.file.filename')
  const pluginPath = (props.get('plugin.path') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  return {
    bootstrapServers: (props.get('bootstrap.servers') ?? 'localhost:9092').trim(),
    keyConverter,
    valueConverter,
    offsetsFile,
    offsetFlushIntervalMs: flushInterval(props),
    pluginPath,
  }
}
