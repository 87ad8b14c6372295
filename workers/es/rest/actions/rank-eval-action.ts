/**
 * `GET|POST [/{index}]/_rank_eval` (RestRankEvalAction, TransportRankEvalAction, RankEvalResponse; ES 8):
 * - the body is a RankEvalSpec (rankeval/rank-eval-spec.ts), parsed whole before anything runs; no body is
 *   "request body or source parameter is required";
 * - the templates are compiled first (mustache; a stored one is looked up), `max_concurrent_searches` must be
 *   positive ("maxConcurrentSearchRequests must be positive"), then each templated request is rendered with its
 *   params and parsed as a search body (its errors, and validateEvaluatedQuery's, fail the whole request; a
 *   `template_id` no template has is ES's NullPointerException);
 * - each rated request's search runs through the search path (search-actions.ts executeSearch) over the path's
 *   indices with the `search_type` and indices-options parameters, its size set to the metric's k and `_source`
 *   off (or filtered to the `summary_fields`); a search that fails (a bad query, a missing index) goes to
 *   `failures` under its id, as `{"error": {...}}`;
 * - the response is `metric_score` (the metric's average over the evaluated requests), `details` by request id
 *   (`metric_score`, `unrated_docs`, `hits` as `{hit, rating}`, `metric_details`) and `failures`. Both maps are
 *   Java HashMaps in ES (details copied from a HashMap sized for the searches, failures from a ConcurrentHashMap
 *   sized for the requests), so their keys are written in those maps' iteration order.
 * Searches run one after another (ES runs up to max_concurrent_searches at once; the answers are the same).
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { EsException, errorJson, illegalArgumentException } from '../../errors/index.ts'
import { JavaDouble, toJson, type JsonOut, type XContentObject } from '../../xcontent/index.ts'
import { parseSearchRequest } from '../../search/search-request.ts'
import { sourceToJson } from '../../action/source-map.ts'
import { storedScript } from '../../cluster/metadata/script-metadata.ts'
import { MUSTACHE_LANG, TemplateScript } from '../../script/template-script.ts'
import { JavaHashMapModel, javaHashMapCapacity, javaStringKeyOrder } from '../../../net/java-hash.ts'
import { parseRankEvalSpec, type RankEvalSpec, type TemplateSpec } from '../../rankeval/rank-eval-spec.ts'
import {
  validateEvaluatedQuery,
  type RatedRequest,
  type SearchParser,
} from '../../rankeval/rated-request-parser.ts'
import {
  combine,
  unratedDocuments,
  type EvalQueryQuality,
  type SearchHitJson,
} from '../../rankeval/evaluation-metric.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { parseRequestBody, requiredContent } from '../request-body.ts'
import { guarded, json, withWarnings } from '../responses.ts'
import { executeSearch } from './search-actions.ts'

export function registerRankEvalAction(controller: RestController, context: RestContext): void {
  const handler = (req: RestHandlerRequest) => guarded(() => rankEval(context, req))
  for (const method of ['GET', 'POST'] as const) {
    controller
      .register(method, '/_rank_eval', handler, 'rank_eval')
      .register(method, '/{index}/_rank_eval', handler, 'rank_eval')
  }
}

/** The URL parameters each rated search takes from the request (RankEvalRequest's indices options, search type). */
const SEARCH_PARAMS = [
  'search_type',
  'ignore_unavailable',
  'allow_no_indices',
  'expand_wildcards',
  'ignore_throttled',
]

/** One rated request ready to search: its final search body. */
interface RatedSearch {
  readonly rated: RatedRequest
  readonly body: string
}

async function rankEval(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const started = context.clock.now()
  const text = requiredContent(req.request.body)
  const parseSearch = (body: string) => parseSearchRequest(body, new Map(), false, context.analyze, started)
  const spec = parseRankEvalSpec(text, parseRequestBody(text), parseSearch)
  const templates = compileTemplates(context, spec.templates)
  if (spec.maxConcurrentSearches < 1)
    throw illegalArgumentException('maxConcurrentSearchRequests must be positive')
  const searches = spec.requests.map((rated) => ratedSearch(rated, spec, templates, parseSearch))
  const params = new Map(
    SEARCH_PARAMS.flatMap((key) => (req.params.has(key) ? [[key, req.params.get(key)!]] : [])),
  )
  // Strings.splitStringByCommaToArray: the path's index names, empty ones dropped
  const index = (req.path.index ?? '')
    .split(',')
    .filter((name) => name !== '')
    .join(',')
  const details = new Map<string, EvalQueryQuality>()
  const failures = new Map<string, EsException>()
  const warnings: string[] = []
  for (const { rated, body } of searches) {
    const searchReq: RestHandlerRequest = {
      request: { ...req.request, body, params: [...params] },
      path: index === '' ? {} : { index },
      params,
    }
    try {
      const parsed = parseSearchRequest(body, params, false, context.analyze, started)
      const result = await executeSearch(context, searchReq, parsed, false, started)
      warnings.push(...result.warnings)
      details.set(rated.id, spec.metric.evaluate(rated.id, searchHits(result.body), rated.ratedDocs))
    } catch (error) {
      if (!(error instanceof EsException)) throw error
      failures.set(rated.id, error)
    }
  }
  const body = {
    metric_score: new JavaDouble(combine([...details.values()])),
    details: detailsJson(details, searches.length),
    failures: failuresJson(failures, spec.requests.length),
  }
  return withWarnings(json(200, body), warnings)
}

