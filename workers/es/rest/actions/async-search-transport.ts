/**
 * The async search requests one node forwards to another, on their own transport channel `async_search`: as
 * TransportGetAsyncSearchAction, TransportGetAsyncStatusAction and TransportDeleteAsyncResultAction do, a request
 * whose id names a task of another node of the cluster goes to that node (which holds the running search, or
 * reads the stored result as any node would); an id of this node or of a node no longer in the cluster is served
 * here. The request crosses as its action, the id and the REST parameters; the answer as the REST response the
 * serving node built (its error too), which the asking node sends on as it is. A node that does not answer within
 * the wait the request allows plus 60 s leaves the request to be served here.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import type { Transport } from '../../../net/transport.ts'
import type { AsyncExecutionId } from '../../search/async/async-execution-id.ts'
import type { RestContext } from '../rest-context.ts'

export const ASYNC_SEARCH_CHANNEL = 'async_search'

export type AsyncSearchAction = 'get' | 'status' | 'delete'

export interface ForwardedAsyncSearchRequest {
  action: AsyncSearchAction
  id: string
  params: Array<[string, string]>
}

export type AsyncSearchChannel = Transport<ForwardedAsyncSearchRequest, RestResponse>

const FORWARD_TIMEOUT_MS = 60_000

/** The transport address of the other node of the cluster whose task the id names, or null: serve it here. */
export function runningNode(context: RestContext, id: AsyncExecutionId): number | null {
  const nodeId = id.taskId.slice(0, id.taskId.indexOf(':'))
  if (nodeId === context.identity.nodeId) return null
  return context.client.cluster.state().nodes.find((node) => node.id === nodeId)?.address ?? null
}

/** The serving node's answer, or null when it did not answer in time. */
export function forward(
  channel: AsyncSearchChannel,
  address: number,
  request: ForwardedAsyncSearchRequest,
  waitMillis: number,
): Promise<RestResponse | null> {
  return channel.request(address, request, Math.max(waitMillis, 0) + FORWARD_TIMEOUT_MS).catch(() => null)
}
