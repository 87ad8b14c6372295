/**
 * Reading a `mappings` body (index creation, PUT _mapping) into a Mapping, as ES 8's MappingParser
 * reads the root object: a single `_doc` wrapper is unwrapped, `properties`, `dynamic` and the others are read, and
 * any other root key is refused with mapper_parsing_exception "Root mapping definition has unsupported
 * parameters:  [key : value]", the value printed as Java's Map.toString prints it. That is the error
 * a typed ES 6 mapping (`{"record": {"properties": ...}}`) gets. Field parameters are kept as given,
 * numbers as numbers; a property without `type` is an object when it has `properties` or `enabled` alone (else
 * refused), a dotted property name is objects (parseProperties) but in a `subobjects: false` object, whose object
 * properties are flattened into dotted leaves (subobjects.ts); a `passthrough` object is read by passthrough-object.ts;
 * multi-fields are read as TypeParsers reads them
 * (parseMultiFields). `dynamic` (the root's or an object's) is `strict` in
 * any case or a strict boolean, kept as the text ES prints (parseDynamic); an object's or nested field's `enabled` a
 * strict boolean ("Could not convert [enabled.enabled] to boolean" otherwise, ObjectMapper.TypeParser).
 * The mapping limits are checked on the index's whole mapping (mapping-limits.ts); a `completion` field's parameters are checked and
 * completed with their defaults (completion-field.ts), and so are a `search_as_you_type` field's
 * (search-as-you-type-field.ts), a `match_only_text` field's (match-only-text-field.ts), a `version` field's (version-field.ts), an `ip` field's (ip-field.ts), a `scaled_float` field's
 * (scaled-float-field.ts), the other numeric types' (number-field.ts), the date types' (date-field.ts) and a
 * `join` field's (join-field.ts, which also allows one join field per mapping), a `dense_vector`'s
 * (dense-vector-field.ts), a `rank_feature` or `rank_features` field's (rank-feature-field.ts), a range field's
 * (range-field.ts), a `constant_keyword`'s (constant-keyword-field.ts, from the definition itself: a number `value`
 * keeps its text), a `token_count`'s (token-count-field.ts), a `flattened` field's (flattened-field.ts), a `wildcard`
 * field's (wildcard-field.ts); a `type` ES has no handler for is refused as ES refuses it, one ES has but the
 * playground does not model (such as `semantic_text`) as not available; an `alias` is read by field-alias.ts. The `runtime` section is read by
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
  ownField,
  setOwn,
  UNMODELLED_ES_FIELD_TYPES,
  type DynamicMode,
  type FieldMapping,
  type Mapping,
} from './mapping.ts'
import { completionMapping } from './completion-field.ts'
import { searchAsYouTypeMapping } from './search-as-you-type-field.ts'
import { ipMapping } from './ip-field.ts'
import { textMapping } from './text-field.ts'
import { matchOnlyTextMapping } from './match-only-text-field.ts'
import { versionMapping } from './version-field.ts'
import { keywordMapping } from './keyword-field.ts'
import { wildcardMapping } from './wildcard-field.ts'
import { booleanMapping } from './boolean-field.ts'
import { scaledFloatMapping } from './scaled-float-field.ts'
import { numberMapping } from './number-field.ts'
import { dateMapping } from './date-field.ts'
import { failedToParseRuntime, parseRuntimeFields, type RuntimeSection } from './runtime-field.ts'
import { compileRuntimeScripts } from '../../script/runtime-field-script.ts'
import { nodeBooleanValue, parseRootParameters } from './root-object-mapper.ts'
import { copyToFields, validateCopyTo } from './copy-to.ts'
import { aliasMapping } from './field-alias.ts'
import { fieldMetaParameter } from './field-meta.ts'
import { parseBoolean } from '../../common/booleans.ts'
import { isJavaBlank } from '../../common/java-whitespace.ts'
import { mergeFieldMapping } from './mapping-merge.ts'
import { checkOneJoinField, joinMapping } from './join-field.ts'
import { denseVectorInMultiField, denseVectorMapping } from './dense-vector-field.ts'
import { rankFeatureMapping, rankFeaturesInMultiField } from './rank-feature-field.ts'
import { sparseVectorInMultiField, sparseVectorMapping } from './sparse-vector-field.ts'
import { COUNTED_KEYWORD, countedKeywordMapping } from './counted-keyword-field.ts'
import { rangeMapping } from './range-field.ts'
import { isRangeType } from './range-type.ts'
import { CONSTANT_KEYWORD, constantKeywordMapping } from './constant-keyword-field.ts'
import { tokenCountMapping } from './token-count-field.ts'
import { UNSIGNED_LONG, unsignedLongMapping } from './unsigned-long-field.ts'
import { BINARY, binaryMapping } from './binary-field.ts'
import { HISTOGRAM, histogramInMultiField, histogramMapping } from './histogram-field.ts'
import {
  AGGREGATE_METRIC_DOUBLE,
  aggregateMetricDoubleMapping,
  aggregateMetricInMultiField,
} from './aggregate-metric-double-field.ts'
import { FLATTENED, flattenedMapping } from './flattened-field.ts'
import { addFlattened, nestedInFlatContainer, parseSubobjects } from './subobjects.ts'
import { checkPassThroughPriorities, PASSTHROUGH, passThroughMapping } from './passthrough-object.ts'

/**
 * Root keys ES accepts: `dynamic`, `properties`, `runtime` and `subobjects` are read here, the others by
 * root-object-mapper.ts.
 */
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
  // parseSubobjects: a null value is no value
  const subobjects = root.get('subobjects') ?? undefined
  const parsed: Pick<Mapping, 'dynamic' | 'subobjects'> = {
    ...(dynamic !== undefined ? { dynamic: parseDynamic(dynamic) } : {}),
    ...(subobjects !== undefined ? { subobjects: parseSubobjects(subobjects) } : {}),
  }
  const container = { name: '_doc', dynamic: parsed.dynamic ?? 'true', flat: parsed.subobjects === false }
  const mapping: Mapping = {
    ...(parsed.dynamic !== undefined ? { dynamic: parsed.dynamic } : {}),
    ...(runtime !== undefined ? { runtime: runtimeSection(runtime) } : {}),
    ...parseRootParameters(root),
    ...(parsed.subobjects !== undefined ? { subobjects: parsed.subobjects } : {}),
    properties: properties instanceof Map ? parseProperties(properties, '', container) : {},
  }
  validateCopyTo(mapping)
  checkOneJoinField(mapping)
  checkPassThroughPriorities(mapping)
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

