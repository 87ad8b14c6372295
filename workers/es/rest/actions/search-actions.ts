/**
 * _search and _count over one index, a comma-separated list or wildcard patterns (or every index). The
 * request is parsed first (search-request.ts: the Query DSL body, URI search, aggregations, sort,
 * search_after, track_scores, explain), then the indices are resolved and the search runs on a copy of
 * every shard wherever it is (transport-search-action.ts). Responses have ES 8's shape: `took`,
 * `timed_out`, `_shards` (with `failures` when some shards failed), `hits.total` as {value, relation}
 * counted exactly up to track_total_hits (10,000 by default), hits with `_shard`, `_node` and
 * `_explanation` when explained, `highlight` (after `_source`, before `sort`, as SearchHit writes it), `sort` values
 * of a sorted search (`_score` null unless tracked), `matched_queries` (names, or name → score with
 * `include_named_queries_score`, fetch/matched-queries-phase.ts), then
 * `aggregations`. _count answers `count` and `_shards`. Through aliases, each index is read with its alias
 * filter and on the shards the alias's search_routing or the `routing` parameter select
 * (cluster/metadata/search-targets.ts).
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { urlFlag } from '../../common/booleans.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import { JavaFloat } from '../../xcontent/index.ts'
import { sourceField } from '../../action/get-result.ts'
import { aggregationsResponse } from '../../search/aggregations/index.ts'
import { explanationJson } from '../../search/explain/index.ts'
import { matchedQueriesJson } from '../../search/fetch/matched-queries-phase.ts'
import { fetchesMetadata } from '../../search/fetch/fetch-options.ts'
import { documentFieldSections, identityFields, metadataFields } from '../../search/fetch/hit-sections.ts'
import { parseSearchRequest } from '../../search/search-request.ts'
import { allShardsFailed, groupedFailures } from '../../search/shard-failures.ts'
import { executeDistributedSearch, type IndexSearchTarget } from '../../action/transport-search-action.ts'
import { searchTargets } from '../../cluster/metadata/search-targets.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json, withWarnings } from '../responses.ts'

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

/**
 * The indices a search of `expression` (names, aliases, commas, `*` wildcards, `_all`) reads, with their
 * shards and alias filters (search-targets.ts).
 */
export function resolveSearchTargets(
  context: RestContext,
  expression: string | undefined,
  routing: string | null,
): IndexSearchTarget[] {
  const indices = context.indices.all()
  const byName = new Map(indices.map((index) => [index.metadata.name, index]))
  return searchTargets(
    indices.map((index) => index.metadata),
    expression,
    routing,
  ).map(({ index, shards, filter }) => ({ index: byName.get(index)!, shards, aliasFilter: filter }))
}

async function runSearch(
  context: RestContext,
  req: RestHandlerRequest,
  isCount: boolean,
): Promise<RestResponse> {
  const started = context.clock.now()
  // ES parses the whole request before it resolves the indices: a bad query fails even with no index.
  const parsed = parseSearchRequest(req.request.body, req.params, isCount, context.analyze, started)
  const indices = resolveSearchTargets(context, req.path.index, req.params.get('routing') ?? null)
  const { from, size } = parsed.request
  if (!isCount && from + size > 10_000) {
    throw illegalArgumentException(
      `Result window is too large, from + size must be less than or equal to: [10000] but was [${from + size}]. ` +
        'See the scroll api for a more efficient way to request large data sets. This limit can be set by changing ' +
        'the [index.max_result_window] index level setting.',
    )
  }
  const result = await executeDistributedSearch(
    context,
    indices,
    { body: req.request.body, params: [...req.params], isCount, now: started },
    parsed,
  )
  const { shards, failures } = result
  if (shards > 0 && failures.length === shards) throw allShardsFailed(failures)
  const failed = failures.length
  const shardsBody = { total: shards, successful: shards - failed, skipped: 0, failed }
  const shardsJson = failed === 0 ? shardsBody : { ...shardsBody, failures: groupedFailures(failures) }
  if (isCount)
    return withWarnings(json(200, { count: result.count, _shards: shardsJson }), parsed.deprecations)
  const limit = parsed.trackTotalHits
  // A response parameter (SearchHit.toXContent reads it with paramAsBoolean(key, false)).
  const withScores = urlFlag(req.params, 'include_named_queries_score') ?? false
  const { fetch } = parsed
  const metadata = fetchesMetadata(fetch)
  const response = json(200, {
    took: context.clock.now() - started,
    timed_out: false,
    ...(result.terminatedEarly !== null ? { terminated_early: result.terminatedEarly } : {}),
    _shards: shardsJson,
    hits: {
      total:
        result.totalHits > limit
          ? { value: limit, relation: 'gte' }
          : { value: result.totalHits, relation: 'eq' },
      max_score: result.maxScore === null ? null : new JavaFloat(result.maxScore),
      hits: result.hits.map((hit) => ({
        ...(hit.explained ? { _shard: hit.explained.shard, _node: hit.explained.node } : {}),
        _index: hit.index,
        ...identityFields(hit.doc, fetch),
        _score: hit.score === null ? null : new JavaFloat(hit.score),
        ...(metadata ? metadataFields(hit.doc.routing, hit.ignored) : {}),
        ...sourceField(hit.doc.source, parsed.fetchSource),
        ...documentFieldSections(hit.documentFields),
        ...(hit.highlight !== null ? { highlight: new Map(hit.highlight) } : {}),
        ...(hit.sort !== null ? { sort: hit.sort } : {}),
        ...(hit.matchedQueries.length > 0
          ? { matched_queries: matchedQueriesJson(hit.matchedQueries, withScores, (s) => new JavaFloat(s)) }
          : {}),
        ...(hit.explained ? { _explanation: explanationJson(hit.explained.explanation) } : {}),
      })),
    },
    ...(result.aggregations !== null ? { aggregations: aggregationsResponse(result.aggregations) } : {}),
  })
  return withWarnings(response, parsed.deprecations)
}
