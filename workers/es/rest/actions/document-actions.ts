/**
 * The single-document APIs: index (PUT/POST /<index>/_doc/<id>, POST /<index>/_doc, /_create/<id>),
 * get (GET/HEAD /<index>/_doc/<id>, with `_source`, `_source_includes`, `_source_excludes`), the
 * source alone (GET/HEAD /<index>/_source/<id>) and delete (DELETE /<index>/_doc/<id>), with ES 8's
 * response bodies and status codes. Writes take `routing`, `refresh=true|wait_for`,
 * `if_seq_no` + `if_primary_term`, and `version` with `version_type=external|external_gte` (a mismatch is a 409
 * version_conflict_engine_exception); a GET's `version` is checked against the document found (409 on a mismatch).
 * A write to a missing index creates it with the defaults, as action.auto_create_index does.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { EsException } from '../../errors/index.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { parseDocumentBody } from '../request-body.ts'
import { toJson } from '../../xcontent/index.ts'
import { docWriteFields, resultStatus } from '../../action/doc-write.ts'
import { executeSingleWrite } from '../../action/transport-bulk-action.ts'
import { getReadModeFromParams, realtimeGet } from '../../action/transport-get-action.ts'
import {
  casValidationErrors,
  indexValidationErrors,
  validationFailed,
} from '../../action/write-validation.ts'
import { readVersionErrors } from '../../index/version-type.ts'
import {
  fetchSourceFromParams,
  normalizeFetchSourceContent,
  storedFieldsParam,
} from '../../action/fetch-source.ts'
import { fetchedSource, getResultFields } from '../../action/get-result.ts'
import { storedSource } from '../../action/stored-source.ts'
import { versioningParams, writeParams } from './write-params.ts'
import { resolveIndexRouting } from '../../cluster/metadata/index-abstraction.ts'

export function registerDocumentActions(controller: RestController, context: RestContext): void {
  const index = (create: boolean, generateId: boolean) => (req: RestHandlerRequest) => {
    const opType = req.params.get('op_type')
    // RestIndexAction.AutoIdHandler: without an id, op_type defaults to create.
    const asCreate = create || opType === 'create' || (generateId && opType === undefined)
    return guarded(() => indexDocument(context, req, generateId ? null : req.path.id!, asCreate))
  }
  controller
    .register('PUT', '/{index}/_doc/{id}', index(false, false), 'index')
    .register('POST', '/{index}/_doc/{id}', index(false, false), 'index')
    .register('POST', '/{index}/_doc', index(false, true), 'index')
    .register('PUT', '/{index}/_create/{id}', index(true, false), 'create')
    .register('POST', '/{index}/_create/{id}', index(true, false), 'create')
    .register('GET', '/{index}/_doc/{id}', (req) => guarded(() => getDocument(context, req)), 'get')
    .register('GET', '/{index}/_source/{id}', (req) => guarded(() => getSource(context, req)), 'get_source')
    .register('DELETE', '/{index}/_doc/{id}', (req) => guarded(() => deleteDocument(context, req)), 'delete')
}

async function indexDocument(
  context: RestContext,
  req: RestHandlerRequest,
  id: string | null,
  create: boolean,
): Promise<RestResponse> {
  const { text } = parseDocumentBody(req.request.body)
  const { refresh, ...params } = writeParams(req.params, true)
  validationFailed(indexValidationErrors(params, create, id))
  const result = await executeSingleWrite(
    context,
    req.path.index!,
    { ...params, op: 'index', id, create, text },
    refresh,
    req.params.get('pipeline') ?? null,
  )
  return json(resultStatus(result.result), docWriteFields(result))
}

/**
 * A GET of the path's document (realtime unless `realtime=false`); through an alias, routed by its index routing; its `version` validated
 * (GetRequest.validate) and checked against the document found.
 */
function getById(context: RestContext, req: RestHandlerRequest): ReturnType<typeof realtimeGet> {
  const versioning = versioningParams(req.params)
  validationFailed(readVersionErrors(versioning))
  const name = req.path.index!
  const metadata = context.indices.all().map((index) => index.metadata)
  const routing = resolveIndexRouting(metadata, name, req.params.get('routing') ?? null)
  return realtimeGet(context, name, req.path.id!, routing, versioning, getReadModeFromParams(req.params))
}

async function getDocument(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const id = req.path.id!
  const { index, doc } = await getById(context, req)
  const storedFields = storedFieldsParam(req.params)
  return json(
    doc ? 200 : 404,
    getResultFields(
      index.metadata.name,
      id,
      doc,
      normalizeFetchSourceContent(fetchSourceFromParams(req.params), storedFields),
      storedFields,
      index.metadata.mapping,
    ),
  )
}

/** RestGetSourceAction: the source alone, or resource_not_found_exception. */
async function getSource(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const id = req.path.id!
  const { index, doc } = await getById(context, req)
  const fetch = fetchSourceFromParams(req.params)
  const stored = doc && storedSource(index.metadata.mapping, doc.source)
  const source = stored ? fetchedSource(stored, null, fetch && { ...fetch, fetchSource: true }) : undefined
  if (source === undefined) {
    // RestGetSourceAction.checkResource: a document found without a stored source is "Source not found".
    const missing = doc ? 'Source' : 'Document'
    throw new EsException({
      type: 'resource_not_found_exception',
      reason: `${missing} not found [${index.metadata.name}]/[${id}]`,
      status: 404,
    })
  }
  return { status: 200, contentType: 'application/json', body: toJson(source) }
}

async function deleteDocument(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const { refresh, ...params } = writeParams(req.params, true)
  validationFailed(casValidationErrors(params))
  const result = await executeSingleWrite(
    context,
    req.path.index!,
    { ...params, op: 'delete', id: req.path.id! },
    refresh,
  )
  return json(resultStatus(result.result), docWriteFields(result))
}
