/**
 * A `geo_shape` or `shape` query's indexed shape (AbstractGeometryQueryBuilder's `indexed_shape`: `{"id", "index",
 * "path", "routing"}`), read as parsedParamsFromXContent reads it: every scalar is taken as its text, an unknown key
 * is skipped (ES 8 reads `type` for REST API v7 only), an object, array or null is `unknown token [T] after [k]` at
 * the value; `index` defaults to "shapes" and `path` to "shape". An object without `id` is the builder's "either
 * shape or indexedShapeId is required"; `shape` beside it wins.
 *
 * ES fetches the shape in the query's rewrite on the coordinating node (doRewrite registers an async GET), so no
 * shard ever builds a query with one. Here the coordinating node's check of a request records every one it meets
 * (QueryContext.termsLookups, beside the other fetches of that rewrite: the query's body), the request's coordinator
 * fetches it (action/indexed-shape-rewrite.ts) and rewrites the body to the query ES rewrites it to. One that reaches
 * an index's query unrewritten is where the playground does not fetch (an alias filter, a point-in-time
 * `index_filter`): it is refused as not available.
 */
import { valueToken } from '../../action/value-token.ts'
import type { XContentObject } from '../../xcontent/index.ts'
import { parsingErrorAt, recordRewriteSite, scalarText, type QueryContext } from './query-parsing.ts'

/** The document to fetch, and where its shape is: a dotted path of its `_source`. */
export interface IndexedShape {
  index: string
  id: string
  path: string
  routing: string | null
}

/** One shape query of a parsed request whose field object names an indexed shape, rewritten in place once fetched. */
export interface IndexedShapeSite {
  shape: IndexedShape
  /** The query's body (`{"<field>": {...}, "ignore_unmapped", "boost", "_name"}`). */
  body: XContentObject
  field: string
}

const KEYS = ['id', 'index', 'path', 'routing'] as const

/** The `indexed_shape` object's keys; null without an `id`. */
export function parseIndexedShape(spec: XContentObject): IndexedShape | null {
  const values = new Map<string, string>()
  for (const [key, value] of spec) {
    const text = scalarText(value)
    if (text === null)
      throw parsingErrorAt(spec, key, 'value', `unknown token [${valueToken(value)}] after [${key}]`)
    if ((KEYS as readonly string[]).includes(key)) values.set(key, text)
  }
  const id = values.get('id')
  if (id === undefined) return null
  return {
    id,
    index: values.get('index') ?? 'shapes',
    path: values.get('path') ?? 'shape',
    routing: values.get('routing') ?? null,
  }
}

/** An indexed shape met while building (recordRewriteSite: refused where the request's coordinator did not fetch). */
export function recordIndexedShape(query: string, site: IndexedShapeSite, context: QueryContext): void {
  const { index, id } = site.shape
  recordRewriteSite(
    context,
    site,
    (other) => 'shape' in other && other.body === site.body,
    `[${query}] query indexed shape [${index}/${id}] is not available in the playground here: only the queries ` +
      'of a search (its aggregations included), _count, _explain, _validate/query and the by-query APIs fetch it',
  )
}
