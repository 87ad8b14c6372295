/**
 * _search and _count over one index, a comma-separated list or wildcard patterns (or every index),
 * with a Query DSL body: `query`, `from`, `size`, `_source` (true/false), `track_total_hits`, and for
 * _search `aggs` / `aggregations` (parsed with the query, before the indices are resolved, as ES does;
 * rendered after `hits`), `sort` (body and URI `sort=field:desc,other`, appended after the body's),
 * `search_after` (with `from` 0 or -1: SearchSourceBuilder.validate) and `track_scores` (body or URI).
 * Hits of a sorted search carry `"sort": [...]` after `_source`, and `_score` null unless tracked. _count takes only `query` (`request does not support [aggs]`). Responses have
 * ES 8's shape: `took`, `timed_out`, `_shards` (with `failures` when some shards failed), and
 * `hits.total` as {value, relation} counted exactly up to track_total_hits (10,000 by default).
 */
import type { RestResponse } from '../../../protocol/es.ts'
import {
  actionRequestValidationException,
  illegalArgumentException,
  indexNotFoundException,
  parsingException,
} from '../../errors/index.ts'
import { JavaFloat, RawJson, XNumber, type XContentObject, type XContentValue } from '../../xcontent/index.ts'
import type { IndexService } from '../../index/index-service.ts'
import { leafFields } from '../../index/mapper/mapping.ts'
import {
  aggregationsResponse,
  parseAggregations,
  type AggregationBuilder,
} from '../../search/aggregations/index.ts'
import { buildQuery, queryStringIndexQuery } from '../../search/query-builder.ts'
import type { QueryContext } from '../../search/queries/query-parsing.ts'
import { uriSearchQuery } from '../../search/query-string/index.ts'
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { countMatches, executeSearch } from '../../search/search-service.ts'
import { allShardsFailed, groupedFailures } from '../../search/shard-failures.ts'
import {
  parseSearchAfter,
  parseSort,
  parseUriSort,
  type SearchAfterValue,
  type SortBuilder,
} from '../../search/sort/index.ts'
import { valueToken } from '../../action/value-token.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { parseRequestBody } from '../request-body.ts'

const SEARCH_KEYS = new Set(['query', 'from', 'size', '_source', 'track_total_hits'])
const AGGREGATIONS_KEYS = new Set(['aggs', 'aggregations'])
const DEFAULT_TRACK_TOTAL_HITS = 10_000

export function registerSearchActions(controller: RestController, context: RestContext): void {
  const search = (req: RestHandlerRequest) => guarded(() => runSearch(context, req, false))
  const count = (req: RestHandlerRequest) => guarded(() => runSearch(context, req, true))
  for (const method of ['GET', 'POST'] as const) {
    controller
      .register(method, '/_search', search)
      .register(method, '/{index}/_search', search)
      .register(method, '/_count', count)
      .register(method, '/{index}/_count', count)
  }
}

/** Resolves an index expression (names, commas, `*` wildcards, `_all`) to indices, as ES does. */
export function resolveIndices(context: RestContext, expression: string | undefined): IndexService[] {
  if (expression === undefined || expression === '_all' || expression === '*') return context.indices.all()
  const found = new Map<string, IndexService>()
  for (const part of expression.split(',')) {
    if (part.includes('*')) {
      const pattern = new RegExp(`^${part.split('*').map(escapeRegExp).join('.*')}$`)
      for (const index of context.indices.all())
        if (pattern.test(index.metadata.name)) found.set(index.metadata.name, index)
      continue
    }
    const index = context.indices.get(part)
    if (!index) throw indexNotFoundException(part)
    found.set(part, index)
  }
  return [...found.values()]
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
}

function intParam(value: XContentValue | string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const n = value instanceof XNumber ? value.value : Number(value)
  return Number.isInteger(n) ? n : fallback
}

/** XContentParser.booleanValue: a boolean, or the strings `true` / `false`. */
function booleanValue(value: XContentValue | string): boolean {
  if (typeof value === 'boolean') return value
  if (value === 'true' || value === 'false') return value === 'true'
  throw illegalArgumentException(
    `Failed to parse value [${String(value)}] as only [true] or [false] are allowed.`,
  )
}

