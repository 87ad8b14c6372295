/**
 * IndexLifecycleRunner for one managed index (ES 8.17): from the index's lifecycle state, run steps until one
 * must wait. No state yet: initialize at `new/complete/complete` with the creation date as lifecycle date. At a
 * phase's `complete` step: enter the next phase once the index's age (now minus index.lifecycle.origination_date,
 * else the lifecycle date) reaches its min_age. At an action's step: run it (lifecycle-steps.ts) and move on,
 * wait, or go to ERROR; an auto-retryable ERROR goes back to its failed step at the next run, counting retries.
 * Every change is a cluster state update through the master; an index without a known policy is left alone.
 */
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { esIndexMetadata } from '../cluster/metadata/es-index-metadata.ts'
import type { IndexMetadata } from '../index/index-metadata.ts'
import type { JsonOut } from '../xcontent/index.ts'
import { lifecycleMetadata, lifecyclePolicyName } from './index-lifecycle-metadata.ts'
import { ERROR_STEP, type LifecycleExecutionState } from './lifecycle-execution-state.ts'
import type { LifecyclePolicyMetadata } from './lifecycle-policy.ts'
import { movedState, phaseDefinition, policySteps, type StepKey } from './index-lifecycle-transition.ts'
import { runStep, type StepClient } from './lifecycle-steps.ts'

export interface RunnerClient extends StepClient {
  state(): ClusterState
  setState(index: string, state: LifecycleExecutionState): Promise<void>
}

/** Enough for any policy's steps in one run; a run stops earlier at the first wait. */
const MAX_STEPS_PER_RUN = 64

export async function runPolicy(client: RunnerClient, indexName: string): Promise<void> {
  for (let i = 0; i < MAX_STEPS_PER_RUN; i++) {
    const state = client.state()
    const cluster = state.metadata.indices[indexName]
    if (cluster === undefined) return
    const index = esIndexMetadata(cluster)
    const policy = lifecyclePolicyName(index)
    const metadata = policy === null ? undefined : lifecycleMetadata(state).policies[policy]
    if (policy === null || metadata === undefined) return
    const next = await advance(client, state, index, policy, metadata)
    if (next === null) return
    await client.setState(indexName, next)
    if (next.step === ERROR_STEP) return
  }
}

/** The index's next lifecycle state, or null when it has to wait. */
async function advance(
  client: RunnerClient,
  state: ClusterState,
  index: IndexMetadata,
  policy: string,
  metadata: LifecyclePolicyMetadata,
): Promise<LifecycleExecutionState | null> {
  const now = client.now()
  const current = index.lifecycleState
  if (current?.step === undefined) {
    return {
      lifecycleDate: index.creationDate,
      phase: 'new',
      action: 'complete',
      step: 'complete',
      phaseTime: now,
      actionTime: now,
      stepTime: now,
      phaseDefinition: phaseDefinition(policy, metadata, 'new'),
    }
  }
  if (current.step === ERROR_STEP) {
    if (current.isAutoRetryableError !== true || current.failedStep === undefined) return null
    const key = { phase: current.phase ?? '', action: current.action ?? '', name: current.failedStep }
    const retried = movedState(current, key, policy, metadata, now)
    return { ...retried, failedStepRetryCount: (current.failedStepRetryCount ?? 0) + 1 }
  }
  const steps = policySteps(metadata)
  const at = steps.findIndex(
    (step) => step.phase === current.phase && step.action === current.action && step.name === current.step,
  )
  const following = steps[at + 1]
  if (at < 0 || following === undefined) return null
  const key = steps[at]!
  if (key.action === 'complete') {
    const origination = Number(index.otherSettings?.['index.lifecycle.origination_date'] ?? -1)
    const since = origination !== -1 ? origination : (current.lifecycleDate ?? index.creationDate)
    const minAge = metadata.policy.phases[following.phase]?.minAgeMillis ?? 0
    return now - since >= minAge ? movedState(current, following, policy, metadata, now) : null
  }
  return runActionStep(client, state, index, key, following, policy, metadata)
}

async function runActionStep(
  client: RunnerClient,
  state: ClusterState,
  index: IndexMetadata,
  key: StepKey,
  following: StepKey,
  policy: string,
  metadata: LifecyclePolicyMetadata,
): Promise<LifecycleExecutionState | null> {
  const current = index.lifecycleState!
  const config = metadata.policy.phases[key.phase]?.actions[key.action]
  const action = config === undefined ? undefined : (JSON.parse(config.json) as Record<string, JsonOut>)
  const outcome = await runStep(client, state, index, key, action)
  const now = client.now()
  switch (outcome.kind) {
    case 'next': {
      if (key.name === 'delete') return null
      const moved = movedState(current, following, policy, metadata, now)
      return outcome.lifecycleDate === undefined ? moved : { ...moved, lifecycleDate: outcome.lifecycleDate }
    }
    case 'wait':
      return outcome.info === undefined || outcome.info === current.stepInfo
        ? null
        : { ...current, stepInfo: outcome.info }
    case 'error':
      return {
        ...current,
        step: ERROR_STEP,
        stepTime: now,
        failedStep: key.name,
        stepInfo: outcome.info,
        isAutoRetryableError: outcome.retryable,
      }
  }
}
