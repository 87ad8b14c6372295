/**
 * `GET|POST /{index}/_termvectors/{id}` (RestTermVectorsAction, TransportTermVectorsAction): the term vectors
 * of one stored document, computed by an active copy of its shard (action/term-vectors.ts), written as
 * TermVectorsResponse.toXContent writes them:
 *   {"_index","_id","_version","found","took"[,"term_vectors":{<field>:{["field_statistics":{"sum_doc_freq",
 *    "doc_count","sum_ttf"}],"terms":{<term>:{["doc_freq","ttf",]"term_freq"[,"tokens":[{["position"]
 *    [,"start_offset","end_offset"]}]]}}}}]}
 * The request is read as RestTermVectorsAction reads it (term-vectors-request.ts): the body first (its
 * `_index` and `_id` replace the path's), then the URL. A term's statistics print only when its docFreq is
 * above 0, as TermVectorsResponse prints them; generated vectors never carry payloads (MemoryIndex stores
 * none). A `version` the found document does not satisfy (VersionType.isVersionConflictForReads; a missing document
 * satisfies any) fails as TermVectorsService wraps its Engine.Get's failure: an `exception` "failed to execute term
 * vector request" (its status the cause's, 409) caused by the version_conflict_engine_exception.
 * documentTermVectors serves `_mtermvectors`'s items too (multi-term-vectors-action.ts).
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { EsException, versionConflictEngineException } from '../../errors/index.ts'
import { readConflict } from '../../index/version-type.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import { readableSingleIndex } from '../../action/transport-get-action.ts'
import type { IndexService } from '../../index/index-service.ts'
import type { FieldTermVectors, TermVectorsResult } from '../../action/term-vectors.ts'
import { resolveIndexRouting } from '../../cluster/metadata/index-abstraction.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { optionalBody } from './write-params.ts'
import { checkRoutingRequired } from '../../index/mapper/routing-field.ts'
import {
  newTermVectorsRequest,
  parseTermVectorsBody,
  readUriParameters,
  type TermVectorsFlags,
  type TermVectorsRequest,
} from './term-vectors-request.ts'

export function registerTermVectorsAction(controller: RestController, context: RestContext): void {
  const handler = (req: RestHandlerRequest) => guarded(() => termVectors(context, req))
  controller
    .register('GET', '/{index}/_termvectors/{id}', handler, 'termvectors')
    .register('POST', '/{index}/_termvectors/{id}', handler, 'termvectors')
}

async function termVectors(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const request = newTermVectorsRequest(req.path.index!, req.path.id!)
  parseTermVectorsBody(request, optionalBody(req.request.body))
  readUriParameters(request, req.params)
  return json(200, await documentTermVectors(context, readableSingleIndex(context, request.index!), request))
}

/**
 * The term vectors of the document `request` names in `index` (its index name resolved), as
 * TermVectorsResponse writes them. Throws what resolving its routing (routing_missing_exception) or
 * reaching its shard fails with.
 */
export async function documentTermVectors(
  context: RestContext,
  index: IndexService,
  request: TermVectorsRequest,
): Promise<JsonOut> {
  const name = request.index!
  const id = request.id!
  const metadata = context.indices.all().map((i) => i.metadata)
  const routing = resolveIndexRouting(metadata, name, request.routing)
  checkRoutingRequired(index.metadata.mapping, index.metadata.name, id, routing)
  const shard = index.shardNumber(id, routing)
  const response = await context.client.toActiveCopy(index.metadata.name, shard, (target) => ({
    type: 'termvectors',
    ...target,
    id,
    fields: request.fields,
  }))
  if (response?.type !== 'termvectors') {
    throw new EsException({
      type: 'no_shard_available_action_exception',
      reason: `No shard available for [termvectors [${name}][${id}]: routing [${routing}]]`,
      status: 503,
    })
  }
  const { result } = response
  const conflict = result.found ? readConflict(request.versioning, result.version) : null
  if (conflict !== null) {
    const { name: concrete, uuid } = index.metadata
    throw termVectorsFailure(versionConflictEngineException({ index: concrete, uuid, shard }, id, conflict))
  }
  return responseJson(index.metadata.name, id, result, request)
}

/** TermVectorsService.getTermVectors' wrapping of what failed under it. */
function termVectorsFailure(cause: EsException): EsException {
  return new EsException({
    type: 'exception',
    reason: 'failed to execute term vector request',
    status: cause.status,
    causedBy: cause,
  })
}

function responseJson(
  index: string,
  id: string,
  result: TermVectorsResult,
  flags: TermVectorsFlags,
): JsonOut {
  const out = new Map<string, JsonOut>([
    ['_index', index],
    ['_id', id],
    ['_version', result.version],
    ['found', result.found],
    ['took', result.took],
  ])
  if (result.found) {
    out.set(
      'term_vectors',
      new Map((result.fields ?? []).map((field) => [field.field, fieldJson(field, flags)])),
    )
  }
  return out
}

function fieldJson(field: FieldTermVectors, flags: TermVectorsFlags): JsonOut {
  const out = new Map<string, JsonOut>()
  if (flags.fieldStatistics) {
    out.set('field_statistics', {
      sum_doc_freq: field.sumDocFreq,
      doc_count: field.docCount,
      sum_ttf: field.sumTotalTermFreq,
    })
  }
  const terms = new Map<string, JsonOut>()
  for (const term of field.terms) {
    const entry = new Map<string, JsonOut>()
    if (flags.termStatistics && term.docFreq > 0) {
      entry.set('doc_freq', term.docFreq)
      entry.set('ttf', term.totalTermFreq)
    }
    entry.set('term_freq', term.tokens.length)
    if (flags.positions || flags.offsets) {
      const tokens = term.tokens.map((token) => {
        const tokenOut = new Map<string, JsonOut>()
        if (flags.positions) tokenOut.set('position', token.position)
        if (flags.offsets) {
          tokenOut.set('start_offset', token.startOffset)
          tokenOut.set('end_offset', token.endOffset)
        }
        return tokenOut
      })
      entry.set('tokens', tokens)
    }
    terms.set(term.term, entry)
  }
  out.set('terms', terms)
  return out
}
