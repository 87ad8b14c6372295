/**
 * The `fields` values of a flattened field's root (ES 8.17 RootFlattenedFieldType.valueFetcher: a SourceValueFetcher
 * whose parseSourceValue drops what the mapper ignored). Each `_source` value of the field (an array's elements one
 * by one) is read as:
 * - a non-empty object: a new HashMap of its entries (so printed in Java HashMap key order), where a string longer
 *   than `ignore_above` (UTF-16 units) is dropped, a list keeps its other elements (non-strings kept as they are; a
 *   list left with one element becomes that element, an empty one is dropped with its key), a null is dropped, and
 *   any other value (a number, a boolean, an object below the first level) is kept as it is; nothing left: no value;
 * - a string no longer than `ignore_above`: itself; anything else (an empty object, a number, ...): no value.
 * A key's values (`f.key`, KeyedFlattenedFieldType) are read as sent, without this filter.
 */
import { javaHashMapKeyOrder } from '../../../net/java-hash.ts'
import { sourceToJson } from '../../action/source-map.ts'
import type { JsonOut, XContentValue } from '../../xcontent/index.ts'

/** The root field's printed values of `values` (the field's `_source` values), `ignoreAbove` applied. */
export function flattenedRootValues(values: readonly XContentValue[], ignoreAbove: number): JsonOut[] {
  const out: JsonOut[] = []
  for (const value of values) {
    if (value instanceof Map && value.size > 0) {
      const kept = keptEntries(value, ignoreAbove)
      if (kept.size > 0) out.push(kept)
    } else if (typeof value === 'string' && value.length <= ignoreAbove) out.push(value)
  }
  return out
}

/** filterIgnoredValues over an object's entries, in the order a HashMap of the kept keys iterates them. */
function keptEntries(value: ReadonlyMap<string, XContentValue>, ignoreAbove: number): Map<string, JsonOut> {
  const kept = new Map<string, JsonOut>()
  for (const [key, entry] of value) {
    const filtered = keptValue(entry, ignoreAbove)
    if (filtered !== undefined) kept.set(key, filtered)
  }
  return new Map(javaHashMapKeyOrder([...kept.keys()]).map((key) => [key, kept.get(key)!]))
}

/** One entry's value with its ignored strings dropped; undefined when nothing is left. */
function keptValue(entry: XContentValue, ignoreAbove: number): JsonOut | undefined {
  if (Array.isArray(entry)) {
    const valid = entry.filter((item) => typeof item !== 'string' || item.length <= ignoreAbove)
    if (valid.length === 0) return undefined
    return valid.length === 1 ? sourceToJson(valid[0]!) : valid.map(sourceToJson)
  }
  if (typeof entry === 'string') return entry.length <= ignoreAbove ? entry : undefined
  return entry === null ? undefined : sourceToJson(entry)
}
