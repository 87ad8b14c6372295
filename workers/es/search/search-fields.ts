/**
 * The leaf fields a search builds its queries against (leafFields of the index's mapping: full path → field
 * mapping, multi-fields included), walked once per mapping and shared by every search of it. A mapping is never
 * modified in place (a mapping update makes a new one, mapping-merge.ts), so the object itself is the key; the
 * map handed out is read-only. Runtime fields are there too, each as a leaf of its type carrying its definition
 * (`runtime`), replacing a mapped field of the same name as ES's MappingLookup lets them shadow it.
 */
import { leafFields, runtimeFields, type FieldMapping, type Mapping } from '../index/mapper/mapping.ts'

const walked = new WeakMap<Mapping, ReadonlyMap<string, FieldMapping>>()
/** The walked field maps that hold a runtime field. */
const withRuntime = new WeakSet<ReadonlyMap<string, FieldMapping>>()

export function searchFields(mapping: Mapping): ReadonlyMap<string, FieldMapping> {
  let fields = walked.get(mapping)
  if (fields === undefined) {
    const leaves = leafFields(mapping)
    for (const [name, runtime] of Object.entries(runtimeFields(mapping))) {
      leaves.set(name, {
        type: runtime.type,
        ...(runtime.format !== undefined ? { format: runtime.format } : {}),
        runtime,
      })
    }
    fields = leaves
    walked.set(mapping, fields)
    if (Object.keys(runtimeFields(mapping)).length > 0) withRuntime.add(fields)
  }
  return fields
}

/** Whether a searchFields map holds a runtime field (a map built elsewhere holds none). */
export function hasRuntimeFields(fields: ReadonlyMap<string, FieldMapping>): boolean {
  return withRuntime.has(fields)
}
