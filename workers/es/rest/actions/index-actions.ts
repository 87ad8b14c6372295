/**
 * Index APIs: create (PUT /<index> with optional settings, mappings and aliases, over what the matching
 * index template gives; a date math name `<logs-{now/d}>` is resolved, the expression kept as provided_name), delete (DELETE /<index>, wildcards refused while the cluster setting
 * action.destructive_requires_name is true, ES 8's default, and resolved when it is false), get and exists (GET and HEAD
 * /<index>, the GET in get-index-action.ts) and _refresh, with ES 8's response bodies. Settings and mappings have their own actions; the
 * segment APIs (_flush, _forcemerge, _segments) are registered from here (segment-actions.ts), as are _recovery and
 * _shard_stores.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { illegalArgumentException, indexNotFoundException } from '../../errors/index.ts'
import type { XContentValue } from '../../xcontent/index.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { failDestructive, hasWildcardUsage } from '../../action/destructive-operations.ts'
import { STRICT_EXPAND_OPEN_CLOSED } from '../../cluster/metadata/indices-options.ts'
import { guarded, json, withWarnings } from '../responses.ts'
import { parseRequestBody } from '../request-body.ts'
import {
  buildIndexMetadata,
  multipleLegacyTemplatesWarning,
} from '../../cluster/metadata/metadata-create-index-service.ts'
import { waitForActiveShards } from './active-shards.ts'
import { broadcastToCopies, shardsHeader } from './broadcast-by-copy.ts'
import { registerSegmentActions } from './segment-actions.ts'
import { getIndex } from './get-index-action.ts'
import { registerRecoveryAction } from './recovery-action.ts'
import { registerShardStoresAction } from './shard-stores-action.ts'
import { registerResolveIndexAction } from './resolve-index-action.ts'
import { dataStreamsOf } from '../../cluster/metadata/data-stream.ts'
import { resolveDateMathExpression } from '../../cluster/metadata/date-math-index-name.ts'

export function registerIndexActions(controller: RestController, context: RestContext): void {
  controller
    .register('PUT', '/{index}', (req) => guarded(() => createIndex(context, req)), 'indices.create')
    .register('DELETE', '/{index}', (req) => guarded(() => deleteIndex(context, req)), 'indices.delete')
    .register('GET', '/{index}', (req) => guarded(() => getIndex(context, req)), 'indices.get')
    .register(
      'POST',
      '/{index}/_refresh',
      (req) => guarded(() => refresh(context, req.path.index!)),
      'indices.refresh',
    )
    .register(
      'GET',
      '/{index}/_refresh',
      (req) => guarded(() => refresh(context, req.path.index!)),
      'indices.refresh',
    )
    .register('POST', '/_refresh', () => guarded(() => refresh(context, null)), 'indices.refresh')
    .register('GET', '/_refresh', () => guarded(() => refresh(context, null)), 'indices.refresh')
  registerSegmentActions(controller, context)
  registerRecoveryAction(controller, context)
  registerShardStoresAction(controller, context)
  registerResolveIndexAction(controller, context)
}

async function createIndex(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const body = req.request.body ? parseRequestBody(req.request.body) : new Map<string, XContentValue>()
  const state = context.client.cluster.state()
  const now = context.clock.now()
  const provided = req.path.index!
  const name = resolveDateMathExpression(provided, now)
  const warning = multipleLegacyTemplatesWarning(state, name)
  const built = buildIndexMetadata(
    state,
    name,
    { settings: body.get('settings'), mappings: body.get('mappings'), aliases: body.get('aliases') },
    context.newUuid(),
    now,
  )
  const metadata = name === provided ? built : { ...built, providedName: provided }
  await context.client.cluster.execute({ type: 'create_index', metadata, ifMissing: false })
  const started = await waitForActivePrimaries(context, metadata.name)
  const response = json(200, {
    acknowledged: true,
    shards_acknowledged: started,
    index: metadata.name,
  })
  return withWarnings(response, warning === null ? [] : [warning])
}

async function deleteIndex(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const expression = req.path.index!
  failDestructive(context.client.cluster.state(), expression)
  const names = hasWildcardUsage(expression)
    ? context.indices.resolve(expression, STRICT_EXPAND_OPEN_CLOSED).map((index) => index.metadata.name)
    : expression.split(',')
  const alias = names.find((name) => context.indices.isAlias(name))
  if (alias !== undefined) {
    throw illegalArgumentException(
      `The provided expression [${alias}] matches an alias, specify the corresponding concrete indices instead.`,
    )
  }
  const dataStream = names.find((name) => dataStreamsOf(context.client.cluster.state())[name] !== undefined)
  if (dataStream !== undefined) {
    throw illegalArgumentException(
      `The provided expression [${dataStream}] matches a data stream, specify the corresponding concrete indices instead.`,
    )
  }
  const missing = names.find((name) => !context.indices.get(name))
  if (missing !== undefined) throw indexNotFoundException(missing)
  await context.client.cluster.execute({ type: 'delete_index', names })
  return json(200, { acknowledged: true })
}

/** TransportBroadcastReplicationAction: every active copy of every shard refreshes. */
async function refresh(context: RestContext, name: string | null): Promise<RestResponse> {
  const result = await broadcastToCopies(context, name, (target) => ({ ...target, type: 'refresh' }))
  return json(200, { _shards: shardsHeader(result, (response) => response.type === 'ack') })
}

/** wait_for_active_shards defaults to 1: whether the index's primaries started within the ack timeout. */
export function waitForActivePrimaries(context: RestContext, index: string): Promise<boolean> {
  return waitForActiveShards(context, [index], 1)
}
