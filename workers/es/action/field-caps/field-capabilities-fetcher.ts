/**
 * FieldCapabilitiesFetcher.retrieveFieldCaps of ES 8.17 for one index: the capabilities of every field of the index
 * (SearchExecutionContext.getAllFields: the metadata fields, the mapped leaves with their multi-fields, field
 * aliases as their target's field type, and runtime fields, which shadow a mapped field of the same name) whose name
 * matches one of the requested patterns (Regex.simpleMatch) and passes the `filters` and `types` filters; with each
 * field the parents of its field type's name (an alias's: its target's) that are no field, as objects (`object`, or
 * `nested`), unless `-parent` is given. A passthrough object's subfields are there under their names without its
 * prefix too (search-fields.ts).
 *
 * Each capability is the field type's familyTypeName, whether it is a metadata field, isSearchable (an indexed field,
 * or since 8.1 a keyword, numeric, date, boolean, ip or geo_point field with doc values only) and isAggregatable
 * (whether its fielddataBuilder works: doc values, or a runtime field), and its mapping's `meta`. The metadata fields
 * are those a default 8.17 distribution registers for a standard index (IndicesModule's built-in ones, then the
 * mapper-extras `_feature` and x-pack's `_tier`, `_field_names` last), with their field types' flags.
 *
 * The result keeps ES's map in insertion order: the index's fields in the order its FieldTypeLookup HashMap
 * iterates them (java-hash.ts), each parent after its first field (field-capabilities-merge.ts reorders them as the
 * coordinating node's HashMaps do).
 */
import { illegalArgumentException } from '../../errors/index.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import { JavaHashMapModel } from '../../../net/java-hash.ts'
import {
  hasProperties,
  PARENT_ID_FIELD,
  type FieldMapping,
  type Mapping,
} from '../../index/mapper/mapping.ts'
import { concreteFieldName, searchFields } from '../../search/search-fields.ts'
import { fieldTypeName } from '../../search/aggregations/values-source.ts'

export interface IndexFieldCapabilities {
  readonly name: string
  readonly type: string
  readonly metadataField: boolean
  readonly searchable: boolean
  readonly aggregatable: boolean
  readonly meta: Readonly<Record<string, string>>
}

export interface FieldCapsFilters {
  /** The requested field name patterns. */
  readonly fields: readonly string[]
  /** `+metadata`, `-metadata`, `-nested`, `-multifield`, `-parent`. */
  readonly filters: readonly string[]
  /** The family type names to keep; empty: every type. */
  readonly types: readonly string[]
}

/** Each 8.17 metadata field of a standard index: [name, familyTypeName, searchable, aggregatable]. */
const METADATA_FIELDS: ReadonlyArray<readonly [string, string, boolean, boolean]> = [
  ['_ignored', '_ignored', true, true],
  ['_id', '_id', true, false],
  ['_routing', '_routing', true, false],
  ['_index', '_index', true, true],
  ['_index_mode', '_index_mode', true, true],
  ['_source', '_source', false, false],
  ['_ignored_source', '_ignored_source', false, false],
  ['_nested_path', '_nested_path', true, false],
  ['_version', '_version', false, true],
  ['_seq_no', '_seq_no', true, true],
  ['_doc_count', 'integer', false, false],
  ['_data_stream_timestamp', '_data_stream_timestamp', false, false],
  ['_feature', '_feature', false, false],
  ['_tier', '_tier', true, true],
  ['_field_names', '_field_names', true, false],
]

/** The metadata fields' names, as a search's field lookup holds them beside the mapping's fields. */
export const METADATA_FIELD_NAMES: readonly string[] = METADATA_FIELDS.map(([name]) => name)

const KNOWN_FILTERS: ReadonlySet<string> = new Set([
  '+metadata',
  '-metadata',
  '-nested',
  '-multifield',
  '-parent',
  'parent',
])

/** The refusal of an unknown `filters` entry (FieldCapabilitiesFetcher.buildFilter). */
export function checkFilters(filters: readonly string[]): void {
  for (const filter of filters) {
    if (!KNOWN_FILTERS.has(filter)) throw illegalArgumentException(`Unknown field caps filter [${filter}]`)
  }
}

/** Field types searchable through doc values alone (8.1's doc-values search). */
const DOC_VALUES_SEARCHABLE: ReadonlySet<string> = new Set([
  'keyword',
  'token_count',
  'long',
  'integer',
  'short',
  'byte',
  'double',
  'float',
  'half_float',
  'scaled_float',
  'date',
  'date_nanos',
  'boolean',
  'ip',
  'geo_point',
])

/**
 * Field types that are not aggregatable (their fielddataBuilder refuses; DenseVectorFieldType.isAggregatable; the
 * rank feature types'; PercolatorFieldType keeps MappedFieldType's refusing one).
 */
const NO_FIELDDATA: ReadonlySet<string> = new Set([
  'text',
  'search_as_you_type',
  'prefix',
  'completion',
  'dense_vector',
  'rank_feature',
  'rank_features',
  'sparse_vector',
  'percolator',
])

