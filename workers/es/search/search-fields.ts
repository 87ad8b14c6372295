/**
 * The leaf fields a search builds its queries against (leafFields of the index's mapping: full path → field
 * mapping, multi-fields included), walked once per mapping and shared by every search of it. A mapping is never
 * modified in place (a mapping update makes a new one, mapping-merge.ts), so the object itself is the key; the
 * map handed out is read-only.
 */
import { leafFields, type FieldMapping, type Mapping } from '../index/mapper/mapping.ts'

const walked = new WeakMap<Mapping, ReadonlyMap<string, FieldMapping>>()

export function searchFields(mapping: Mapping): ReadonlyMap<string, FieldMapping> {
  let fields = walked.get(mapping)
  if (fields === undefined) {
    fields = leafFields(mapping)
    walked.set(mapping, fields)
  }
  return fields
}
