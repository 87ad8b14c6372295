/**
 * ConfigDef: the typed definition of one Kafka config and the parsing Kafka's ConfigDef.parseType and its
 * validators apply to a value, with their exact messages (`Invalid value soon for configuration
 * retention.ms: Not a number of type LONG`, `... Value must be at least 14`, `... String must be one of:
 * ...`). Values are stored as the strings the metadata log carries; parsing only checks them.
 */
export type ConfigType = 'LONG' | 'INT' | 'DOUBLE' | 'BOOLEAN' | 'STRING' | 'LIST'

export interface ConfigDef {
  name: string
  type: ConfigType
  /** The default as Kafka prints it, or null for a config without one. */
  defaultValue: string | null
  /** Inclusive minimum for numbers (ConfigDef.Range.atLeast / between). */
  min?: number
  max?: number
  /** Allowed values (ConfigDef.ValidString, or ValidList for LIST). */
  validValues?: readonly string[]
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
  if (min !== undefined && max !== undefined && (value < min || value > max))
    throw new ConfigException(def, text, `Value must be between ${min} and ${max}`)
  if (min !== undefined && value < min) throw new ConfigException(def, text, `Value must be at least ${min}`)
  if (max !== undefined && value > max)
    throw new ConfigException(def, text, `Value must be no more than ${max}`)
}

/** Checks `value` against the definition; throws ConfigException with Kafka's message. */
export function validateValue(def: ConfigDef, value: string): void {
  switch (def.type) {
    case 'LONG':
    case 'INT':
    case 'DOUBLE':
      checkRange(def, value, parseNumber(def, value))
      return
    case 'BOOLEAN': {
      const lower = value.trim().toLowerCase()
      if (lower !== 'true' && lower !== 'false')
        throw new ConfigException(def, value, 'Expected value to be either true or false')
      return
    }
    case 'STRING':
      if (def.validValues && !def.validValues.includes(value.trim()))
        throw new ConfigException(def, value, `String must be one of: ${def.validValues.join(', ')}`)
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
