/**
 * `GET /_nodes[/{nodeId}]/hot_threads` (RestNodesHotThreadsAction and HotThreads.innerDetect, ES 8.17): a text
 * body, per node (resolve-nodes.ts order) `::: ` and the node's DiscoveryNode.toString, then the node's report
 * with each line indented by three spaces (Strings.spaceify), then an empty line:
 *   ::: {es-node-1}{id}{ephemeralId}{es-node-1}{127.0.0.1}{127.0.0.1:9300}{cdfhilmrstw}{8.17.0}{7000099-8521000}
 *      Hot threads at 2026-01-01T00:00:00.000Z, interval=500ms, busiestThreads=3, ignoreIdleThreads=true:
 * The report's header is ES's, with the request's `interval`, `threads` and `ignore_idle_threads`; `type` (cpu,
 * wait, block, mem), `sort` (total, cpu) and `snapshots` are checked as ES checks them. A node worker has no JVM
 * threads to sample: every report lists no thread, as ES's does for threads that are all idle.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import { urlFlag } from '../../common/booleans.ts'
import { parseTimeValue } from '../../common/time/index.ts'
import { humanReadableNanos } from '../../common/time/time-value-text.ts'
import type { DiscoveryNode } from '../../cluster/state/discovery-node.ts'
import { MASTER_TIMEOUT_MS, masterNotDiscoveredException } from '../../node/cluster-service.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded } from '../responses.ts'
import { discoveryNodeDescription } from './node-description.ts'
import { paramAsInt } from './rest-params.ts'
import { resolveNodes } from './resolve-nodes.ts'

const REPORT_TYPES = ['cpu', 'wait', 'block', 'mem']
const SORT_ORDERS = ['total', 'cpu']

export function registerNodesHotThreadsAction(controller: RestController, context: RestContext): void {
  const handler = (req: RestHandlerRequest) => guarded(() => hotThreads(context, req))
  controller
    .register('GET', '/_nodes/hot_threads', handler, 'nodes.hot_threads')
    .register('GET', '/_nodes/{nodeId}/hot_threads', handler, 'nodes.hot_threads')
}

async function hotThreads(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const { params } = req
  const threads = paramAsInt(params, 'threads', 3)
  const ignoreIdle = urlFlag(params, 'ignore_idle_threads') ?? true
  const type = params.get('type') ?? 'cpu'
  if (!REPORT_TYPES.includes(type)) throw illegalArgumentException(`type not supported [${type}]`)
  const sort = params.get('sort') ?? 'total'
  if (!SORT_ORDERS.includes(sort)) throw illegalArgumentException(`sort order not supported [${sort}]`)
  const interval = parseTimeValue(params.get('interval') ?? '500ms', 'interval')
  paramAsInt(params, 'snapshots', 10)
  const state = await context.client.cluster.waitFor((s) => s.masterNodeId !== null, MASTER_TIMEOUT_MS)
  if (state === null) throw masterNotDiscoveredException()
  const at = new Date(context.clock.now()).toISOString()
  const header =
    `Hot threads at ${at}, interval=${humanReadableNanos(interval.duration * interval.nanosPerUnit, 1)}, ` +
    `busiestThreads=${threads}, ignoreIdleThreads=${ignoreIdle}:`
  const nodes = resolveNodes(state, req.path.nodeId ?? '_all', context.identity.nodeId)
  const body = nodes.map((node: DiscoveryNode) => `::: ${discoveryNodeDescription(node)}\n   ${header}\n\n`)
  return { status: 200, contentType: 'text/plain', body: body.join('') }
}
