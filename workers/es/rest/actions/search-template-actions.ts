/**
 * The search template APIs of lang-mustache (RestSearchTemplateAction, RestRenderSearchTemplateAction,
 * RestMultiSearchTemplateAction), ES 8.17:
 * - GET|POST [/<index>]/_search/template: the template (search-template-request.ts) is rendered, the result
 *   parsed as a search body with the request's `explain` and `profile` set on it (SearchSourceBuilder.explain /
 *   profile: false removes what the template set), and searched as `_search` would (the URL's index,
 *   routing and indices options apply; body-like URL parameters such as `size` do not: the rendered body
 *   replaces the source they were set on).
 * - GET|POST /_render/template[/<id>]: `{"template_output": <the rendered JSON>}`; a path id makes the
 *   template that stored one.
 * - GET|POST [/<index>]/_msearch/template: NDJSON header and template lines (msearch-action.ts's reader);
 *   `{"took","responses":[...]}` with each search's response and `status`, or its failure (a template that
 *   does not render, a missing stored template, a search that fails) as `{"error",...,"status"}`.
 */
import { sourceToJson } from '../../action/source-map.ts'
import type { RestResponse } from '../../../protocol/es.ts'
import { actionRequestValidationException } from '../../errors/index.ts'
import { toJson, type JsonOut } from '../../xcontent/index.ts'
import { parseSearchRequest } from '../../search/search-request.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { parseRequestBody, requiredContent } from '../request-body.ts'
import { guarded, json, withWarnings } from '../responses.ts'
import { executeSearch } from './search-actions.ts'
import { multiSearchResponse, readMultiLineFormat } from './msearch-action.ts'
import {
  parseSearchTemplateRequest,
  renderSearchTemplate,
  type SearchTemplateRequest,
} from './search-template-request.ts'

/** The URL parameters a search template's search keeps (where and how it searches, how it answers). */
const SEARCH_PARAMS = new Set([
  'routing',
  'preference',
  'search_type',
  'scroll',
  'rest_total_hits_as_int',
  'typed_keys',
  'ignore_unavailable',
  'allow_no_indices',
  'expand_wildcards',
  'ignore_throttled',
  'ccs_minimize_roundtrips',
  'include_named_queries_score',
])

export function registerSearchTemplateActions(controller: RestController, context: RestContext): void {
  const search = (req: RestHandlerRequest) => guarded(() => searchTemplate(context, req))
  const render = (req: RestHandlerRequest) => guarded(() => renderTemplate(context, req))
  const msearch = (req: RestHandlerRequest) => guarded(() => multiSearchTemplate(context, req))
  for (const method of ['GET', 'POST'] as const) {
    controller
      .register(method, '/_search/template', search, 'search_template')
      .register(method, '/{index}/_search/template', search, 'search_template')
      .register(method, '/_render/template', render, 'render_search_template')
      .register(method, '/_render/template/{id}', render, 'render_search_template')
      .register(method, '/_msearch/template', msearch, 'msearch_template')
      .register(method, '/{index}/_msearch/template', msearch, 'msearch_template')
  }
}

function templateRequest(req: RestHandlerRequest): SearchTemplateRequest {
  return parseSearchTemplateRequest(requiredContent(req.request.body))
}

function renderTemplate(context: RestContext, req: RestHandlerRequest): RestResponse {
  const request = templateRequest(req)
  if (req.path.id !== undefined) request.script = { type: 'stored', value: req.path.id }
  const rendered = renderSearchTemplate(context.client.cluster.state(), request)
  const output = sourceToJson(parseRequestBody(rendered))
  return withWarnings(json(200, { template_output: output }), request.deprecations)
}

/** The search body the rendered template becomes: the request's explain and profile set on it. */
function renderedSearchBody(rendered: string, request: SearchTemplateRequest): string {
  const body = sourceToJson(parseRequestBody(rendered)) as Map<string, JsonOut>
  body.delete('explain')
  body.delete('profile')
  if (request.explain) body.set('explain', true)
  if (request.profile) body.set('profile', true)
  return toJson(body)
}

/** Runs one rendered template as a search over `index` with the search parameters of `params`. */
async function runTemplateSearch(
  context: RestContext,
  req: RestHandlerRequest,
  index: string | undefined,
  params: ReadonlyMap<string, string>,
  request: SearchTemplateRequest,
  started: number,
): Promise<{ body: { readonly [key: string]: JsonOut }; warnings: readonly string[] }> {
  const rendered = renderSearchTemplate(context.client.cluster.state(), request)
  const body = renderedSearchBody(rendered, request)
  const searchParams = new Map([...params].filter(([key]) => SEARCH_PARAMS.has(key)))
  const parsed = parseSearchRequest(body, searchParams, false, context.analyze, started)
  const searchReq: RestHandlerRequest = {
    request: { ...req.request, body, params: [...searchParams] },
    path: index === undefined ? {} : { index },
    params: searchParams,
  }
  const result = await executeSearch(context, searchReq, parsed, false, started)
  return { body: result.body, warnings: [...request.deprecations, ...result.warnings] }
}

async function searchTemplate(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const started = context.clock.now()
  const request = templateRequest(req)
  const { body, warnings } = await runTemplateSearch(
    context,
    req,
    req.path.index,
    req.params,
    request,
    started,
  )
  return withWarnings(json(200, body), warnings)
}

async function multiSearchTemplate(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const started = context.clock.now()
  const text = requiredContent(req.request.body)
  const items = readMultiLineFormat(text, req).map((item) => ({
    ...item,
    request: parseSearchTemplateRequest(item.body),
  }))
  if (items.length === 0) throw actionRequestValidationException(['no requests added'])
  return multiSearchResponse(context, started, items, (item) =>
    runTemplateSearch(context, req, item.index, item.params, item.request, started),
  )
}