/** The field types whose familyTypeName is another type's: match_only_text's is text, wildcard's keyword. */
const FAMILY_TYPE_NAMES: Readonly<Partial<Record<string, string>>> = {
  match_only_text: 'text',
  wildcard: 'keyword',
}
/** The field types whose MappedFieldType is never indexed. */
const NOT_INDEXED: ReadonlySet<string> = new Set(['rank_features', 'binary', 'histogram'])

function mappedCapabilities(name: string, field: FieldMapping): IndexFieldCapabilities {
  // a join field's parent-id fields are ParentIdFieldMapper's, of type `parent`; families: FAMILY_TYPE_NAMES
  const type = field === PARENT_ID_FIELD ? 'parent' : (FAMILY_TYPE_NAMES[field.type] ?? fieldTypeName(field))
  const meta = field.meta ?? {}
  if (field.runtime !== undefined) {
    return { name, type, metadataField: false, searchable: true, aggregatable: true, meta }
  }
  // RankFeaturesFieldType, BinaryFieldType and HistogramFieldType are built as not indexed (MappedFieldType's isIndexed
  // false); a binary field has doc values only when its mapping asks for them
  const indexed = field.index !== false && !NOT_INDEXED.has(type)
  const hasDocValues = type === 'binary' ? field.doc_values === true : field.doc_values !== false
  const docValues = hasDocValues && !NO_FIELDDATA.has(type)
  const searchable = indexed || (docValues && DOC_VALUES_SEARCHABLE.has(type))
  return { name, type, metadataField: false, searchable, aggregatable: docValues, meta }
}

/** The paths of the mapping's multi-fields (a field's `fields`), and of each object mapper with its kind. */
function mappingStructure(mapping: Mapping) {
  const multiFields = new Set<string>()
  const objects = new Map<string, 'object' | 'nested'>()
  const walk = (properties: Record<string, FieldMapping>, prefix: string): void => {
    for (const [name, field] of Object.entries(properties)) {
      const path = prefix + name
      if (hasProperties(field)) {
        objects.set(path, field.type === 'nested' ? 'nested' : 'object')
        walk(field.properties ?? {}, `${path}.`)
      }
      for (const sub of Object.keys(field.fields ?? {})) multiFields.add(`${path}.${sub}`)
    }
  }
  walk(mapping.properties, '')
  return { multiFields, objects }
}

/** Whether `path` lies inside a nested object (NestedLookup.getNestedParent). */
function inNested(path: string, objects: ReadonlyMap<string, 'object' | 'nested'>): boolean {
  for (let dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
    if (objects.get(path.slice(0, dot)) === 'nested') return true
  }
  return false
}

/** One index's field capabilities, in the order ES's per-index map receives them. */
export function retrieveFieldCaps(
  mapping: Mapping,
  request: FieldCapsFilters,
): Map<string, IndexFieldCapabilities> {
  const fields = searchFields(mapping)
  const { multiFields, objects } = mappingStructure(mapping)
  const all = new Map<string, IndexFieldCapabilities>()
  for (const [name, type, searchable, aggregatable] of METADATA_FIELDS) {
    all.set(name, { name, type, metadataField: true, searchable, aggregatable, meta: {} })
  }
  for (const [name, field] of fields) all.set(name, mappedCapabilities(name, field))
  const lookup = new JavaHashMapModel()
  for (const name of all.keys()) lookup.put(name)

  const includeParents = !request.filters.includes('-parent')
  const accepts = (field: IndexFieldCapabilities): boolean => {
    if (request.types.length > 0 && !request.types.includes(field.type)) return false
    return request.filters.every((filter) => {
      if (filter === '+metadata') return field.metadataField
      if (filter === '-metadata') return !field.metadataField
      if (filter === '-nested') return !inNested(field.name, objects)
      if (filter === '-multifield') return !multiFields.has(field.name)
      return true
    })
  }
  const out = new Map<string, IndexFieldCapabilities>()
  for (const name of lookup.order()) {
    const field = all.get(name)!
    if (!request.fields.some((pattern) => simpleMatch(pattern, name)) || !accepts(field)) continue
    out.set(name, field)
    if (!includeParents || field.metadataField || fields.get(name)?.runtime !== undefined) continue
    // the parents of the field type's own name (MappedFieldType.name: an alias's target's path)
    const typeName = concreteFieldName(fields, name)
    for (let dot = typeName.lastIndexOf('.'); dot > 0; dot = typeName.lastIndexOf('.', dot - 1)) {
      const parent = typeName.slice(0, dot)
      if (out.has(parent)) break
      if (fields.has(parent)) continue
      const kind = objects.get(parent) ?? 'object'
      out.set(parent, {
        name: parent,
        type: kind,
        metadataField: false,
        searchable: false,
        aggregatable: false,
        meta: {},
      })
    }
  }
  return out
}
