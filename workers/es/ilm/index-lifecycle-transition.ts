/**
 * A policy compiled to its steps (LifecyclePolicy.toSteps' keys, ES 8.17) and the moves between them that the
 * move-to-step and retry APIs make (IndexLifecycleTransition.validateTransition, moveIndexToStep,
 * moveToPreviouslyFailedStep). A step key prints as StepKey.toString: `{"phase":..,"action":..,"name":..}`.
 * The sequence: `new/complete/complete`, then for each phase in order its actions' steps and
 * `<phase>/complete/complete`. Entering a phase records its PhaseExecutionInfo as the phase definition.
 */
import { illegalArgumentException } from '../errors/index.ts'
import { toJson, type XContentValue } from '../xcontent/index.ts'
import type { IndexMetadata } from '../index/index-metadata.ts'
import { lifecyclePolicyName } from './index-lifecycle-metadata.ts'
import { ERROR_STEP, type LifecycleExecutionState } from './lifecycle-execution-state.ts'
import { phaseToJson, type LifecyclePolicyMetadata } from './lifecycle-policy.ts'
import { orderedActions, orderedPhases } from './timeseries-lifecycle-type.ts'

export interface StepKey {
  readonly phase: string
  readonly action: string
  readonly name: string
}

/** The steps of each action, as the actions' toSteps name them. */
const ACTION_STEPS: Readonly<Record<string, readonly string[]>> = {
  set_priority: ['set_priority'],
  rollover: [
    'check-rollover-ready',
    'attempt-rollover',
    'wait-for-active-shards',
    'update-rollover-lifecycle-date',
    'set-indexing-complete',
  ],
  readonly: ['check-not-write-index', 'readonly'],
  forcemerge: ['check-not-write-index', 'readonly', 'forcemerge', 'segment-count'],
  delete: ['wait-for-shard-history-leases', 'delete'],
  migrate: ['migrate', 'check-migration'],
}

export function stepKeyText(key: StepKey): string {
  return toJson(
    new Map([
      ['phase', key.phase],
      ['action', key.action],
      ['name', key.name],
    ]),
  )
}

/** LifecyclePolicy.toSteps' keys, in order. */
export function policySteps(metadata: LifecyclePolicyMetadata): StepKey[] {
  const policy = metadata.policy
  const steps: StepKey[] = [{ phase: 'new', action: 'complete', name: 'complete' }]
  for (const phase of orderedPhases(policy)) {
    for (const action of orderedActions(phase, policy.phases[phase]!)) {
      for (const name of ACTION_STEPS[action] ?? [action]) steps.push({ phase, action, name })
    }
    steps.push({ phase, action: 'complete', name: 'complete' })
  }
  return steps
}

const sameKey = (a: StepKey, b: StepKey): boolean =>
  a.phase === b.phase && a.action === b.action && a.name === b.name

/** PhaseExecutionInfo.toXContent for the phase an index enters. */
export function phaseDefinition(policy: string, metadata: LifecyclePolicyMetadata, phase: string): string {
  const definition = metadata.policy.phases[phase]
  const fields = new Map<string, ReturnType<typeof phaseToJson> | string | number>([['policy', policy]])
  if (definition !== undefined) fields.set('phase_definition', phaseToJson(definition))
  fields.set('version', metadata.version)
  fields.set('modified_date_in_millis', metadata.modifiedDate)
  return toJson(fields)
}

/** The state of an index moved to `key` at `now` (a new phase records its definition). */
export function movedState(
  state: LifecycleExecutionState,
  key: StepKey,
  policy: string,
  metadata: LifecyclePolicyMetadata,
  now: number,
): LifecycleExecutionState {
  const newPhase = state.phase !== key.phase
  const newAction = newPhase || state.action !== key.action
  return {
    ...(state.lifecycleDate !== undefined ? { lifecycleDate: state.lifecycleDate } : {}),
    phase: key.phase,
    action: key.action,
    step: key.name,
    phaseTime: newPhase ? now : (state.phaseTime ?? now),
    actionTime: newAction ? now : (state.actionTime ?? now),
    stepTime: now,
    phaseDefinition:
      newPhase || state.phaseDefinition === undefined
        ? phaseDefinition(policy, metadata, key.phase)
        : state.phaseDefinition,
    ...(state.failedStepRetryCount !== undefined ? { failedStepRetryCount: state.failedStepRetryCount } : {}),
  }
}

function requirePolicy(
  index: IndexMetadata,
  policies: Readonly<Record<string, LifecyclePolicyMetadata>>,
): { name: string; metadata: LifecyclePolicyMetadata } {
  const name = lifecyclePolicyName(index)
  if (name === null) {
    throw illegalArgumentException(`index [${index.name}] is not associated with an Index Lifecycle Policy`)
  }
  const metadata = policies[name]
  if (metadata === undefined) throw illegalArgumentException(`policy [${name}] does not exist`)
  return { name, metadata }
}

/** POST _ilm/move/<index>: the body's current step must be the index's; the next must exist in its policy. */
export function moveToStep(
  index: IndexMetadata,
  body: XContentValue,
  policies: Readonly<Record<string, LifecyclePolicyMetadata>>,
  now: number,
): LifecycleExecutionState {
  const { name, metadata } = requirePolicy(index, policies)
  const current = stepKeyField(body, 'current_step')
  const state = index.lifecycleState ?? {}
  const actual = { phase: state.phase ?? '', action: state.action ?? '', name: state.step ?? '' }
  if (!sameKey(current, actual)) {
    throw illegalArgumentException(
      `index [${index.name}] is not on current step [${stepKeyText(current)}], currently: [${stepKeyText(actual)}]`,
    )
  }
  const requested = stepKeyField(body, 'next_step')
  const steps = policySteps(metadata)
  const next = steps.find(
    (step) =>
      step.phase === requested.phase &&
      (requested.action === '' || step.action === requested.action) &&
      (requested.name === '' || step.name === requested.name),
  )
  if (next === undefined) {
    throw illegalArgumentException(
      `step [${stepKeyText(requested)}] for index [${index.name}] with policy [${name}] does not exist`,
    )
  }
  return movedState(state, next, name, metadata, now)
}

function stepKeyField(body: XContentValue, field: string): StepKey {
  const value = body instanceof Map ? body.get(field) : undefined
  if (!(value instanceof Map)) throw illegalArgumentException(`Required [${field}]`)
  const text = (key: string) => {
    const v = value.get(key)
    return typeof v === 'string' ? v : ''
  }
  return { phase: text('phase'), action: text('action'), name: text('name') }
}

/** POST <index>/_ilm/retry: an index in the ERROR step moves back to the step that failed. */
export function retryStep(
  index: IndexMetadata,
  policies: Readonly<Record<string, LifecyclePolicyMetadata>>,
  now: number,
): LifecycleExecutionState {
  const state = index.lifecycleState ?? {}
  if (state.step !== ERROR_STEP || state.failedStep === undefined) {
    throw illegalArgumentException(
      `cannot retry an action for an index [${index.name}] that has not encountered an error when running a Lifecycle Policy`,
    )
  }
  const { name, metadata } = requirePolicy(index, policies)
  const key = { phase: state.phase ?? '', action: state.action ?? '', name: state.failedStep }
  return movedState({ ...state, step: state.failedStep }, key, name, metadata, now)
}
