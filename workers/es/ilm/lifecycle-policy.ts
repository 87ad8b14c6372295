/**
 * LifecyclePolicy, Phase and LifecyclePolicyMetadata as x-pack ILM (ES 8.17) keeps them in the cluster state
 * (IndexLifecycleMetadata): plain structured-clonable data.
 *
 * A phase keeps `min_age` as TimeValue.getStringRep prints it (`10s`, default `0ms`) with its milliseconds; an
 * action keeps its printed body (LifecycleAction.toXContent) as compact JSON, so GET prints it as ES does.
 * Phases and actions live in Java HashMaps in ES, so they print in Java's hash order of their names.
 */
import { javaStringKeyOrder } from '../../net/java-hash.ts'
import { RawJson, type JsonOut } from '../xcontent/index.ts'

export interface LifecycleActionConfig {
  /** LifecycleAction.toXContent's object, as compact JSON. */
  readonly json: string
}

export interface Phase {
  /** TimeValue.getStringRep of min_age. */
  readonly minAge: string
  readonly minAgeMillis: number
  readonly actions: Readonly<Record<string, LifecycleActionConfig>>
}

export interface LifecyclePolicy {
  readonly phases: Readonly<Record<string, Phase>>
  /** `_meta` as compact JSON, when given. */
  readonly meta?: string
}

/** LifecyclePolicyMetadata: the policy with the version (1, then +1 per PUT) and the millis of its last PUT. */
export interface LifecyclePolicyMetadata {
  readonly policy: LifecyclePolicy
  readonly version: number
  readonly modifiedDate: number
}

/** Phase.toXContent: `{"min_age", "actions"}`. */
export function phaseToJson(phase: Phase): Map<string, JsonOut> {
  const actions = new Map<string, JsonOut>(
    javaStringKeyOrder(Object.keys(phase.actions)).map((name) => [
      name,
      new RawJson(phase.actions[name]!.json),
    ]),
  )
  return new Map<string, JsonOut>([
    ['min_age', phase.minAge],
    ['actions', actions],
  ])
}

/** LifecyclePolicy.toXContent: `{"phases": {...}, "_meta"?}`. */
export function policyToJson(policy: LifecyclePolicy): Map<string, JsonOut> {
  const phases = new Map<string, JsonOut>(
    javaStringKeyOrder(Object.keys(policy.phases)).map((name) => [name, phaseToJson(policy.phases[name]!)]),
  )
  const out = new Map<string, JsonOut>([['phases', phases]])
  if (policy.meta !== undefined) out.set('_meta', new RawJson(policy.meta))
  return out
}
