/**
 * ExpandSearchPhase: after a collapsed search, each hit's group is searched once per `inner_hits` of the collapse,
 * on the coordinating node, as its own search of the same indices (and routing). A group search's body is
 * InnerHitBuilder's options (from 0 and size 3 unless given, sort, _source, version, fields, highlight, ...) with
 * the query `bool { filter: term(field = value), must: the search's query }` (a hit without a value: `must_not:
 * exists(field)`), and the search's `post_filter`. Group searches run one after another (ES runs up to
 * max_concurrent_group_searches at once: the same answers). A hit's inner hits are keyed by name, in the order
 * the hit's HashMap iterates them (a later inner hit of the same name replaces an earlier one).
 */
import { parseJson, toJson, XNumber, type XContentValue } from '../../xcontent/index.ts'
import { javaHashMapKeyOrder } from '../../../net/java-hash.ts'
import { uriSearchQuery } from '../query-string/uri-search.ts'
import type { CollapseBuilder } from './collapse-builder.ts'
import { innerHitSearchBody } from '../fetch/inner-hit-builder.ts'
import type { CollapseValue } from './collapse-context.ts'

/** The original search's query as JSON: the body's `query`, the URI's `q` as a query_string, or none. */
export function originalQuery(
  body: string | null,
  params: ReadonlyMap<string, string>,
): XContentValue | null {
  // The URI's q, df, analyzer, lenient, default_operator and analyze_wildcard, read as the search read them.
  const uri = uriSearchQuery(params)
  if (uri !== null) {
    const { query, options } = uri
    const json = new Map<string, XContentValue>([['query', query]])
    if (options.defaultField !== undefined) json.set('default_field', options.defaultField)
    if (options.defaultOperator !== undefined) json.set('default_operator', options.defaultOperator)
    if (options.analyzer !== undefined) json.set('analyzer', options.analyzer)
    if (options.lenient !== undefined) json.set('lenient', options.lenient)
    if (options.analyzeWildcard === true) json.set('analyze_wildcard', true)
    return new Map([['query_string', json]])
  }
  return bodySection(body, 'query')
}

/** The search's `post_filter`, or null. */
export function postFilterOf(body: string | null): XContentValue | null {
  return bodySection(body, 'post_filter')
}

function bodySection(body: string | null, key: string): XContentValue | null {
  const parsed = body ? parseJson(body) : null
  return parsed instanceof Map ? (parsed.get(key) ?? null) : null
}

function groupQuery(field: string, value: CollapseValue, query: XContentValue | null): XContentValue {
  const bool = new Map<string, XContentValue>()
  if (value === null) {
    bool.set('must_not', [new Map([['exists', new Map([['field', field]])]])])
  } else {
    const term = typeof value === 'number' ? new XNumber(String(value)) : value
    bool.set('filter', [new Map([['term', new Map([[field, term]])]])])
  }
  if (query !== null) bool.set('must', [query])
  return new Map([['bool', bool]])
}

/** The bodies of one hit's group searches, with their inner hits' names. */
export function groupSearches(
  collapse: CollapseBuilder,
  value: CollapseValue,
  query: XContentValue | null,
  postFilter: XContentValue | null,
): Array<{ name: string; body: string }> {
  return collapse.innerHits.map(({ name, options }) => {
    const body = innerHitSearchBody(options, [['query', groupQuery(collapse.field, value, query)]])
    if (postFilter !== null) body.set('post_filter', postFilter)
    return { name, body: toJson(body) }
  })
}

/**
 * Runs every hit's group searches; `values` are the hits' collapse values, in order. Answers, per hit, its inner
 * searches' results by name.
 */
export async function expandHits<T>(
  collapse: CollapseBuilder,
  values: readonly CollapseValue[],
  query: XContentValue | null,
  postFilter: XContentValue | null,
  search: (body: string) => Promise<T>,
): Promise<Array<Array<[string, T]>>> {
  const out: Array<Array<[string, T]>> = []
  for (const value of values) {
    const searches = groupSearches(collapse, value, query, postFilter)
    const inner = new Map<string, T>()
    for (const { name, body } of searches) inner.set(name, await search(body))
    out.push(javaHashMapKeyOrder([...inner.keys()], searches.length).map((name) => [name, inner.get(name)!]))
  }
  return out
}
