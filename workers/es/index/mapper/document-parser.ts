/**
 * DocumentParser: walks a parsed `_source` against the index mapping and yields every leaf value by its
 * field path, adding dynamic mappings for unseen fields (or refusing them under `dynamic: strict`, or
 * ignoring them under `dynamic: false`, as ES does). Nothing is changed on failure: the caller merges
 * `mappingUpdate` into the index mapping only after the whole document parsed.
 *
 * Invariant: the mapping passed in is never changed. Most documents add no field, so the parser first walks
 * the published mapping as it is (no copy); only a document that adds a field is walked again over a copy
 * of the properties, which takes the new fields and becomes `mappingUpdate`.
 */
import { XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { EsException } from '../../errors/index.ts'
import { ownField, setOwn, type FieldMapping, type Mapping } from './mapping.ts'
import { dynamicNumberMapping, dynamicStringMapping } from './dynamic-mapping.ts'

export type LeafValue = string | number | boolean

export interface ParsedField {
  path: string
  mapping: FieldMapping
  values: LeafValue[]
}

export interface ParsedDocument {
  fields: ParsedField[]
  /** The mapping with this document's new dynamic fields, or null when nothing was added. */
  mappingUpdate: Mapping | null
}

export function parseDocument(source: XContentObject, mapping: Mapping): ParsedDocument {
  return walk(source, mapping, null) ?? walk(source, mapping, structuredCloneMapping(mapping.properties))!
}

/**
 * One walk of the document. With `writable` null the mapping's own properties are read and the walk gives
 * up (null) at the first field it would add; with a copy of the properties it adds fields to that copy.
 */
function walk(
  source: XContentObject,
  mapping: Mapping,
  writable: Record<string, FieldMapping> | null,
): ParsedDocument | null {
  const properties = writable ?? mapping.properties
  const walker = new DocumentWalk(mapping.dynamic ?? 'true', writable)
  for (const [key, value] of source) walker.visit(value, key, key, properties)
  if (walker.gaveUp) return null
  return {
    fields: walker.fields,
    mappingUpdate: walker.added ? { ...mapping, properties } : null,
  }
}

/** Up to this many fields a walk finds a path's entry by scanning its list (no Map per document); past it, by a Map. */
const SCANNED_FIELDS = 16

/**
 * The state of one walk: the leaf values found, one entry per path in the order the paths first occur, whether it
 * added a field or gave up.
 */
class DocumentWalk {
  readonly fields: ParsedField[] = []
  /** The entries by path, once there are more than SCANNED_FIELDS. */
  private byPath: Map<string, ParsedField> | null = null
  added = false
  gaveUp = false

  constructor(
    private readonly dynamic: NonNullable<Mapping['dynamic']>,
    private readonly writable: Record<string, FieldMapping> | null,
  ) {}

  visit(value: XContentValue, name: string, path: string, parent: Record<string, FieldMapping>): void {
    if (value === null || this.gaveUp) return
    if (Array.isArray(value)) {
      for (const item of value) this.visit(item, name, path, parent)
      return
    }
    let field = ownField(parent, name)
    if (!field) {
      if (this.dynamic === 'strict') {
        throw new EsException({
          type: 'strict_dynamic_mapping_exception',
          reason: `[1:2] mapping set to strict, dynamic introduction of [${name}] within [_doc] is not allowed`,
          status: 400,
        })
      }
      if (this.dynamic === 'false') return
      if (this.writable === null) {
        this.gaveUp = true
        return
      }
      field = dynamicMapping(value)
      setOwn(parent, name, field)
      this.added = true
    }
    if (value instanceof Map) {
      if (field.type !== 'object') throw objectIntoLeaf(path, field)
      // Read-only, an object mapping without properties is read as an empty one (any child gives up).
      const children = this.writable === null ? (field.properties ?? {}) : (field.properties ??= {})
      for (const [key, child] of value) this.visit(child, key, `${path}.${key}`, children)
      return
    }
    if (field.type === 'object') {
      throw new EsException({
        type: 'document_parsing_exception',
        reason: `[1:2] object mapping for [${path}] tried to parse field [${path}] as object, but found a concrete value`,
        status: 400,
      })
    }
    const leaf = value instanceof XNumber ? value.value : value
    this.addValue(path, field, leaf)
    if (field.fields === undefined) return
    for (const [sub, subField] of Object.entries(field.fields))
      this.addValue(`${path}.${sub}`, subField, leaf)
  }

  /** Adds a leaf value to the entry of `path`, which it starts (with `mapping`) when the walk has none yet. */
  private addValue(path: string, mapping: FieldMapping, leaf: LeafValue): void {
    const entry = this.entry(path)
    if (entry !== undefined) {
      entry.values.push(leaf)
      return
    }
    const added: ParsedField = { path, mapping, values: [leaf] }
    const fields = this.fields
    fields.push(added)
    if (this.byPath !== null) this.byPath.set(path, added)
    else if (fields.length > SCANNED_FIELDS) this.byPath = new Map(fields.map((f) => [f.path, f]))
  }

  private entry(path: string): ParsedField | undefined {
    if (this.byPath !== null) return this.byPath.get(path)
    const fields = this.fields
    for (let i = 0; i < fields.length; i++) if (fields[i]!.path === path) return fields[i]
    return undefined
  }
}

function dynamicMapping(value: Exclude<XContentValue, null | XContentValue[]>): FieldMapping {
  if (value instanceof Map) return { type: 'object', properties: {} }
  if (value instanceof XNumber) return dynamicNumberMapping(value.isInteger)
  if (typeof value === 'boolean') return { type: 'boolean' }
  return dynamicStringMapping(value)
}

function objectIntoLeaf(path: string, field: FieldMapping): EsException {
  return new EsException({
    type: 'document_parsing_exception',
    reason: `[1:2] failed to parse field [${path}] of type [${field.type}] in document. Preview of field's value: '{}'`,
    status: 400,
  })
}

function structuredCloneMapping(properties: Record<string, FieldMapping>): Record<string, FieldMapping> {
  return JSON.parse(JSON.stringify(properties)) as Record<string, FieldMapping>
}
