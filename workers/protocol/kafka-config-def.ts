/**
 * ConfigDef: the typed definition of one Kafka config and the parsing Kafka's ConfigDef.parseType and its
 * validators apply to a value, with their exact messages (`Invalid value soon for configuration
 * retention.ms: Not a number of type LONG`, `... Value must be at least 14`, `... String must be one of:
 * ...`, `... Class X could not be found.`). Values are stored as the strings the metadata log carries;
 * parsing only checks them. Shared by the brokers (topic and broker configs) and the clients (producer
 * and consumer configs), as Kafka's clients jar shares org.apache.kafka.common.config with the broker.
 */
export type ConfigType = 'LONG' | 'INT' | 'DOUBLE' | 'BOOLEAN' | 'STRING' | 'LIST' | 'CLASS'

export interface ConfigDef {
  name: string
  type: ConfigType
  /** The default as Kafka prints it, or null for a config without one. */
  defaultValue: string | null
  /** Inclusive minimum for numbers (ConfigDef.Range.atLeast / between). */
  min?: number
  max?: number
  /** Allowed values (ConfigDef.ValidString, or ValidList for LIST); for CLASS, the classes on the classpath. */
  validValues?: readonly string[]
  /** ConfigDef.NonEmptyString: a STRING that may be unset but not empty. */
  nonEmpty?: boolean
  /** A Validator of the config's own, on the trimmed STRING or the parsed number: the reason it refuses it, or null. */
  validator?: (value: string) => string | null
}

/** Kafka's ConfigException text for a value the definition refuses. */
export class ConfigException extends Error {
  override name = 'ConfigException'
  constructor(def: ConfigDef, value: string, reason: string) {
    super(`Invalid value ${value} for configuration ${def.name}: ${reason}`)
  }
}

const INT_RANGE = { min: -(2 ** 31), max: 2 ** 31 - 1 }

function parseNumber(def: ConfigDef, text: string): number {
  const trimmed = text.trim()
  if (def.type === 'DOUBLE') {
    const value = Number(trimmed)
    if (trimmed === '' || Number.isNaN(value))
      throw new ConfigException(def, text, 'Not a number of type DOUBLE')
    return value
  }
  if (!/^[+-]?\d+$/.test(trimmed)) throw new ConfigException(def, text, `Not a number of type ${def.type}`)
  const value = BigInt(trimmed)
  const bound = def.type === 'INT' ? INT_RANGE : { min: -(2 ** 63), max: 2 ** 63 - 1 }
  if (value < BigInt(bound.min) || value > BigInt(bound.max))
    throw new ConfigException(def, text, `Not a number of type ${def.type}`)
  return Number(value)
}

function checkRange(def: ConfigDef, text: string, value: number): void {
  const { min, max } = def
  if (min !== undefined && value < min) throw new ConfigException(def, text, `Value must be at least ${min}`)
  if (max !== undefined && value > max)
    throw new ConfigException(def, text, `Value must be no more than ${max}`)
}

/** Checks `value` against the definition; throws ConfigException with Kafka's message. */
export function validateValue(def: ConfigDef, value: string): void {
  switch (def.type) {
    case 'LONG':
    case 'INT':
    case 'DOUBLE': {
      const number = parseNumber(def, value)
      checkRange(def, value, number)
      const reason = def.validator?.(String(number)) ?? null
      if (reason !== null) throw new ConfigException(def, String(number), reason)
      return
    }
    case 'BOOLEAN': {
      const lower = value.trim().toLowerCase()
      if (lower !== 'true' && lower !== 'false')
        throw new ConfigException(def, value, 'Expected value to be either true or false')
      return
    }
    case 'STRING': {
      // parseType trims a STRING; its validators see, and name, the trimmed value.
      const trimmed = value.trim()
      if (def.validValues && !def.validValues.includes(trimmed))
        throw new ConfigException(def, trimmed, `String must be one of: ${def.validValues.join(', ')}`)
      if (def.nonEmpty && trimmed === '') throw new ConfigException(def, trimmed, 'String must be non-empty')
      const reason = def.validator?.(trimmed) ?? null
      if (reason !== null) throw new ConfigException(def, trimmed, reason)
      return
    }
    case 'CLASS':
      // Class.forName of the trimmed name; the message names the value as given.
      if (!def.validValues?.includes(value.trim()))
        throw new ConfigException(def, value, `Class ${value} could not be found.`)
      return
    case 'LIST': {
      if (!def.validValues) return
      const items = value.split(',').map((item) => item.trim())
      const invalid = items.find((item) => !def.validValues?.includes(item))
      if (invalid !== undefined)
        throw new ConfigException(def, invalid, `String must be one of: ${def.validValues.join(', ')}`)
      return
    }
  }
}

/** ConfigDef.parse over supplied values: checks every defined config that is set, in definition order. */
export function validateValues(
  defs: readonly ConfigDef[],
  values: Readonly<Record<string, string | undefined>>,
): void {
  for (const def of defs) {
    const value = values[def.name]
    if (value !== undefined) validateValue(def, value)
  }
}

/** The defaults of the definitions that have one, as the strings a config holds. */
export function defaultValues(defs: readonly ConfigDef[]): Readonly<Record<string, string>> {
  return Object.fromEntries(
    defs.flatMap(({ name, defaultValue }) => (defaultValue === null ? [] : [[name, defaultValue]])),
  )
}
