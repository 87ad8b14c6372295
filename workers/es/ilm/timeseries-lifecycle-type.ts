/**
 * TimeseriesLifecycleType (x-pack core ilm, ES 8.17): the phases a policy may define, the actions each phase
 * allows in the order they run, and the checks PutLifecycleRequest.validate runs before the master is asked
 * (validate, then validateMonotonicallyIncreasingPhaseTimings, whose error replaces the other's).
 * Phases and actions are walked in Java's hash order of their names, as ES walks its HashMaps.
 */
import { javaStringKeyOrder } from '../../net/java-hash.ts'
import { actionRequestValidationException, illegalArgumentException } from '../errors/index.ts'
import type { LifecyclePolicy, Phase } from './lifecycle-policy.ts'
import { humanReadableMillis } from '../common/time/time-value-text.ts'

export const ORDERED_VALID_PHASES = ['hot', 'warm', 'cold', 'frozen', 'delete'] as const

/** The actions each phase allows, in the order they run. */
export const ORDERED_VALID_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  hot: [
    'set_priority',
    'unfollow',
    'rollover',
    'readonly',
    'downsample',
    'shrink',
    'forcemerge',
    'searchable_snapshot',
  ],
  warm: ['set_priority', 'unfollow', 'readonly', 'downsample', 'allocate', 'migrate', 'shrink', 'forcemerge'],
  cold: [
    'set_priority',
    'unfollow',
    'readonly',
    'downsample',
    'searchable_snapshot',
    'allocate',
    'migrate',
    'freeze',
  ],
  frozen: ['unfollow', 'searchable_snapshot'],
  delete: ['wait_for_snapshot', 'delete'],
}

const HOT_ACTIONS_THAT_REQUIRE_ROLLOVER: ReadonlySet<string> = new Set([
  'readonly',
  'shrink',
  'forcemerge',
  'downsample',
  'searchable_snapshot',
])

/** The policy's phases in the order they run. */
export function orderedPhases(policy: LifecyclePolicy): string[] {
  return ORDERED_VALID_PHASES.filter((name) => Object.hasOwn(policy.phases, name))
}

/** A phase's actions in the order they run. */
export function orderedActions(phaseName: string, phase: Phase): string[] {
  return (ORDERED_VALID_ACTIONS[phaseName] ?? []).filter((name) => Object.hasOwn(phase.actions, name))
}

/** PutLifecycleRequest.validate: action_request_validation_exception, or nothing. */
export function validatePolicy(policy: LifecyclePolicy): void {
  let errors: string[] = []
  try {
    validatePhases(policy)
  } catch (error) {
    errors = [(error as Error).message]
  }
  const timing = monotonicPhaseTimingErrors(policy)
  if (timing.length > 0) errors = [timing.join(',')]
  if (errors.length > 0) throw actionRequestValidationException(errors)
}

/** TimeseriesLifecycleType.validate (the checks of actions the playground parses). */
function validatePhases(policy: LifecyclePolicy): void {
  const names = javaStringKeyOrder(Object.keys(policy.phases))
  for (const name of names) {
    const allowed = ORDERED_VALID_ACTIONS[name]
    if (allowed === undefined)
      throw illegalArgumentException(`Timeseries lifecycle does not support phase [${name}]`)
    for (const action of javaStringKeyOrder(Object.keys(policy.phases[name]!.actions))) {
      if (!allowed.includes(action))
        throw illegalArgumentException(`invalid action [${action}] defined in phase [${name}]`)
    }
  }
  const hot = policy.phases.hot
  if (hot !== undefined && !Object.hasOwn(hot.actions, 'rollover')) {
    const needing = javaStringKeyOrder(Object.keys(hot.actions)).filter((a) =>
      HOT_ACTIONS_THAT_REQUIRE_ROLLOVER.has(a),
    )
    if (needing.length > 0) {
      throw illegalArgumentException(
        `the [${needing.join(', ')}] action(s) may not be used in the [hot] phase without an accompanying [rollover] action`,
      )
    }
  }
  const conflicting = names.filter((name) => {
    const actions = policy.phases[name]!.actions
    const migrate = actions.migrate && (JSON.parse(actions.migrate.json) as { enabled: boolean }).enabled
    return migrate === true && actions.allocate !== undefined && definesAllocationRules(actions.allocate.json)
  })
  if (conflicting.length > 0) {
    throw illegalArgumentException(
      `phases [${conflicting.join(',')}] specify an enabled migrate action and an allocate action with allocation rules. specify only a single data migration in each phase`,
    )
  }
  const frozen = policy.phases.frozen
  if (frozen !== undefined && !Object.hasOwn(frozen.actions, 'searchable_snapshot')) {
    throw illegalArgumentException(
      'policy specifies the [frozen] phase without a corresponding [searchable_snapshot] action, but a searchable snapshot action is required in the frozen phase',
    )
  }
}

function definesAllocationRules(json: string): boolean {
  const allocate = JSON.parse(json) as Record<string, unknown>
  return ['include', 'exclude', 'require'].some((key) => Object.keys(allocate[key] ?? {}).length > 0)
}

/** validateMonotonicallyIncreasingPhaseTimings: one message per phase that a later phase's min_age undercuts. */
export function monotonicPhaseTimingErrors(policy: LifecyclePolicy): string[] {
  const errors: string[] = []
  const invalid = new Set<string>()
  const configured = (name: string): Phase | undefined => {
    const phase = policy.phases[name]
    return phase !== undefined && phase.minAgeMillis !== 0 ? phase : undefined
  }
  ORDERED_VALID_PHASES.forEach((name, i) => {
    const phase = configured(name)
    if (phase === undefined || invalid.has(name)) return
    const bad = ORDERED_VALID_PHASES.slice(i + 1).filter((later) => {
      const next = configured(later)
      return next !== undefined && next.minAgeMillis < phase.minAgeMillis
    })
    if (bad.length === 0) return
    bad.forEach((later) => invalid.add(later))
    const cited = bad.map((later) => `the ${later} phase (min_age: ${toStringMillis(configured(later)!)})`)
    let error = `Your policy is configured to run ${cited.join(', ')}`
    if (cited.length > 1) {
      const last = error.lastIndexOf(',')
      error = `${error.slice(0, last)} and${error.slice(last + 1)}`
    }
    errors.push(
      `${error} before the ${name} phase (min_age: ${toStringMillis(phase)}). You should change the phase timing so that the phases will execute in the order of hot, warm, then cold.`,
    )
  })
  return errors
}

function toStringMillis(phase: Phase): string {
  return humanReadableMillis(phase.minAgeMillis, 1)
}
