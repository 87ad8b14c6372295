/**
 * Composable index templates and component templates as ES 8.17 keeps them in the cluster state
 * (ComposableIndexTemplate, ComponentTemplate, Template), parsed from a PUT body and rendered for GET.
 *
 * Stored shape (plain, structured-clonable data): settings as `index.`-prefixed flat keys with text
 * values (Settings.normalizePrefix; GET shows them nested, values as strings); mappings and `_meta` as
 * the compact JSON text of the object given (rendered back as it was sent, a `_doc` wrapper dropped);
 * aliases as AliasMetadata. `composed_of` is always a list (empty when not given).
 * `data_stream` (DataStreamTemplate) makes the template's matches data streams: `hidden` and
 * `allow_custom_routing`, both false unless given, both rendered.
 * Rendering order follows the toXContent methods: index_patterns, template, composed_of, priority,
 * version, _meta, data_stream, allow_auto_create; a template's settings, mappings, aliases; a component template's
 * template, version, _meta.
 */
import { illegalArgumentException, type EsException } from '../../errors/index.ts'
import { RawJson, toJson, XNumber, type JsonOut, type XContentValue } from '../../xcontent/index.ts'
import { fieldParseError } from './field-parse-error.ts'
import { valueToken } from '../../action/value-token.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import { normalizeSettings, scalarText } from '../../index/index-settings.ts'
import {
  aliasesToJson,
  parseAliasDefinition,
  type AliasesMetadata,
  type AliasMetadata,
} from './alias-metadata.ts'

export type SettingValue = string | readonly string[] | null

export interface Template {
  readonly settings?: Readonly<Record<string, SettingValue>>
  readonly mappings?: string
  readonly aliases?: AliasesMetadata
}

export interface ComposableIndexTemplate {
  readonly indexPatterns: readonly string[]
  readonly template?: Template
  readonly composedOf: readonly string[]
  readonly priority?: number
  readonly version?: number
  readonly meta?: string
  readonly dataStream?: DataStreamTemplate
  readonly allowAutoCreate?: boolean
}

/** ComposableIndexTemplate.DataStreamTemplate. */
export interface DataStreamTemplate {
  readonly hidden: boolean
  readonly allowCustomRouting: boolean
}

export interface ComponentTemplate {
  readonly template: Template
  readonly version?: number
  readonly meta?: string
}

export function parseIndexTemplate(text: string, body: Map<string, XContentValue>): ComposableIndexTemplate {
  let indexPatterns: string[] | undefined
  let template: Template | undefined
  let composedOf: string[] = []
  const rest: {
    priority?: number
    version?: number
    meta?: string
    dataStream?: DataStreamTemplate
    allowAutoCreate?: boolean
  } = {}
  for (const [key, value] of body) {
    if (key === 'index_patterns') indexPatterns = stringList(text, 'index_template', key, value)
    else if (key === 'template') template = parseTemplate(text, key, value)
    else if (key === 'composed_of') composedOf = stringList(text, 'index_template', key, value)
    else if (key === 'priority' || key === 'version')
      rest[key] = longValue(text, 'index_template', key, value)
    else if (key === '_meta') rest.meta = objectText(text, 'index_template', key, value)
    else if (key === 'data_stream') rest.dataStream = parseDataStreamTemplate(text, value)
    else if (key === 'allow_auto_create')
      rest.allowAutoCreate = booleanValue(text, 'index_template', key, value)
    else throw unknownField(text, 'index_template', key)
  }
  if (indexPatterns === undefined) throw illegalArgumentException('Required [index_patterns]')
  return { indexPatterns, ...(template ? { template } : {}), composedOf, ...rest }
}

function parseDataStreamTemplate(text: string, value: XContentValue): DataStreamTemplate {
  if (!(value instanceof Map)) throw objectExpected(text, 'index_template', 'data_stream', value)
  const template = { hidden: false, allowCustomRouting: false }
  for (const [key, entry] of value) {
    if (key === 'hidden') template.hidden = booleanValue(text, 'data_stream_template', key, entry)
    else if (key === 'allow_custom_routing')
      template.allowCustomRouting = booleanValue(text, 'data_stream_template', key, entry)
    else throw unknownField(text, 'data_stream_template', key)
  }
  return template
}

export function parseComponentTemplate(text: string, body: Map<string, XContentValue>): ComponentTemplate {
  let template: Template | undefined
  const rest: { version?: number; meta?: string } = {}
  for (const [key, value] of body) {
    if (key === 'template') template = parseTemplate(text, key, value)
    else if (key === 'version') rest.version = longValue(text, 'component_template', key, value)
    else if (key === '_meta') rest.meta = objectText(text, 'component_template', key, value)
    else throw unknownField(text, 'component_template', key)
  }
  if (template === undefined) throw illegalArgumentException('Required [template]')
  return { template, ...rest }
}

