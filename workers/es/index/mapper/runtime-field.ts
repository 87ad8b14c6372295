/**
 * Runtime fields (ES 8's RuntimeField and AbstractScriptFieldType builders): the mapping's `runtime` section and
 * a search's `runtime_mappings`, read as RuntimeField.parseRuntimeFields reads them and written back as
 * LeafRuntimeField.toXContent writes them.
 *
 * Format (persisted with the mapping, so plain JSON): a field is its `type` (keyword, long, double, date,
 * boolean), its `meta`, its `script` (the source, and `params` as compact JSON text; absent: the value is read
 * from `_source` at the field's name), `on_script_error` (fail or continue; absent is fail) and, for dates,
 * `format` and `locale`. Written back: `type`, then the parameters in the builder's order (meta, script,
 * on_script_error, format, locale), each only when set to other than its default (`meta` is then sorted by key,
 * `on_script_error: fail` is not kept); a script as Script.toXContent writes it (`source`, `lang`, then `params`
 * when it has any).
 *
 * Errors (MapperParsingException, as RuntimeField.Builder.parse and the parameters raise them; the mapping
 * service wraps every error in "Failed to parse mapping: ..."): a field that is not an object, one without
 * `type`, a type without a runtime handler, a parameter the type does not have, a null parameter, a bad
 * on_script_error or `meta` (TypeParsers.parseMeta), `on_script_error: continue` without a script. A null field removes a runtime field in a mapping update; in a
 * search's runtime_mappings it is refused. The types ES has but the playground does not model (ip, geo_point,
 * composite, lookup) are refused as not available. A stored script (`id`) is "stored scripts are not supported
 * for runtime field [f]", as in ES.
 */