/**
 * ObjectMapper.TypeParser.parseProperties: each property's name is checked (validateFieldName), its type found
 * (given, or implied: an object when it has `properties` or only `enabled`), and a dotted name is read as objects
 * holding a field of its last part (`"a.b": {...}` as `"a": {"properties": {"b": {...}}}`), merged with a property
 * of the same name as ObjectMapper.Builder.buildMappers merges them. `prefix` is the object's path and a dot.
 */
function parseProperties(
  properties: XContentObject,
  prefix: string,
  container: Container,
): Record<string, FieldMapping> {
  const out: Record<string, FieldMapping> = {}
  for (const [name, definition] of properties) {
    checkFieldName(name)
    if (!(definition instanceof Map)) {
      if (Array.isArray(definition) && definition.length === 0) continue
      // ES names the class of the property's name here, not of its value
      throw failedToParseMapping(
        `Expected map for property [fields] on field [${name}] but got a class java.lang.String`,
      )
    }
    const type = definition.get('type') ?? impliedObjectType(name, definition)
    if (container.flat) {
      // subobjects false: the name is one leaf's, an object is flattened into leaves (subobjects.ts)
      if (type === 'nested') throw nestedInFlatContainer(name, container.name)
      checkFieldType(name, type)
      const field = readField(name, definition, prefix + name, container.dynamic)
      addFlattened(out, name, field, container.dynamic, (existing, incoming, leaf) =>
        mergedProperty(existing, incoming, prefix + leaf),
      )
      continue
    }
    checkFieldType(name, type)
    const parts = name.split('.')
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop()
    if (parts.length === 0)
      throw failedToParseMappingFrom(illegalArgumentException('field name cannot contain only dots'))
    const leaf = parts[parts.length - 1]!
    checkFieldName(leaf)
    let mapping = readField(leaf, definition, `${prefix}${parts.join('.')}`, container.dynamic)
    for (let i = parts.length - 2; i >= 0; i--) {
      checkFieldName(parts[i]!)
      const properties: Record<string, FieldMapping> = {}
      setOwn(properties, parts[i + 1]!, mapping)
      mapping = { type: 'object', properties }
    }
    const existing = ownField(out, parts[0]!)
    setOwn(
      out,
      parts[0]!,
      existing === undefined ? mapping : mergedProperty(existing, mapping, prefix + parts[0]!),
    )
  }
  return out
}

