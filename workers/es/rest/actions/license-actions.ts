/**
 * The license APIs of ES 8.17 (x-pack core): `GET /_license` (RestGetLicenseAction), `GET /_license/basic_status`
 * (RestGetBasicStatus) and `GET /_license/trial_status` (RestGetTrialStatus).
 *
 * - `GET /_license` answers `{"license":{...}}` in the license's REST view (license.ts), or 404 with `{}` before
 *   the master has generated one. It pretty-prints by default (with a final line feed); an explicit `?pretty`
 *   decides instead. `accept_enterprise` draws its deprecation warning and may not be false; `local` reads this
 *   node's applied state, otherwise the answer waits for a known master (master_not_discovered_exception after
 *   the 30 s master timeout), as a master node read does.
 * - basic_status: eligible only when there is no license or it is not basic. trial_status: eligible while no
 *   trial has been started; this playground never starts one (`POST /_license/start_trial` is not served: see
 *   docs/DEVIATIONS.md), so it is always eligible.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import { prettyElasticsearch, toJson } from '../../xcontent/index.ts'
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import { urlFlag } from '../../common/booleans.ts'
import { licenseRestView } from '../../license/license.ts'
import { MASTER_TIMEOUT_MS, masterNotDiscoveredException } from '../../node/cluster-service.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json, withWarnings } from '../responses.ts'

export const ACCEPT_ENTERPRISE_DEPRECATION =
  'Including [accept_enterprise] in get license requests is deprecated. The parameter will be removed in the ' +
  'next major version'

export function registerLicenseActions(controller: RestController, context: RestContext): void {
  controller
    .register('GET', '/_license', (req) => guarded(() => getLicense(context, req)), 'license.get')
    .register(
      'GET',
      '/_license/basic_status',
      (req) =>
        guarded(async () => {
          const license = (await licenseState(context, req)).metadata.license?.license
          return json(200, { eligible_to_start_basic: license === undefined || license.type !== 'basic' })
        }),
      'license.get_basic_status',
    )
    .register(
      'GET',
      '/_license/trial_status',
      (req) =>
        guarded(async () => {
          await licenseState(context, req)
          return json(200, { eligible_to_start_trial: true })
        }),
      'license.get_trial_status',
    )
}

async function getLicense(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const warnings: string[] = []
  if (req.params.has('accept_enterprise')) {
    warnings.push(ACCEPT_ENTERPRISE_DEPRECATION)
    if (urlFlag(req.params, 'accept_enterprise') === false) {
      throw illegalArgumentException('The [accept_enterprise] parameters may not be false')
    }
  }
  const state = await licenseState(context, req)
  const license = state.metadata.license?.license
  const human = urlFlag(req.params, 'human') === true
  const body = toJson(
    license === undefined
      ? new Map()
      : new Map([['license', licenseRestView(license, context.clock.now(), human)]]),
  )
  const response: RestResponse = {
    status: license === undefined ? 404 : 200,
    contentType: 'application/json',
    body: req.params.has('pretty') ? body : prettyElasticsearch(body),
  }
  return withWarnings(response, warnings)
}

/** The state a license read answers from: this node's with `local`, else once a master is known. */
async function licenseState(context: RestContext, req: RestHandlerRequest): Promise<ClusterState> {
  const { cluster } = context.client
  if (urlFlag(req.params, 'local') === true) return cluster.state()
  const state = await cluster.waitFor((s) => s.masterNodeId !== null, MASTER_TIMEOUT_MS)
  if (state === null) throw masterNotDiscoveredException()
  return state
}
