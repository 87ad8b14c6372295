/**
 * Scripts in a search (ES's ScoreScript, FilterScript, FieldScript and AggregationScript contexts): the `script`
 * object as Script.parse reads it (a source string, or `source` with `lang` and `params`; `inline` is `source`'s old
 * name; or a stored script's `id` with `params`: the shard that runs it finds its source in the cluster state
 * first, script/stored-script-resolver.ts), compiled with the context's variables (`params`
 * and `doc`, plus `_score` for scores and `_value` for aggregations; a field script finds the hit's source as
 * `params._source`) and run per document with `doc` bound to that document's doc values (doc-lookup.ts). An
 * aggregation's value script reads each of its field's values as `_value` (AggregationScript.setNextAggregationValue);
 * `_value` is null in an aggregation script without a field. A score script also has the vector functions
 * (`cosineSimilarity`, `dotProduct`, `l1norm`, `l2norm`: vector-functions.ts).
 */
import { illegalArgumentException, parsingException, type EsException } from '../errors/index.ts'
import type { DocValuesSource } from '../search/aggregations/index.ts'
import type { XContentObject, XContentValue } from '../xcontent/index.ts'
import type { StoredScriptLookup } from '../cluster/metadata/script-metadata.ts'
import { DocLookup } from './doc-lookup.ts'
import { storedPainlessSource } from './stored-painless-script.ts'
import { PainlessScript } from './painless-script.ts'
import { VECTOR_FUNCTIONS, VectorFunctions } from './vector-functions.ts'
import { Num, fromXContent, javaString, type Value } from './painless-values.ts'

/** An inline script (`source`), or a stored one (`id`), which a shard inlines before it parses the search. */
export type ScriptSpec =
  | { readonly source: string; readonly id: null; readonly params: XContentObject }
  | { readonly source: null; readonly id: string; readonly params: XContentObject }

/** The source of a search script on a shard, whose stored scripts were inlined before it parsed the search. */
export function inlineSource(spec: ScriptSpec): string {
  if (spec.source === null)
    throw illegalArgumentException(`unable to find script [${spec.id}] in cluster state`)
  return spec.source
}

/**
 * ScriptService.compile's Painless source for a script compiled where it runs (the pipeline aggregations on the
 * coordinating node): the inline source, or the stored script's, read from `scripts` for the named context.
 */
export function scriptSource(spec: ScriptSpec, scripts: StoredScriptLookup, context: string): string {
  return spec.source !== null ? spec.source : storedPainlessSource(scripts, spec.id, context)
}

export type ScriptContext = 'score' | 'filter' | 'field' | 'aggs'

const VARIABLES: Readonly<Record<ScriptContext, readonly string[]>> = {
  score: ['params', 'doc', '_score'],
  filter: ['params', 'doc'],
  field: ['params', 'doc'],
  aggs: ['params', 'doc', '_value'],
}

function scriptError(reason: string): EsException {
  return parsingException(1, 1, reason)
}

/** Script.parse. */
export function parseScriptSpec(value: XContentValue | undefined): ScriptSpec {
  if (typeof value === 'string') return { source: value, id: null, params: new Map() }
  if (!(value instanceof Map)) throw scriptError('[script] script must be a string or an object')
  let source: string | null = null
  let id: string | null = null
  let params: XContentObject = new Map()
  for (const [key, entry] of value) {
    if ((key === 'source' || key === 'inline') && typeof entry === 'string') source = entry
    else if (key === 'params' && entry instanceof Map) params = entry
    else if (key === 'lang') {
      if (entry !== 'painless')
        throw illegalArgumentException(`script_lang not supported [${javaString(fromXContent(entry))}]`)
    } else if (key === 'id' && typeof entry === 'string') id = entry
    else if (key !== 'options') throw scriptError(`[script] unknown field [${key}]`)
  }
  if (source !== null) return { source, id: null, params }
  if (id === null) {
    throw illegalArgumentException(
      'must specify either [source] for an inline script or [id] for a stored script',
    )
  }
  if (value.has('lang')) throw illegalArgumentException('lang cannot be specified for stored scripts')
  return { source, id, params }
}

/** A compiled search script bound to a shard's doc values: run(docId) per document. */
export class SearchScript {
  private readonly script: PainlessScript
  private readonly params: Map<string, Value>
  private readonly doc: DocLookup
  private readonly context: ScriptContext
  /** A score script's vector functions (vector-functions.ts); null in the other contexts. */
  private readonly vectors: VectorFunctions | null

  constructor(spec: ScriptSpec, context: ScriptContext, docValues: DocValuesSource, indexName: string) {
    this.context = context
    const functions = context === 'score' ? VECTOR_FUNCTIONS : []
    this.script = PainlessScript.compile(inlineSource(spec), VARIABLES[context], functions)
    this.params = fromXContent(spec.params) as Map<string, Value>
    this.doc = new DocLookup(docValues, indexName)
    this.vectors = context === 'score' ? new VectorFunctions(docValues) : null
  }

  /** The script's value for a document, with its score (`_score`) in a score script. */
  run(docId: number, score?: number): Value {
    this.doc.docId = docId
    const variables = new Map<string, Value>([
      ['params', this.params],
      ['doc', this.doc],
    ])
    if (this.vectors !== null) {
      this.vectors.docId = docId
      for (const name of VECTOR_FUNCTIONS) variables.set(name.slice(0, name.indexOf('/')), this.vectors)
    }
    if (score !== undefined) variables.set('_score', Num.double(score))
    if (this.context === 'aggs') variables.set('_value', null)
    return this.script.run(variables)
  }

  /** An aggregation value script's result for one of a document's field values, read as `_value`. */
  runWithValue(docId: number, value: Value): Value {
    this.doc.docId = docId
    return this.script.run(
      new Map<string, Value>([
        ['params', this.params],
        ['doc', this.doc],
        ['_value', value],
      ]),
    )
  }

  /** A field script's value for a hit: `params._source` is the hit's source. */
  runWithSource(docId: number, source: Value): Value {
    this.doc.docId = docId
    const params = new Map(this.params).set('_source', source)
    return this.script.run(
      new Map<string, Value>([
        ['params', params],
        ['doc', this.doc],
      ]),
    )
  }

  /** The runtime error script_exception for a Java exception about the script's result. */
  resultError(error: Parameters<PainlessScript['runtimeError']>[0]): EsException {
    return this.script.runtimeError(error)
  }
}