/** ObjectMapper.validateFieldName, for an index created on 8.6 or later. */
function checkFieldName(name: string): void {
  if (name.length === 0)
    throw failedToParseMappingFrom(illegalArgumentException('field name cannot be an empty string'))
  if (isJavaBlank(name))
    throw failedToParseMappingFrom(illegalArgumentException('field name cannot contain only whitespaces'))
}

/** A property without `type`: an object when it has `properties`, or `enabled` alone; else refused. */
function impliedObjectType(name: string, definition: XContentObject): string {
  const properties = definition.get('properties')
  if (
    (properties !== undefined && properties !== null) ||
    (definition.size === 1 && definition.has('enabled'))
  )
    return 'object'
  throw failedToParseMapping(`No type specified for field [${name}]`)
}

/** Two properties of one name (object and dot notation): merged, their conflict failing the mapping. */
function mergedProperty(existing: FieldMapping, incoming: FieldMapping, path: string): FieldMapping {
  try {
    return mergeFieldMapping(existing, incoming, path)
  } catch (error) {
    throw error instanceof EsException ? failedToParseMappingFrom(error) : error
  }
}

/**
 * TypeParsers.parseMultiField: a multi-field's name has no dot, its definition is an object with a `type`, one of
 * a leaf field (no object, nested or alias), and has no `fields` of its own.
 */
function parseMultiFields(fields: XContentValue, parent: string, path: string): Record<string, FieldMapping> {
  const out: Record<string, FieldMapping> = {}
  if (!(fields instanceof Map)) return out
  for (const [name, definition] of fields) {
    if (name.includes('.'))
      throw failedToParseMapping(
        `Field name [${name}] which is a multi field of [${parent}] cannot contain '.'`,
      )
    if (!(definition instanceof Map))
      throw failedToParseMapping(`illegal field [${name}], only fields can be specified inside fields`)
    const type = definition.get('type')
    if (type === undefined || type === null)
      throw failedToParseMapping(`no type specified for property [${name}]`)
    const typeName = javaToString(type)
    if (!FIELD_TYPES.has(typeName) && !UNMODELLED_ES_FIELD_TYPES.has(typeName))
      throw failedToParseMapping(`no handler for type [${typeName}] declared on field [${name}]`)
    if (typeName === 'object' || typeName === 'nested' || typeName === 'alias' || typeName === PASSTHROUGH)
      throw failedToParseMapping(`Type [${typeName}] cannot be used in multi field`)
    if (typeName === 'dense_vector') denseVectorInMultiField(name)
    if (typeName === 'rank_features') rankFeaturesInMultiField(name)
    if (typeName === 'sparse_vector') sparseVectorInMultiField(name)
    if (typeName === HISTOGRAM) histogramInMultiField(name)
    if (typeName === AGGREGATE_METRIC_DOUBLE) aggregateMetricInMultiField(name)
    checkFieldType(name, typeName)
    // an index created in 8.0 or later refuses chained multi-fields (older ones only warned)
    if (definition.has('fields'))
      throw failedToParseMappingFrom(
        illegalArgumentException(
          `Encountered a multi-field [${name}] which itself contains a multi-field. ` +
            'Defining chained multi-fields is not supported.',
        ),
      )
    setOwn(out, name, readField(name, definition, `${path}.${name}`))
  }
  return out
}

/**
 * The object whose properties are being read: its leaf name (`_doc` at the root), the `dynamic` its children inherit,
 * and whether it has `subobjects: false`.
 */
interface Container {
  name: string
  dynamic: DynamicMode
  flat: boolean
}

/**
 * One field's definition, its type given or implied (object), read under its own name at `path`; `dynamic` is the
 * one it inherits. An object's `subobjects` is read first (parseSubobjects), since it decides how its properties are.
 */
