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
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import type { CollapseBuilder } from './collapse-builder.ts'
import type { CollapseValue } from './collapse-context.ts'

/** The original search's query as JSON: the body's `query`, the URI's `q` as a query_string, or none. */
export function originalQuery(
  body: string | null,
  params: ReadonlyMap<string, string>,
): XContentValue | null {
  const q = params.get('q')
  if (q !== undefined) {
    const options = new Map<string, XContentValue>([['query', q]])
    const df = params.get('df')
    if (df !== undefined) options.set('default_field', df)
    const operator = params.get('default_operator')
    if (operator !== undefined) options.set('default_operator', operator)
    const analyzer = params.get('analyzer')
    if (analyzer !== undefined) options.set('analyzer', analyzer)
    return new Map([['query_string', options]])
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
    const body = new Map<string, XContentValue>([
      ['from', new XNumber('0')],
      ['size', new XNumber('3')],
      ...options,
      ['query', groupQuery(collapse.field, value, query)],
    ])
    if (postFilter !== null) body.set('post_filter', postFilter)
    return { name, body: toJson(body) }
  })
}

/**
 * The iteration order of `new HashMap<>(expected)` holding these distinct names (ExpandSearchPhase sizes each hit's
 * inner hits map by the number of inner hits): a table of tableSizeFor(expected) buckets, doubled whenever the size
 * passes three quarters of it.
 */
function hashMapOrder(names: readonly string[], expected: number): string[] {
  let capacity = 1
  while (capacity < expected) capacity *= 2
  for (let size = 1; size <= names.length; size++) if (size > capacity * 0.75) capacity *= 2
  return javaStringKeyOrder(names, capacity)
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
    out.push(hashMapOrder([...inner.keys()], searches.length).map((name) => [name, inner.get(name)!]))
  }
  return out
}
