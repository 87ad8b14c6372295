/**
 * The index lifecycle management APIs (x-pack ilm, ES 8.17; rest-api-spec ilm.*.json):
 * - PUT /_ilm/policy/<name>: the body parsed (ilm/lifecycle-policy-parser.ts), the name and the policy
 *   validated before the master stores it (ilm/timeseries-lifecycle-type.ts); `{"acknowledged":true}`.
 * - GET /_ilm/policy[/<names>]: `{<name>: {"version", "modified_date", "policy", "in_use_by"}}`; no name or
 *   one wildcard lists matching policies by name; a missing plain name is resource_not_found_exception
 *   "Lifecycle policy not found: <name>" (`[<names>]` before any policy was ever put); a wildcard among several
 *   names is refused.
 * - DELETE /_ilm/policy/<name>: refused while an index uses it.
 * - GET /<index>/_ilm/explain (ilm/explain-lifecycle.ts); GET /_ilm/status; POST /_ilm/start|stop.
 * - POST /<index>/_ilm/remove: the indices' policy and lifecycle state removed;
 *   `{"has_failures":false,"failed_indexes":[]}`.
 * - POST /<index>/_ilm/retry: an index in the ERROR step goes back to its failed step.
 * - POST /_ilm/move/<index>: `{"current_step": {...}, "next_step": {...}}`, checked against the index's step.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { illegalArgumentException } from '../../errors/index.ts'
import type { JsonOut, XContentValue } from '../../xcontent/index.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import { resourceNotFoundException } from '../../cluster/metadata/metadata-errors.ts'
import { esIndexMetadata } from '../../cluster/metadata/es-index-metadata.ts'
import { STRICT_EXPAND_OPEN, indicesOptionsFromRequest } from '../../cluster/metadata/indices-options.ts'
import { parsePutLifecycleRequest, validatePolicyName } from '../../ilm/lifecycle-policy-parser.ts'
import { validatePolicy } from '../../ilm/timeseries-lifecycle-type.ts'
import { policyToJson } from '../../ilm/lifecycle-policy.ts'
import { utcZonedDateTimeString } from '../../common/time/zoned-date-time-string.ts'
import { policyUsage } from '../../ilm/lifecycle-policy-usage.ts'
import { lifecycleMetadata, operationMode } from '../../ilm/index-lifecycle-metadata.ts'
import { explainLifecycle } from '../../ilm/explain-lifecycle.ts'
import { moveToStep, retryStep } from '../../ilm/index-lifecycle-transition.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { parseRequestBody } from '../request-body.ts'
import { guarded, json } from '../responses.ts'
import { requireBody } from './template-request.ts'

const ACKNOWLEDGED = { acknowledged: true }

/** Regex.isSimpleMatchPattern. */
const isSimpleMatchPattern = (name: string): boolean => name.includes('*')

export function registerIlmActions(controller: RestController, context: RestContext): void {
  const get = (req: RestHandlerRequest) => guarded(() => getLifecycle(context, req))
  const mode = (value: 'RUNNING' | 'STOPPING') => () =>
    guarded(async () => {
      await context.client.cluster.execute({ type: 'ilm_operation_mode', mode: value })
      return json(200, ACKNOWLEDGED)
    })
  controller
    .register(
      'PUT',
      '/_ilm/policy/{policy}',
      (req) => guarded(() => putLifecycle(context, req)),
      'ilm.put_lifecycle',
    )
    .register('GET', '/_ilm/policy', get, 'ilm.get_lifecycle')
    .register('GET', '/_ilm/policy/{policy}', get, 'ilm.get_lifecycle')
    .register(
      'DELETE',
      '/_ilm/policy/{policy}',
      (req) =>
        guarded(async () => {
          await context.client.cluster.execute({ type: 'delete_lifecycle', name: req.path.policy! })
          return json(200, ACKNOWLEDGED)
        }),
      'ilm.delete_lifecycle',
    )
    .register(
      'GET',
      '/{index}/_ilm/explain',
      (req) => guarded(() => explain(context, req)),
      'ilm.explain_lifecycle',
    )
    .register(
      'GET',
      '/_ilm/status',
      () => guarded(() => json(200, { operation_mode: operationMode(context.client.cluster.state()) })),
      'ilm.get_status',
    )
    .register('POST', '/_ilm/start', mode('RUNNING'), 'ilm.start')
    .register('POST', '/_ilm/stop', mode('STOPPING'), 'ilm.stop')
    .register(
      'POST',
      '/{index}/_ilm/remove',
      (req) => guarded(() => removePolicy(context, req)),
      'ilm.remove_policy',
    )
    .register('POST', '/{index}/_ilm/retry', (req) => guarded(() => retry(context, req)), 'ilm.retry')
    .register('POST', '/_ilm/move/{index}', (req) => guarded(() => move(context, req)), 'ilm.move_to_step')
}