import { illegalArgumentException, mapperParsingException, type EsException } from '../../errors/index.ts'
import { toJson, type JsonOut, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { sourceToJson } from '../../action/source-map.ts'
import { javaClassName, javaToString } from '../../ingest/java-values.ts'
import { parseScriptSpec } from '../../script/search-script.ts'
import { parseMeta } from './field-meta.ts'

export const RUNTIME_FIELD_TYPES = ['keyword', 'long', 'double', 'date', 'boolean'] as const
export type RuntimeFieldType = (typeof RUNTIME_FIELD_TYPES)[number]

/** Runtime field types ES 8.17 has that the playground does not model. */
const UNMODELLED_RUNTIME_TYPES: ReadonlySet<string> = new Set(['ip', 'geo_point', 'composite', 'lookup'])

export interface RuntimeScript {
  readonly source: string
  /** The script's `params` as compact JSON text, when it has any. */
  readonly params?: string
}

export interface RuntimeField {
  readonly type: RuntimeFieldType
  readonly meta?: Readonly<Record<string, string>>
  readonly script?: RuntimeScript
  readonly on_script_error?: 'fail' | 'continue'
  readonly format?: string
  readonly locale?: string
}

/** A `runtime` section as parsed: null marks a runtime field the update removes. */
export type RuntimeSection = Readonly<Record<string, RuntimeField | null>>

const BASE_PARAMETERS = ['meta', 'script', 'on_script_error']
const DATE_PARAMETERS = [...BASE_PARAMETERS, 'format', 'locale']

/** RuntimeField.parseRuntimeFields. */
export function parseRuntimeFields(node: XContentObject, supportsRemoval: boolean): RuntimeSection {
  const out: Record<string, RuntimeField | null> = {}
  for (const [name, definition] of node) {
    if (definition === null) {
      if (!supportsRemoval) {
        throw mapperParsingException(
          `Runtime field [${name}] was set to null but its removal is not supported in this context`,
        )
      }
      define(out, name, null)
    } else if (definition instanceof Map) {
      define(out, name, parseRuntimeField(name, definition))
    } else {
      throw mapperParsingException(
        `Expected map for runtime field [${name}] definition but got a ${javaClassName(definition)}`,
      )
    }
  }
  return out
}

function define<T>(out: Record<string, T>, name: string, field: T): void {
  Object.defineProperty(out, name, { value: field, enumerable: true, writable: true, configurable: true })
}

function parseRuntimeField(name: string, definition: XContentObject): RuntimeField {
  const typeNode = definition.get('type')
  if (typeNode === undefined || typeNode === null) {
    throw mapperParsingException(`No type specified for runtime field [${name}]`)
  }
  const type = javaToString(typeNode)
  if (UNMODELLED_RUNTIME_TYPES.has(type)) {
    throw illegalArgumentException(`the [${type}] runtime field type is not available in the playground`)
  }
  if (!(RUNTIME_FIELD_TYPES as readonly string[]).includes(type)) {
    throw mapperParsingException(`No handler for type [${type}] declared on runtime field [${name}]`)
  }
  const parameters = type === 'date' ? DATE_PARAMETERS : BASE_PARAMETERS
  const field: { -readonly [K in keyof RuntimeField]: RuntimeField[K] } = { type: type as RuntimeFieldType }
  for (const [key, value] of definition) {
    if (key === 'type') continue
    if (!parameters.includes(key)) {
      throw mapperParsingException(`unknown parameter [${key}] on runtime field [${name}] of type [${type}]`)
    }
    if (value === null) {
      throw mapperParsingException(
        `[${key}] on runtime field [${name}] of type [${type}] must not have a [null] value`,
      )
    }
    if (key === 'script') field.script = runtimeScript(name, value)
    else if (key === 'on_script_error') field.on_script_error = onScriptError(value)
    else if (key === 'meta') field.meta = parseMeta(name, value)
    else if (key === 'format') field.format = scalar(value)
    else field.locale = scalar(value)
  }
  // Parameter.requiresParameter: on_script_error other than its default needs a script.
  if (field.on_script_error === 'continue' && field.script === undefined) {
    throw illegalArgumentException('Field [on_script_error] requires field [script] to be configured')
  }
  if (field.on_script_error === 'fail') delete field.on_script_error
  return field
}

function scalar(value: XContentValue): string {
  return javaToString(value)
}

/** AbstractScriptFieldType.Builder.parseScript: a stored script (`id`) is refused. */
function runtimeScript(name: string, value: XContentValue): RuntimeScript {
  const spec = parseScriptSpec(value)
  const source = spec.source
  if (source === null) {
    throw illegalArgumentException(`stored scripts are not supported for runtime field [${name}]`)
  }
  return spec.params.size === 0 ? { source } : { source, params: toJson(sourceToJson(spec.params)) }
}

/** An enum parameter: a value printed as given, refused unless it is one of the names. */
function onScriptError(value: XContentValue): 'fail' | 'continue' {
  const text = scalar(value)
  if (text === 'fail' || text === 'continue') return text
  throw mapperParsingException(
    `Unknown value [${text}] for field [on_script_error] - accepted values are [fail, continue]`,
  )
}

/** The section as RootObjectMapper writes it: fields by name, each as LeafRuntimeField.toXContent writes it. */
export function runtimeToJson(runtime: Readonly<Record<string, RuntimeField>>): { [key: string]: JsonOut } {
  const out: { [key: string]: JsonOut } = {}
  for (const name of Object.keys(runtime).sort()) {
    const field = runtime[name]!
    const json: { [key: string]: JsonOut } = { type: field.type }
    if (field.meta !== undefined && Object.keys(field.meta).length > 0) json.meta = { ...field.meta }
    if (field.script !== undefined) json.script = scriptToJson(field.script)
    if (field.on_script_error !== undefined) json.on_script_error = field.on_script_error
    if (field.format !== undefined) json.format = field.format
    if (field.locale !== undefined) json.locale = field.locale
    Object.defineProperty(out, name, { value: json, enumerable: true, writable: true, configurable: true })
  }
  return out
}

function scriptToJson(script: RuntimeScript): JsonOut {
  const out = new Map<string, JsonOut>([
    ['source', script.source],
    ['lang', 'painless'],
  ])
  if (script.params !== undefined) out.set('params', JSON.parse(script.params) as JsonOut)
  return out
}

/** The runtime fields after an update: updated ones replaced whole, null ones removed. */
export function mergeRuntime(
  existing: Readonly<Record<string, RuntimeField>>,
  update: RuntimeSection | undefined,
): Record<string, RuntimeField> | undefined {
  const out: Record<string, RuntimeField | null> = { ...existing }
  for (const [name, field] of Object.entries(update ?? {})) {
    if (field === null) delete out[name]
    else define(out, name, field)
  }
  return Object.keys(out).length === 0 ? undefined : (out as Record<string, RuntimeField>)
}

/** The wrapping MapperService gives what fails while a mapping is parsed. */
export function failedToParseRuntime(error: EsException): EsException {
  return mapperParsingException(`Failed to parse mapping: ${error.reason}`, error)
}