function readField(
  name: string,
  definition: XContentObject,
  path: string,
  dynamic: DynamicMode = 'true',
): FieldMapping {
  if (definition.get('type') === 'alias') return aliasMapping(name, definition)
  if (definition.get('type') === CONSTANT_KEYWORD)
    return constantKeywordMapping(name, definition, javaToString)
  if (definition.get('type') === PASSTHROUGH) return passThroughField(name, definition, path, dynamic)
  const object = (definition.get('type') ?? 'object') === 'object'
  const subobjects = object ? (definition.get('subobjects') ?? undefined) : undefined
  const ownDynamic = definition.get('dynamic')
  const container: Container = {
    name,
    dynamic: ownDynamic === undefined ? dynamic : parseDynamic(ownDynamic),
    flat: subobjects !== undefined && !parseSubobjects(subobjects),
  }
  const field: Record<string, unknown> = {}
  for (const [key, value] of definition) {
    if (key === 'properties')
      setOwn(field, key, value instanceof Map ? parseProperties(value, `${path}.`, container) : {})
    else if (key === 'subobjects' && object) {
      if (subobjects !== undefined) setOwn(field, key, !container.flat)
    } else if (key === 'enabled' && (object || definition.get('type') === 'nested'))
      setOwn(field, key, nodeBooleanValue(value, 'enabled.enabled'))
    else if (key === 'fields') setOwn(field, key, parseMultiFields(value, name, path))
    else if (key === 'dynamic') setOwn(field, key, parseDynamic(value))
    else if (key === 'copy_to') setOwn(field, key, copyToFields(value))
    else if (key === 'meta' && !object && definition.get('type') !== 'nested') {
      const meta = fieldMetaParameter(name, value)
      if (Object.keys(meta).length > 0) setOwn(field, key, meta)
    }
    // an unsigned_long's null_value keeps its token: a double cannot hold every unsigned long
    else if (key === 'null_value' && definition.get('type') === UNSIGNED_LONG) setOwn(field, key, value)
    else setOwn(field, key, value instanceof XNumber ? value.value : value)
  }
  field.type ??= 'object'
  return field.type === 'join' ? joinMapping(name, path, field) : typedMapping(name, field)
}

/** A passthrough object (passthrough-object.ts), its properties read as a `subobjects: false` object's. */
function passThroughField(
  name: string,
  definition: XContentObject,
  path: string,
  dynamic: DynamicMode,
): FieldMapping {
  const ownDynamic = definition.get('dynamic')
  const container: Container = {
    name,
    dynamic: ownDynamic === undefined ? dynamic : parseDynamic(ownDynamic),
    flat: true,
  }
  return passThroughMapping(name, path, definition, (key, value) => {
    if (key === 'properties') return value instanceof Map ? parseProperties(value, `${path}.`, container) : {}
    if (key === 'enabled') return nodeBooleanValue(value, 'enabled.enabled')
    return key === 'dynamic' ? container.dynamic : value
  })
}

/** The field types whose parameters are checked and completed with their defaults. */
function typedMapping(name: string, field: Record<string, unknown>): FieldMapping {
  if (field.type === 'completion') return completionMapping(name, field)
  if (field.type === 'search_as_you_type') return searchAsYouTypeMapping(name, field)
  if (field.type === 'text') return textMapping(name, field)
  if (field.type === 'match_only_text') return matchOnlyTextMapping(name, field)
  if (field.type === 'keyword') return keywordMapping(name, field)
  if (field.type === 'wildcard') return wildcardMapping(name, field)
  if (field.type === 'version') return versionMapping(name, field)
  if (field.type === 'boolean') return booleanMapping(name, field)
  if (field.type === 'ip') return ipMapping(name, field)
  if (field.type === 'scaled_float') return scaledFloatMapping(name, field)
  if (NUMBER_FIELD_TYPES.has(field.type as string)) return numberMapping(name, field.type as string, field)
  if (field.type === 'date' || field.type === 'date_nanos') return dateMapping(name, field.type, field)
  if (field.type === 'dense_vector') return denseVectorMapping(name, field)
  if (field.type === 'rank_feature' || field.type === 'rank_features')
    return rankFeatureMapping(name, field.type, field)
  if (isRangeType(field.type as string)) return rangeMapping(name, field.type as string, field)
  if (field.type === 'token_count') return tokenCountMapping(name, field)
  if (field.type === UNSIGNED_LONG) return unsignedLongMapping(name, field)
  if (field.type === BINARY) return binaryMapping(name, field)
  if (field.type === FLATTENED) return flattenedMapping(name, field)
  if (field.type === 'sparse_vector') return sparseVectorMapping(name, field)
  if (field.type === COUNTED_KEYWORD) return countedKeywordMapping(name, field)
  if (field.type === HISTOGRAM) return histogramMapping(name, field)
  if (field.type === AGGREGATE_METRIC_DOUBLE) return aggregateMetricDoubleMapping(name, field)
  return field as unknown as FieldMapping
}

/** One field's definition with its `type` (a dynamic template's), read as a property of that name is. */
export function parseFieldMapping(name: string, definition: XContentObject): FieldMapping {
  return readField(name, definition, name)
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
