/**
 * Reading a `mappings` body (index creation, PUT _mapping) into a Mapping, as ES 8's MappingParser
 * reads the root object: a single `_doc` wrapper is unwrapped, `properties`, `dynamic` and the others are read, and
 * any other root key is refused with mapper_parsing_exception "Root mapping definition has unsupported
 * parameters:  [key : value]", the value printed as Java's Map.toString prints it. That is the error
 * a typed ES 6 mapping (`{"record": {"properties": ...}}`) gets. Field parameters are kept as given,
 * numbers as numbers, and a field without `type` is an object. `dynamic` (the root's or an object's) is `strict` in
 * any case or a strict boolean, kept as the text ES prints (parseDynamic).
 * More than 50 `nested` fields are refused (nested-mapping.ts); a `completion` field's parameters are checked and
 * completed with their defaults (completion-field.ts), and so are a `search_as_you_type` field's
 * (search-as-you-type-field.ts), an `ip` field's (ip-field.ts), a `scaled_float` field's
 * (scaled-float-field.ts), the other numeric types' (number-field.ts) and the date types' (date-field.ts); a
 * `type` ES has no handler for is refused as ES refuses it, one ES has but the playground does not model (such as
 * `wildcard`) as not available; an `alias` is read by field-alias.ts. The `runtime` section is read by
 * runtime-field.ts and its scripts compiled.
 */
