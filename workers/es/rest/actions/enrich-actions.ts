/**
 * The enrich policy APIs (x-pack enrich, ES 8.17):
 * - PUT /_enrich/policy/<name>: EnrichPolicy.fromXContent, EnrichStore.putPolicy's checks, then the master
 *   stores it (metadata-enrich-service.ts); `{"acknowledged":true}`.
 * - GET /_enrich/policy[/<names>]: `{"policies":[{"config":{"<type>":{"name",...}}}]}` sorted by name; names
 *   are a comma list, unknown ones left out.
 * - DELETE /_enrich/policy/<name>: refused while a pipeline names the policy in an enrich processor (409
 *   status_exception "Could not delete policy [x] because a pipeline is referencing it [p, q]"); the policy's
 *   enrich indices go with it.
 * - PUT|POST /_enrich/policy/<name>/_execute: runs the policy (ingest/enrich/enrich-policy-runner.ts) and
 *   answers `{"status":{"phase":"COMPLETE"}}`.
 * - GET /_enrich/_stats: ingest/enrich/enrich-stats.ts.
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { EsException } from '../../errors/index.ts'
import { parseJson, type XContentValue } from '../../xcontent/index.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'
import type { PipelineStore } from '../../ingest/pipeline-store.ts'
import { runEnrichPolicy } from '../../ingest/enrich/enrich-policy-runner.ts'
import { enrichStats } from '../../ingest/enrich/enrich-stats.ts'
import {
  enrichIndexBaseName,
  namedPolicyToJson,
  parseEnrichPolicy,
  validatePolicy,
} from '../../cluster/metadata/enrich-policy.ts'
import { enrichPolicies } from '../../cluster/metadata/metadata-enrich-service.ts'
import { resourceNotFoundException } from '../../cluster/metadata/metadata-errors.ts'
import { indicesMetadata } from '../../cluster/metadata/es-index-metadata.ts'
import { javaList } from '../../cluster/metadata/metadata-index-template-service.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { parseRequestBody } from '../request-body.ts'
import { guarded, json } from '../responses.ts'
import { requireBody } from './template-request.ts'

export function registerEnrichActions(
  controller: RestController,
  context: RestContext,
  store: PipelineStore,
): void {
  const get = (req: RestHandlerRequest) => guarded(() => getPolicies(context, req))
  const execute = (req: RestHandlerRequest) => guarded(() => executePolicy(context, req))
  controller
    .register(
      'PUT',
      '/_enrich/policy/{name}',
      (req) => guarded(() => putPolicy(context, req)),
      'enrich.put_policy',
    )
    .register(
      'GET',
      '/_enrich/_stats',
      () => guarded(() => json(200, enrichStats(context.client.cluster.state()))),
      'enrich.stats',
    )
    .register('GET', '/_enrich/policy', get, 'enrich.get_policy')
    .register('GET', '/_enrich/policy/{name}', get, 'enrich.get_policy')
    .register(
      'DELETE',
      '/_enrich/policy/{name}',
      (req) => guarded(() => deletePolicy(context, store, req)),
      'enrich.delete_policy',
    )
    .register('PUT', '/_enrich/policy/{name}/_execute', execute, 'enrich.execute_policy')
    .register('POST', '/_enrich/policy/{name}/_execute', execute, 'enrich.execute_policy')
}

async function putPolicy(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  const name = req.path.name!
  const text = requireBody(req)
  const { type, policy } = parseEnrichPolicy(text, parseRequestBody(text))
  const checked = validatePolicy(name, type)
  await context.client.cluster.execute({
    type: 'put_enrich_policy',
    name,
    policy: { ...policy, type: checked },
  })
  return json(200, { acknowledged: true })
}

function getPolicies(context: RestContext, req: RestHandlerRequest): RestResponse {
  const policies = enrichPolicies(context.client.cluster.state())
  const requested = req.path.name?.split(',').filter((name) => name !== '') ?? []
  const names = requested.length === 0 ? Object.keys(policies) : requested.filter((name) => name in policies)
  const sorted = [...new Set(names)].sort()
  return json(200, {
    policies: sorted.map((name) => ({ config: namedPolicyToJson(name, policies[name]!) })),
  })
}

async function deletePolicy(
  context: RestContext,
  store: PipelineStore,
  req: RestHandlerRequest,
): Promise<RestResponse> {
  const name = req.path.name!
  const state = context.client.cluster.state()
  if (!enrichPolicies(state)[name]) throw resourceNotFoundException(`policy [${name}] not found`)
  const referencing = javaStringKeyOrder(store.ids()).filter((id) => {
    const config = store.get(id)
    return config !== undefined && namesPolicy(parseJson(config.source), name)
  })
  if (referencing.length > 0) {
    throw new EsException({
      type: 'status_exception',
      reason: `Could not delete policy [${name}] because a pipeline is referencing it ${javaList(referencing)}`,
      status: 409,
    })
  }
  const prefix = `${enrichIndexBaseName(name)}-`
  const indices = indicesMetadata(state)
    .map((metadata) => metadata.name)
    .filter((index) => index.startsWith(prefix) && /^\d+$/.test(index.slice(prefix.length)))
  if (indices.length > 0) await context.client.cluster.execute({ type: 'delete_index', names: indices })
  await context.client.cluster.execute({ type: 'delete_enrich_policy', name })
  return json(200, { acknowledged: true })
}

/** Whether a pipeline body has an enrich processor (at any depth: on_failure lists too) naming the policy. */
function namesPolicy(value: XContentValue, policy: string): boolean {
  if (Array.isArray(value)) return value.some((entry) => namesPolicy(entry, policy))
  if (!(value instanceof Map)) return false
  const enrich = value.get('enrich')
  if (enrich instanceof Map && enrich.get('policy_name') === policy) return true
  return [...value.values()].some((entry) => namesPolicy(entry, policy))
}

async function executePolicy(context: RestContext, req: RestHandlerRequest): Promise<RestResponse> {
  await runEnrichPolicy(context, req.path.name!)
  return json(200, { status: { phase: 'COMPLETE' } })
}
