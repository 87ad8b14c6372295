/**
 * What `nested` fields add to a mapping (NestedObjectMapper, NestedLookup): the nested paths of a mapping, each
 * with the nested path it sits in (null for the root), and a nested document's identity as a hit prints it
 * (`_nested`). Its limits are the index's settings (mapping-limits.ts).
 * Invariant: a nested path's parent is the longest other nested path that is a prefix of it at a dot.
 */
import type { JsonOut } from '../../xcontent/index.ts'
import type { FieldMapping, Mapping } from './mapping.ts'

/** The indexed term of `_nested_path` (NestedPathFieldMapper) that marks a nested document of a path. */
export const NESTED_PATH_FIELD = '_nested_path'

/** A nested object's place (SearchHit.NestedIdentity): its field under its nested parent, offset, and parent. */
export interface NestedIdentity {
  /** The field's name relative to the enclosing nested object (its full path at the top level). */
  field: string
  /** The full path. */
  path: string
  /** Its index among the objects of this field in the enclosing document. */
  offset: number
  parent: NestedIdentity | null
}

/** Every nested path of the mapping with its parent nested path (null: the root), outermost first. */
export function nestedPaths(mapping: Mapping): ReadonlyMap<string, string | null> {
  const out = new Map<string, string | null>()
  const walk = (properties: Record<string, FieldMapping>, prefix: string, parent: string | null): void => {
    for (const [name, field] of Object.entries(properties)) {
      const path = prefix + name
      if (field.type === 'nested') out.set(path, parent)
      if (field.type === 'object' || field.type === 'nested')
        walk(field.properties ?? {}, `${path}.`, field.type === 'nested' ? path : parent)
    }
  }
  walk(mapping.properties, '', null)
  return out
}

/** NestedLookup.getNestedParent: the innermost nested path `path` sits under (null: none). */
export function nestedParent(mapping: Mapping, path: string): string | null {
  let parent: string | null = null
  for (const nested of nestedPaths(mapping).keys())
    if (path.startsWith(`${nested}.`) && (parent === null || nested.length > parent.length)) parent = nested
  return parent
}

/** The `_nested` object of an inner hit: outermost level first, each deeper level under `_nested`. */
export function nestedIdentityJson(identity: NestedIdentity): Map<string, JsonOut> {
  let json: Map<string, JsonOut> | null = null
  for (let level: NestedIdentity | null = identity; level !== null; level = level.parent) {
    const out = new Map<string, JsonOut>([
      ['field', level.field],
      ['offset', level.offset],
    ])
    if (json !== null) out.set('_nested', json)
    json = out
  }
  return json!
}
