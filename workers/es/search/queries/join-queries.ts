/**
 * The parent-join queries (ES 8's HasChildQueryBuilder, HasParentQueryBuilder, ParentIdQueryBuilder) over the index's
 * join field (index/mapper/joiner.ts):
 *
 * - `has_child` (`type`, `query`, `score_mode` none (default) / avg / sum / max / min, `min_children`,
 *   `max_children`, `ignore_unmapped`): the documents of the child relation's parent relation whose id is the
 *   parent-id (`f#parent`) of at least min_children and at most max_children documents of relation `type` that
 *   `query` matches;
 * - `has_parent` (`parent_type`, `query`, `score`, `ignore_unmapped`): the documents of the parent relation's child
 *   relations whose parent-id is the id of a document of relation `parent_type` that `query` matches;
 * - `parent_id` (`type`, `id`, `ignore_unmapped`): the documents of child relation `type` whose parent-id is `id`, a
 *   term query on the parent-id field filtered to the relation (scored as that term).
 *
 * has_child and has_parent run as JoinUtil.createJoinQuery runs them over global ordinals, on the shard (the join is
 * within one shard: a child is routed to its parent's shard): the inner query, filtered to its relation, runs over
 * the shard's live documents; each match's join value (its parent-id) collects its score, as
 * GlobalOrdinalsWithScoreCollector does in float: sum, max, min, avg (the float sum over the count), and none, which
 * scores 1 (or the boost, GlobalOrdinalsQuery's constant score, without min/max_children). has_parent scores none,
 * or max with `score: true`. The documents on the other side whose join value collected a score (and, for has_child,
 * a count in range) match with that score times the boost; they go to the index as their `_id`s, a constant score
 * per distinct score (script-queries.ts scoredDocuments). Without an index (the coordinating node's parse-only
 * check) the inner query is parsed and nothing is joined; built for an index without its shard (_explain,
 * _validate/query, the by-query APIs), has_child and has_parent join nothing and print as ES's LateParsingQuery
 * `LateParsingQuery {joinField=f#parent}`; parent_id is its BooleanQuery `+f#parent:id #f:child`.
 *
 * `inner_hits` (has_child and has_parent; InnerHitBuilder, fetch/inner-hit-builder.ts) is read as the query is: its
 * unknown fields refused ("[inner_hits] unknown field [x]", x_content_parse_exception at the key), its name the
 * relation unless given; on a shard, the search's own query records each in the context's joinInnerHits (a name
 * used twice: "[inner_hits] already contains an entry for key [n]"), which fetch/join-inner-hits.ts runs per hit.
 * The inner query's own inner hits are not the search's (ES extracts them only as the join's inner hits' children).
 *
 * Errors: "[has_child] no join field has been configured", "[has_child] join field [f] doesn't hold [t] as a
 * child", "[has_parent] join field [f] doesn't hold [t] as a parent", "[parent_id] no join field found for index
 * [i]", "[parent_id] no relation found for child [t]" (query_shard_exception; ignore_unmapped matches nothing
 * instead), "[has_child] requires 'type' field" / "'query' field", "[has_child] requires non-negative
 * 'min_children' field", "[has_child] 'max_children' is less than 'min_children'", "[q] query does not support [k]".
 */
