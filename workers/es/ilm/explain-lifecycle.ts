/**
 * GET <index>/_ilm/explain (TransportExplainLifecycleAction, IndexLifecycleExplainResponse.toXContent, ES 8.17):
 * `{"indices": {<name>: {...}}}` sorted by name. An index without index.lifecycle.name is `{"index",
 * "managed": false}`; a managed one prints its policy, creation date and age, then what its lifecycle state
 * holds (each field only when set): lifecycle date and age, phase, action and step with their times, the failed
 * step with its retry facts, step_info, phase_execution. A policy that does not exist shows step `ERROR`.
 * `only_managed` leaves unmanaged indices out; `only_errors` keeps managed ones in ERROR or without a policy.
 */
import { RawJson, type JsonOut } from '../xcontent/index.ts'
import type { IndexMetadata } from '../index/index-metadata.ts'
import { lifecyclePolicyName } from './index-lifecycle-metadata.ts'
import { ERROR_STEP } from './lifecycle-execution-state.ts'
import { humanReadableMillis } from '../common/time/time-value-text.ts'

export interface ExplainOptions {
  readonly onlyManaged: boolean
  readonly onlyErrors: boolean
}

export function explainLifecycle(
  indices: readonly IndexMetadata[],
  policyExists: (name: string) => boolean,
  options: ExplainOptions,
  now: number,
): Map<string, JsonOut> {
  const out = new Map<string, JsonOut>()
  for (const metadata of [...indices].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const explained = explainIndex(metadata, policyExists, options, now)
    if (explained !== null) out.set(metadata.name, explained)
  }
  return new Map([['indices', out]])
}

function explainIndex(
  metadata: IndexMetadata,
  policyExists: (name: string) => boolean,
  options: ExplainOptions,
  now: number,
): Map<string, JsonOut> | null {
  const policy = lifecyclePolicyName(metadata)
  if (policy === null) {
    if (options.onlyManaged || options.onlyErrors) return null
    return new Map<string, JsonOut>([
      ['index', metadata.name],
      ['managed', false],
    ])
  }
  const state = metadata.lifecycleState ?? {}
  const exists = policyExists(policy)
  const step = exists ? state.step : ERROR_STEP
  if (options.onlyErrors && step !== ERROR_STEP) return null
  const out = new Map<string, JsonOut>([
    ['index', metadata.name],
    ['managed', true],
    ['policy', policy],
    ['index_creation_date_millis', metadata.creationDate],
    ['time_since_index_creation', humanReadableMillis(Math.max(0, now - metadata.creationDate), 2)],
  ])
  const origination = Number(metadata.otherSettings?.['index.lifecycle.origination_date'] ?? -1)
  const lifecycleDate = origination !== -1 ? origination : state.lifecycleDate
  if (lifecycleDate !== undefined) {
    out.set('lifecycle_date_millis', lifecycleDate)
    out.set('age', humanReadableMillis(Math.max(0, now - lifecycleDate), 2))
  }
  const fields: Array<[string, JsonOut | undefined]> = [
    ['phase', state.phase],
    ['phase_time_millis', state.phaseTime],
    ['action', state.action],
    ['action_time_millis', state.actionTime],
    ['step', step],
    ['step_time_millis', state.stepTime],
    ['failed_step', state.failedStep],
    ['is_auto_retryable_error', state.isAutoRetryableError],
    ['failed_step_retry_count', state.failedStepRetryCount],
    ['step_info', state.stepInfo === undefined ? undefined : new RawJson(state.stepInfo)],
    ['phase_execution', state.phaseDefinition === undefined ? undefined : new RawJson(state.phaseDefinition)],
  ]
  for (const [key, value] of fields) if (value !== undefined) out.set(key, value)
  return out
}
