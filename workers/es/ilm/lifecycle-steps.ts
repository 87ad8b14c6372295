/**
 * What each ILM step does to one index (the Step classes of x-pack core ilm, ES 8.17), through the node's own
 * REST layer as ES's steps go through a Client: set_priority and set-indexing-complete update settings,
 * check-rollover-ready asks a dry-run `_rollover` whether the action's conditions are met (with the default
 * min_docs: 1 of indices.lifecycle.rollover.only_if_has_documents), attempt-rollover rolls the alias or data
 * stream over, readonly adds the write block, forcemerge merges, delete deletes. A step answers:
 * - `next`: done, move on; `wait`: not yet (step_info as given, if any);
 * - `error`: the ERROR step with the failure as step_info; `retryable` errors are retried at the next poll.
 * Steps of actions the playground does not run fail with a step_info that says so (docs/DEVIATIONS.md).
 */
import type { RestResponse } from '../../protocol/es.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import type { IndexMetadata } from '../index/index-metadata.ts'
import { aliasesLookup, writeIndexOf } from '../cluster/metadata/index-abstraction.ts'
import { dataStreamsOf } from '../cluster/metadata/data-stream.ts'
import { indicesMetadata } from '../cluster/metadata/es-index-metadata.ts'
import { toJson, type JsonOut } from '../xcontent/index.ts'
import type { StepKey } from './index-lifecycle-transition.ts'

export type StepOutcome =
  | { readonly kind: 'next'; readonly lifecycleDate?: number }
  | { readonly kind: 'wait'; readonly info?: string }
  | { readonly kind: 'error'; readonly info: string; readonly retryable: boolean }

