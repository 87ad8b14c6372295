/**
 * Legacy index templates (`_template`, IndexTemplateMetadata) as ES 8.17 keeps them in the cluster state:
 * parsed from a PUT body as PutIndexTemplateRequest.source reads it, and rendered for GET as
 * IndexTemplateMetadata.Builder.toInnerXContent writes it: order, version (when set), index_patterns,
 * settings (nested, values as strings), mappings (`{}` when none), aliases.
 *
 * Stored shape (plain, structured-clonable data): settings as `index.`-prefixed flat keys with text values;
 * mappings as the compact JSON of the object given, its keys at every level in Java HashMap order (the REST
 * layer reads a legacy template's body into HashMaps, and the mapping is written back from them); aliases as
 * AliasMetadata, listed in HashMap order of their names.
 */
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import { RawJson, toJson, XNumber, type JsonOut, type XContentValue } from '../../xcontent/index.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import { scalarText } from '../../index/index-settings.ts'
import {
  aliasToJson,
  parseAliasDefinition,
  type AliasesMetadata,
  type AliasMetadata,
} from './alias-metadata.ts'
import { nestedSettings, templateSettings, type SettingValue } from './index-templates.ts'

export interface IndexTemplateMetadata {
  readonly order: number
  readonly version?: number
  readonly indexPatterns: readonly string[]
  readonly settings: Readonly<Record<string, SettingValue>>
  /** Compact JSON of the mapping (no `_doc` wrapper), or absent. */
  readonly mappings?: string
  readonly aliases: AliasesMetadata
}

const INT_MAX = 2 ** 31 - 1

/**
 * PutIndexTemplateRequest.source over a PUT _template body (after RestCreateIndexAction.prepareMappings);
 * `order` defaults to the `order` parameter (0). Index patterns may come out empty: the caller validates.
 */
export function parseLegacyTemplate(
  body: Map<string, XContentValue>,
  orderParam: number,
): IndexTemplateMetadata {
  let order = orderParam
  let indexPatterns: string[] = []
  const rest: { version?: number; mappings?: string } = {}
  let settings: Record<string, SettingValue> = {}
  const aliases: Record<string, AliasMetadata> = {}
  for (const [key, value] of body) {
    if (key === 'index_patterns') {
      if (typeof value === 'string') indexPatterns = [value]
      else if (Array.isArray(value)) indexPatterns = value.map(scalarText)
      else
        throw illegalArgumentException(
          'Malformed [index_patterns] value, should be a string or a list of strings',
        )
    } else if (key === 'order') {
      order = intValue(value)
    } else if (key === 'version') {
      const text = value instanceof XNumber ? value.text : ''
      if (!/^-?\d+$/.test(text) || Math.abs(Number(text)) > INT_MAX)
        throw illegalArgumentException('Malformed [version] value, should be an integer')
      rest.version = Number(text)
    } else if (key === 'settings') {
      if (!(value instanceof Map))
        throw illegalArgumentException('Malformed [settings] section, should include an inner object')
      settings = templateSettings(value)
    } else if (key === 'mappings') {
      rest.mappings = mappingsText(value)
    } else if (key === 'aliases') {
      if (!(value instanceof Map))
        throw new EsException({ type: 'parse_exception', reason: 'Failed to parse aliases', status: 400 })
      for (const [name, definition] of value) aliases[name] = parseAliasDefinition(name, definition)
    } else {
      throw new EsException({
        type: 'parse_exception',
        reason: `unknown key [${key}] in the template `,
        status: 400,
      })
    }
  }
  return { order, ...rest, indexPatterns, settings, aliases }
}

/** XContentMapValues.nodeIntegerValue: a number's int value, else Integer.parseInt of its text. */
function intValue(value: XContentValue): number {
  if (value instanceof XNumber) return Math.trunc(value.value)
  const text = scalarText(value)
  if (!/^[+-]?\d+$/.test(text) || Math.abs(Number(text)) > INT_MAX) {
    throw new EsException({
      type: 'number_format_exception',
      reason: `For input string: "${text}"`,
      status: 400,
    })
  }
  return Number(text)
}

/** RestCreateIndexAction.prepareMappings, then PutIndexTemplateRequest.mapping: the object, keys in HashMap order. */
function mappingsText(value: XContentValue): string {
  if (!(value instanceof Map)) {
    throw illegalArgumentException(
      'Malformed [mappings] section for type [_doc], should include an inner object describing the mapping',
    )
  }
  if (value.size === 1 && value.has('_doc')) {
    throw illegalArgumentException(
      'The mapping definition cannot be nested under a type [_doc] unless include_type_name is set to true.',
    )
  }
  return toJson(javaOrdered(value))
}

/** A JSON value with every object's keys in Java HashMap order. */
function javaOrdered(value: XContentValue): JsonOut {
  if (value instanceof Map)
    return new Map(javaStringKeyOrder([...value.keys()]).map((key) => [key, javaOrdered(value.get(key)!)]))
  if (Array.isArray(value)) return value.map(javaOrdered)
  return value
}

/** `{"order":..,"version":..,"index_patterns":[..],"settings":{..},"mappings":{..},"aliases":{..}}` */
export function legacyTemplateToJson(template: IndexTemplateMetadata): Map<string, JsonOut> {
  const out = new Map<string, JsonOut>([['order', template.order]])
  if (template.version !== undefined) out.set('version', template.version)
  out.set('index_patterns', [...template.indexPatterns])
  out.set('settings', nestedSettings(Object.entries(template.settings)))
  out.set('mappings', new RawJson(template.mappings ?? '{}'))
  const names = javaStringKeyOrder(Object.keys(template.aliases))
  out.set('aliases', new Map(names.map((name) => [name, aliasToJson(template.aliases[name]!)])))
  return out
}
