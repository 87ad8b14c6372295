/**
 * A search's `runtime_mappings` (SearchExecutionContext.parseRuntimeMappings): parsed on each shard as the
 * mapping's `runtime` section is (index/mapper/runtime-field.ts; a null field is refused, the errors are not
 * wrapped in "Failed to parse mapping"), their scripts compiled, and laid over the index's mapping for that one
 * search: a search-time runtime field replaces an index runtime field or a mapped field of the same name.
 * The index seen by the search is a view of the index service whose metadata carries that mapping; without
 * runtime_mappings the search sees the index itself.
 */
import type { XContentObject } from '../xcontent/index.ts'
import type { IndexService } from '../index/index-service.ts'
import { runtimeFields, type Mapping } from '../index/mapper/mapping.ts'
import { parseRuntimeFields, type RuntimeField } from '../index/mapper/runtime-field.ts'
import { compileRuntimeScripts } from '../script/runtime-field-script.ts'

function searchMapping(mapping: Mapping, runtimeMappings: XContentObject): Mapping {
  const section = parseRuntimeFields(runtimeMappings, false) as Readonly<Record<string, RuntimeField>>
  compileRuntimeScripts(section)
  return { ...mapping, runtime: { ...runtimeFields(mapping), ...section } }
}

/** The index as one search sees it: with its runtime_mappings, or itself without any. */
export function indexForSearch(index: IndexService, runtimeMappings: XContentObject | null): IndexService {
  if (runtimeMappings === null || runtimeMappings.size === 0) return index
  const metadata = { ...index.metadata, mapping: searchMapping(index.metadata.mapping, runtimeMappings) }
  return Object.create(index, { metadata: { value: metadata } }) as IndexService
}
