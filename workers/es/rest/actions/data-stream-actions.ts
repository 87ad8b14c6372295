/**
 * Data stream APIs (ES 8.17): PUT /_data_stream/{name} creates one from the composable template its name
 * matches (`{"acknowledged":true}` once its first backing index's primary started), GET /_data_stream[/{names}]
 * lists them sorted by name, DELETE /_data_stream/{names} deletes them with their backing indices.
 * Names are comma lists with `*` patterns; a missing plain name is index_not_found_exception for GET and
 * resource_not_found_exception `data streams [x] not found` for DELETE.
 *
 * GET shows what GetDataStreamAction.Response.DataStreamInfo.toXContent prints without a data stream
 * lifecycle: each backing index with its `ilm_policy` (index.lifecycle.name) when it has one,
 * `prefer_ilm: true` (index.lifecycle.prefer_ilm's default) and `managed_by` ("Index Lifecycle Management"
 * with a policy, else "Unmanaged"); `status` the worst health of the backing indices, upper case; `template` the
 * composable template the name matches now, `ilm_policy` the policy its settings name, and
 * `next_generation_managed_by` ILM's or "Unmanaged" accordingly, the template's
 * prefer_ilm (true), hidden, system (false), allow_custom_routing, replicated (false), rollover_on_write
 * (false).
 */
import type { RestResponse } from '../../../protocol/es.ts'
import { indexNotFoundException } from '../../errors/index.ts'
import type { JsonOut } from '../../xcontent/index.ts'
import { simpleMatch } from '../../common/simple-match.ts'
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import { indexHealth, worst, type ClusterHealthStatus } from '../../cluster/state/cluster-health.ts'
import { dataStreamsOf, TIMESTAMP_FIELD, type DataStream } from '../../cluster/metadata/data-stream.ts'
import { newDataStream } from '../../cluster/metadata/metadata-data-stream-service.ts'
import { findV2Template } from '../../cluster/metadata/metadata-index-template-service.ts'
import { resourceNotFoundException } from '../../cluster/metadata/metadata-errors.ts'
import type { RestController, RestHandlerRequest } from '../rest-controller.ts'
import type { RestContext } from '../rest-context.ts'
import { guarded, json } from '../responses.ts'
import { waitForActivePrimaries } from './index-actions.ts'
import { esIndexMetadata } from '../../cluster/metadata/es-index-metadata.ts'
import { lifecyclePolicyName } from '../../ilm/index-lifecycle-metadata.ts'
import { templatePolicyName } from '../../ilm/lifecycle-policy-usage.ts'

export function registerDataStreamActions(controller: RestController, context: RestContext): void {
  const get = (req: RestHandlerRequest) => guarded(() => getDataStreams(context, req.path.name))
  controller
    .register(
      'PUT',
      '/_data_stream/{name}',
      (req) => guarded(() => createDataStream(context, req.path.name!)),
      'indices.create_data_stream',
    )
    .register('GET', '/_data_stream', get, 'indices.get_data_stream')
    .register('GET', '/_data_stream/{name}', get, 'indices.get_data_stream')
    .register(
      'DELETE',
      '/_data_stream/{name}',
      (req) => guarded(() => deleteDataStreams(context, req.path.name!)),
      'indices.delete_data_stream',
    )
}

async function createDataStream(context: RestContext, name: string): Promise<RestResponse> {
  const created = newDataStream(context.client.cluster.state(), name, context.newUuid(), context.clock.now())
  await context.client.cluster.execute({ type: 'create_data_stream', created, ifMissing: false })
  await waitForActivePrimaries(context, created.metadata.name)
  return json(200, { acknowledged: true })
}

function getDataStreams(context: RestContext, expression: string | undefined): RestResponse {
  const state = context.client.cluster.state()
  const all = dataStreamsOf(state)
  const names =
    expression === undefined ? Object.keys(all) : resolveNames(all, expression, indexNotFoundException)
  return json(200, { data_streams: names.sort().map((name) => dataStreamInfo(state, all[name]!)) })
}

async function deleteDataStreams(context: RestContext, expression: string): Promise<RestResponse> {
  const all = dataStreamsOf(context.client.cluster.state())
  const names = resolveNames(all, expression, () => null)
  if (names.length === 0 && !expression.includes('*')) {
    throw resourceNotFoundException(`data streams [${expression.split(',').join(', ')}] not found`)
  }
  if (names.length > 0) await context.client.cluster.execute({ type: 'delete_data_streams', names })
  return json(200, { acknowledged: true })
}

/** The data stream names a comma list of names and `*` patterns selects; `missing` answers a plain name that is none. */
function resolveNames(
  all: Readonly<Record<string, DataStream>>,
  expression: string,
  missing: (name: string) => Error | null,
): string[] {
  const names = new Set<string>()
  for (const part of expression.split(',')) {
    if (part === '_all' || part.includes('*')) {
      Object.values(all)
        .filter((dataStream) => !dataStream.hidden && (part === '_all' || simpleMatch(part, dataStream.name)))
        .forEach((dataStream) => names.add(dataStream.name))
    } else if (Object.hasOwn(all, part)) {
      names.add(part)
    } else {
      const error = missing(part)
      if (error) throw error
    }
  }
  return [...names]
}

/** ManagedBy.ILM's display value. */
const ILM = 'Index Lifecycle Management'

function dataStreamInfo(state: ClusterState, dataStream: DataStream): Map<string, JsonOut> {
  const out = new Map<string, JsonOut>([
    ['name', dataStream.name],
    ['timestamp_field', { name: TIMESTAMP_FIELD }],
    [
      'indices',
      dataStream.indices.map((index) => {
        const cluster = state.metadata.indices[index.name]
        const policy = cluster === undefined ? null : lifecyclePolicyName(esIndexMetadata(cluster))
        return {
          index_name: index.name,
          index_uuid: index.uuid,
          ...(policy !== null ? { ilm_policy: policy } : {}),
          prefer_ilm: true,
          managed_by: policy !== null ? ILM : 'Unmanaged',
        }
      }),
    ],
    ['generation', dataStream.generation],
    ['status', dataStreamHealth(state, dataStream).toUpperCase()],
  ])
  const template = findV2Template(state, dataStream.name)
  if (template) out.set('template', template.name)
  const policy = template ? templatePolicyName(state, template.template) : null
  if (policy !== null) out.set('ilm_policy', policy)
  out.set('next_generation_managed_by', policy !== null ? ILM : 'Unmanaged')
  out.set('prefer_ilm', true)
  out.set('hidden', dataStream.hidden)
  out.set('system', false)
  out.set('allow_custom_routing', dataStream.allowCustomRouting)
  out.set('replicated', false)
  out.set('rollover_on_write', false)
  return out
}

function dataStreamHealth(state: ClusterState, dataStream: DataStream): ClusterHealthStatus {
  return dataStream.indices.reduce<ClusterHealthStatus>((status, index) => {
    const metadata = state.metadata.indices[index.name]
    if (!metadata) return 'red'
    return worst(status, indexHealth(metadata, state.routingTable[index.name] ?? []).status)
  }, 'green')
}
