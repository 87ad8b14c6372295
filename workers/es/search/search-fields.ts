/**
 * The leaf fields a search builds its queries against (leafFields of the index's mapping: full path → field
 * mapping, multi-fields included), walked once per mapping and shared by every search of it. A mapping is never
 * modified in place (a mapping update makes a new one, mapping-merge.ts), so the object itself is the key; the
 * map handed out is read-only. Runtime fields are there too, each as a leaf of its type carrying its definition
 * (`runtime`), replacing a mapped field of the same name as ES's MappingLookup lets them shadow it. A field alias
 * (field-alias.ts) is there as its mapped target's mapping, as FieldTypeLookup hands out the target's MappedFieldType
 * for it (an alias of a runtime field is not there); what reads a field's values by name asks concreteFieldName for
 * the target's path. A mapping with a flattened field answers for its keys too (`f.some.key`: FieldTypeLookup's
 * dynamic field types, flattened-field.ts keyedFieldType), which its keys() do not list.
 */
import { leafFields, runtimeFields, type FieldMapping, type Mapping } from '../index/mapper/mapping.ts'
import { FLATTENED, keyedFieldType } from '../index/mapper/flattened-field.ts'
import { passThroughAliases } from '../index/mapper/passthrough-object.ts'

const walked = new WeakMap<Mapping, ReadonlyMap<string, FieldMapping>>()
/** The walked field maps that hold a runtime field. */
const withRuntime = new WeakSet<ReadonlyMap<string, FieldMapping>>()
/** The aliases of each walked field map that has any: alias path → target path. */
const aliasTargets = new WeakMap<ReadonlyMap<string, FieldMapping>, ReadonlyMap<string, string>>()

export function searchFields(mapping: Mapping): ReadonlyMap<string, FieldMapping> {
  let fields = walked.get(mapping)
  if (fields === undefined) {
    const leaves = leafFields(mapping)
    // FieldTypeLookup resolves aliases against the mapped fields only, before runtime fields are laid over them: an
    // alias of a runtime field (which validation accepts) resolves to nothing.
    const aliases = new Map<string, string>()
    for (const [name, field] of leaves) {
      if (field.type !== 'alias') continue
      const target = leaves.get(field.path!)
      if (target === undefined || target.type === 'alias') leaves.delete(name)
      else aliases.set(name, field.path!)
    }
    for (const [name, path] of aliases) leaves.set(name, leaves.get(path)!)
    // a passthrough object's subfields by their names without its prefix (passthrough-object.ts)
    for (const [name, path] of passThroughAliases(mapping, (name) => leaves.has(name))) {
      aliases.set(name, path)
      leaves.set(name, leaves.get(path)!)
    }
    for (const [name, runtime] of Object.entries(runtimeFields(mapping))) {
      aliases.delete(name)
      leaves.set(name, {
        type: runtime.type,
        ...(runtime.format !== undefined ? { format: runtime.format } : {}),
        runtime,
      })
    }
    fields = [...leaves.values()].some((field) => field.type === FLATTENED)
      ? new FlattenedFieldLookup(leaves)
      : leaves
    walked.set(mapping, fields)
    if (Object.keys(runtimeFields(mapping)).length > 0) withRuntime.add(fields)
    if (aliases.size > 0) aliasTargets.set(fields, aliases)
  }
  return fields
}

/** Whether a searchFields map holds a runtime field (a map built elsewhere holds none). */
export function hasRuntimeFields(fields: ReadonlyMap<string, FieldMapping>): boolean {
  return withRuntime.has(fields)
}

/** The path whose values `name` reads: its target when it is a field alias of the searchFields map, else itself. */
export function concreteFieldName(fields: ReadonlyMap<string, FieldMapping>, name: string): string {
  return aliasTargets.get(fields)?.get(name) ?? name
}

/** Whether a searchFields map holds a field alias. */
export function hasFieldAliases(fields: ReadonlyMap<string, FieldMapping>): boolean {
  return aliasTargets.has(fields)
}

/** Whether a searchFields map has a flattened field (whose keys it answers for). */
export function hasFlattenedFields(fields: ReadonlyMap<string, FieldMapping>): boolean {
  return fields instanceof FlattenedFieldLookup
}

/** A field map that also answers for the keys of its flattened fields (FieldTypeLookup.getDynamicField). */
class FlattenedFieldLookup extends Map<string, FieldMapping> {
  /** The keyed field types asked for so far, by name (undefined: no flattened field's key). */
  private readonly keyed = new Map<string, FieldMapping | undefined>()

  override get(name: string): FieldMapping | undefined {
    const mapped = super.get(name)
    if (mapped !== undefined) return mapped
    if (!this.keyed.has(name))
      this.keyed.set(
        name,
        keyedFieldType((prefix) => super.get(prefix), name),
      )
    return this.keyed.get(name)
  }

  override has(name: string): boolean {
    return this.get(name) !== undefined
  }
}
