/**
 * DenseVectorFieldMapper's side of a mapping (ES 8.17, an index created on 8.17: indexed by default, cosine by
 * default, int8_hnsw by default for indexed float vectors).
 *
 * Parameters, in the Builder's order and as GET _mapping prints them: `element_type` (only when not `float`),
 * `dims` (once known: given, or taken from the first document that has a vector, dense-vector-values.ts), `index`
 * (always), `similarity` (always when set; `cosine` by default when indexed, none when not), `index_options`
 * (always when indexed float: `{type, m, ef_construction}` for the HNSW types, `{type}` for the flat ones), `meta`.
 * A parsed mapping holds these completed with their defaults, so that merging an update that leaves them out
 * (mapping-merge.ts) compares equal values. Any other key is "unknown parameter [x] on mapper [f] of type
 * [dense_vector]"; the Builder's parse and validation errors are ES's, wrapped as MapperService wraps them.
 * The int4 and bbq index types and `confidence_interval` are refused as not available in the playground; the
 * playground searches every index type exactly (docs/DEVIATIONS.md).
 */
import {
  failedToParseMapping,
  failedToParseMappingFrom,
  illegalArgumentException,
  type EsException,
} from '../../errors/index.ts'
import { XNumber, type XContentValue } from '../../xcontent/index.ts'
import { javaToString } from './mapping-parser.ts'
import type { FieldMapping, VectorIndexOptions } from './mapping.ts'
import { checkRestricted, stringParameter, typedParameters, type ParameterSpec } from './field-parameters.ts'
import { checkNoRemainingFields, integerOption } from './mapping-options.ts'

/** VectorSimilarity's names, in its declaration order. */
const VECTOR_SIMILARITIES: readonly string[] = ['l2_norm', 'dot_product', 'cosine', 'max_inner_product']

/** The element types the playground stores: float (Java floats) and byte (integers in [-128, 127]). */
const ELEMENT_TYPES: readonly string[] = ['float', 'byte']

/** DenseVectorFieldMapper.MAX_DIMS_COUNT. */
const MAX_DIMS = 4096

/** Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN and DEFAULT_BEAM_WIDTH. */
const DEFAULT_M = 16
const DEFAULT_EF_CONSTRUCTION = 100

/** VectorIndexType: the options each type reads (ES 8.17's), and whether it takes byte vectors. */
const INDEX_TYPES: ReadonlyMap<string, { hnsw: boolean; floatOnly: boolean }> = new Map([
  ['hnsw', { hnsw: true, floatOnly: false }],
  ['int8_hnsw', { hnsw: true, floatOnly: true }],
  ['flat', { hnsw: false, floatOnly: false }],
  ['int8_flat', { hnsw: false, floatOnly: true }],
])
const UNMODELLED_INDEX_TYPES: ReadonlySet<string> = new Set([
  'int4_hnsw',
  'int4_flat',
  'bbq_hnsw',
  'bbq_flat',
])

const PARAMETERS: ReadonlyMap<string, ParameterSpec> = new Map<string, ParameterSpec>([
  ['element_type', { kind: 'value' }],
  ['dims', { kind: 'value' }],
  ['index', { kind: 'boolean' }],
  ['similarity', { kind: 'value' }],
  ['index_options', { kind: 'value' }],
  ['meta', { kind: 'value', shown: {} }],
])

/** A dense_vector field's mapping as parsed from `definition` (its own keys), completed with its defaults. */
export function denseVectorMapping(name: string, definition: Record<string, unknown>): FieldMapping {
  const given = typedParameters(name, 'dense_vector', definition, PARAMETERS)
  const elementType = given.element_type === undefined ? 'float' : elementTypeOf(given.element_type)
  const dims = given.dims === undefined ? undefined : dimsOf(name, definition.dims)
  const index = given.index !== false
  const similarity =
    'similarity' in definition ? similarityOf(definition.similarity) : index ? 'cosine' : null
  const indexOptions =
    definition.index_options === undefined || definition.index_options === null
      ? undefined
      : indexOptionsOf(name, definition.index_options)
  // Builder.validate, in getParameters' order: dims, index, index_options
  if (dims !== undefined && (dims < 1 || dims > MAX_DIMS))
    throw failedToParseMapping(
      `The number of dimensions should be in the range [1, ${MAX_DIMS}] but was [${dims}]`,
    )
  if (index && similarity === null)
    throw invalid('Field [index] requires field [similarity] to be configured and not null')
  if (!index && 'similarity' in definition && similarity !== null)
    throw invalid(
      'Field [similarity] can only be specified for a field of type [dense_vector] when it is indexed',
    )
  if (!index && indexOptions !== undefined)
    throw invalid(
      'Field [index_options] can only be specified for a field of type [dense_vector] when it is indexed',
    )
  if (indexOptions !== undefined && elementType !== 'float' && INDEX_TYPES.get(indexOptions.type)!.floatOnly)
    throw invalid(`[element_type] cannot be [${elementType}] when using index type [${indexOptions.type}]`)
  const out: Record<string, unknown> = { type: 'dense_vector' }
  if (elementType !== 'float') out.element_type = elementType
  if (dims !== undefined) out.dims = dims
  out.index = index
  if (similarity !== null) out.similarity = similarity
  const options = indexOptions ?? (index && elementType === 'float' ? hnswOptions('int8_hnsw') : undefined)
  if (options !== undefined) out.index_options = options
  if (given.meta !== undefined) out.meta = given.meta
  if (given.fields !== undefined) out.fields = given.fields
  if (given.copy_to !== undefined) out.copy_to = given.copy_to
  return out as unknown as FieldMapping
}

