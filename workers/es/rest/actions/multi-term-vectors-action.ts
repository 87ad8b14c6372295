/**
 * `GET|POST [/{index}]/_mtermvectors` (RestMultiTermVectorsAction, MultiTermVectorsRequest,
 * TransportMultiTermVectorsAction): the term vectors of several documents in one request, answered as
 * MultiTermVectorsResponse writes them: {"docs":[<each item's _termvectors body, or its failure
 * {"_index","_id","error"}>]}, in request order.
 * The items are read as ES reads them: a template request takes the path's index and the URL's
 * parameters (term-vectors-request.ts); the URL's `ids` (comma-separated, whitespace removed) and the
 * body's `ids` array gather into one Java HashSet of ids; each `docs` entry is a copy of the template
 * with its own keys read over it; a `parameters` object is read into the template (so it shapes the
 * entries after it and every id); the ids become copies of the template last, in the HashSet's
 * iteration order. Body errors: an array other than `docs`/`ids`, an object other than `parameters`, a
 * value at the top level (parse_exception), a `docs` entry that is no object or an `ids` entry that is
 * no value (illegal_argument_exception). Validation (no item; an item without index or id) fails the
 * whole request as MultiTermVectorsRequest.validate does: the last failing item's errors followed by
 * "at multi term vectors for doc <i>". An item whose index, routing or shard fails carries the failure.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import {
  EsException,
  actionRequestValidationException,
  illegalArgumentException,
  itemFailureJson,
} from '../../errors/index.ts'
import type { XContentObject } from '../../xcontent/index.ts'
import { scalarText } from '../../search/queries/query-parsing.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { optionalBody } from './write-params.ts'
import { documentTermVectors } from './term-vectors-action.ts'
import { readableSingleIndex, singleIndex } from '../../action/transport-get-action.ts'
import { globalBlockedRaiseException } from '../../cluster/block/cluster-blocks.ts'
import {
  copyTermVectorsRequest,
  newTermVectorsRequest,
  parseTermVectorsBody,
  readUriParameters,
  type TermVectorsRequest,
} from './term-vectors-request.ts'

export function registerMultiTermVectorsAction(controller: RestController, context: RestContext): void {
  const handler = (req: RestHandlerRequest) => guarded(() => multiTermVectors(context, req))
  for (const method of ['GET', 'POST'] as const) {
    controller
      .register(method, '/_mtermvectors', handler, 'mtermvectors')
      .register(method, '/{index}/_mtermvectors', handler, 'mtermvectors')
  }
}

async function multiTermVectors(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const template = newTermVectorsRequest(req.path.index ?? null, null)
  readUriParameters(template, req.params)
  const ids = (req.params.get('ids') ?? '')
    .split(',')
    .filter((id) => id.length > 0)
    .map((id) => id.replace(/\s/g, ''))
  const requests = parseItems(template, ids, optionalBody(req.request.body))
  validate(requests)
  // TransportMultiTermVectorsAction: the global READ blocks fail the whole request; an index's fail its items.
  globalBlockedRaiseException(context.client.cluster.state(), 'READ')
  const docs = await Promise.all(
    requests.map(async (request) => {
      // The failure names the index as given until it resolves to one, then the concrete index.
      let failedIndex = request.index!
      try {
        failedIndex = singleIndex(context, failedIndex).metadata.name
        return await documentTermVectors(context, readableSingleIndex(context, request.index!), request)
      } catch (error) {
        if (!(error instanceof EsException)) throw error
        return itemFailureJson(failedIndex, request.id!, error)
      }
    }),
  )
  return json(200, { docs })
}

/** MultiTermVectorsRequest.add(template, parser): the `docs` entries in order, then one item per id. */
function parseItems(
  template: TermVectorsRequest,
  urlIds: readonly string[],
  body: XContentObject,
): TermVectorsRequest[] {
  const requests: TermVectorsRequest[] = []
  const ids = [...urlIds]
  for (const [key, value] of body) {
    if (Array.isArray(value)) {
      if (key === 'docs') {
        for (const doc of value) {
          if (!(doc instanceof Map)) {
            throw illegalArgumentException('docs array element should include an object')
          }
          const request = copyTermVectorsRequest(template)
          parseTermVectorsBody(request, doc)
          requests.push(request)
        }
      } else if (key === 'ids') {
        for (const id of value) {
          const text = scalarText(id)
          if (text === null) throw illegalArgumentException('ids array element should only contain ids')
          ids.push(text)
        }
      } else {
        throw parseException(`no parameter named [${key}] and type ARRAY`)
      }
    } else if (value instanceof Map) {
      if (key !== 'parameters') throw parseException(`no parameter named [${key}] and type OBJECT`)
      parseTermVectorsBody(template, value)
    } else {
      throw parseException(`_mtermvectors: Parameter [${key}] not supported`)
    }
  }
  for (const id of javaStringKeyOrder([...new Set(ids)])) {
    requests.push({ ...copyTermVectorsRequest(template), id })
  }
  return requests
}

/** MultiTermVectorsRequest.validate: the last failing item's errors, then where it is. */
function validate(requests: readonly TermVectorsRequest[]): void {
  if (requests.length === 0) {
    throw actionRequestValidationException(['multi term vectors: no documents requested'])
  }
  for (let i = requests.length - 1; i >= 0; i--) {
    const { index, id } = requests[i]!
    const errors = [
      ...(index === null ? ['index is missing'] : []),
      ...(id === null ? ['id or doc is missing'] : []),
    ]
    if (errors.length > 0) {
      throw actionRequestValidationException([...errors, `at multi term vectors for doc ${i}`])
    }
  }
}

function parseException(reason: string): EsException {
  return new EsException({ type: 'parse_exception', reason, status: 400 })
}