import {
  EsException,
  failedToParseMapping,
  failedToParseMappingFrom,
  illegalArgumentException,
  mapperParsingException,
} from '../../errors/index.ts'
import { XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import {
  FIELD_TYPES,
  NUMBER_FIELD_TYPES,
  setOwn,
  UNMODELLED_ES_FIELD_TYPES,
  type DynamicMode,
  type FieldMapping,
  type Mapping,
} from './mapping.ts'
import { checkNestedFieldsLimit } from './nested-mapping.ts'
import { completionMapping } from './completion-field.ts'
import { searchAsYouTypeMapping } from './search-as-you-type-field.ts'
import { ipMapping } from './ip-field.ts'
import { scaledFloatMapping } from './scaled-float-field.ts'
import { numberMapping } from './number-field.ts'
import { dateMapping } from './date-field.ts'
import { failedToParseRuntime, parseRuntimeFields, type RuntimeSection } from './runtime-field.ts'
import { compileRuntimeScripts } from '../../script/runtime-field-script.ts'
import { parseRootParameters } from './root-object-mapper.ts'
import { copyToFields, validateCopyTo } from './copy-to.ts'
import { aliasMapping } from './field-alias.ts'
import { parseBoolean } from '../../common/booleans.ts'

/** Root keys ES accepts; `runtime` and `subobjects` are read and ignored, the others kept (root-object-mapper.ts). */
const ACCEPTED_ROOT_KEYS = new Set([
  'dynamic',
  'properties',
  '_source',
  '_routing',
  '_meta',
  'dynamic_templates',
  'date_detection',
  'numeric_detection',
  'dynamic_date_formats',
  'runtime',
  'enabled',
  'subobjects',
])

export function parseMapping(value: XContentValue | undefined): Mapping {
  if (!(value instanceof Map)) return { properties: {} }
  let root = value
  const doc = root.get('_doc')
  if (root.size === 1 && doc instanceof Map) root = doc
  const unsupported = [...root].filter(([key]) => !ACCEPTED_ROOT_KEYS.has(key))
  if (unsupported.length > 0) {
    const listed = unsupported.map(([key, entry]) => ` [${key} : ${javaToString(entry)}]`).join('')
    throw mapperParsingException(`Root mapping definition has unsupported parameters: ${listed}`)
  }
  const dynamic = root.get('dynamic')
  const properties = root.get('properties')
  const runtime = root.get('runtime')
  const mapping: Mapping = {
    ...(dynamic !== undefined ? { dynamic: parseDynamic(dynamic) } : {}),
    ...(runtime !== undefined ? { runtime: runtimeSection(runtime) } : {}),
    ...parseRootParameters(root),
    properties: properties instanceof Map ? parseProperties(properties) : {},
  }
  checkNestedFieldsLimit(mapping)
  validateCopyTo(mapping)
  return mapping
}

/**
 * ObjectMapper.TypeParser's `dynamic`: `strict` or `runtime` in any case, else a strict boolean; a value that is
 * neither is "Could not convert [dynamic.dynamic] to boolean" (XContentMapValues.nodeBooleanValue), caused by
 * Booleans.parseBoolean's error.
 */
function parseDynamic(value: XContentValue): DynamicMode {
  const text = javaToString(value)
  if (text.toLowerCase() === 'strict') return 'strict'
  if (text.toLowerCase() === 'runtime') return 'runtime'
  try {
    return parseBoolean(text) ? 'true' : 'false'
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    throw failedToParseMappingFrom(
      illegalArgumentException('Could not convert [dynamic.dynamic] to boolean', error),
    )
  }
}

/**
 * The `runtime` section (RootObjectMapper's "runtime"), its scripts compiled; whatever fails is wrapped as
 * MapperService wraps a mapping's failures.
 */
function runtimeSection(node: XContentValue): RuntimeSection {
  try {
    if (!(node instanceof Map)) {
      throw new EsException({ type: 'parse_exception', reason: 'runtime must be a map type', status: 400 })
    }
    const section = parseRuntimeFields(node, true)
    compileRuntimeScripts(section)
    return section
  } catch (error) {
    throw error instanceof EsException ? failedToParseRuntime(error) : error
  }
}

function parseProperties(properties: XContentObject): Record<string, FieldMapping> {
  const out: Record<string, FieldMapping> = {}
  for (const [name, definition] of properties) {
    if (!(definition instanceof Map)) continue
    if (definition.get('type') === 'alias') {
      setOwn(out, name, aliasMapping(name, definition))
      continue
    }
    const field: Record<string, unknown> = {}
    for (const [key, value] of definition) {
      if (key === 'properties' || key === 'fields')
        setOwn(field, key, value instanceof Map ? parseProperties(value) : {})
      else if (key === 'dynamic') setOwn(field, key, parseDynamic(value))
      else if (key === 'copy_to') setOwn(field, key, copyToFields(value))
      else setOwn(field, key, value instanceof XNumber ? value.value : value)
    }
    field.type ??= 'object'
    checkFieldType(name, field.type)
    setOwn(out, name, typedMapping(name, field))
  }
  return out
}

/** The field types whose parameters are checked and completed with their defaults. */
function typedMapping(name: string, field: Record<string, unknown>): FieldMapping {
  if (field.type === 'completion') return completionMapping(name, field)
  if (field.type === 'search_as_you_type') return searchAsYouTypeMapping(name, field)
  if (field.type === 'ip') return ipMapping(name, field)
  if (field.type === 'scaled_float') return scaledFloatMapping(name, field)
  if (NUMBER_FIELD_TYPES.has(field.type as string)) return numberMapping(name, field.type as string, field)
  if (field.type === 'date' || field.type === 'date_nanos') return dateMapping(name, field.type, field)
  return field as unknown as FieldMapping
}

/** One field's definition (`type` defaulting to `object`), read as a property of that name is. */
export function parseFieldMapping(name: string, definition: XContentObject): FieldMapping {
  return parseProperties(new Map([[name, definition]]))[name]!
}

/** TypeParsers lookup: a type ES has no handler for is refused as ES refuses it; one ES has but the playground lacks, as not available. */
function checkFieldType(name: string, type: unknown): void {
  const typeName = String(type)
  if (FIELD_TYPES.has(typeName)) return
  if (UNMODELLED_ES_FIELD_TYPES.has(typeName))
    throw illegalArgumentException(`the [${typeName}] field type is not available in the playground`)
  throw failedToParseMapping(`No handler for type [${typeName}] declared on field [${name}]`)
}

/**
 * A metadata field's boolean parameter (Parameter.boolParam: XContentMapValues.nodeBooleanValue, that is
 * Booleans.parseBoolean of the value's toString): `true` or `false` (a JSON boolean or its text), else "Failed to
 * parse value [x] as only [true] or [false] are allowed." wrapped as MapperService wraps a mapping's failures.
 */
export function booleanParam(value: XContentValue): boolean {
  if (typeof value === 'boolean') return value
  try {
    return parseBoolean(javaToString(value))
  } catch (error) {
    if (!(error instanceof EsException)) throw error
    throw failedToParseMappingFrom(error)
  }
}

/** Java's toString of a parsed JSON value: `{a=1, b=[x, y]}`. */
export function javaToString(value: XContentValue): string {
  if (value instanceof XNumber) return value.text
  if (value instanceof Map) {
    return `{${[...value].map(([key, entry]) => `${key}=${javaToString(entry)}`).join(', ')}}`
  }
  if (Array.isArray(value)) return `[${value.map(javaToString).join(', ')}]`
  return String(value)
}