function parseTemplate(text: string, field: string, value: XContentValue): Template {
  if (!(value instanceof Map)) throw objectExpected(text, 'index_template', field, value)
  const template: { -readonly [K in keyof Template]: Template[K] } = {}
  for (const [key, entry] of value) {
    if (key === 'settings') {
      if (!(entry instanceof Map)) throw objectExpected(text, 'template', key, entry)
      template.settings = templateSettings(entry)
    } else if (key === 'mappings') {
      template.mappings = objectText(text, 'template', key, entry)
    } else if (key === 'aliases') {
      if (!(entry instanceof Map)) throw objectExpected(text, 'template', key, entry)
      const aliases: Record<string, AliasMetadata> = {}
      for (const [name, definition] of entry) aliases[name] = parseAliasDefinition(name, definition)
      template.aliases = aliases
    } else {
      throw unknownField(text, 'template', key)
    }
  }
  return template
}

/** A template's settings as stored: `index.`-prefixed flat keys, values as text. */
export function templateSettings(settings: Map<string, XContentValue>): Record<string, SettingValue> {
  return Object.fromEntries(
    [...normalizeSettings(settings)].map(([name, setting]) => [name, settingText(setting)]),
  )
}

function settingText(value: XContentValue): SettingValue {
  if (value === null) return null
  return Array.isArray(value) ? value.map(scalarText) : scalarText(value)
}

export function indexTemplateToJson(template: ComposableIndexTemplate): Map<string, JsonOut> {
  const out = new Map<string, JsonOut>([['index_patterns', [...template.indexPatterns]]])
  if (template.template) out.set('template', templateToJson(template.template))
  out.set('composed_of', [...template.composedOf])
  if (template.priority !== undefined) out.set('priority', template.priority)
  if (template.version !== undefined) out.set('version', template.version)
  if (template.meta !== undefined) out.set('_meta', new RawJson(template.meta))
  if (template.dataStream) {
    const { hidden, allowCustomRouting } = template.dataStream
    out.set('data_stream', { hidden, allow_custom_routing: allowCustomRouting })
  }
  if (template.allowAutoCreate !== undefined) out.set('allow_auto_create', template.allowAutoCreate)
  return out
}

export function componentTemplateToJson(template: ComponentTemplate): Map<string, JsonOut> {
  const out = new Map<string, JsonOut>([['template', templateToJson(template.template)]])
  if (template.version !== undefined) out.set('version', template.version)
  if (template.meta !== undefined) out.set('_meta', new RawJson(template.meta))
  return out
}

export function templateToJson(template: Template): Map<string, JsonOut> {
  const out = new Map<string, JsonOut>()
  if (template.settings) out.set('settings', nestedSettings(Object.entries(template.settings)))
  if (template.mappings !== undefined) out.set('mappings', new RawJson(template.mappings))
  if (template.aliases) out.set('aliases', aliasesToJson(template.aliases))
  return out
}

/** Settings.toXContent without flat_settings: dotted keys nested, each level in Java HashMap order. */
export function nestedSettings(entries: ReadonlyArray<[string, SettingValue]>): Map<string, JsonOut> {
  const leaves = new Map<string, JsonOut>()
  const groups = new Map<string, Array<[string, SettingValue]>>()
  for (const [key, value] of entries) {
    const dot = key.indexOf('.')
    if (dot < 0) leaves.set(key, value === null || typeof value === 'string' ? value : [...value])
    else
      groups.set(key.slice(0, dot), [...(groups.get(key.slice(0, dot)) ?? []), [key.slice(dot + 1), value]])
  }
  const out = new Map<string, JsonOut>()
  for (const key of javaStringKeyOrder([...new Set([...leaves.keys(), ...groups.keys()])])) {
    const group = groups.get(key)
    out.set(key, group ? nestedSettings(group) : leaves.get(key)!)
  }
  return out
}

/** Mappings given as `{"_doc": {...}}` are kept without the wrapper, as Template.toXContent shows them. */
function objectText(text: string, parser: string, key: string, value: XContentValue): string {
  if (!(value instanceof Map)) throw objectExpected(text, parser, key, value)
  const inner = value.get('_doc')
  return toJson(key === 'mappings' && value.size === 1 && inner instanceof Map ? inner : value)
}

function stringList(text: string, parser: string, key: string, value: XContentValue): string[] {
  const values = Array.isArray(value) ? value : [value]
  return values.map((entry) => {
    if (typeof entry === 'string') return entry
    if (entry instanceof XNumber || typeof entry === 'boolean')
      return String(entry instanceof XNumber ? entry.text : entry)
    throw fieldParseError(text, key, `[${parser}] failed to parse field [${key}]`)
  })
}

function longValue(text: string, parser: string, key: string, value: XContentValue): number {
  const lexeme = value instanceof XNumber ? value.text : typeof value === 'string' ? value : null
  const n = lexeme !== null && /^-?\d+$/.test(lexeme.trim()) ? Number(lexeme) : NaN
  if (!Number.isSafeInteger(n)) throw fieldParseError(text, key, `[${parser}] failed to parse field [${key}]`)
  return n
}

function booleanValue(text: string, parser: string, key: string, value: XContentValue): boolean {
  if (typeof value === 'boolean') return value
  if (value === 'true' || value === 'false') return value === 'true'
  throw fieldParseError(text, key, `[${parser}] failed to parse field [${key}]`)
}

function unknownField(text: string, parser: string, key: string): EsException {
  return fieldParseError(text, key, `[${parser}] unknown field [${key}]`)
}

function objectExpected(text: string, parser: string, key: string, value: XContentValue): EsException {
  return fieldParseError(text, key, `[${parser}] ${key} doesn't support values of type: ${valueToken(value)}`)
}
