/**
 * The queries that run a script per document (ES 8's ScriptQueryBuilder and ScriptScoreQueryBuilder), and the
 * script_score function of function_score (ScriptScoreFunction):
 *
 * - `script`: a filter: the documents for which the script returns true, each scoring `boost`;
 * - `script_score`: the documents `query` matches, each scoring the script's value (with `_score` the inner
 *   query's score) cast to float, times `boost`; a negative or NaN value fails with "script_score script
 *   returned an invalid score [v] for doc [d]. Must be a non-negative score!" (d: the doc id in its segment);
 *   documents under `min_score` are left out;
 * - function_score's `script_score` function: the script's double value for each document the function_score's
 *   query matches (`_score` its score); a negative value is "script score function must not produce negative
 *   scores, but got: [v]".
 *
 * The scripts run in JavaScript on the shard while the query is built, over its live documents; what they
 * decide goes to the index as plain queries: the matching `_id`s as term clauses (a filter selecting most documents:
 * the root documents but the others' `_id`s, documentsQuery), grouped by score, each group
 * a constant_score of that score (one per document, so a dis_max of them scores each document its own value).
 * Without a shard (the coordinating node's parse-only validation, `_validate/query`) the script is parsed, not
 * compiled or run. A `script` query prints as ES's ScriptQuery, `ScriptQuery(Script{...})` (script-to-string.ts), on
 * the shard too (its explanation `ScriptQuery(...)` or `ScriptQuery(...) doesn't match id N`, as ConstantScoreWeight
 * explains it).
 */
import type { IndexQuery, IndexScoreFunction } from '../../../../engine-wasm/src/index/index.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import { Num, className, type Value } from '../../script/painless-values.ts'
import { classCast } from '../../script/script-errors.ts'
import { SearchScript, parseScriptSpec, type ScriptSpec } from '../../script/search-script.ts'
import { scriptToString } from '../../script/script-to-string.ts'
import {
  javaDoubleToString,
  javaFloatToString,
  type XContentObject,
  type XContentValue,
} from '../../xcontent/index.ts'
import { parseInnerQuery } from '../query-builder.ts'
import {
  boostOf,
  numberOption,
  parsingError,
  parsingErrorAt,
  parsingErrorAtEnd,
  type QueryContext,
  type ShardScripting,
} from './query-parsing.ts'
import { idTermsFilter } from './metadata-fields.ts'

/** The documents of these `_id`s, each scoring `boost`. */
function idsQuery(ids: readonly string[], boost: number): IndexQuery {
  return { type: 'constantScore', filter: idTermsFilter(ids), boost }
}

/**
 * The live documents a test selected, each scoring `boost` (none: match_none): their `_id`s, or, when fewer
 * documents were left out, every root document but the `_id`s of those (the engine's time grows faster than the
 * number of `_id` terms it is given).
 */
export function documentsQuery(
  selected: readonly string[],
  others: readonly string[],
  boost: number,
): IndexQuery {
  if (selected.length === 0) return { type: 'matchNone' }
  if (selected.length <= others.length) return idsQuery(selected, boost)
  const filter: IndexQuery = {
    type: 'bool',
    must: [],
    should: [],
    mustNot: others.map((id): IndexQuery => ({ type: 'term', field: '_id', term: id, boost: 1 })),
    filter: [{ type: 'nonNested', boost: 1 }],
    minimumShouldMatch: 0,
    boost: 1,
  }
  return { type: 'constantScore', filter, boost }
}

/** The `_id`s of the documents by their value, in document order within each value. */
function idsByValue(values: Iterable<readonly [string, number]>): Map<number, string[]> {
  const groups = new Map<number, string[]>()
  for (const [id, value] of values) {
    const group = groups.get(value)
    if (group === undefined) groups.set(value, [id])
    else group.push(id)
  }
  return groups
}

/** Documents scoring their own float: a constant_score per distinct score over the documents' `_id`s. */
export function scoredDocuments(scores: ReadonlyMap<string, number>): IndexQuery {
  const clauses = [...idsByValue(scores)].map(([score, ids]) => idsQuery(ids, score))
  if (clauses.length === 0) return { type: 'matchNone' }
  return clauses.length === 1 ? clauses[0]! : { type: 'disMax', queries: clauses, tieBreaker: 0, boost: 1 }
}

function scriptingOf(context: QueryContext): ShardScripting | null {
  return context.shard?.scripting() ?? null
}

function indexName(context: QueryContext): string {
  return context.index?.name ?? ''
}

export function scriptQuery(body: XContentObject, context: QueryContext): IndexQuery {
  let spec: ScriptSpec | null = null
  for (const [key, value] of body) {
    if (key === 'script') spec = parseScriptSpec(value)
    else if (key !== 'boost' && key !== '_name')
      throw parsingErrorAt(body, key, 'value', `[script] query does not support [${key}]`)
  }
  if (spec === null) throw parsingErrorAtEnd(body, 'script must be provided with a [script] query')
  // ScriptQuery: printed as `ScriptQuery(Script{...})`, the script not compiled or run without a shard
  const description = `ScriptQuery(${scriptToString(spec)})`
  const scripting = scriptingOf(context)
  if (scripting === null) return describedDocuments({ type: 'matchNone' }, description, boostOf(body))
  const script = new SearchScript(spec, 'filter', scripting.docValues, indexName(context))
  const selected: string[] = []
  const others: string[] = []
  for (const { docId, id } of scripting.liveDocs()) {
    const result = script.run(docId)
    if (typeof result !== 'boolean') {
      throw script.resultError(classCast(`Cannot cast ${className(result)} to java.lang.Boolean`))
    }
    if (result) selected.push(id)
    else others.push(id)
  }
  return describedDocuments(documentsQuery(selected, others, boostOf(body)), description, boostOf(body))
}

