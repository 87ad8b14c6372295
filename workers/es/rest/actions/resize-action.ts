/**
 * The resize APIs (RestResizeHandler, TransportResizeAction, ES 8): PUT or POST /{index}/_split/{target},
 * /{index}/_shrink/{target} and /{index}/_clone/{target}. The body (ResizeRequest.PARSER, `resize_request`) gives
 * the target's `settings` and `aliases`; a split must set index.number_of_shards (ResizeRequest.validate). The
 * target is built and validated by metadata-resize-service.ts, added by the master, and its primaries recover
 * from the source's shards on their node (LOCAL_SHARDS). `wait_for_active_shards` (default 1, the primaries)
 * may not exceed the target's copies per shard. Answer: {"acknowledged":true,"shards_acknowledged":<met within
 * the ack timeout>,"index":"<target>"}.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { actionRequestValidationException, illegalArgumentException } from '../../errors/index.ts'
import type { XContentValue } from '../../xcontent/index.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { parseRequestBody } from '../request-body.ts'
import { fieldParseError } from '../../cluster/metadata/field-parse-error.ts'
import { normalizeSettings } from '../../index/index-settings.ts'
import { prepareResize, type ResizeRequest } from '../../cluster/metadata/metadata-resize-service.ts'
import type { ResizeType } from '../../cluster/metadata/resize-shards.ts'
import { parseActiveShardCount, waitForActiveShards, type ActiveShardCount } from './active-shards.ts'

const RESIZE_TYPES: readonly ResizeType[] = ['split', 'shrink', 'clone']

export function registerResizeActions(controller: RestController, context: RestContext): void {
  for (const type of RESIZE_TYPES) {
    const handler = (req: RestHandlerRequest) => guarded(() => resize(context, req, type))
    for (const method of ['PUT', 'POST'] as const) {
      controller.register(method, `/{index}/_${type}/{target}`, handler, `indices.${type}`)
    }
  }
}

async function resize(
  context: RestContext,
  req: RestHandlerRequest,
  type: ResizeType,
): Promise<RestResponse> {
  const waitFor = parseActiveShardCount(req.params.get('wait_for_active_shards'))
  const request = parseResizeRequest(req.request.body, type, req.path.index!, req.path.target!)
  if (type === 'split' && !hasShardCount(request.settings)) {
    throw actionRequestValidationException(['index.number_of_shards is required for split operations'])
  }
  const metadata = prepareResize(
    context.client.cluster.state(),
    request,
    context.newUuid(),
    context.clock.now(),
  )
  validateActiveShardCount(waitFor, metadata.numberOfReplicas)
  await context.client.cluster.execute({ type: 'resize_index', metadata })
  const started = await waitForActiveShards(context, [metadata.name], waitFor)
  return json(200, { acknowledged: true, shards_acknowledged: started, index: metadata.name })
}

/** ResizeRequest.PARSER: `settings` and `aliases`, objects; any other field is refused. */
function parseResizeRequest(
  body: string | null,
  type: ResizeType,
  source: string,
  target: string,
): ResizeRequest {
  const request: ResizeRequest = { type, source, target }
  if (body === null) return request
  for (const [key, value] of parseRequestBody(body)) {
    if (key === 'settings' || key === 'aliases') request[key] = value
    else throw fieldParseError(body, key, `[resize_request] unknown field [${key}]`)
  }
  return request
}

function hasShardCount(settings: XContentValue | undefined): boolean {
  return settings instanceof Map && normalizeSettings(settings).has('index.number_of_shards')
}

/** MetadataCreateIndexService.validateActiveShardCount: at most the target's copies per shard. */
function validateActiveShardCount(count: ActiveShardCount, numberOfReplicas: number): void {
  if (count === 'all' || count <= numberOfReplicas + 1) return
  throw illegalArgumentException(
    `invalid wait_for_active_shards[${count}]: cannot be greater than number of shard copies [${numberOfReplicas + 1}]`,
  )
}
