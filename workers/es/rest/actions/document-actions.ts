/**
 * The single-document APIs: index (PUT/POST /<index>/_doc/<id>, POST /<index>/_doc, /_create/<id>),
 * get (GET/HEAD /<index>/_doc/<id>) and delete (DELETE /<index>/_doc/<id>), with ES 8's response
 * bodies and status codes. A write to a missing index creates it with the defaults, as
 * action.auto_create_index does; `refresh=true|wait_for` makes the write searchable before answering.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { indexNotFoundException, versionConflictDocumentExists } from '../../errors/index.ts'
import { RawJson } from '../../xcontent/index.ts'
import type { IndexService, ShardWrite } from '../../index/index-service.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { parseDocumentBody } from '../request-body.ts'
import { timeBasedId } from '../../common/uuids.ts'
import { DEFAULT_INDEX_SETTINGS } from './index-actions.ts'

export function registerDocumentActions(controller: RestController, context: RestContext): void {
  let autoIdSequence = 0
  const index = (opType: 'index' | 'create', generateId: boolean) => (req: RestHandlerRequest) =>
    guarded(() => {
      const id = generateId
        ? timeBasedId(
            context.clock.now(),
            autoIdSequence++,
            new TextEncoder().encode(context.identity.nodeId),
          )
        : req.path.id!
      return indexDocument(context, req, id, opType === 'create' || req.params.get('op_type') === 'create')
    })
  controller
    .register('PUT', '/{index}/_doc/{id}', index('index', false))
    .register('POST', '/{index}/_doc/{id}', index('index', false))
    .register('POST', '/{index}/_doc', index('index', true))
    .register('PUT', '/{index}/_create/{id}', index('create', false))
    .register('POST', '/{index}/_create/{id}', index('create', false))
    .register('GET', '/{index}/_doc/{id}', (req) => guarded(() => getDocument(context, req)))
    .register('DELETE', '/{index}/_doc/{id}', (req) => guarded(() => deleteDocument(context, req)))
}

function requireIndex(context: RestContext, name: string): IndexService {
  const index = context.indices.get(name)
  if (!index) throw indexNotFoundException(name)
  return index
}

async function autoCreate(context: RestContext, name: string): Promise<IndexService> {
  const existing = context.indices.get(name)
  if (existing) return existing
  const { index, op } = context.indices.create({
    name,
    ...DEFAULT_INDEX_SETTINGS,
    mapping: { properties: {} },
  })
  await context.storage.write([op])
  return index
}

function writeResponse(
  context: RestContext,
  index: IndexService,
  id: string,
  write: ShardWrite,
  forcedRefresh: boolean,
) {
  const { metadata } = index
  return {
    _index: metadata.name,
    _id: id,
    _version: write.write.version,
    result: write.write.result,
    ...(forcedRefresh ? { forced_refresh: true } : {}),
    _shards: {
      total: metadata.numberOfReplicas + 1,
      successful: context.activeCopies(metadata.numberOfReplicas),
      failed: 0,
    },
    _seq_no: write.write.seqNo,
    _primary_term: write.write.primaryTerm,
  }
}

async function persistAndRefresh(
  context: RestContext,
  index: IndexService,
  write: ShardWrite,
  req: RestHandlerRequest,
): Promise<boolean> {
  await context.storage.write(write.ops)
  const refresh = req.params.get('refresh')
  if (refresh === undefined || refresh === 'false') return false
  index.shards[write.shard]!.refresh(context.clock.now())
  return refresh === '' || refresh === 'true'
}

async function indexDocument(
  context: RestContext,
  req: RestHandlerRequest,
  id: string,
  create: boolean,
): Promise<RestResponse> {
  const { text, source } = parseDocumentBody(req.request.body)
  const routing = req.params.get('routing') ?? null
  const index = await autoCreate(context, req.path.index!)
  const existing = index.get(id, routing)
  if (create && existing) {
    const { name, uuid } = index.metadata
    throw versionConflictDocumentExists(
      { index: name, uuid, shard: index.shardFor(id, routing).shardId },
      id,
      existing.version,
    )
  }
  const write = index.index(id, text, source, routing, context.clock.now())
  const forced = await persistAndRefresh(context, index, write, req)
  return json(write.write.result === 'created' ? 201 : 200, writeResponse(context, index, id, write, forced))
}

function getDocument(context: RestContext, req: RestHandlerRequest): RestResponse {
  const index = requireIndex(context, req.path.index!)
  const id = req.path.id!
  const doc = index.get(id, req.params.get('routing') ?? null)
  if (!doc) return json(404, { _index: index.metadata.name, _id: id, found: false })
  return json(200, {
    _index: index.metadata.name,
    _id: id,
    _version: doc.version,
    _seq_no: doc.seqNo,
    _primary_term: doc.primaryTerm,
    ...(doc.routing !== null ? { _routing: doc.routing } : {}),
    found: true,
    _source: new RawJson(doc.source),
  })
}

async function deleteDocument(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const index = requireIndex(context, req.path.index!)
  const id = req.path.id!
  const write = index.delete(id, req.params.get('routing') ?? null, context.clock.now())
  const forced = await persistAndRefresh(context, index, write, req)
  return json(write.write.result === 'deleted' ? 200 : 404, writeResponse(context, index, id, write, forced))
}
