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
import { EMPTY_CLUSTER_INFO } from '../../cluster/allocation/cluster-info.ts'

/** The indicators that read the nodes' disk usage: disk, and shards_availability's allocation diagnoses. */
const DISK_READERS: readonly string[] = ['disk', 'shards_availability']

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
  // Disk usage is gathered only for the indicators that read it, and only once the preflight lets them run.
  const readsDisk = request.indicator === null || DISK_READERS.includes(request.indicator)
  const info =
    readsDisk && masterStability.status === 'green' ? await context.clusterInfo() : EMPTY_CLUSTER_INFO
  return json(
    200,
    healthReport(context.client.cluster.state(), request, context.clock.now(), masterStability, info),
  )
}
