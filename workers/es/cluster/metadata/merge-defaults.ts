/**
 * XContentHelper.mergeDefaults: `defaults` merged under `content` (a new value; neither input changes), as
 * MetadataCreateIndexService.parseV1Mappings merges legacy templates' mappings under the request's:
 * - a key only in the defaults is added (after the content's keys);
 * - a key in both keeps the content's value, except that two objects merge recursively, and two lists merge:
 *   lists of single-key objects (`dynamic_templates`) by key (the content's entries first, a default entry
 *   merged under the content entry of its key or appended), other lists as the defaults then the content's
 *   values not already there.
 */
import { XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'

export function mergeDefaults(content: XContentObject, defaults: XContentObject): XContentObject {
  const merged = new Map(content)
  for (const [key, fallback] of defaults) {
    const value = merged.get(key)
    if (value === undefined) merged.set(key, fallback)
    else if (value instanceof Map && fallback instanceof Map) merged.set(key, mergeDefaults(value, fallback))
    else if (Array.isArray(value) && Array.isArray(fallback)) merged.set(key, mergeLists(value, fallback))
  }
  return merged
}

function mergeLists(content: readonly XContentValue[], defaults: readonly XContentValue[]): XContentValue[] {
  if (allMapsOfOne(content) && allMapsOfOne(defaults)) {
    const byKey = new Map<string, XContentObject>()
    for (const entry of content) byKey.set(onlyKey(entry), entry)
    for (const entry of defaults) {
      const existing = byKey.get(onlyKey(entry))
      byKey.set(onlyKey(entry), existing ? mergeDefaults(existing, entry) : entry)
    }
    return [...byKey.values()]
  }
  const merged = [...defaults]
  for (const value of content) {
    if (!merged.some((other) => sameValue(other, value))) merged.push(value)
  }
  return merged
}

function allMapsOfOne(list: readonly XContentValue[]): list is XContentObject[] {
  return list.every((value) => value instanceof Map && value.size === 1)
}

function onlyKey(map: XContentObject): string {
  return [...map.keys()][0]!
}

/** Java's equals over parsed JSON values. */
function sameValue(a: XContentValue, b: XContentValue): boolean {
  if (a instanceof Map && b instanceof Map) {
    return a.size === b.size && [...a].every(([key, value]) => b.has(key) && sameValue(value, b.get(key)!))
  }
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => sameValue(v, b[i]!))
  if (a instanceof XNumber && b instanceof XNumber) return a.text === b.text
  return a === b
}
