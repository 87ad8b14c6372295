/**
 * The document lookup of a `terms` query (ES's TermsLookup): `{"<field>": {"index", "id", "path"[, "routing"]}}`
 * instead of an array of terms. Its spec is read as ES's ConstructingObjectParser `terms_lookup` reads it: the four
 * keys take strings only (`[terms_lookup] id doesn't support values of type: VALUE_NUMBER`), any other key is
 * `[terms_lookup] unknown field [x]` with its did-you-mean hint (ES 8 knows `type` only for REST API v7), and a
 * missing `index`, `id` or `path` is `Required [..]` once the object is read.
 *
 * ES fetches the document in the query's rewrite on the coordinating node (TermsQueryBuilder.doRewrite registers
 * an async GET), so no shard ever builds a lookup. Here the coordinating node's check of a request records every
 * lookup it meets (QueryContext.termsLookups, a TermsLookupSite each: the spec and where it sits), the request's
 * coordinator fetches them (action/terms-lookup-rewrite.ts) and replaces each spec by the values found before the
 * query is built for an index. A lookup that reaches an index's query unrewritten is where the playground does not
 * fetch (an alias filter, a point-in-time `index_filter`): it is refused as not available.
 */
import { illegalArgumentException, xContentParseException } from '../../errors/index.ts'
import { suggest } from '../../common/did-you-mean.ts'
import { valueToken } from '../../action/value-token.ts'
import { tokenLocation, type XContentObject } from '../../xcontent/index.ts'
import { recordRewriteSite, type QueryContext } from './query-parsing.ts'

const PARSER = 'terms_lookup'
const FIELDS = ['index', 'id', 'path', 'routing'] as const
const REQUIRED = ['index', 'id', 'path'] as const

export interface TermsLookup {
  index: string
  id: string
  path: string
  routing: string | null
}

/** One lookup of a parsed request: `holder[field]` is its spec object, to be replaced by the values it finds. */
export interface TermsLookupSite {
  lookup: TermsLookup
  holder: XContentObject
  field: string
}

/** TermsLookup.parseTermsLookup over the spec object. */
export function parseTermsLookup(spec: XContentObject): TermsLookup {
  const values = new Map<string, string>()
  for (const [key, value] of spec) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      const [line, col] = tokenLocation(spec, key, 'key')
      throw xContentParseException(line, col, `[${PARSER}] unknown field [${key}]${suggest(key, FIELDS)}`)
    }
    if (typeof value !== 'string') {
      const [line, col] = tokenLocation(spec, key, 'value')
      throw xContentParseException(
        line,
        col,
        `[${PARSER}] ${key} doesn't support values of type: ${valueToken(value)}`,
      )
    }
    values.set(key, value)
  }
  const missing = REQUIRED.filter((key) => !values.has(key))
  if (missing.length > 0) throw illegalArgumentException(`Required [${missing.join(', ')}]`)
  return {
    index: values.get('index')!,
    id: values.get('id')!,
    path: values.get('path')!,
    routing: values.get('routing') ?? null,
  }
}

/**
 * A `terms` query's lookup met while building: recorded when the context collects them (the coordinating node's
 * check, which builds nothing it keeps), else refused, since the request's coordinator did not rewrite it.
 */
export function recordTermsLookup(
  holder: XContentObject,
  field: string,
  spec: XContentObject,
  context: QueryContext,
): void {
  const lookup = parseTermsLookup(spec)
  recordRewriteSite(
    context,
    { lookup, holder, field },
    (site) => 'lookup' in site && site.holder === holder && site.field === field,
    `[terms] query lookup [${lookup.index}/${lookup.id}/${lookup.path}] is not available in the playground here: ` +
      'only the queries of a search (its aggregations included), _count, _explain, _validate/query and the ' +
      'by-query APIs fetch their lookups',
  )
}
