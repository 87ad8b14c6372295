/**
 * `GET /_health_report[/{feature}]` (RestGetHealthAction, ES 8.17): `verbose` (a flag, true by default) and `size`
 * (an int, 1000 by default: the most affected resources a diagnosis lists), the report computed on this node, with or
 * without a master, from its master stability diagnosis and its applied cluster state (health/health-service.ts).
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { urlFlag } from '../../common/booleans.ts'
import { healthReport, validateHealthRequest } from '../../health/health-service.ts'
import { diagnoseMasterStability } from '../../health/coordination-diagnostics.ts'
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
  const request = { indicator: req.path.feature ?? null, verbose, size }
  validateHealthRequest(request)
  const masterStability = await diagnoseMasterStability(context.coordination, verbose)
  return json(
    200,
    healthReport(context.client.cluster.state(), request, context.clock.now(), masterStability),
  )
}
