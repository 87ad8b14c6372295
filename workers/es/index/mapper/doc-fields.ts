/**
 * The leaf values a document walk collects for one document (the root or a nested one): one ParsedField per
 * field path, in the order the paths first occur, each with its values in source order. Most documents have
 * few fields, so a path's entry is found by scanning the list; past SCANNED_FIELDS a Map takes over (no Map is
 * made per small document). Nested documents name the documents include_in_parent / include_in_root copy
 * their values into.
 */
import type { FieldMapping } from './mapping.ts'
import type { NestedIdentity } from './nested-mapping.ts'

export type LeafValue = string | number | boolean

export interface ParsedField {
  path: string
  mapping: FieldMapping
  values: LeafValue[]
}

const NO_COPIES: readonly DocFields[] = []

/** Up to this many fields a walk finds a path's entry by scanning its list (no Map per document); past it, by a Map. */
const SCANNED_FIELDS = 16

/**
 * The leaf values of one document (the root or a nested one), one entry per path in the order the paths first
 * occur, with where include_in_parent / include_in_root copy them to.
 */
export class DocFields {
  readonly fields: ParsedField[] = []
  /** The entries by path, once there are more than SCANNED_FIELDS. */
  private byPath: Map<string, ParsedField> | null = null
  constructor(
    readonly identity: NestedIdentity | null,
    /** Nested documents: the documents their values are copied into as well. */
    readonly copiesTo: readonly DocFields[] = NO_COPIES,
  ) {}

  /** Adds a leaf value to the entry of `path`, which it starts (with `mapping`) when there is none yet. */
  addValue(path: string, mapping: FieldMapping, leaf: LeafValue): void {
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

  /** The entry of `path`, if the document has a value there. */
  entry(path: string): ParsedField | undefined {
    if (this.byPath !== null) return this.byPath.get(path)
    const fields = this.fields
    for (let i = 0; i < fields.length; i++) if (fields[i]!.path === path) return fields[i]
    return undefined
  }
}
