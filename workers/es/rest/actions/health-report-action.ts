/**
 * `GET /_health_report[/{feature}]` (RestGetHealthAction, ES 8.17): `verbose` (a flag, true by default) and `size`
 * (an int, 1000 by default: the most affected resources a diagnosis lists), the report from the cluster state
 * (health/health-service.ts). ES computes it on the coordinating node even without a master; the playground waits
 * for one as its other cluster APIs do (docs/DEVIATIONS.md).
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { urlFlag } from '../../common/booleans.ts'
import { MASTER_TIMEOUT_MS, masterNotDiscoveredException } from '../../node/cluster-service.ts'
import { healthReport } from '../../health/health-service.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { paramAsInt } from './rest-params.ts'

export function registerHealthReportAction(controller: RestController, context: RestContext): void {
  const handler = (req: RestHandlerRequest) => guarded(() => report(context, req))
  controller
    .register('GET', '/_health_report', handler, 'health_report')
    .register('GET', '/_health_report/{feature}', handler, 'health_report')
}

async function report(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const verbose = urlFlag(req.params, 'verbose') ?? true
  const size = paramAsInt(req.params, 'size', 1000)
  const state = await context.client.cluster.waitFor((s) => s.masterNodeId !== null, MASTER_TIMEOUT_MS)
  if (state === null) throw masterNotDiscoveredException()
  const request = { indicator: req.path.feature ?? null, verbose, size }
  return json(200, healthReport(state, request, context.clock.now()))
}