/** ScriptService.compile of each template for the template context. */
function compileTemplates(
  context: RestContext,
  templates: ReadonlyMap<string, TemplateSpec>,
): Map<string, TemplateScript> {
  const compiled = new Map<string, TemplateScript>()
  for (const [id, template] of templates) {
    if (template.source !== null) {
      if (template.lang !== MUSTACHE_LANG) {
        throw illegalArgumentException(`a [${template.lang}] template is not available in the playground`)
      }
      compiled.set(id, TemplateScript.compile(template.source, template.options))
      continue
    }
    const stored = storedScript(context.client.cluster.state(), template.id!)
    if (stored.lang !== MUSTACHE_LANG) {
      throw illegalArgumentException(`a [${stored.lang}] template is not available in the playground`)
    }
    compiled.set(id, TemplateScript.compile(stored.source, stored.options))
  }
  return compiled
}

/**
 * TransportRankEvalAction's search for one rated request: its search body, or its template rendered with its params
 * and parsed; then the metric's size and the `_source` of its summary fields.
 */
function ratedSearch(
  rated: RatedRequest,
  spec: RankEvalSpec,
  templates: ReadonlyMap<string, TemplateScript>,
  parseSearch: SearchParser,
): RatedSearch {
  let request: XContentObject
  if (rated.request !== null) request = rated.request
  else {
    const template = templates.get(rated.templateId!)
    if (template === undefined) throw nullTemplate()
    const rendered = template.execute(rated.params)
    validateEvaluatedQuery(parseSearch(rendered))
    request = parseRequestBody(rendered)
  }
  const body = sourceToJson(request) as Map<string, JsonOut>
  body.set('size', spec.metric.forcedSearchSize)
  const source =
    rated.summaryFields.length === 0 ? false : { includes: [...rated.summaryFields], excludes: [] }
  body.set('_source', source)
  return { rated, body: toJson(body) }
}

/**
 * A `template_id` no template has: ES dereferences the missing factory (TransportRankEvalAction), a
 * NullPointerException with the JDK's helpful message.
 */
function nullTemplate(): EsException {
  return new EsException({
    type: 'null_pointer_exception',
    reason:
      'Cannot invoke "org.elasticsearch.script.TemplateScript$Factory.newInstance(java.util.Map)" because ' +
      '"templateScript" is null',
    status: 500,
  })
}

/** The hits of a search response body, each with its `_index` and `_id`. */
function searchHits(body: { readonly [key: string]: JsonOut }): SearchHitJson[] {
  const section = body.hits
  const hits = section !== null && typeof section === 'object' && 'hits' in section ? section.hits : []
  if (!Array.isArray(hits)) return []
  return hits.map((hit: JsonOut) => {
    const fields = hit as { readonly _index: string; readonly _id: string }
    return { index: fields._index, id: fields._id, json: hit }
  })
}

/** EvalQueryQuality.toXContent for each evaluated request, in the order ES's HashMaps iterate them. */
function detailsJson(details: ReadonlyMap<string, EvalQueryQuality>, searched: number): Map<string, JsonOut> {
  // Maps.newMapWithExpectedSize(searched), then copied by new HashMap<>(map)
  const expected = searched < 2 ? searched + 1 : Math.trunc(searched / 0.75 + 1)
  const inner = javaStringKeyOrder([...details.keys()], javaHashMapCapacity(details.size, expected))
  const outer = new JavaHashMapModel()
  outer.putAll(inner)
  return new Map(
    outer.order().map((id) => {
      const quality = details.get(id)!
      return [
        id,
        {
          metric_score: new JavaDouble(quality.metricScore),
          unrated_docs: unratedDocuments(quality.ratedHits).map((hit) => ({
            _index: hit.index,
            _id: hit.id,
          })),
          hits: quality.ratedHits.map(({ hit, rating }) => ({ hit: hit.json, rating })),
          metric_details: new Map([[quality.details.name, new Map(quality.details.fields)]]),
        },
      ]
    }),
  )
}

/** Each failed request's `{"error": {...}}`, in the order of ES's ConcurrentHashMap, then HashMap copy. */
function failuresJson(failures: ReadonlyMap<string, EsException>, requests: number): Map<string, JsonOut> {
  // new ConcurrentHashMap<>(requests): a table of tableSizeFor((long) (1.0 + requests / 0.75f)) bins
  const size = Math.trunc(1 + Math.fround(requests / 0.75))
  let capacity = 1
  while (capacity < size) capacity *= 2
  const outer = new JavaHashMapModel()
  outer.putAll(javaStringKeyOrder([...failures.keys()], capacity))
  return new Map(outer.order().map((id) => [id, { error: errorJson(failures.get(id)!) }]))
}
