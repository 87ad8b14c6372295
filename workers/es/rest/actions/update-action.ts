/**
 * POST /<index>/_update/<id> (RestUpdateAction): a partial update with `doc` (merged into the current
 * source, "noop" when nothing changes unless `detect_noop` is false), `upsert` or `doc_as_upsert` for
 * a missing document, `_source` (body or parameters) to get the new source back under `get`, and
 * `if_seq_no` + `if_primary_term`, `retry_on_conflict`, `routing`, `refresh`. A missing document
 * without an upsert is a 404 document_missing_exception; a missing index is created first, as ES does.
 * `version` or `version_type` is refused (ES 8 versions updates only by `if_seq_no` + `if_primary_term`).
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { actionRequestValidationException } from '../../errors/index.ts'
import { parseJson, type JsonOut, type XContentObject } from '../../xcontent/index.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import {
  docWriteFields,
  MISSING_DOCUMENT,
  resultStatus,
  type DocWriteResult,
} from '../../action/doc-write.ts'
import { executeSingleWrite } from '../../action/transport-bulk-action.ts'
import { updateThroughIngest } from '../../action/transport-update-action.ts'
import { hasPipeline, resolvePipelines } from '../../ingest/resolve-pipelines.ts'
import { parseUpdateRequest, updateValidationErrors } from '../../action/update-helper.ts'
import { INTERNAL_VERSIONING_REFUSED } from '../../action/write-validation.ts'
import { fetchSourceFromParams, type FetchSourceContext } from '../../action/fetch-source.ts'
import { fetchedSource } from '../../action/get-result.ts'
import { optionalBody, writeParams } from './write-params.ts'

export function registerUpdateAction(controller: RestController, context: RestContext): void {
  const handler = (req: RestHandlerRequest) => guarded(() => update(context, req))
  controller.register('POST', '/{index}/_update/{id}', handler, 'update', null, refuseVersioning)
}

/** RestUpdateAction's prepareRequest refuses `version` and `version_type` outright, whatever their values. */
function refuseVersioning(req: RestHandlerRequest): void {
  if (req.params.has('version') || req.params.has('version_type'))
    throw actionRequestValidationException([INTERNAL_VERSIONING_REFUSED])
}

/**
 * UpdateResponse.innerToXContent: the write fields, then `get` when the source was asked for, or, for a scripted
 * upsert that did nothing, the missing document's GetResult (`{"found":false}`), which UpdateHelper always sets
 * (that noop has the missing document's version -1; an upsert an ingest pipeline dropped has the request's, -3,
 * and no GetResult).
 */
export function updateResponseFields(
  result: DocWriteResult,
  fetch: FetchSourceContext | null,
): Map<string, JsonOut> {
  const fields = docWriteFields(result)
  if (
    result.result === 'noop' &&
    result.seqNo === MISSING_DOCUMENT.seqNo &&
    result.version === MISSING_DOCUMENT.version
  ) {
    fields.set('get', { found: false })
    return fields
  }
  if (fetch === null || !fetch.fetchSource || result.sourceText === undefined) return fields
  const get = new Map<string, JsonOut>([
    ['_seq_no', result.seqNo],
    ['_primary_term', result.primaryTerm],
    ['found', true],
  ])
  // UpdateHelper rebuilds `get._source` from the source map: compact JSON, whatever the text sent.
  const source = fetchedSource('', parseJson(result.sourceText) as XContentObject, fetch)
  if (source !== undefined) get.set('_source', source)
  fields.set('get', get)
  return fields
}

async function update(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const params = writeParams(req.params, false)
  const retries = Number(req.params.get('retry_on_conflict') ?? '0')
  const text = req.request.body ?? ''
  const request = parseUpdateRequest(optionalBody(text), text)
  request.fetchSource ??= fetchSourceFromParams(req.params)
  const errors = updateValidationErrors(request, params, retries)
  if (errors.length > 0) throw actionRequestValidationException(errors)
  const { refresh, ...cas } = params
  const item = { ...cas, op: 'update', id: req.path.id!, text } as const
  // TransportUpdateAction writes what the update becomes as a bulk of one index request: the index's pipelines run.
  const pipelines = resolvePipelines(context.client.cluster.state(), req.path.index!, null)
  const result = hasPipeline(pipelines)
    ? await updateThroughIngest(context, req.path.index!, item, refresh, retries)
    : await executeSingleWrite(context, req.path.index!, item, refresh)
  return json(resultStatus(result.result), updateResponseFields(result, request.fetchSource))
}
