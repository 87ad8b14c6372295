/**
 * DocumentParser: walks a parsed `_source` against the index mapping and yields every leaf value by its
 * field path, adding dynamic mappings for unseen fields (or refusing them under `dynamic: strict`, ignoring them
 * under `dynamic: false`, or adding leaves as runtime fields under `dynamic: runtime`, as ES does; an object's own
 * `dynamic` holds for what is under it). A
 * leaf value at the path of a runtime field is skipped, never dynamically mapped (ES's NoOpFieldMapper).
 * Nothing is changed on failure: the caller merges `mappingUpdate` into the index mapping only after the whole
 * document parsed.
 *
 * A `nested` field's objects are documents of their own (DocumentParser.parseObjectOrNested with a
 * NestedObjectMapper): each one's leaf values go to its own entry of `nested`, not to the root's fields, unless
 * the mapping copies them up (include_in_parent: into the enclosing document, include_in_root: into the root,
 * never twice into the root). `nested` is in block order, as DocumentParserContext.reorderParentAndGetDocs
 * leaves them: every nested document after its own nested documents, siblings in source order, the root (the
 * ParsedDocument itself) last. More than index.mapping.nested_objects.limit nested documents fail the document; a new field past
 * index.mapping.total_fields.limit or index.mapping.depth.limit fails it too, or, under
 * index.mapping.total_fields.ignore_dynamic_beyond_limit, is left unmapped and listed in `_ignored`
 * (dynamic-fields-budget.ts).
 *
 * New fields are mapped by dynamic-mapping.ts (the root's dynamic templates, date and numeric detection). A field
 * with `copy_to` has each of its values parsed again as a value of each target (copy-to.ts), from the root, as if
 * the document held it there: a missing target is mapped dynamically (or refused under `dynamic: strict`), a
 * target's own copy_to is not followed. A root mapping with `enabled: false` indexes nothing, an object, nested or passthrough field
 * with it nothing under it (any value, object or not, is skipped whole). A value for a field
 * alias, or an alias as a copy_to target, fails the document (field-alias.ts). A join field's value indexes its
 * relation and parent-id fields (join-field.ts), a parent's own id when `joinDocument` gives it. The field types whose
 * mapper reads a value whole (geo points and shapes, flattened, histogram, aggregate_metric_double, completion, join,
 * dense_vector, rank_features, sparse_vector, percolator, ranges) are read by object-field-readers.ts. A dense_vector's
 * array is one value, its elements checked by dense-vector-values.ts (a field without `dims` takes its first's). A
 * rank_features field's object is one value, each feature its own index field (rank-feature-field.ts); a
 * sparse_vector's the same, a token given twice keeping its largest weight (sparse-vector-field.ts). A percolator
 * field's value is a query, checked and indexed as nothing but its `_source` (percolator-field.ts). A range field's
 * object (or an ip_range's CIDR string) is one range, its bounds indexed under two paths (range-field.ts). A
 * constant_keyword's value is checked and never kept; a field without a value takes its first document's
 * (constant-keyword-field.ts). A flattened field's object is read whole, its leaves indexed under its path and its
 * keyed field's (flattened-field.ts). A counted_keyword's array is checked whole before its strings are indexed one
 * by one (counted-keyword-field.ts). A histogram field's object is one value, at most one per document, kept encoded
 * (histogram-field.ts). An aggregate_metric_double's object is one value, its default metric under its path and each
 * metric under its own (aggregate-metric-double-field.ts). Under `subobjects: false` (the root's, an object's, and
 * always in a passthrough object) a key's dots are kept (no dot expansion) and an object given to no field that reads
 * objects is flattened into dotted leaves of the same container (visitFlattened, subobjects.ts).
 *
 * Invariant: the mapping passed in is never changed. Most documents add no field, so the parser first walks
 * the published mapping as it is (no copy); only a document that adds a field is walked again over a copy
 * of the properties, which takes the new fields and becomes `mappingUpdate`.
 */
import { XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import {
  hasProperties,
  isDateType,
  ownField,
  setOwn,
  type DynamicMode,
  type FieldMapping,
  type Mapping,
} from './mapping.ts'
import { dynamicFieldMapping, dynamicRuntimeField } from './dynamic-mapping.ts'
import type { RuntimeField } from './runtime-field.ts'
import type { NestedIdentity } from './nested-mapping.ts'
import { DEFAULT_MAPPING_LIMITS, type MappingLimits } from './mapping-limits.ts'
import { DynamicFieldsBudget } from './dynamic-fields-budget.ts'
import { ignoresMalformed, MALFORMED } from './field-parameters.ts'
import { checkDateValue, dateFieldValue } from './date-field.ts'
import { failedIn, failedInCopy, type TokenPart } from './document-failure.ts'
import { DotExpansion, expandedName, expandedValue, flatName } from './dot-expansion.ts'
import type { JoinDocument } from './join-field.ts'
import { LEAF_READERS } from './leaf-readers.ts'
import { DocFields, type LeafValue, type ParsedField } from './doc-fields.ts'
import {
  concreteValueForObject,
  nestedObjectsLimitExceeded,
  objectIntoLeaf,
  strictDynamicMapping,
  writeToAlias,
} from './document-parsing-failures.ts'
import { multipleRankFeatureValues } from './rank-feature-field.ts'
import { checkCountedKeywordArray, COUNTED_KEYWORD, countedKeywordObject } from './counted-keyword-field.ts'
import { checkPercolatorQuery, secondPercolatorQuery, type PercolatorQueryCheck } from './percolator-field.ts'
import { CONSTANT_KEYWORD, constantKeywordValue, withConstantValue } from './constant-keyword-field.ts'
import { IGNORE_ABOVE_DEFAULT } from './keyword-field.ts'
import { PASSTHROUGH } from './passthrough-object.ts'
import { OBJECT_FIELD_READERS, type ObjectFieldWalk } from './object-field-readers.ts'

/** The field types whose mapper reads an explicit null (as their `null_value`) through addLeaf. */
const NULL_VALUE_TYPES: ReadonlySet<string> = new Set([...LEAF_READERS.keys(), 'date', 'date_nanos'])

/**
 * What the mappers read from the index's settings (MappingParserContext): `index.mapping.ignore_malformed`, the
 * default of every `ignore_malformed`; `index.mapping.ignore_above`, the default of every keyword, wildcard and
 * flattened field's `ignore_above` (keyword-field.ts effectiveIgnoreAbove); and whether the index backs a data
 * stream (whose `@timestamp` keeps false).
 */
export interface IndexMapperSettings {
  ignoreMalformed: boolean
  ignoreAbove: number
  dataStream: boolean
  /** The index.mapping.* limits a document's dynamic fields and nested documents are checked against. */
  limits: MappingLimits
  /** How a percolator field's query is checked (percolator-field.ts); absent: taken as it is. */
  percolatorQueries?: PercolatorQueryCheck
}

/** The mapper settings of an index that sets none. */
export const NO_INDEX_SETTINGS: IndexMapperSettings = {
  ignoreMalformed: false,
  ignoreAbove: IGNORE_ABOVE_DEFAULT,
  dataStream: false,
  limits: DEFAULT_MAPPING_LIMITS,
}
/** A write without a bulk item's `dynamic_templates` (most): shared, never written. */
const NO_DYNAMIC_TEMPLATES: Readonly<Record<string, string>> = Object.freeze({})

export type { LeafValue, ParsedField } from './doc-fields.ts'

/** One nested object as its own Lucene document: its path (`_nested_path`), where it sits, its leaf values. */
export interface NestedDocument {
  path: string
  /** The nested object's place: its path and offset, then, under a nested parent, the parent's chain. */
  identity: NestedIdentity
  fields: ParsedField[]
}

export interface ParsedDocument {
  /** The root document's fields. */
  fields: ParsedField[]
  /** The nested documents, in block order (the root follows them). */
  nested: NestedDocument[]
  /** The mapping with this document's new dynamic fields, or null when nothing was added. */
  mappingUpdate: Mapping | null
  /** The values a mapper dropped as malformed (ip, numeric, date), by field path in the order first met. */
  malformed: ReadonlyMap<string, readonly LeafValue[]>
}

/** A document's `malformed` when no value was dropped (most documents): shared, never written. */
const NO_MALFORMED: ReadonlyMap<string, readonly LeafValue[]> = new Map()

/**
 * `id`, when known, names the document in a field's parse failure ("in document with id '1'"); `copyTo` false
 * leaves out the values copy_to adds (for readers of `_source` values, such as the `fields` option).
 */
export function parseDocument(
  source: XContentObject,
  mapping: Mapping,
  id: string | null = null,
  copyTo = true,
  dynamicTemplates: Readonly<Record<string, string>> = NO_DYNAMIC_TEMPLATES,
  settings: IndexMapperSettings = NO_INDEX_SETTINGS,
  joinDocument: JoinDocument | null = null,
): ParsedDocument {
  return parse(source, mapping, { id, copyTo, dynamicTemplates, settings, readsDates: false, joinDocument })
}

/**
 * parseDocument for a primary whose document failed in its doc values (a date field's value, which the walk leaves
 * to them so that it is parsed once): this walk parses each date as it meets it, so the failure is thrown at its
 * value, where its location is found (document-failure.ts).
 */
export function parseDocumentReadingDates(
  source: XContentObject,
  mapping: Mapping,
  id: string,
  dynamicTemplates: Readonly<Record<string, string>> = NO_DYNAMIC_TEMPLATES,
  settings: IndexMapperSettings = NO_INDEX_SETTINGS,
  joinDocument: JoinDocument | null = null,
): ParsedDocument {
  return parse(source, mapping, {
    id,
    copyTo: true,
    dynamicTemplates,
    settings,
    readsDates: true,
    joinDocument,
  })
}

function parse(source: XContentObject, mapping: Mapping, options: WalkOptions): ParsedDocument {
  if (mapping.enabled === false)
    return { fields: [], nested: [], mappingUpdate: null, malformed: NO_MALFORMED }
  return (
    walk(source, mapping, null, options) ??
    walk(source, mapping, structuredCloneMapping(mapping.properties), options)!
  )
}

interface WalkOptions {
  id: string | null
  copyTo: boolean
  /** A bulk item's `dynamic_templates`: the template to map each new field's path with. */
  dynamicTemplates: Readonly<Record<string, string>>
  settings: IndexMapperSettings
  /** Whether date values are parsed as the walk meets them (parseDocumentReadingDates). */
  readsDates: boolean
  /** The document's `_id` and routing, which a join field indexes (null: not known, no own id indexed). */
  joinDocument: JoinDocument | null
}

/**
 * One walk of the document. With `writable` null the mapping's own properties are read and the walk gives
 * up (null) at the first field it would add; with a copy of the properties it adds fields to that copy.
 */
function walk(
  source: XContentObject,
  mapping: Mapping,
  writable: Record<string, FieldMapping> | null,
  options: WalkOptions,
): ParsedDocument | null {
  const properties = writable ?? mapping.properties
  const root = new DocFields(null)
  const dynamic = mapping.dynamic ?? 'true'
  const flat = mapping.subobjects === false
  const copyTo = { properties, dynamic, enabled: options.copyTo, flat }
  const walker = new DocumentWalk(writable, root, options, mapping, copyTo)
  let key = ''
  try {
    // keys and a get, not entries: an entry is an array per field, and its iterator result an object more
    for (key of source.keys()) {
      const name = flat ? flatName(key) : expandedName(key)
      const value = flat
        ? (source.get(key) as XContentValue)
        : expandedValue(key, source.get(key) as XContentValue)
      walker.visit(value, name, name, properties, dynamic, root, flat)
    }
  } catch (error) {
    throw failedIn(error, key)
  }
  if (walker.gaveUp) return null
  return {
    fields: root.fields,
    nested: walker.nested,
    mappingUpdate: walker.added ? withRuntimeFields({ ...mapping, properties }, walker.runtimeAdded) : null,
    malformed: walker.malformed ?? NO_MALFORMED,
  }
}

/** The mapping with the runtime fields `dynamic: runtime` added (none: the mapping itself). */
function withRuntimeFields(mapping: Mapping, added: Readonly<Record<string, RuntimeField>>): Mapping {
  if (Object.keys(added).length === 0) return mapping
  return { ...mapping, runtime: { ...mapping.runtime, ...added } }
}

/** The state of one walk: the nested documents found, whether it added a field or gave up. */
class DocumentWalk implements ObjectFieldWalk {
  readonly nested: NestedDocument[] = []
  /** The runtime fields `dynamic: runtime` added, by path. */
  readonly runtimeAdded: Record<string, RuntimeField> = {}
  /** The values dropped as malformed, by field (DocumentParserContext's ignored fields); null while there is none. */
  malformed: Map<string, LeafValue[]> | null = null
  added = false
  gaveUp = false
  /** Per nested path, how many of its objects the enclosing document has had so far (their offsets). */
  private offsets: Map<DocFields, Map<string, number>> | null = null
  /** The percolator fields whose query the document has given (null while there is none). */
  private percolatorQueries: Set<string> | null = null
  /** The fields this walk may still add (DocumentParserContext.addDynamicMapper's limit checks). */
  private readonly budget: DynamicFieldsBudget
  /** Whether a copy_to value is being parsed (its target's own copy_to is not followed). */
  private copying = false

  readonly id: string | null
  private readonly dynamicTemplates: Readonly<Record<string, string>>
  readonly settings: IndexMapperSettings
  private readonly readsDates: boolean
  readonly joinDocument: JoinDocument | null

  constructor(
    private readonly writable: Record<string, FieldMapping> | null,
    private readonly root: DocFields,
    options: WalkOptions,
    /** The root mapping: its dynamic templates and detection settings map new fields. */
    private readonly mapping: Mapping,
    /**
     * Where copy_to values are parsed from: the root's properties, dynamic mode and whether it has `subobjects: false`;
     * `enabled` false skips them.
     */
    private readonly copyTo: {
      properties: Record<string, FieldMapping>
      dynamic: DynamicMode
      enabled: boolean
      flat: boolean
    },
  ) {
    this.id = options.id
    this.dynamicTemplates = options.dynamicTemplates
    this.settings = options.settings
    this.readsDates = options.readsDates
    this.joinDocument = options.joinDocument
    this.budget = new DynamicFieldsBudget(mapping, options.settings.limits)
  }

  /** `flat`: `parent` is a `subobjects: false` container, where `name` may hold dots and objects are flattened. */
  visit(
    value: XContentValue,
    name: string,
    path: string,
    parent: Record<string, FieldMapping>,
    dynamic: DynamicMode,
    doc: DocFields,
    flat: boolean,
  ): void {
    if (this.gaveUp) return
    if (
      flat &&
      value instanceof Map &&
      !OBJECT_FIELD_READERS.get(ownField(parent, name)?.type ?? '')?.readsObjects
    )
      return this.visitFlattened(value, name, path, parent, dynamic, doc)
    // A geo_point's value may be an object, an array or null (its null_value): its mapper reads it whole.
    if (value === null || Array.isArray(value)) {
      const mapped = ownField(parent, name)
      const reader = mapped && OBJECT_FIELD_READERS.get(mapped.type)
      if (reader && (reader.whole === 'all' || (reader.whole === 'null' && value === null)))
        return reader.read(this, doc, path, name, mapped, value, parent)
      if (mapped?.type === COUNTED_KEYWORD && value !== null) checkCountedKeywordArray(path, value, this.id)
      if (value === null && mapped?.type === 'alias') throw writeToAlias(path, this.copying)
      if (value === null && mapped !== undefined && NULL_VALUE_TYPES.has(mapped.type))
        return this.addLeaf(doc, path, mapped, null)
      // DocumentParser.parseNullValue / parseArrayDynamic: a new field refused at its null or its `[`
      if (mapped === undefined && dynamic === 'strict' && !this.isRuntimeField(path))
        throw strictDynamicMapping(name, path)
      if (value !== null) this.visitElements(value, name, path, parent, dynamic, doc, flat)
      return
    }
    let field = ownField(parent, name)
    if (!field) {
      // DocumentParser's NoOpFieldMapper: a runtime field of that path takes the value (read from _source).
      if (!(value instanceof Map) && this.isRuntimeField(path)) return
      if (dynamic === 'strict') throw strictDynamicMapping(name, path, reportedAt(value))
      if (dynamic === 'false') return
      if (this.writable === null) {
        this.gaveUp = true
        return
      }
      const template = ownField(this.dynamicTemplates, path)
      const runtime =
        dynamic === 'runtime' ? dynamicRuntimeField(value, name, path, this.mapping, template) : null
      if (runtime !== null) {
        if (!this.budget.admits(path, 1, reportedAt(value))) return this.markMalformed(path)
        setOwn(this.runtimeAdded, path, runtime)
        this.added = true
        return
      }
      field = dynamicFieldMapping(value, name, path, this.mapping, template)
      if (!this.budget.admits(path, field, reportedAt(value))) return this.markMalformed(path)
      setOwn(parent, name, field)
      this.added = true
    }
    if (field.type === 'alias') throw writeToAlias(path, this.copying)
    // DocumentParser.parseObjectOrNested: a disabled object's value, whatever it is, is skipped whole
    if (field.enabled === false && hasProperties(field)) return
    const reader = OBJECT_FIELD_READERS.get(field.type)
    if (reader) return reader.read(this, doc, path, name, field, value, parent)
    if (value instanceof Map) {
      if (field.type === COUNTED_KEYWORD) throw countedKeywordObject(path, value, this.id)
      if (field.type !== 'object' && field.type !== 'nested' && field.type !== PASSTHROUGH)
        throw objectIntoLeaf(path, field, value, this.id)
      // Read-only, an object mapping without properties is read as an empty one (any child gives up).
      const children = this.writable === null ? (field.properties ?? {}) : (field.properties ??= {})
      const inner = field.dynamic ?? dynamic
      const target = field.type === 'nested' ? this.nestedDoc(field, path, doc, reportedAt(value)) : doc
      const flatChildren = field.subobjects === false || field.type === PASSTHROUGH
      let key = ''
      try {
        for (key of value.keys()) {
          const child = flatChildren ? flatName(key) : expandedName(key)
          const given = value.get(key) as XContentValue
          const childValue = flatChildren ? given : expandedValue(key, given)
          this.visit(childValue, child, `${path}.${child}`, children, inner, target, flatChildren)
        }
      } catch (error) {
        // an object a dotted name stands for is not in the text: the failure is located from the name's value
        throw value instanceof DotExpansion ? error : failedIn(error, key)
      }
      if (target !== doc) this.finishNested(target, path)
      return
    }
    if (field.type === 'object' || field.type === 'nested' || field.type === PASSTHROUGH)
      throw concreteValueForObject(path, name)
    const leaf = value instanceof XNumber ? value.value : value
    const token = value instanceof XNumber ? value : null
    const leafField =
      field.type === CONSTANT_KEYWORD && field.value === undefined
        ? this.setConstantValue(parent, name, path, field, leaf, token)
        : field
    if (leafField === null) return
    this.addLeaf(doc, path, leafField, leaf, token)
    if (field.fields !== undefined) {
      for (const [sub, subField] of Object.entries(field.fields))
        this.addLeaf(doc, `${path}.${sub}`, subField, leaf, token)
    }
    if (field.copy_to !== undefined && this.copyTo.enabled && !this.copying)
      this.copyValue(value, field.copy_to)
  }

  /** The elements of an array, each as a value of the field (its failure located at the element). */
  private visitElements(
    elements: readonly XContentValue[],
    name: string,
    path: string,
    parent: Record<string, FieldMapping>,
    dynamic: DynamicMode,
    doc: DocFields,
    flat: boolean,
  ): void {
    let i = 0
    try {
      for (; i < elements.length; i++) this.visit(elements[i]!, name, path, parent, dynamic, doc, flat)
    } catch (error) {
      throw failedIn(error, i)
    }
  }

  /**
   * DocumentParser under `subobjects: false` (createFlattenContext): an object whose name maps no field that reads
   * objects is no object of its own; each of its keys is a leaf of the same container under the dotted name
   * (`{"time": {"max": 1}}` is `time.max`). A new object is refused under `dynamic: strict` and skipped under
   * `dynamic: false`, whole, as parseObjectDynamic does.
   */
  private visitFlattened(
    value: XContentObject,
    name: string,
    path: string,
    parent: Record<string, FieldMapping>,
    dynamic: DynamicMode,
    doc: DocFields,
  ): void {
    if (ownField(parent, name) === undefined) {
      if (dynamic === 'strict') throw strictDynamicMapping(name, path, reportedAt(value))
      if (dynamic === 'false') return
    }
    let key = ''
    try {
      for (key of value.keys()) {
        const child = flatName(key)
        const given = value.get(key) as XContentValue
        this.visit(given, `${name}.${child}`, `${path}.${child}`, parent, dynamic, doc, true)
      }
    } catch (error) {
      throw value instanceof DotExpansion ? error : failedIn(error, key)
    }
  }

  /** Whether a runtime field of that path (the mapping's or one this walk added) takes its leaf values. */
  private isRuntimeField(path: string): boolean {
    return (
      (this.mapping.runtime !== undefined && ownField(this.mapping.runtime, path) !== undefined) ||
      ownField(this.runtimeAdded, path) !== undefined
    )
  }

  /**
   * DocumentParser.parseCopyFields: the value parsed again at each target path, from the root; a failure there is
   * reported at the value copied.
   */
  private copyValue(value: XContentValue, targets: readonly string[]): void {
    this.copying = true
    try {
      for (const target of targets) {
        const parts = target.split('.')
        let wrapped = value
        for (let i = parts.length - 1; i > 0; i--) wrapped = new Map([[parts[i]!, wrapped]])
        const { properties, dynamic, flat } = this.copyTo
        this.visit(wrapped, parts[0]!, parts[0]!, properties, dynamic, this.root, flat)
      }
    } catch (error) {
      throw failedInCopy(error)
    } finally {
      this.copying = false
    }
  }

  /**
   * Lists `path` as ignored for a value its mapper dropped as malformed (with no value of its own), or for a new
   * field beyond index.mapping.total_fields.limit under ignore_dynamic_beyond_limit.
   */
  markMalformed(path: string): void {
    this.malformed ??= new Map()
    if (!this.malformed.has(path)) this.malformed.set(path, [])
  }

  /** A reader's mapping update of field `name` in `parent`; false when the read-only walk gives up instead. */
  updateField(parent: Record<string, FieldMapping>, name: string, field: FieldMapping): boolean {
    if (this.writable === null) {
      this.gaveUp = true
      return false
    }
    setOwn(parent, name, field)
    this.added = true
    return true
  }

  /** A percolator field's query: one per field in a document (its mapper's queryBuilderField), checked. */
  addPercolatorQuery(path: string, value: XContentValue): void {
    this.percolatorQueries ??= new Set()
    if (this.percolatorQueries.has(path)) throw secondPercolatorQuery()
    this.percolatorQueries.add(path)
    checkPercolatorQuery(value, this.settings.percolatorQueries)
  }

  /**
   * A constant_keyword field without a value takes its first document's (constant-keyword-field.ts: a mapping update,
   * ConstantKeywordFieldMapper's dynamic mapper; ES then parses the document again under it, as this walk goes on
   * to). Null when the read-only walk gives up.
   */
  private setConstantValue(
    parent: Record<string, FieldMapping>,
    name: string,
    path: string,
    field: FieldMapping,
    leaf: LeafValue,
    token: XNumber | null,
  ): FieldMapping | null {
    if (this.id === null) return field
    if (this.writable === null) {
      this.gaveUp = true
      return null
    }
    const updated = withConstantValue(field, constantKeywordValue(path, field, leaf, token, this.id)!)
    setOwn(parent, name, updated)
    this.added = true
    return updated
  }

  /**
   * A `_source` leaf (or null) as its field's mapper reads it (leaf-readers.ts: ip, scaled_float, numeric, boolean
   * and keyword fields; a dropped value lists the field as ignored), a date field its leaf or its null_value text
   * (date-field.ts); other types keep the leaf as it is.
   */
  private addLeaf(
    doc: DocFields,
    path: string,
    mapping: FieldMapping,
    leaf: LeafValue | null,
    token: XNumber | null = null,
  ): void {
    const byDefault = this.settings.ignoreMalformed
    if (mapping.type === 'rank_feature' && leaf !== null && this.id !== null && doc.entry(path))
      throw multipleRankFeatureValues(path, token ?? leaf, this.id)
    const reader = LEAF_READERS.get(mapping.type)
    const value =
      reader !== undefined
        ? reader(path, mapping, leaf, token, this.id, byDefault)
        : isDateType(mapping.type)
          ? this.dateValue(path, mapping, leaf)
          : leaf
    if (value === MALFORMED) {
      // a mapper's null_value is checked with the mapping: only a document's own values are malformed
      if (leaf !== null) {
        this.malformed ??= new Map()
        this.malformed.set(path, [...(this.malformed.get(path) ?? []), leaf])
      }
    } else if (value !== null) this.addValue(doc, path, mapping, value)
  }

  /** A date field's leaf (date-field.ts), its value parsed here when the walk reads dates. */
  private dateValue(
    path: string,
    mapping: FieldMapping,
    leaf: LeafValue | null,
  ): LeafValue | null | typeof MALFORMED {
    const ignoreMalformed = this.dateIgnoresMalformed(path, mapping)
    if (this.readsDates && !ignoreMalformed && leaf !== null && this.id !== null)
      checkDateValue(path, mapping, leaf, this.id)
    return dateFieldValue(mapping, leaf, this.id, ignoreMalformed)
  }

  /** DateFieldMapper's ignore_malformed: a data stream's `@timestamp` takes false, not the index's default. */
  private dateIgnoresMalformed(path: string, mapping: FieldMapping): boolean {
    const { ignoreMalformed, dataStream } = this.settings
    return ignoresMalformed(mapping, ignoreMalformed && !(dataStream && path === '@timestamp'))
  }

  /** A leaf value into its document and the documents that document's values are copied into. */
  addValue(doc: DocFields, path: string, mapping: FieldMapping, leaf: LeafValue): void {
    doc.addValue(path, mapping, leaf)
    for (const copy of doc.copiesTo) copy.addValue(path, mapping, leaf)
  }

  /** A new nested document for the next object of nested field `path` inside `parent`, its failure at `part`. */
  private nestedDoc(field: FieldMapping, path: string, parent: DocFields, part: TokenPart): DocFields {
    if (this.nested.length >= this.settings.limits.nestedObjects) {
      throw nestedObjectsLimitExceeded(part, this.settings.limits.nestedObjects)
    }
    this.offsets ??= new Map()
    const counts = this.offsets.get(parent) ?? new Map<string, number>()
    this.offsets.set(parent, counts)
    const offset = counts.get(path) ?? 0
    counts.set(path, offset + 1)
    const name = parent.identity === null ? path : path.slice(parent.identity.path.length + 1)
    // Copies go where the parent's values go too (include_in_parent of a parent itself included in its parent).
    const targets = new Set<DocFields>()
    if (field.include_in_parent === true) {
      targets.add(parent)
      for (const copy of parent.copiesTo) targets.add(copy)
    }
    if (field.include_in_root === true) targets.add(this.root)
    return new DocFields({ field: name, path, offset, parent: parent.identity }, [...targets])
  }

  private finishNested(doc: DocFields, path: string): void {
    this.nested.push({ path, identity: doc.identity!, fields: doc.fields })
  }
}

/**
 * Where a failure at `value` itself is reported: its token, or for an object a dotted name stands for, that name
 * (the location DotExpandingXContentParser gives the tokens it makes).
 */
function reportedAt(value: XContentValue): TokenPart {
  return value instanceof DotExpansion ? 'name' : 'start'
}

function structuredCloneMapping(properties: Record<string, FieldMapping>): Record<string, FieldMapping> {
  return JSON.parse(JSON.stringify(properties)) as Record<string, FieldMapping>
}