import type { IndexQuery, NestedScoreMode } from '../../../../engine-wasm/src/index/index.ts'
import { illegalArgumentException, xContentParseException } from '../../errors/index.ts'
import { valueToken } from '../../action/value-token.ts'
import { readInnerHit, type InnerHitBuilder } from '../fetch/inner-hit-builder.ts'
import { parseBoolean } from '../../common/booleans.ts'
import { XNumber, tokenLocation, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import { joinerOfFields, type Joiner } from '../../index/mapper/joiner.ts'
import { queryShardException } from '../query-string/query-parser-errors.ts'
import { parseInnerQuery } from '../query-builder.ts'
import {
  boosted,
  boostOf,
  numberOption,
  parsingErrorAt,
  scalarText,
  type QueryContext,
  type ShardScripting,
} from './query-parsing.ts'
import { describedDocuments, scoredDocuments } from './script-queries.ts'

const SCORE_MODES: ReadonlySet<string> = new Set(['none', 'avg', 'max', 'min', 'sum'])
const MAX_INT = 0x7fffffff
/** InnerHitBuilder's default size. */
const DEFAULT_INNER_HITS_SIZE = 3

/** The options of a join query as its fromXContent loop reads them: the inner query's body, the scalar values. */
interface JoinOptions {
  query: XContentObject | null
  values: Map<string, XContentValue>
  innerHit: InnerHitBuilder | null
}

/**
 * The fromXContent loop: `query` and `inner_hits` (InnerHitBuilder.fromXContent, named `defaultName` unless it says)
 * as objects, the `scalars` as values, anything else refused.
 */
function readOptions(
  name: string,
  body: XContentObject,
  scalars: readonly string[],
  defaultName: (values: ReadonlyMap<string, XContentValue>) => string | null = () => null,
): JoinOptions {
  let query: XContentObject | null = null
  let innerHits: XContentObject | null = null
  const values = new Map<string, XContentValue>()
  for (const [key, value] of body) {
    if (value instanceof Map && name !== 'parent_id') {
      if (key === 'query') query = value
      else if (key === 'inner_hits') innerHits = value
      else throw parsingErrorAt(body, key, 'value', `[${name}] query does not support [${key}]`)
    } else if (!(value instanceof Map) && (scalars.includes(key) || key === 'boost' || key === '_name'))
      values.set(key, value)
    else throw parsingErrorAt(body, key, 'value', `[${name}] query does not support [${key}]`)
  }
  const innerHit = innerHits === null ? null : readJoinInnerHit(innerHits, defaultName(values) ?? '')
  return { query, values, innerHit }
}

/** An `inner_hits` object as InnerHitBuilder's ObjectParser reads it (its errors at the offending token). */
function readJoinInnerHit(section: XContentObject, defaultName: string): InnerHitBuilder {
  return readInnerHit(section, defaultName, {
    name(key, value) {
      if (typeof value === 'string') return value
      const [line, col] = tokenLocation(section, key, 'value')
      throw xContentParseException(
        line,
        col,
        `[inner_hits] ${key} doesn't support values of type: ${valueToken(value)}`,
      )
    },
    unknownField(key) {
      const [line, col] = tokenLocation(section, key, 'key')
      throw xContentParseException(line, col, `[inner_hits] unknown field [${key}]`)
    },
  })
}

/**
 * The parse of the inner query: a nested or join query's `inner_hits` inside it is not the search's (the inner hits'
 * own search collects them, fetch/join-inner-hits.ts).
 */
function innerQueryContext(context: QueryContext): QueryContext {
  const { nested } = context
  return {
    ...context,
    nested: nested === undefined ? undefined : { ...nested, innerHits: undefined },
    joinInnerHits: undefined,
  }
}

/** InnerHitContextBuilder.extractInnerHits: one section per name among the search's inner hits. */
function addJoinInnerHits(
  context: QueryContext,
  innerHit: InnerHitBuilder | null,
  query: XContentObject,
  typeName: string,
  fetchChildInnerHits: boolean,
): void {
  const into = context.joinInnerHits
  if (innerHit === null || into === undefined) return
  const { name, options } = innerHit
  if (
    into.some((known) => known.name === name) ||
    context.nested?.innerHits?.some((known) => known.name === name)
  )
    throw illegalArgumentException(`[inner_hits] already contains an entry for key [${name}]`)
  into.push({
    name,
    typeName,
    fetchChildInnerHits,
    query,
    options,
    from: numberOption(options, 'from', 0),
    size: numberOption(options, 'size', DEFAULT_INNER_HITS_SIZE),
  })
}

function booleanValue(value: XContentValue | undefined): boolean {
  if (value === undefined) return false
  return typeof value === 'boolean' ? value : parseBoolean(scalarText(value) ?? '')
}

/** XContentParser.intValue(coerce): a number (truncated) or a numeric string. */
function intValue(value: XContentValue | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const number = value instanceof XNumber ? value.value : Number(scalarText(value))
  return Math.trunc(number)
}

/** The index's Joiner, or the "no join field" refusal (null: ignore_unmapped). */
function joinerFor(name: string, context: QueryContext, ignoreUnmapped: boolean): Joiner | null {
  const joiner = joinerOfFields(context.fields)
  if (joiner !== null) return joiner
  if (ignoreUnmapped) return null
  const reason =
    name === 'parent_id'
      ? `[parent_id] no join field found for index [${context.index?.name ?? ''}]`
      : `[${name}] no join field has been configured`
  throw queryShardException(reason, context.index)
}

/** The coordinating node's check of a request's syntax: no index, no shard. */
function parseOnly(context: QueryContext): boolean {
  return context.index === undefined && context.shard === undefined
}

function termQuery(field: string, term: string): IndexQuery {
  return { type: 'term', field, term, boost: 1 }
}

/** Queries.filtered(query, filter): the query's matches among the filter's, scored by the query. */
function filtered(query: IndexQuery, filter: IndexQuery): IndexQuery {
  return {
    type: 'bool',
    must: [query],
    should: [],
    mustNot: [],
    filter: [filter],
    minimumShouldMatch: 0,
    boost: 1,
  }
}

export function hasChildQuery(body: XContentObject, context: QueryContext): IndexQuery {
  const { query, values, innerHit } = readOptions(
    'has_child',
    body,
    ['type', 'score_mode', 'min_children', 'max_children', 'ignore_unmapped'],
    (read) => scalarText(read.get('type')),
  )
  const modeText = scalarText(values.get('score_mode')) ?? 'none'
  if (!SCORE_MODES.has(modeText))
    throw illegalArgumentException(`No score mode for child query [${modeText}] found`)
  const type = scalarText(values.get('type'))
  if (type === null) throw illegalArgumentException("[has_child] requires 'type' field")
  if (query === null) throw illegalArgumentException("[has_child] requires 'query' field")
  const minChildren = intValue(values.get('min_children'), 0)
  const maxChildren = intValue(values.get('max_children'), MAX_INT)
  if (minChildren < 0)
    throw illegalArgumentException("[has_child] requires non-negative 'min_children' field")
  if (maxChildren < 0)
    throw illegalArgumentException("[has_child] requires non-negative 'max_children' field")
  if (maxChildren < minChildren)
    throw illegalArgumentException("[has_child] 'max_children' is less than 'min_children'")
  const inner = parseInnerQuery(query, innerQueryContext(context))
  if (parseOnly(context)) return { type: 'matchNone' }
  const ignoreUnmapped = booleanValue(values.get('ignore_unmapped'))
  const joiner = joinerFor('has_child', context, ignoreUnmapped)
  if (joiner === null) return { type: 'matchNone' }
  if (!joiner.childTypeExists(type)) {
    if (ignoreUnmapped) return { type: 'matchNone' }
    throw queryShardException(
      `[has_child] join field [${joiner.joinField}] doesn't hold [${type}] as a child`,
      context.index,
    )
  }
  addJoinInnerHits(context, innerHit, query, type, true)
  const joinField = joiner.parentJoinField(type)
  // Built for the index without its shard (its check; `_validate/query`): the shard that runs it builds it again
  const scripting = context.shard?.scripting()
  if (scripting === undefined) return lateParsingQuery(joinField, boostOf(body))
  const children = filtered(inner, termQuery(joiner.joinField, type))
  const collected = collect(scripting, children, joinField, modeText as NestedScoreMode)
  const parents = docIdsOf(scripting, termQuery(joiner.joinField, joiner.parentOf(type)!))
  const counted = (join: Collected): boolean => join.count >= minChildren && join.count <= maxChildren
  return joined(scripting, parents, joinField, collected, boostOf(body), counted)
}

export function hasParentQuery(body: XContentObject, context: QueryContext): IndexQuery {
  const { query, values, innerHit } = readOptions(
    'has_parent',
    body,
    ['parent_type', 'score', 'ignore_unmapped'],
    (read) => scalarText(read.get('parent_type')),
  )
  const parentType = scalarText(values.get('parent_type'))
  if (parentType === null) throw illegalArgumentException("[has_parent] requires 'parent_type' field")
  if (query === null) throw illegalArgumentException("[has_parent] requires 'query' field")
  const score = booleanValue(values.get('score'))
  const inner = parseInnerQuery(query, innerQueryContext(context))
  if (parseOnly(context)) return { type: 'matchNone' }
  const ignoreUnmapped = booleanValue(values.get('ignore_unmapped'))
  const joiner = joinerFor('has_parent', context, ignoreUnmapped)
  if (joiner === null) return { type: 'matchNone' }
  if (!joiner.parentTypeExists(parentType)) {
    if (ignoreUnmapped) return { type: 'matchNone' }
    throw queryShardException(
      `[has_parent] join field [${joiner.joinField}] doesn't hold [${parentType}] as a parent`,
      context.index,
    )
  }
  addJoinInnerHits(context, innerHit, query, parentType, false)
  const joinField = joiner.childJoinField(parentType)
  // Built for the index without its shard (its check; `_validate/query`): the shard that runs it builds it again
  const scripting = context.shard?.scripting()
  if (scripting === undefined) return lateParsingQuery(joinField, boostOf(body))
  const parents = filtered(inner, termQuery(joiner.joinField, parentType))
  const collected = collect(scripting, parents, joinField, score ? 'max' : 'none')
  const childTypes = joiner.childrenOf(parentType).map((child) => termQuery(joiner.joinField, child))
  const childFilter: IndexQuery = {
    type: 'bool',
    must: [],
    should: childTypes,
    mustNot: [],
    filter: [],
    minimumShouldMatch: 1,
    boost: 1,
  }
  const children = docIdsOf(scripting, childFilter)
  return joined(scripting, children, joinField, collected, boostOf(body), () => true)
}

export function parentIdQuery(body: XContentObject, context: QueryContext): IndexQuery {
  const { values } = readOptions('parent_id', body, ['type', 'id', 'ignore_unmapped'])
  const type = scalarText(values.get('type'))
  const id = scalarText(values.get('id'))
  if (type === null) throw illegalArgumentException("[parent_id] requires 'type' field")
  if (id === null) throw illegalArgumentException("[parent_id] requires 'id' field")
  if (parseOnly(context)) return { type: 'matchNone' }
  const ignoreUnmapped = booleanValue(values.get('ignore_unmapped'))
  const joiner = joinerFor('parent_id', context, ignoreUnmapped)
  if (joiner === null) return { type: 'matchNone' }
  if (!joiner.childTypeExists(type)) {
    if (ignoreUnmapped) return { type: 'matchNone' }
    throw queryShardException(`[parent_id] no relation found for child [${type}]`, context.index)
  }
  const query = filtered(termQuery(joiner.parentJoinField(type), id), termQuery(joiner.joinField, type))
  return boosted(query, boostOf(body))
}

/**
 * HasChildQueryBuilder.LateParsingQuery, what has_child and has_parent build before the shard's searcher joins them:
 * `LateParsingQuery {joinField=f#parent}` (the parent relation's join field), matching nothing without the shard.
 */
function lateParsingQuery(joinField: string, boost: number): IndexQuery {
  return describedDocuments({ type: 'matchNone' }, `LateParsingQuery {joinField=${joinField}}`, boost)
}

/** One join value's collected matches: how many, and their score under the score mode. */
interface Collected {
  count: number
  score: number
}

/**
 * GlobalOrdinalsWithScoreCollector over `query`'s live matches: per join value (the match's value of `joinField`),
 * the count and the score in float (none: 1).
 */
function collect(
  scripting: ShardScripting,
  query: IndexQuery,
  joinField: string,
  mode: NestedScoreMode,
): Map<string, Collected> {
  const out = new Map<string, Collected>()
  for (const [docId, score] of scripting.matches(query)) {
    const value = scripting.docValues.values(joinField, docId)[0]
    if (value === undefined) continue
    const key = String(value)
    const known = out.get(key)
    if (known === undefined) {
      out.set(key, { count: 1, score: mode === 'none' ? 1 : Math.fround(score) })
      continue
    }
    known.count++
    if (mode === 'sum' || mode === 'avg') known.score = Math.fround(known.score + score)
    else if (mode === 'max') known.score = Math.max(known.score, score)
    else if (mode === 'min') known.score = Math.min(known.score, score)
  }
  if (mode === 'avg') for (const join of out.values()) join.score = Math.fround(join.score / join.count)
  return out
}

/** The live documents `query` matches, by doc id. */
function docIdsOf(scripting: ShardScripting, query: IndexQuery): ReadonlySet<number> {
  return new Set(scripting.matches(query).keys())
}

/**
 * The documents of `side` whose `joinField` value collected matches that `accept` takes, each scoring the collected
 * score times the boost (GlobalOrdinalsWithScoreQuery's W; GlobalOrdinalsQuery's constant boost for none).
 */
function joined(
  scripting: ShardScripting,
  side: ReadonlySet<number>,
  joinField: string,
  collected: ReadonlyMap<string, Collected>,
  boost: number,
  accept: (join: Collected) => boolean,
): IndexQuery {
  const scores = new Map<string, number>()
  for (const { docId, id } of scripting.liveDocs()) {
    if (!side.has(docId)) continue
    const value = scripting.docValues.values(joinField, docId)[0]
    const join = value === undefined ? undefined : collected.get(String(value))
    if (join !== undefined && accept(join)) scores.set(id, Math.fround(join.score * boost))
  }
  return scoredDocuments(scores)
}