export interface StepClient {
  perform(method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<RestResponse>
  now(): number
}

const NEXT: StepOutcome = { kind: 'next' }
const ROLLOVER_ALIAS = 'index.lifecycle.rollover_alias'

function failure(type: string, reason: string, retryable = true): StepOutcome {
  return {
    kind: 'error',
    info: toJson(
      new Map([
        ['type', type],
        ['reason', reason],
      ]),
    ),
    retryable,
  }
}

/** A REST error's `error` object (type and reason) as step_info; null for a 2xx answer. */
function responseFailure(response: RestResponse): StepOutcome | null {
  if (response.status < 300) return null
  const parsed = JSON.parse(response.body) as { error?: { type?: string; reason?: string } }
  return failure(parsed.error?.type ?? 'exception', parsed.error?.reason ?? response.body)
}

export async function runStep(
  client: StepClient,
  state: ClusterState,
  index: IndexMetadata,
  key: StepKey,
  action: Record<string, JsonOut> | undefined,
): Promise<StepOutcome> {
  const path = `/${encodeURIComponent(index.name)}`
  switch (key.name) {
    case 'set_priority':
      return (await settings(client, path, { 'index.priority': action?.priority ?? null })) ?? NEXT
    case 'check-rollover-ready':
      return rolloverReady(client, state, index, action ?? {})
    case 'attempt-rollover': {
      const target = rolloverTarget(state, index)
      if (typeof target !== 'string') return target
      return responseFailure(await client.perform('POST', `/${encodeURIComponent(target)}/_rollover`)) ?? NEXT
    }
    case 'update-rollover-lifecycle-date':
      return { kind: 'next', lifecycleDate: client.now() }
    case 'set-indexing-complete':
      return (await settings(client, path, { 'index.lifecycle.indexing_complete': true })) ?? NEXT
    case 'check-not-write-index':
      return notWriteIndex(state, index)
    case 'readonly':
      return responseFailure(await client.perform('PUT', `${path}/_block/write`)) ?? NEXT
    case 'forcemerge': {
      const given = action?.max_num_segments
      const segments = typeof given === 'number' ? given : 1
      return (
        responseFailure(await client.perform('POST', `${path}/_forcemerge?max_num_segments=${segments}`)) ??
        NEXT
      )
    }
    case 'delete':
      return responseFailure(await client.perform('DELETE', path)) ?? NEXT
    case 'wait-for-active-shards':
    case 'segment-count':
    case 'wait-for-shard-history-leases':
    case 'migrate':
    case 'check-migration':
      return NEXT
    default:
      return failure(
        'illegal_argument_exception',
        `the [${key.action}] action is not supported by this playground; remove it from the policy or move the index past it with _ilm/move`,
        false,
      )
  }
}

async function settings(
  client: StepClient,
  path: string,
  body: Record<string, JsonOut>,
): Promise<StepOutcome | null> {
  return responseFailure(await client.perform('PUT', `${path}/_settings`, body))
}

/** The alias or data stream the index rolls over as, or the failure WaitForRolloverReadyStep reports. */
function rolloverTarget(state: ClusterState, index: IndexMetadata): string | StepOutcome {
  if (index.dataStream !== undefined) return index.dataStream
  const alias = index.otherSettings?.[ROLLOVER_ALIAS]
  if (typeof alias !== 'string' || alias === '') {
    return failure(
      'illegal_argument_exception',
      `setting [${ROLLOVER_ALIAS}] for index [${index.name}] is empty or not defined`,
    )
  }
  const found = aliasesLookup(indicesMetadata(state)).get(alias)
  if (found === undefined || !found.members.some((member) => member.index === index.name)) {
    return failure(
      'illegal_argument_exception',
      `${ROLLOVER_ALIAS} [${alias}] does not point to index [${index.name}]`,
    )
  }
  if (writeIndexOf(found)?.index !== index.name) {
    return failure(
      'illegal_argument_exception',
      `index [${index.name}] is not the write index for index alias [${alias}]`,
    )
  }
  return alias
}

async function rolloverReady(
  client: StepClient,
  state: ClusterState,
  index: IndexMetadata,
  action: Record<string, JsonOut>,
): Promise<StepOutcome> {
  if (index.dataStream !== undefined) {
    const stream = dataStreamsOf(state)[index.dataStream]
    if (stream !== undefined && stream.indices[stream.indices.length - 1]?.name !== index.name) return NEXT
  } else if (index.otherSettings?.['index.lifecycle.indexing_complete'] === 'true') return NEXT
  const target = rolloverTarget(state, index)
  if (typeof target !== 'string') return target
  const conditions: Record<string, JsonOut> = { ...action }
  if (conditions.min_docs === undefined && conditions.min_primary_shard_docs === undefined)
    conditions.min_docs = 1
  const response = await client.perform('POST', `/${encodeURIComponent(target)}/_rollover?dry_run=true`, {
    conditions,
  })
  const failed = responseFailure(response)
  if (failed !== null) return failed
  const results = Object.entries(
    (JSON.parse(response.body) as { conditions: Record<string, boolean> }).conditions,
  )
  const met =
    results.filter(([name]) => name.startsWith('[min_')).every(([, value]) => value) &&
    results.some(([name, value]) => name.startsWith('[max_') && value)
  return met ? NEXT : { kind: 'wait' }
}

/** CheckNotDataStreamWriteIndexStep: a data stream's write index waits until it rolled over. */
function notWriteIndex(state: ClusterState, index: IndexMetadata): StepOutcome {
  if (index.dataStream === undefined) return NEXT
  const stream = dataStreamsOf(state)[index.dataStream]
  if (stream === undefined || stream.indices[stream.indices.length - 1]?.name !== index.name) return NEXT
  const policy = String(index.otherSettings?.['index.lifecycle.name'] ?? '')
  const message = `index [${index.name}] is the write index for data stream [${index.dataStream}], pausing ILM execution of lifecycle [${policy}] until this index is no longer the write index for the data stream via manual or automated rollover`
  return { kind: 'wait', info: toJson(new Map([['message', message]])) }
}
