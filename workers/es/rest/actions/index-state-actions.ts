/**
 * POST [/{index}]/_close and POST [/{index}]/_open (RestCloseIndexAction, RestOpenIndexAction; the transport
 * actions TransportCloseIndexAction and TransportOpenIndexAction; MetadataIndexStateService on the master).
 *
 * Both refuse a missing expression (`Validation Failed: 1: index is missing;`) and, while
 * action.destructive_requires_name is true, `_all` and patterns. The expression resolves with the request's
 * expand_wildcards / ignore_unavailable / allow_no_indices over each action's defaults: _close expands to open
 * indices (strictExpandOpen), _open to closed ones; a closed index named outright is fine for both.
 *
 * Close: TransportCloseIndexAction.checkBlock first refuses the request if any concrete index (closed ones named
 * outright included) has a METADATA_WRITE block, global or its own, so a refused close flushes nothing; then the
 * indices not yet closed have every active copy flushed (TransportVerifyShardBeforeCloseAction flushes each copy),
 * then the master closes them; the answer is
 *   {"acknowledged":true,"shards_acknowledged":<wait_for_active_shards met>,"indices":{"<name>":{"closed":true}}}
 * or, when nothing was left to close, CloseIndexResponse.EMPTY: {"acknowledged":true,"shards_acknowledged":false,"indices":{}}.
 * `wait_for_active_shards=index-setting` (in any case) is the default and warns that the value is deprecated.
 * Open: the master opens the closed ones; the answer is {"acknowledged":true,"shards_acknowledged":<met>}.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { actionRequestValidationException } from '../../errors/index.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import { isClosed } from '../../index/index-metadata.ts'
import { failDestructive } from '../../action/destructive-operations.ts'
import { indicesBlockedRaiseException } from '../../cluster/block/cluster-blocks.ts'
import {
  indicesOptionsFromRequest,
  STRICT_EXPAND_CLOSED,
  STRICT_EXPAND_OPEN,
  type IndicesOptions,
} from '../../cluster/metadata/indices-options.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json, withWarnings } from '../responses.ts'
import { broadcastToCopies } from './broadcast-by-copy.ts'
import { isIndexSetting, parseActiveShardCount, waitForActiveShards } from './active-shards.ts'

const INDEX_SETTING_DEPRECATION =
  "?wait_for_active_shards=index-setting is now the default behaviour; the 'index-setting' value for this parameter should no longer be used since it will become unsupported in version 9"

export function registerIndexStateActions(controller: RestController, context: RestContext): void {
  const close = (req: RestHandlerRequest) => guarded(() => closeIndices(context, req))
  const open = (req: RestHandlerRequest) => guarded(() => openIndices(context, req))
  controller
    .register('POST', '/_close', close, 'indices.close')
    .register('POST', '/{index}/_close', close, 'indices.close')
    .register('POST', '/_open', open, 'indices.open')
    .register('POST', '/{index}/_open', open, 'indices.open')
}

async function closeIndices(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const waitFor = parseActiveShardCount(req.params.get('wait_for_active_shards'))
  const names = concreteIndices(context, req, STRICT_EXPAND_OPEN)
  indicesBlockedRaiseException(context.client.cluster.state(), 'METADATA_WRITE', names)
  const warnings = isIndexSetting(req.params.get('wait_for_active_shards')) ? [INDEX_SETTING_DEPRECATION] : []
  const toClose = names.filter((name) => !isClosed(context.indices.get(name)!.metadata))
  if (toClose.length === 0) {
    return withWarnings(json(200, { acknowledged: true, shards_acknowledged: false, indices: {} }), warnings)
  }
  await broadcastToCopies(context, toClose.join(','), (target) => ({ ...target, type: 'flush' }))
  await context.client.cluster.execute({ type: 'close_indices', names: toClose })
  const shardsAcknowledged = await waitForActiveShards(context, toClose, waitFor)
  const indices = new Map<string, JsonOut>(toClose.map((name) => [name, { closed: true }]))
  return withWarnings(
    json(200, { acknowledged: true, shards_acknowledged: shardsAcknowledged, indices }),
    warnings,
  )
}

async function openIndices(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const waitFor = parseActiveShardCount(req.params.get('wait_for_active_shards'))
  const names = concreteIndices(context, req, STRICT_EXPAND_CLOSED)
  if (names.length === 0) return json(200, { acknowledged: true, shards_acknowledged: true })
  await context.client.cluster.execute({ type: 'open_indices', names })
  const shardsAcknowledged = await waitForActiveShards(context, names, waitFor)
  return json(200, { acknowledged: true, shards_acknowledged: shardsAcknowledged })
}

/** The request's validation, the destructive-operation check, then the concrete indices it names. */
function concreteIndices(context: RestContext, req: RestHandlerRequest, defaults: IndicesOptions): string[] {
  const expression = req.path.index ?? ''
  if (expression.split(',').every((name) => name === '')) {
    throw actionRequestValidationException(['index is missing'])
  }
  failDestructive(context.client.cluster.state(), expression)
  const options = indicesOptionsFromRequest(req.params, defaults)
  return context.indices.resolve(expression, options).map((index) => index.metadata.name)
}
