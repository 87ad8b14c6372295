/**
 * `GET|POST /{index}/_termvectors/{id}` (RestTermVectorsAction, TransportTermVectorsAction): the term vectors
 * of one stored document, computed by an active copy of its shard (action/term-vectors.ts), written as
 * TermVectorsResponse.toXContent writes them:
 *   {"_index","_id","_version","found","took"[,"term_vectors":{<field>:{["field_statistics":{"sum_doc_freq",
 *    "doc_count","sum_ttf"}],"terms":{<term>:{["doc_freq","ttf",]"term_freq"[,"tokens":[{["position"]
 *    [,"start_offset","end_offset"]}]]}}}}]}
 * Flags (TermVectorsRequest's defaults): positions, offsets, payloads and field_statistics on, term_statistics
 * off; from the body (`fields` must be an array) and then the URL (`fields` comma-separated, whitespace
 * removed; strict booleans), the URL winning. A term's statistics print only when its docFreq is above 0, as
 * TermVectorsResponse prints them; generated vectors never carry payloads (MemoryIndex stores none).
 * A body key ES knows but the playground does not run (`doc`, `per_field_analyzer`, `filter`) is refused with
 * an illegal_argument_exception naming it; any other key is ES's parse_exception.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { EsException, illegalArgumentException } from '../../errors/index.ts'
import { parseBoolean, urlFlag } from '../../common/booleans.ts'
import type { JsonOut, XContentValue } from '../../xcontent/index.ts'
import { scalarText } from '../../search/queries/query-parsing.ts'
import { singleIndex } from '../../action/transport-get-action.ts'
import type { FieldTermVectors, TermVectorsResult } from '../../action/term-vectors.ts'
import { resolveIndexRouting } from '../../cluster/metadata/index-abstraction.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { isBlank, parseRequestBody } from '../request-body.ts'
import { checkRoutingRequired } from '../../index/mapper/routing-field.ts'

interface TermVectorsFlags {
  positions: boolean
  offsets: boolean
  payloads: boolean
  termStatistics: boolean
  fieldStatistics: boolean
}

interface TermVectorsRequest extends TermVectorsFlags {
  fields: string[] | null
  routing: string | null
}

const NOT_RUN = new Set(['doc', 'per_field_analyzer', 'perFieldAnalyzer', 'filter'])

export function registerTermVectorsAction(controller: RestController, context: RestContext): void {
  const handler = (req: RestHandlerRequest) => guarded(() => termVectors(context, req))
  controller
    .register('GET', '/{index}/_termvectors/{id}', handler, 'termvectors')
    .register('POST', '/{index}/_termvectors/{id}', handler, 'termvectors')
}

async function termVectors(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const request = parseRequest(req)
  const name = req.path.index!
  const id = req.path.id!
  const index = singleIndex(context, name)
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
  return json(200, responseJson(index.metadata.name, id, response.result, request))
}

function parseRequest(req: RestHandlerRequest): TermVectorsRequest {
  const request: TermVectorsRequest = {
    fields: null,
    routing: null,
    positions: true,
    offsets: true,
    payloads: true,
    termStatistics: false,
    fieldStatistics: true,
  }
  const body = req.request.body
  if (body !== null && !isBlank(body)) {
    for (const [key, value] of parseRequestBody(body)) readBodyField(request, key, value)
  }
  const params = req.params
  const fields = params.get('fields')
  if (fields !== undefined) {
    const given = fields.split(',').filter((field) => field.length > 0)
    request.fields = [...new Set([...(request.fields ?? []), ...given.map((f) => f.replace(/\s/g, ''))])]
  }
  request.offsets = urlFlag(params, 'offsets') ?? request.offsets
  request.positions = urlFlag(params, 'positions') ?? request.positions
  request.payloads = urlFlag(params, 'payloads') ?? request.payloads
  request.termStatistics = urlFlag(params, 'termStatistics') ?? request.termStatistics
  request.termStatistics = urlFlag(params, 'term_statistics') ?? request.termStatistics
  request.fieldStatistics = urlFlag(params, 'fieldStatistics') ?? request.fieldStatistics
  request.fieldStatistics = urlFlag(params, 'field_statistics') ?? request.fieldStatistics
  request.routing = params.get('routing') ?? request.routing
  return request
}

const FLAG_KEYS: Record<string, keyof TermVectorsFlags> = {
  positions: 'positions',
  offsets: 'offsets',
  payloads: 'payloads',
  term_statistics: 'termStatistics',
  termStatistics: 'termStatistics',
  field_statistics: 'fieldStatistics',
  fieldStatistics: 'fieldStatistics',
}

/** TermVectorsRequest.parseRequest for one key of the body. */
function readBodyField(request: TermVectorsRequest, key: string, value: XContentValue): void {
  const flag = FLAG_KEYS[key]
  if (flag !== undefined) {
    request[flag] = typeof value === 'boolean' ? value : parseBoolean(textOf(value))
  } else if (key === 'fields') {
    if (!Array.isArray(value)) throw parseException('field [fields] must be an array')
    request.fields = value.map(textOf)
  } else if (key === 'routing' || key === '_routing') {
    request.routing = textOf(value)
  } else if (key === 'dfs') {
    throw illegalArgumentException('distributed frequencies is not supported anymore for term vectors')
  } else if (NOT_RUN.has(key)) {
    throw illegalArgumentException(`[${key}] is not supported by this playground`)
  } else if (!['_index', 'index', '_id', 'id', 'version', '_version', 'version_type'].includes(key)) {
    throw parseException(`unknown field [${key}]`)
  }
}

/** XContentParser.text() of a scalar; an object or array has none. */
function textOf(value: XContentValue): string {
  const text = scalarText(value)
  if (text === null) throw parseException('expected a value, found an object or an array')
  return text
}

function parseException(detail: string): EsException {
  return new EsException({
    type: 'parse_exception',
    reason: `failed to parse term vectors request. ${detail}`,
    status: 400,
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
