/**
 * POST|PUT /_bulk and /<index>/_bulk (RestBulkAction → TransportBulkAction → TransportShardBulkAction
 * on each primary). The whole body is parsed and validated first: a malformed line or a failed
 * validation refuses the request and nothing is applied. Then the items go to their shards' primaries,
 * in order within a shard; a failing item fails alone (its entry carries `status` and `error`) and never
 * undoes the others. `refresh=true|wait_for` refreshes the shards written to (every written item then
 * says `"forced_refresh":true`).
 *
 * Response (BulkResponse, 8.16+): `{"errors":<any item failed>,"took":<ms>,"items":[{"<op>":{...}}]}`;
 * a success is DocWriteResponse's fields plus `status`, a failure `_index`, `_id`, `status`, `error`.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import {
  EsException,
  actionRequestValidationException,
  documentParsingException,
  illegalArgumentException,
  exceptionFields,
} from '../../errors/index.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { isBlank } from '../request-body.ts'
import { docWriteFields, refreshPolicy, resultStatus, type DocWriteResult } from '../../action/doc-write.ts'
import { executeBulk, type BulkItem } from '../../action/transport-bulk-action.ts'
import { parseBulkRequest, type BulkItemRequest } from '../../action/bulk-request-parser.ts'
import { casValidationErrors, indexValidationErrors } from '../../action/write-validation.ts'
import { updateValidationErrors } from '../../action/update-helper.ts'
import { fetchSourceFromParams } from '../../action/fetch-source.ts'
import { updateResponseFields } from './update-action.ts'

export function registerBulkAction(controller: RestController, context: RestContext): void {
  const bulk = (req: RestHandlerRequest) => guarded(() => runBulk(context, req))
  for (const method of ['POST', 'PUT'] as const) {
    controller.register(method, '/_bulk', bulk, 'bulk').register(method, '/{index}/_bulk', bulk, 'bulk')
  }
}

/** BulkRequest.validate: every item's own checks, in order. */
function validationErrors(items: readonly BulkItemRequest[]): string[] {
  if (items.length === 0) return ['no requests added']
  return items.flatMap((item) => {
    const errors: string[] = []
    if (item.index === null) errors.push('index is missing')
    if (item.opType === 'update') {
      if (item.id === null || item.id === '') errors.push('id is missing')
      errors.push(...updateValidationErrors(item.update!, item, 0))
    } else if (item.opType === 'delete') {
      if (item.id === null || item.id === '') errors.push('id is missing')
      errors.push(...casValidationErrors(item))
    } else {
      errors.push(...indexValidationErrors(item, item.opType === 'create', item.id))
    }
    return errors
  })
}

async function runBulk(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const started = context.clock.now()
  const body = req.request.body
  if (body === null || body === '') {
    throw new EsException({ type: 'parse_exception', reason: 'request body is required', status: 400 })
  }
  const requireAlias = req.params.get('require_alias')
  const items = parseBulkRequest(body, {
    index: req.path.index ?? null,
    pipeline: req.params.get('pipeline') ?? null,
    routing: req.params.get('routing') ?? null,
    requireAlias: requireAlias === '' || requireAlias === 'true',
    fetchSource: fetchSourceFromParams(req.params),
  })
  const policy = refreshPolicy(req.params.get('refresh'))
  const errors = validationErrors(items)
  if (errors.length > 0) throw actionRequestValidationException(errors)
  const outcomes: ItemOutcome[] = items.map((item) => prepareItem(context, item))
  const writes = outcomes.flatMap((outcome) => (outcome.write ? [outcome.write] : []))
  const results = await executeBulk(context, writes, policy)
  let next = 0
  for (const outcome of outcomes) {
    if (!outcome.write) continue
    const result = results[next++]!
    if (result.ok) outcome.result = result.result
    else {
      outcome.id = result.id
      outcome.failure = result.error
    }
  }
  return json(200, {
    errors: outcomes.some((outcome) => outcome.failure !== undefined),
    took: context.clock.now() - started,
    items: outcomes.map(itemResponse),
  })
}

interface ItemOutcome {
  item: BulkItemRequest
  id: string | null
  write?: BulkItem
  result?: DocWriteResult
  failure?: EsException
}

/**
 * The write an item becomes, or its failure when it cannot be sent (require_alias, an index or create with an empty
 * `_id`: IndexRouting.process, an empty source).
 */
function prepareItem(context: RestContext, item: BulkItemRequest): ItemOutcome {
  const index = item.index!
  if (item.requireAlias && !context.indices.isAlias(index))
    return { item, id: item.id, failure: requireAliasFailure(index) }
  if (item.id === '' && (item.opType === 'index' || item.opType === 'create'))
    return { item, id: '', failure: illegalArgumentException('if _id is specified it must not be empty') }
  const { ifSeqNo, ifPrimaryTerm, versioning, routing } = item
  // Each write is one literal with all its keys: V8 copies a spread object given keys it lacks on a slow
  // runtime path (some microseconds an item).
  // Validation made sure a delete and an update have an `_id`; an index or create item gets one when routed.
  const id = item.id
  if (item.opType === 'delete')
    return {
      item,
      id,
      write: { index, item: { id: id!, routing, ifSeqNo, ifPrimaryTerm, versioning, op: 'delete' } },
    }
  if (item.opType === 'update') {
    const update = { id: id!, routing, ifSeqNo, ifPrimaryTerm, op: 'update', text: item.sourceText } as const
    return { item, id, write: { index, item: update, pipeline: item.pipeline } }
  }
  if (isBlank(item.sourceText))
    return { item, id, failure: documentParsingException(0, 0, 'failed to parse, document is empty') }
  // The source is parsed where ES parses it: by the primary's DocumentParser, which fails the item alone.
  const text = item.sourceText
  return {
    item,
    id,
    write: {
      index,
      item: {
        id,
        routing,
        ifSeqNo,
        ifPrimaryTerm,
        versioning,
        op: 'index',
        create: item.opType === 'create',
        text,
        // Read only as index()'s optional argument: undefined is none.
        dynamicTemplates: item.dynamicTemplates ?? undefined,
      },
      pipeline: item.pipeline,
    },
  }
}

/** IndexNotFoundException(message, index): no `resource.*` metadata, unlike a missing index. */
function requireAliasFailure(index: string): EsException {
  return new EsException({
    type: 'index_not_found_exception',
    reason: `no such index [${index}] and [require_alias] request flag is [true] and [${index}] is not an alias`,
    status: 404,
    metadata: [
      ['index_uuid', '_na_'],
      ['index', index],
    ],
  })
}

function itemResponse(outcome: ItemOutcome): JsonOut {
  const { item, result, failure } = outcome
  let fields: Map<string, JsonOut>
  if (result !== undefined) {
    fields =
      item.opType === 'update'
        ? updateResponseFields(result, item.update!.fetchSource)
        : docWriteFields(result)
    fields.set('status', resultStatus(result.result))
  } else {
    const error = failure!
    fields = new Map<string, JsonOut>([
      ['_index', item.index!],
      ['_id', outcome.id],
      ['status', error.status],
      ['error', exceptionFields(error)],
    ])
  }
  return new Map([[item.opType, fields]])
}