function runSearch(context: RestContext, req: RestHandlerRequest, isCount: boolean): RestResponse {
  const started = context.clock.now()
  const text = req.request.body ?? ''
  const body: XContentObject = req.request.body ? parseRequestBody(text) : new Map<string, XContentValue>()
  let aggregations: AggregationBuilder[] | null = null
  let sort: SortBuilder[] = []
  let searchAfter: SearchAfterValue[] | null = null
  let trackScores = false
  for (const [key, value] of body) {
    if (isCount && key !== 'query') throw parsingException(1, 1, `request does not support [${key}]`)
    if (AGGREGATIONS_KEYS.has(key) && value instanceof Map) {
      // Both spellings are one ParseField: a later definition replaces an earlier one.
      aggregations = parseAggregations(value)
      continue
    }
    if (key === 'sort') {
      sort = parseSort(value, text)
      continue
    }
    if (key === 'search_after' && Array.isArray(value)) {
      searchAfter = parseSearchAfter(value, text)
      continue
    }
    if (key === 'track_scores' && !(value instanceof Map) && !Array.isArray(value)) {
      trackScores = booleanValue(value)
      continue
    }
    if (SEARCH_KEYS.has(key)) continue
    throw parsingException(1, 1, `Unknown key for a ${valueToken(value)} in [${key}].`)
  }
  const uriSort = req.params.get('sort')
  if (uriSort !== undefined) sort = [...sort, ...parseUriSort(uriSort)]
  const uriTrackScores = req.params.get('track_scores')
  if (uriTrackScores !== undefined)
    trackScores = booleanValue(uriTrackScores === '' ? 'true' : uriTrackScores)
  const from = intParam(body.get('from') ?? req.params.get('from'), 0)
  const size = intParam(body.get('size') ?? req.params.get('size'), 10)
  // URI search (RestSearchAction.parseSearchSource): `q` and its options replace the body's query.
  const uri = uriSearchQuery(req.params)
  const queryBody = body.get('query') ?? new Map<string, XContentValue>()
  const queryFor = (queryContext: QueryContext): IndexQuery =>
    uri ? queryStringIndexQuery(uri.query, uri.options, queryContext) : buildQuery(queryBody, queryContext)
  // ES parses the whole request before it resolves the indices: a bad query fails even with no index.
  if (!uri) buildQuery(queryBody, { fields: new Map(), analyze: context.analyze, nowMillis: started })
  // SearchSourceBuilder.validate, before the indices are resolved.
  if (from > 0 && searchAfter !== null) {
    throw actionRequestValidationException(['[from] parameter must be set to 0 when [search_after] is used'])
  }
  const indices = resolveIndices(context, req.path.index)
  const targets = indices.map((index) => ({
    index,
    query: queryFor({
      fields: leafFields(index.metadata.mapping),
      analyze: index.analysis.analyze,
      nowMillis: started,
      index: { name: index.metadata.name, uuid: index.metadata.uuid },
    }),
  }))
  const shards = targets.reduce((sum, t) => sum + t.index.metadata.numberOfShards, 0)
  const shardsBody = { total: shards, successful: shards, skipped: 0, failed: 0 }
  const now = context.clock.now()
  if (isCount) return json(200, { count: countMatches(targets, now), _shards: shardsBody })
  if (from + size > 10_000) {
    throw illegalArgumentException(
      `Result window is too large, from + size must be less than or equal to: [10000] but was [${from + size}]. ` +
        'See the scroll api for a more efficient way to request large data sets. This limit can be set by changing ' +
        'the [index.max_result_window] index level setting.',
    )
  }
  const result = executeSearch(targets, { from, size, sort, searchAfter, trackScores, aggregations }, now)
  const nodeId = context.identity.nodeId
  if (shards > 0 && result.failures.length === shards) throw allShardsFailed(result.failures, nodeId)
  const failed = result.failures.length
  const withSource = body.get('_source') !== false
  const track = body.get('track_total_hits')
  const limit =
    track === true ? Infinity : intParam(track === false ? undefined : track, DEFAULT_TRACK_TOTAL_HITS)
  return json(200, {
    took: context.clock.now() - started,
    timed_out: false,
    _shards:
      failed === 0
        ? shardsBody
        : {
            ...shardsBody,
            successful: shards - failed,
            failed,
            failures: groupedFailures(result.failures, nodeId),
          },
    hits: {
      total:
        result.totalHits > limit
          ? { value: limit, relation: 'gte' }
          : { value: result.totalHits, relation: 'eq' },
      max_score: result.maxScore === null ? null : new JavaFloat(result.maxScore),
      hits: result.hits.map((hit) => ({
        _index: hit.index,
        _id: hit.doc.id,
        _score: hit.score === null ? null : new JavaFloat(hit.score),
        ...(hit.doc.routing !== null ? { _routing: hit.doc.routing } : {}),
        ...(withSource ? { _source: new RawJson(hit.doc.source) } : {}),
        ...(hit.sort !== null ? { sort: hit.sort } : {}),
      })),
    },
    ...(result.aggregations !== null ? { aggregations: aggregationsResponse(result.aggregations) } : {}),
  })
}