/** The order GET _mapping prints a dense_vector's keys in: the Builder's parameters, then multi-fields and copy_to. */
const KEY_ORDER = [
  'type',
  'element_type',
  'dims',
  'index',
  'similarity',
  'index_options',
  'meta',
  'fields',
  'copy_to',
]

/** A dense_vector mapping's keys in the Builder's order (a merge or a first document's dims may add `dims` last). */
export function inBuilderOrder(field: FieldMapping): FieldMapping {
  const out: Record<string, unknown> = {}
  for (const key of KEY_ORDER) {
    const value = (field as unknown as Record<string, unknown>)[key]
    if (value !== undefined) out[key] = value
  }
  return out as unknown as FieldMapping
}

/** FieldMapper.notInMultiFields: a dense_vector cannot be a multi-field. */
export function denseVectorInMultiField(name: string): never {
  throw failedToParseMapping(`Field [${name}] of type [dense_vector] can't be used in multifields`)
}

/** A validator's IllegalArgumentException, wrapped as MapperService wraps a mapping's failures. */
function invalid(message: string): EsException {
  return failedToParseMappingFrom(illegalArgumentException(message))
}

/** The element_type parameter: its name, else "invalid element_type [x]; available types are [...]". */
function elementTypeOf(value: unknown): string {
  const text = String(value)
  if (text === 'bit')
    throw illegalArgumentException(
      '[element_type] [bit] of a field of type [dense_vector] is not available in the playground',
    )
  if (!ELEMENT_TYPES.includes(text))
    throw failedToParseMapping(`invalid element_type [${text}]; available types are [byte, float, bit]`)
  return text
}

/**
 * The dims parameter: an integer that fits a Java int, else "Property [dims] on field [f] must be an integer but got
 * [x]". (The mapping parser has read a JSON number by then, so `3.0` passes as 3: docs/DEVIATIONS.md.)
 */
function dimsOf(name: string, value: unknown): number {
  const number = value instanceof XNumber ? value.value : value
  if (typeof number !== 'number' || !Number.isInteger(number) || Math.abs(number) > 2 ** 31 - 1)
    throw failedToParseMapping(
      `Property [dims] on field [${name}] must be an integer but got [${javaToString(value as XContentValue)}]`,
    )
  return number
}

/** Parameter.enumParam's reading of `similarity` (null accepted). */
function similarityOf(value: unknown): string | null {
  if (value === null) return null
  checkRestricted('similarity', value, VECTOR_SIMILARITIES)
  return stringParameter(value)
}

/** DenseVectorFieldMapper.parseIndexOptions: `type` first, then the type's own options, nothing else. */
function indexOptionsOf(name: string, value: unknown): VectorIndexOptions {
  if (!(value instanceof Map))
    throw failedToParseMapping(`[index_options] on mapper [${name}] of type [dense_vector] must be an object`)
  const options = new Map(value as ReadonlyMap<string, XContentValue>)
  const type = options.get('type')
  options.delete('type')
  if (type === undefined || type === null)
    throw failedToParseMapping('[index_options] requires field [type] to be configured')
  const typeName = javaToString(type)
  if (UNMODELLED_INDEX_TYPES.has(typeName))
    throw illegalArgumentException(`the [${typeName}] vector index type is not available in the playground`)
  const spec = INDEX_TYPES.get(typeName)
  if (spec === undefined)
    throw failedToParseMapping(`Unknown vector index options type [${typeName}] for field [${name}]`)
  if (options.has('confidence_interval'))
    throw illegalArgumentException(
      '[confidence_interval] of a vector index type is not available in the playground',
    )
  if (!spec.hnsw) {
    checkNoRemainingFields(name, options)
    return { type: typeName }
  }
  const m = integerOption(options, 'm', DEFAULT_M)
  const efConstruction = integerOption(options, 'ef_construction', DEFAULT_EF_CONSTRUCTION)
  checkNoRemainingFields(name, options)
  return hnswOptions(typeName, m, efConstruction)
}

function hnswOptions(
  type: string,
  m = DEFAULT_M,
  efConstruction = DEFAULT_EF_CONSTRUCTION,
): VectorIndexOptions {
  return { type, m, ef_construction: efConstruction }
}
