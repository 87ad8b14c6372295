/**
 * A search's `runtime_mappings` (SearchExecutionContext.parseRuntimeMappings): parsed on each shard as the
 * mapping's `runtime` section is (index/mapper/runtime-field.ts; a null field is refused, the errors are not
 * wrapped in "Failed to parse mapping"), their scripts compiled, and laid over the index's mapping for that one
 * search: a search-time runtime field replaces an index runtime field or a mapped field of the same name.
 * The search reads that mapping (the search mapping) where it would read the index's; without runtime_mappings it
 * is the index's mapping itself.
 * Invariant: a search mapping differs from its index mapping only in its `runtime` section, so what is derived from
 * the mapped fields alone (their doc values, doc-values-source.ts) is shared with the index mapping's: `indexMappingOf`
 * names it. The link is weak: a search mapping and what hangs off it go when the search is done.
 */
import type { XContentObject } from '../xcontent/index.ts'
import { runtimeFields, type Mapping } from '../index/mapper/mapping.ts'
import { parseRuntimeFields, type RuntimeField } from '../index/mapper/runtime-field.ts'
import { compileRuntimeScripts } from '../script/runtime-field-script.ts'

const indexMappings = new WeakMap<Mapping, Mapping>()

/** The mapping one search reads: the index's with the request's runtime_mappings over it, or the index's. */
export function searchMapping(mapping: Mapping, runtimeMappings: XContentObject | null): Mapping {
  if (runtimeMappings === null || runtimeMappings.size === 0) return mapping
  const section = parseRuntimeFields(runtimeMappings, false) as Readonly<Record<string, RuntimeField>>
  compileRuntimeScripts(section)
  const searched = { ...mapping, runtime: { ...runtimeFields(mapping), ...section } }
  indexMappings.set(searched, mapping)
  return searched
}

/** The index mapping a search mapping was laid over (an index mapping is its own). */
export function indexMappingOf(mapping: Mapping): Mapping {
  return indexMappings.get(mapping) ?? mapping
}
