/**
 * The ingest pipeline APIs (ES 8 RestPutPipelineAction, RestGetPipelineAction, RestDeletePipelineAction,
 * RestSimulatePipelineAction):
 * - PUT /_ingest/pipeline/<id>: the body is parsed as a pipeline (its parse_exception otherwise) and stored
 *   verbatim; `{"acknowledged":true}`. `?if_version` must be an int and is checked by the master
 *   (cluster/metadata/ingest-metadata.ts).
 * - GET /_ingest/pipeline[/<ids>]: a comma list of ids and `*` patterns; `{"<id>":<config>,...}` with each
 *   config re-read in its own key order; nothing found is 404 with the body `{}`; `?summary` gives `{}` per id.
 * - DELETE /_ingest/pipeline/<id or pattern>: `pipeline [x] is missing` (404) when nothing matches a
 *   non-`*` pattern; a pipeline an index names as index.default_pipeline or index.final_pipeline is refused.
 * - GET|POST /_ingest/pipeline[/<id>]/_simulate with `?verbose` (see ingest/simulate.ts).
 * The enrich policy APIs (enrich-actions.ts) and GET /_ingest/processor/grok (grok-patterns-action.ts) are
 * registered with them; the enrich processor of a pipeline
 * resolves its policy against the cluster's enrich indices when the pipeline is put or run.
 * Pipelines are listed in the order of the Java HashMap IngestMetadata keeps them in.
 */
import { loadEnrichLookup } from '../../ingest/enrich/enrich-documents.ts'
import { enrichLookup } from '../../ingest/enrich/enrich-lookup.ts'
import { registerEnrichActions } from './enrich-actions.ts'
import { registerGrokPatternsAction } from './grok-patterns-action.ts'
import type { RestResponse } from '../../../protocol/es.ts'
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import { parseJson, type JsonOut, type XContentObject } from '../../xcontent/index.ts'
import { sourceToJson } from '../../action/source-map.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import { javaParseInt } from '../../common/java-integer.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import { flatSettings } from '../../index/index-metadata.ts'
import type { IngestService } from '../../ingest/ingest-service.ts'
import { Pipeline } from '../../ingest/pipeline.ts'
import type { PipelineStore } from '../../ingest/pipeline-store.ts'
import { simulatePipeline } from '../../ingest/simulate.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { parseRequestBody, requiredContent } from '../request-body.ts'
import { guarded, json } from '../responses.ts'
import { paramAsBoolean } from './rest-params.ts'

export function registerIngestActions(
  controller: RestController,
  context: RestContext,
  service: IngestService,
  store: PipelineStore,
): void {
  const simulate = (req: RestHandlerRequest) =>
    guarded(async () => {
      const body = requiredBody(req.request.body)
      const enrich = await loadEnrichLookup(context)
      const verbose = paramAsBoolean(req.params.get('verbose'))
      return json(
        200,
        simulatePipeline(service, req.path.id ?? null, body, verbose, context.clock.now(), enrich),
      )
    })
  controller
    .register(
      'PUT',
      '/_ingest/pipeline/{id}',
      (req) => guarded(() => putPipeline(context, store, req)),
      'ingest.put_pipeline',
    )
    .register('GET', '/_ingest/pipeline', (req) => getPipelines(store, [], req), 'ingest.get_pipeline')
    .register(
      'GET',
      '/_ingest/pipeline/{id}',
      (req) => getPipelines(store, req.path.id!.split(','), req),
      'ingest.get_pipeline',
    )
    .register(
      'DELETE',
      '/_ingest/pipeline/{id}',
      (req) => guarded(() => deletePipeline(context, store, req)),
      'ingest.delete_pipeline',
    )
    .register('GET', '/_ingest/pipeline/_simulate', simulate, 'ingest.simulate')
    .register('POST', '/_ingest/pipeline/_simulate', simulate, 'ingest.simulate')
    .register('GET', '/_ingest/pipeline/{id}/_simulate', simulate, 'ingest.simulate')
    .register('POST', '/_ingest/pipeline/{id}/_simulate', simulate, 'ingest.simulate')
  registerEnrichActions(controller, context, store)
  registerGrokPatternsAction(controller)
}

async function putPipeline(
  context: RestContext,
  store: PipelineStore,
  req: RestHandlerRequest,
): Promise<RestResponse> {
  const id = req.path.id!
  const ifVersion = ifVersionParam(req.params.get('if_version'))
  const text = req.request.body ?? ''
  // The processors are made against the cluster's enrich indices (an enrich policy needs one).
  Pipeline.create(id, requiredBody(text), enrichLookup(context.client.cluster.state(), new Map()))
  await store.put(id, { id, source: text }, ifVersion)
  return json(200, { acknowledged: true })
}

/** RestPutPipelineAction: `if_version` as Integer.parseInt reads it. */
function ifVersionParam(value: string | undefined): number | null {
  if (value === undefined) return null
  const version = javaParseInt(value)
  if (version === null) {
    throw illegalArgumentException(
      `invalid value [${value}] specified for [if_version]. must be an integer value`,
    )
  }
  return version
}

/** RestRequest.contentOrSourceParam: no body at all is a parse_exception. */
function requiredBody(text: string | null): XContentObject {
  return parseRequestBody(requiredContent(text))
}

function storedIds(store: PipelineStore): string[] {
  return javaStringKeyOrder(store.ids())
}

function getPipelines(store: PipelineStore, ids: readonly string[], req: RestHandlerRequest): RestResponse {
  const all = storedIds(store)
  const found =
    ids.length === 0
      ? all
      : ids.flatMap((id) =>
          id.includes('*') ? all.filter((key) => simpleMatch(id, key)) : all.filter((key) => key === id),
        )
  const summary = paramAsBoolean(req.params.get('summary'))
  const body = new Map<string, JsonOut>()
  for (const id of found) {
    const config = store.get(id)
    if (config !== undefined) body.set(id, summary ? new Map() : sourceToJson(parseJson(config.source)))
  }
  return json(body.size === 0 ? 404 : 200, body)
}

async function deletePipeline(
  context: RestContext,
  store: PipelineStore,
  req: RestHandlerRequest,
): Promise<RestResponse> {
  const pattern = req.path.id!
  const matching = storedIds(store).filter((key) => simpleMatch(pattern, key))
  if (matching.length === 0 && pattern !== '*') {
    throw new EsException({
      type: 'resource_not_found_exception',
      reason: `pipeline [${pattern}] is missing`,
      status: 404,
    })
  }
  for (const id of matching) validateNotInUse(context, id)
  for (const id of matching) await store.delete(id)
  return json(200, { acknowledged: true })
}

/** IngestService.validateNotInUse: the first three index names (sorted) per setting. */
function validateNotInUse(context: RestContext, pipeline: string): void {
  const using = (setting: string) =>
    context.indices
      .all()
      .filter((index) => flatSettings(index.metadata).get(setting) === pipeline)
      .map((index) => index.metadata.name)
      .sort()
  const defaults = using('index.default_pipeline')
  const finals = using('index.final_pipeline')
  if (defaults.length === 0 && finals.length === 0) return
  const describe = (names: string[], kind: string) =>
    names.length === 0
      ? ''
      : `the ${kind} pipeline for ${names.length} index(es) including [${names.slice(0, 3).join(',')}]`
  const both = defaults.length > 0 && finals.length > 0 ? ' and ' : ''
  throw illegalArgumentException(
    `pipeline [${pipeline}] cannot be deleted because it is ${describe(defaults, 'default')}${both}${describe(finals, 'final')}`,
  )
}