async function putLifecycle(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const name = req.path.policy!
  const text = requireBody(req)
  const policy = parsePutLifecycleRequest(text, parseRequestBody(text))
  validatePolicy(policy)
  validatePolicyName(name)
  await context.client.cluster.execute({ type: 'put_lifecycle', name, policy })
  return json(200, ACKNOWLEDGED)
}

function getLifecycle(context: RestContext, req: RestHandlerRequest): RestResponse {
  const state = context.client.cluster.state()
  const policies = lifecycleMetadata(state).policies
  const requested = req.path.policy?.split(',').filter((name) => name !== '') ?? []
  if (state.metadata.ilm === undefined && requested.length > 0) {
    throw resourceNotFoundException(`Lifecycle policy not found: [${requested.join(', ')}]`)
  }
  const names = requested.length === 0 ? ['*'] : requested
  if (names.length > 1 && names.some(isSimpleMatchPattern)) {
    throw illegalArgumentException(
      'wildcard only supports a single value, please use comma-separated values or a single wildcard value',
    )
  }
  const out = new Map<string, JsonOut>()
  for (const name of names) {
    const matched = isSimpleMatchPattern(name)
      ? Object.keys(policies)
          .sort()
          .filter((policy) => simpleMatch(name, policy))
      : [name]
    for (const policy of matched) {
      const metadata = policies[policy]
      if (metadata === undefined) throw resourceNotFoundException(`Lifecycle policy not found: ${policy}`)
      out.set(
        policy,
        new Map<string, JsonOut>([
          ['version', metadata.version],
          [
            'modified_date',
            utcZonedDateTimeString(metadata.modifiedDate) /* LifecyclePolicyMetadata.getModifiedDateString */,
          ],
          ['policy', policyToJson(metadata.policy)],
          ['in_use_by', policyUsage(state, policy)],
        ]),
      )
    }
  }
  return json(200, out)
}

function explain(context: RestContext, req: RestHandlerRequest): RestResponse {
  const state = context.client.cluster.state()
  const names = context.indices
    .resolve(req.path.index, indicesOptionsFromRequest(req.params, STRICT_EXPAND_OPEN))
    .map((index) => index.metadata.name)
  const indices = names.flatMap((name) => {
    const metadata = state.metadata.indices[name]
    return metadata === undefined ? [] : [esIndexMetadata(metadata)]
  })
  const policies = lifecycleMetadata(state).policies
  const flag = (name: string) => req.params.get(name) === 'true' || req.params.get(name) === ''
  const options = { onlyManaged: flag('only_managed'), onlyErrors: flag('only_errors') }
  return json(
    200,
    explainLifecycle(indices, (name) => Object.hasOwn(policies, name), options, context.clock.now()),
  )
}

async function removePolicy(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const names = context.indices
    .resolve(req.path.index, indicesOptionsFromRequest(req.params, STRICT_EXPAND_OPEN))
    .map((index) => index.metadata.name)
  if (names.length > 0) await context.client.cluster.execute({ type: 'ilm_remove_policy', names })
  return json(200, { has_failures: false, failed_indexes: [] })
}

async function retry(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const state = context.client.cluster.state()
  const names = context.indices
    .resolve(req.path.index, STRICT_EXPAND_OPEN)
    .map((index) => index.metadata.name)
  for (const name of names) {
    const metadata = esIndexMetadata(state.metadata.indices[name]!)
    const lifecycleState = retryStep(metadata, lifecycleMetadata(state).policies, context.clock.now())
    await context.client.cluster.execute({ type: 'ilm_set_state', index: name, lifecycleState })
  }
  return json(200, ACKNOWLEDGED)
}

async function move(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const index = req.path.index!
  const state = context.client.cluster.state()
  const cluster = state.metadata.indices[index]
  if (cluster === undefined) {
    throw illegalArgumentException(`index [${index}] does not exist`)
  }
  const text = requireBody(req)
  const body: XContentValue = parseRequestBody(text)
  const lifecycleState = moveToStep(
    esIndexMetadata(cluster),
    body,
    lifecycleMetadata(state).policies,
    context.clock.now(),
  )
  await context.client.cluster.execute({ type: 'ilm_set_state', index, lifecycleState })
  return json(200, ACKNOWLEDGED)
}