/**
 * The documents a shard selected (documentsQuery's constant score, or match_none) under the text of the Lucene query
 * ES builds instead (its toString, which ConstantScoreWeight's explanation prints too); with match_none it is what
 * the query prints as when it is built for an index without its shard.
 */
export function describedDocuments(documents: IndexQuery, description: string, boost: number): IndexQuery {
  const filter = documents.type === 'constantScore' ? documents.filter : documents
  return { type: 'constantScore', filter, boost, description }
}

function number(value: Value, script: SearchScript): number {
  if (value instanceof Num) return value.value
  throw script.resultError(classCast(`Cannot cast ${className(value)} to java.lang.Number`))
}

export function scriptScoreQuery(body: XContentObject, context: QueryContext): IndexQuery {
  let inner: IndexQuery | null = null
  let spec: ScriptSpec | null = null
  for (const [key, value] of body) {
    if (key === 'query' && value instanceof Map) inner = parseInnerQuery(value, context)
    else if (key === 'script') spec = parseScriptSpec(value)
    else if (!['boost', '_name', 'min_score'].includes(key)) {
      throw parsingError(`[script_score] unknown field [${key}]`)
    }
  }
  const missing = [inner === null ? 'query' : null, spec === null ? 'script' : null].filter((m) => m !== null)
  if (missing.length > 0) throw parsingError(`Required [${missing.join(', ')}]`)
  const minScore = body.has('min_score') ? Math.fround(numberOption(body, 'min_score', 0)) : null
  const boost = boostOf(body)
  const scripting = scriptingOf(context)
  if (scripting === null) return inner!
  const script = new SearchScript(spec!, 'score', scripting.docValues, indexName(context))
  const matches = scripting.matches(inner!)
  const scores = new Map<string, number>()
  for (const { docId, id, segmentDocId } of scripting.liveDocs()) {
    const subScore = matches.get(docId)
    if (subScore === undefined) continue
    const score = Math.fround(number(script.run(docId, subScore), script))
    if (score < 0 || Number.isNaN(score)) {
      throw illegalArgumentException(
        `script_score script returned an invalid score [${javaFloatToString(score)}] for doc [${segmentDocId}]. ` +
          'Must be a non-negative score!',
      )
    }
    if (minScore !== null && score < minScore) continue
    scores.set(id, Math.fround(score * boost))
  }
  return scoredDocuments(scores)
}

/** A function_score `script_score` function, before it meets the function_score's query. */
export interface ScriptScoreFunction {
  readonly type: 'script'
  readonly spec: ScriptSpec
}

export function scriptScoreFunction(body: XContentValue): ScriptScoreFunction {
  if (!(body instanceof Map)) throw parsingError('[script_score] query malformed, no start_object')
  let spec: ScriptSpec | null = null
  for (const [key, value] of body) {
    if (key === 'script') spec = parseScriptSpec(value)
    else throw parsingErrorAt(body, key, 'value', `script_score query does not support [${key}]`)
  }
  if (spec === null) throw parsingError('script_score function requires a [script]')
  return { type: 'script', spec }
}

/**
 * The script function as the index runs functions: for each distinct value, a field_value_factor of a field no
 * document has (its `missing` being the value, factor 1, no modifier: exactly the value) filtered to the
 * documents with that value, so every document gets its own value and the function's weight and score_mode
 * apply as to any function.
 */
export function expandScriptFunction(
  fn: ScriptScoreFunction,
  filter: IndexQuery | null,
  weight: number | null,
  query: IndexQuery,
  context: QueryContext,
): IndexScoreFunction[] {
  const scripting = scriptingOf(context)
  if (scripting === null) return [{ filter, weight, fn: { type: 'weight' } }]
  const script = new SearchScript(fn.spec, 'score', scripting.docValues, indexName(context))
  const matches = scripting.matches(query)
  const values: Array<[string, number]> = []
  for (const { docId, id } of scripting.liveDocs()) {
    const subScore = matches.get(docId)
    if (subScore === undefined) continue
    const value = number(script.run(docId, subScore), script)
    if (value < 0) {
      throw illegalArgumentException(
        `script score function must not produce negative scores, but got: [${javaDoubleToString(value)}]`,
      )
    }
    values.push([id, value])
  }
  return [...idsByValue(values)].map(([value, ids]) => {
    const documents = idsQuery(ids, 0)
    return {
      filter:
        filter === null
          ? documents
          : {
              type: 'bool',
              must: [],
              should: [],
              mustNot: [],
              filter: [filter, documents],
              minimumShouldMatch: 0,
              boost: 1,
            },
      weight,
      fn: { type: 'fieldValueFactor', field: '', factor: 1, modifier: 'none', missing: value },
    }
  })
}
