/**
 * The coordinating node's rewrite of `terms` lookups (TermsQueryBuilder.doRewrite and its fetch, run by
 * Rewriteable.rewriteAndFetch before the request goes anywhere), and of percolate queries' indexed documents and
 * shape queries' indexed shapes, the other fetches of that rewrite (percolate-document-rewrite.ts,
 * indexed-shape-rewrite.ts: the query's body replaced, in the parsed request and between its braces in the text, by
 * the rewritten query's). Each lookup the request's check recorded
 * (search/queries/terms-lookup.ts) is a realtime GET of its document through the cluster (transport-get-action.ts:
 * the document's shard on an active copy, routed by the lookup's `routing`, or an alias's index routing), then the
 * scalar values at its `path` in the document's stored `_source` (XContentMapValues.extractRawValues). A missing
 * document, or one without a stored source, gives no values (the query then matches nothing); the GET's errors
 * (index_not_found_exception for a missing index, routing_missing_exception, an alias of several indices) fail the
 * request. Lookups (and indexed documents) are fetched one after another in the order the check met them.
 *
 * A rewritten lookup is the values as a JSON array: in the parsed request (the spec object replaced in its holder)
 * and, for a request that crosses to the shards as text, in the text (the spec's span replaced, the rest kept
 * byte for byte). A number keeps its value as Jackson reads a source into a map: an integer as written, any other
 * number as Java's Double.toString writes it.
 */
import type { RestContext } from '../rest/rest-context.ts'
import type { TermsLookup } from '../search/queries/terms-lookup.ts'
import type { QueryContext, RewriteSite } from '../search/queries/query-parsing.ts'
import { extractRawValues, type RawValue } from '../xcontent/extract-raw-values.ts'
import { objectContentSpan, objectValueSpan } from '../xcontent/content-locations.ts'
import {
  javaDoubleToString,
  parseJson,
  toJson,
  XNumber,
  type XContentObject,
  type XContentValue,
} from '../xcontent/index.ts'
import { rewrittenPercolateBody } from './percolate-document-rewrite.ts'
import { rewrittenShapeBody } from './indexed-shape-rewrite.ts'
import { storedSource } from './stored-source.ts'
import { rewriteGet } from './transport-get-action.ts'

/** TermsQueryBuilder.fetch: the values `lookup` finds. */
export async function fetchTermsLookup(context: RestContext, lookup: TermsLookup): Promise<XContentValue[]> {
  const { index, doc } = await rewriteGet(context, lookup.index, lookup.id, lookup.routing)
  const source = doc && storedSource(index.metadata.mapping, doc.source)
  if (!source) return []
  return extractRawValues(lookup.path, parseJson(source) as XContentObject).map(mapValue)
}

/** Every site's lookup fetched and its spec replaced in the parsed request by the values found. */
export async function rewriteTermsLookups(
  context: RestContext,
  sites: readonly RewriteSite[],
): Promise<void> {
  for (const rewrite of await fetchAll(context, sites)) rewrite.apply()
}

/**
 * `text`, the request the sites were parsed from, with every site's spec replaced by the values found (and the
 * parsed request rewritten the same way).
 */
export async function rewriteTermsLookupsInText(
  context: RestContext,
  text: string,
  sites: readonly RewriteSite[],
): Promise<string> {
  const rewrites = await fetchAll(context, sites)
  const spans = rewrites.map((rewrite) => {
    const span = rewrite.span()
    if (span === null || span.text !== text) throw new Error('terms lookup not parsed from the request text')
    return { ...span, json: rewrite.json }
  })
  let rewritten = text
  for (const span of [...spans].sort((a, b) => b.start - a.start))
    rewritten = rewritten.slice(0, span.start) + span.json + rewritten.slice(span.end)
  for (const rewrite of rewrites) rewrite.apply()
  return rewritten
}

/** One site fetched: where it stands in the request's text, the JSON that replaces it there, and its parsed change. */
interface SiteRewrite {
  span(): { text: string; start: number; end: number } | null
  json: string
  apply(): void
}

async function fetchAll(context: RestContext, sites: readonly RewriteSite[]): Promise<SiteRewrite[]> {
  const rewrites: SiteRewrite[] = []
  for (const site of sites) {
    if ('lookup' in site) {
      const values = await fetchTermsLookup(context, site.lookup)
      rewrites.push({
        span: () => objectValueSpan(site.holder, site.field),
        json: toJson(values),
        apply: () => site.holder.set(site.field, values),
      })
    } else {
      const body =
        'indexed' in site
          ? await rewrittenPercolateBody(context, site.body, site.indexed)
          : await rewrittenShapeBody(context, site)
      rewrites.push({
        span: () => objectContentSpan(site.body),
        // the entries alone: the span lies between the body's braces
        json: toJson(body).slice(1, -1),
        apply: () => {
          site.body.clear()
          for (const [key, value] of body) site.body.set(key, value)
        },
      })
    }
  }
  return rewrites
}

/** A source value as GetResponse.getSourceAsMap holds it (Jackson: Integer/Long/BigInteger, else Double). */
function mapValue(value: RawValue): XContentValue {
  if (!(value instanceof XNumber)) return value
  if (value.isInteger) return value.text === '-0' ? new XNumber('0') : value
  return new XNumber(javaDoubleToString(value.value))
}

/**
 * The lookups of one query a request carries in its parsed body (`_explain`, `_validate/query`, the by-query APIs):
 * `build` checks the query (no index, as the coordinating node parses it), the lookups it meets are fetched and
 * replaced in the body, so the query then builds for each index with the values. The check throws what parsing the
 * query throws.
 */
export async function rewriteQueryTermsLookups(
  context: RestContext,
  build: (check: QueryContext) => unknown,
  now: number,
): Promise<void> {
  const sites: RewriteSite[] = []
  build(termsLookupCheck(context, now, sites))
  await rewriteTermsLookups(context, sites)
}

/** The context of a query's check on the coordinating node, recording the lookups it meets into `sites`. */
export function termsLookupCheck(context: RestContext, now: number, sites: RewriteSite[]): QueryContext {
  return { fields: new Map(), analyze: context.analyze, nowMillis: now, termsLookups: sites }
}
