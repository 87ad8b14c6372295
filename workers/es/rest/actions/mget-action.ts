/**
 * GET|POST /_mget and /<index>/_mget (RestMultiGetAction): several documents by id in one request,
 * from `docs` (each with `_index`, `_id`, `routing`, `_source`) or `ids` (with the index from the
 * path). Each entry is what GET would print; an entry whose index does not exist, or whose index has a READ
 * block (`index.blocks.read`), carries the failure instead (MultiGetResponse.Failure: `_index`, `_id` and the
 * `error` object with its `root_cause`).
 * `_source`, `_source_includes`, `_source_excludes`, `stored_fields` and `routing` parameters are the defaults; an
 * item's `stored_fields` without `_source` among them and no `_source` option leaves its source out. An item's
 * `version` and `version_type` are checked against the document found: a mismatch is the item's failure (a 409
 * version_conflict_engine_exception), as TransportShardMultiGetAction reports each item's exception.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { EsException, actionRequestValidationException, itemFailureJson } from '../../errors/index.ts'
import { getReadModeFromParams, realtimeGet, singleIndex } from '../../action/transport-get-action.ts'
import { globalBlockedRaiseException } from '../../cluster/block/cluster-blocks.ts'
import type { XContentObject, XContentValue } from '../../xcontent/index.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import {
  fetchSourceFromParams,
  fetchSourceFromValue,
  normalizeFetchSourceContent,
  storedFieldsParam,
  type FetchSourceContext,
} from '../../action/fetch-source.ts'
import { getResultFields } from '../../action/get-result.ts'
import { bodyLongValue, optionalBody } from './write-params.ts'
import { valueToken } from '../../action/value-token.ts'
import { scalarText } from '../../search/queries/query-parsing.ts'
import { INTERNAL_MATCH_ANY, versionTypeFromString, type Versioning } from '../../index/version-type.ts'

export function registerMultiGetAction(controller: RestController, context: RestContext): void {
  const mget = (req: RestHandlerRequest) => guarded(() => multiGet(context, req))
  for (const method of ['GET', 'POST'] as const) {
    controller.register(method, '/_mget', mget, 'mget').register(method, '/{index}/_mget', mget, 'mget')
  }
}

interface MultiGetItem {
  index: string | null
  id: string | null
  routing: string | null
  fetch: FetchSourceContext | null
  /** `stored_fields`: with no `_source` option, a list without `_source` leaves the source out. */
  storedFields: string[] | null
  versioning: Versioning
}

function parseError(reason: string): EsException {
  return new EsException({ type: 'parse_exception', reason, status: 400 })
}

function parseItems(body: XContentObject, defaults: MultiGetItem): MultiGetItem[] {
  const items: MultiGetItem[] = []
  for (const [key, value] of body) {
    if (!Array.isArray(value))
      throw parseError(`unexpected token [${valueToken(value)}], expected [docs] or [ids]`)
    if (key === 'docs') {
      for (const doc of value) {
        if (!(doc instanceof Map)) throw parseError('docs array element should include an object')
        items.push(parseDoc(doc, defaults))
      }
    } else if (key === 'ids') {
      for (const id of value) {
        const text = scalarText(id)
        if (text === null) throw parseError('ids array element should only contain ids')
        items.push({ ...defaults, id: text })
      }
    } else {
      throw parseError(`unknown key [${key}] for a START_ARRAY, expected [docs] or [ids]`)
    }
  }
  return items
}

function parseDoc(doc: XContentObject, defaults: MultiGetItem): MultiGetItem {
  const item: MultiGetItem = { ...defaults }
  for (const [key, value] of doc) {
    if (key === '_source') {
      item.fetch = fetchSourceFromValue(value)
      continue
    }
    const text = scalarText(value)
    if (key === '_index') item.index = text
    else if (key === '_id') item.id = text
    else if (key === 'routing') item.routing = text
    else if (key === 'stored_fields') item.storedFields = storedFieldsValue(value)
    else if (key === 'version') item.versioning = { ...item.versioning, version: bodyLongValue(text) }
    else if (key === 'version_type')
      item.versioning = { ...item.versioning, versionType: versionTypeFromString(text ?? '') }
    else throw parseError(`failed to parse multi get request. unknown field [${key}]`)
  }
  return item
}

/** MultiGetRequest.parseDocuments' `stored_fields`: one name or an array of names. */
function storedFieldsValue(value: XContentValue): string[] {
  return (Array.isArray(value) ? value : [value]).map((entry) => scalarText(entry) ?? '')
}

async function multiGet(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const items = parseItems(optionalBody(req.request.body), {
    index: req.path.index ?? null,
    id: null,
    routing: req.params.get('routing') ?? null,
    fetch: fetchSourceFromParams(req.params),
    storedFields: storedFieldsParam(req.params),
    versioning: INTERNAL_MATCH_ANY,
  })
  const errors: string[] = items.length === 0 ? ['no documents to get'] : []
  items.forEach((item, i) => {
    if (item.index === null) errors.push(`index is missing for doc ${i}`)
    if (item.id === null) errors.push(`id is missing for doc ${i}`)
  })
  if (errors.length > 0) throw actionRequestValidationException(errors)
  // TransportMultiGetAction: the global READ blocks fail the whole request; an index's fail its items.
  globalBlockedRaiseException(context.client.cluster.state(), 'READ')
  const read = getReadModeFromParams(req.params)
  const docs = await Promise.all(
    items.map(async ({ index: name, id, routing, fetch, storedFields, versioning }) => {
      // The failure names the index as given until it resolves to one, then the concrete index.
      let failedIndex = name!
      try {
        failedIndex = singleIndex(context, failedIndex).metadata.name
        const { index, doc } = await realtimeGet(context, name!, id!, routing, versioning, read)
        const source = normalizeFetchSourceContent(fetch, storedFields)
        return getResultFields(index.metadata.name, id!, doc, source, storedFields, index.metadata.mapping)
      } catch (error) {
        if (!(error instanceof EsException)) throw error
        return itemFailureJson(failedIndex, id!, error)
      }
    }),
  )
  return json(200, { docs })
}
