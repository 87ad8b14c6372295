/**
 * Stored scripts in a search, as the shard that runs it compiles them (ScriptService.compile reads a stored
 * script from the node's cluster state each time): before a shard parses a search body, every
 * `"script": {"id": "x", "params": …}` is replaced by the stored script's `source`, so the shard's query,
 * script_fields and sort scripts compile it as an inline one. A missing id ("unable to find script [x] in
 * cluster state") or a stored template ("mustache engine does not know how to handle context [filter]", the
 * context named after where the script sits) fails that shard, as a compile error does. A body without a
 * stored script reference is passed on as it is. Not resolved here: `runtime_mappings` (a runtime field
 * refuses a stored script, runtime-field.ts) and the pipeline aggregations, which no shard runs (the
 * coordinating node compiles their stored scripts when it reduces, search-script.ts scriptSource). A scripted_metric's
 * `init_script`, `map_script`, `combine_script` and `reduce_script` are inlined too, each in its own context; the
 * reduce script travels with the shard's result (the coordinating node would read the same cluster state).
 */
import { sourceToJson } from '../action/source-map.ts'
import { parseJson, toJson, type XContentObject, type XContentValue } from '../xcontent/index.ts'
import type { StoredScriptLookup } from '../cluster/metadata/script-metadata.ts'
import { storedPainlessSource } from './stored-painless-script.ts'

/** The script context a key puts the scripts below it in (ScriptQueryBuilder, ScriptScoreQueryBuilder, ...). */
const CONTEXTS: ReadonlyMap<string, string> = new Map([
  ['script', 'filter'],
  ['script_score', 'score'],
  ['script_fields', 'field'],
])
/** A scripted_metric's scripts, by their key (ScriptedMetricAggContexts' InitScript, MapScript, ... CONTEXT). */
const SCRIPTED_METRIC: ReadonlyMap<string, string> = new Map([
  ['init_script', 'aggs_init'],
  ['map_script', 'aggs_map'],
  ['combine_script', 'aggs_combine'],
  ['reduce_script', 'aggs_reduce'],
])
const NOT_RESOLVED = new Set(['runtime_mappings', 'bucket_script', 'bucket_selector', 'moving_fn'])

export function resolveStoredScripts(body: string | null, lookup: StoredScriptLookup): string | null {
  if (body === null || !body.includes('"id"')) return body
  let parsed: XContentValue
  try {
    parsed = parseJson(body)
  } catch {
    return body
  }
  const state = { changed: false }
  const resolved = walk(parsed, 'filter', lookup, state)
  return state.changed ? toJson(sourceToJson(resolved)) : body
}

function walk(
  value: XContentValue,
  context: string,
  lookup: StoredScriptLookup,
  state: { changed: boolean },
): XContentValue {
  if (Array.isArray(value)) return value.map((item) => walk(item, context, lookup, state))
  if (!(value instanceof Map)) return value
  const out: XContentObject = new Map()
  for (const [key, entry] of value) {
    if (NOT_RESOLVED.has(key)) out.set(key, entry)
    else if (isStoredReference(entry) && (key === 'script' || SCRIPTED_METRIC.has(key))) {
      state.changed = true
      out.set(key, inlined(entry, SCRIPTED_METRIC.get(key) ?? context, lookup))
    } else out.set(key, walk(entry, contextOf(key, entry) ?? context, lookup, state))
  }
  return out
}

function contextOf(key: string, value: XContentValue): string | undefined {
  if (key !== '_script') return CONTEXTS.get(key)
  return value instanceof Map && value.get('type') === 'string' ? 'string_sort' : 'number_sort'
}

function isStoredReference(value: XContentValue): value is XContentObject {
  return (
    value instanceof Map && typeof value.get('id') === 'string' && !value.has('source') && !value.has('lang')
  )
}

/** The reference with its `id` replaced by the stored source, in the same place. */
function inlined(script: XContentObject, context: string, lookup: StoredScriptLookup): XContentObject {
  const source = storedPainlessSource(lookup, script.get('id') as string, context)
  return new Map([...script].map(([key, value]) => (key === 'id' ? ['source', source] : [key, value])))
}
