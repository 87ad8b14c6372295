/**
 * The coordinating node's rewrite of a `geo_shape` or `shape` query's indexed shape (AbstractGeometryQueryBuilder's
 * doRewrite and fetch, run by Rewriteable.rewriteAndFetch before the request goes anywhere): a realtime GET through
 * the cluster (transport-get-action.ts rewriteGet: the shape's `routing`, or an alias's index routing). A missing
 * document is IllegalArgumentException `Shape with ID [id] not found`, one without a stored `_source` `Shape with ID
 * [id] source disabled`; the GET's own errors (index_not_found_exception, routing_missing_exception, an alias of
 * several indices) fail the request as they come.
 *
 * The shape is found as fetch walks the source's tokens: from the top, a field name equal to the path's next
 * element steps into its value (the last element's value is the shape), any other field's value is skipped whole,
 * and the first end of an object met ends the walk, which is IllegalStateException `Shape with name [id] found but
 * missing <path> field` (so a path element is looked for inside an array's first object too, and a scalar under a
 * matched name leaves the next element to be looked for among its siblings). A null shape (ES's query then stays
 * unrewritten) is refused as not available.
 *
 * The rewritten query is the one doRewrite builds, with the `_name` and boost AbstractQueryBuilder.rewrite carries
 * over: the field's `shape` the value found, where `indexed_shape` stood, its `relation` (and geo_shape's `strategy`)
 * kept; `ignore_unmapped` is not carried over (ES 8.17's rewrite drops it, fixed in 8.19), so an unmapped field then
 * fails the shard.
 */
import { EsException, illegalArgumentException } from '../errors/index.ts'
import type { RestContext } from '../rest/rest-context.ts'
import type { IndexedShapeSite } from '../search/queries/indexed-shape.ts'
import { parseJson, type XContentObject, type XContentValue } from '../xcontent/index.ts'
import { storedSource } from './stored-source.ts'
import { rewriteGet } from './transport-get-action.ts'

/** The shape query `site` names rewritten: its indexed shape fetched and given as its `shape`. */
export async function rewrittenShapeBody(
  context: RestContext,
  site: IndexedShapeSite,
): Promise<XContentObject> {
  const shape = await fetchIndexedShape(context, site)
  const rewritten: XContentObject = new Map()
  for (const [key, value] of site.body) {
    if (key === 'ignore_unmapped') continue
    if (key !== site.field || !(value instanceof Map)) {
      rewritten.set(key, value)
      continue
    }
    const options: XContentObject = new Map()
    for (const [option, setting] of value) {
      if (option === 'indexed_shape') options.set('shape', shape)
      else options.set(option, setting)
    }
    rewritten.set(key, options)
  }
  return rewritten
}

/** The GET of doRewrite and fetch's checks: the shape's value in the document's `_source`. */
async function fetchIndexedShape(context: RestContext, { shape }: IndexedShapeSite): Promise<XContentValue> {
  const { index, doc } = await rewriteGet(context, shape.index, shape.id, shape.routing)
  if (doc === null) throw illegalArgumentException(`Shape with ID [${shape.id}] not found`)
  const source = storedSource(index.metadata.mapping, doc.source)
  if (source === null) throw illegalArgumentException(`Shape with ID [${shape.id}] source disabled`)
  const found = valueAtPath(parseJson(source) as XContentObject, shape.path.split('.'))
  if (found === undefined) {
    throw new EsException({
      type: 'illegal_state_exception',
      reason: `Shape with name [${shape.id}] found but missing ${shape.path} field`,
      status: 500,
    })
  }
  if (found === null)
    throw illegalArgumentException(
      `a null indexed shape [${shape.index}/${shape.id}] is not available in the playground`,
    )
  return found
}

/** One token of a source as its parser meets them: an object's or array's start carries the value it opens. */
type Token =
  | { kind: 'field'; name: string }
  | { kind: 'start' | 'value'; value: XContentValue }
  | { kind: 'endArray' | 'endObject' }

function tokensOf(value: XContentValue, out: Token[]): Token[] {
  if (value instanceof Map) {
    out.push({ kind: 'start', value })
    for (const [name, child] of value) {
      out.push({ kind: 'field', name })
      tokensOf(child, out)
    }
    out.push({ kind: 'endObject' })
  } else if (Array.isArray(value)) {
    out.push({ kind: 'start', value })
    for (const child of value) tokensOf(child, out)
    out.push({ kind: 'endArray' })
  } else {
    out.push({ kind: 'value', value })
  }
  return out
}

/** The index after the token at `at` and its children (XContentParser.skipChildren). */
function skipChildren(tokens: readonly Token[], at: number): number {
  if (tokens[at]?.kind !== 'start') return at + 1
  let depth = 0
  for (let i = at; i < tokens.length; i++) {
    const kind = tokens[i]!.kind
    if (kind === 'start') depth++
    else if (kind === 'endArray' || kind === 'endObject') depth--
    if (depth === 0) return i + 1
  }
  return tokens.length
}

/** fetch's walk (see the header): the value the path leads to, or undefined where the walk ends without it. */
function valueAtPath(source: XContentObject, path: readonly string[]): XContentValue | undefined {
  const tokens = tokensOf(source, [])
  let slot = 0
  let at = 0
  while (at < tokens.length) {
    const token = tokens[at]!
    if (token.kind === 'endObject') return undefined
    if (token.kind !== 'field') {
      at++
    } else if (token.name === path[slot]) {
      const next = tokens[at + 1]
      if (++slot === path.length) return next !== undefined && 'value' in next ? next.value : undefined
      at += 2
    } else {
      at = skipChildren(tokens, at + 1)
    }
  }
  return undefined
}
