/**
 * The `ilm` indicator (IlmHealthIndicatorService, ES 8.17):
 * - no policy: green, "No Index Lifecycle Management policies configured";
 * - ILM not RUNNING: yellow, "Index Lifecycle Management is not running", the automation_disabled impact and the
 *   ilm_disabled diagnosis;
 * - else each managed index is stagnating when its action is one of the watched ones and it has been on it over a
 *   day, or when it sits on one of the action's watched steps after more than 100 retries: none is green, "Index
 *   Lifecycle Management is running"; some are yellow ("An index has" / "N indices have" stayed on the same action
 *   longer than expected), the stagnating_index impact and one diagnosis per action (HashMap order of the action
 *   names) with its policies and indices (HashSet order, at most `size` each).
 * Details (verbose) are a HashMap: ilm_status, policies, stagnating_indices and, when some stagnate, the count per
 * watched action.
 */
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { indicesMetadata } from '../cluster/metadata/es-index-metadata.ts'
import { lifecycleMetadata, lifecyclePolicyName, operationMode } from '../ilm/index-lifecycle-metadata.ts'
import { javaHashMapKeyOrder, javaStringKeyOrder } from '../../net/java-hash.ts'
import type { JsonOut } from '../xcontent/index.ts'
import type { Diagnosis, HealthIndicatorImpact, HealthIndicatorResult } from './health-indicator-result.ts'

const NAME = 'ilm'
const ONE_DAY_MS = 86_400_000
const MAX_RETRIES = 100

/** RULES_BY_ACTION_CONFIG: the watched actions and the steps whose retries count. */
const RULES: Readonly<Record<string, readonly string[]>> = {
  rollover: ['wait-for-active-shards'],
  migrate: [],
  searchable_snapshot: ['wait-for-data-tier', 'wait-for-index-color', 'wait-for-shard-history-leases'],
  delete: ['wait-for-shard-history-leases'],
  shrink: ['wait-for-shard-history-leases'],
  allocate: [],
  forcemerge: ['wait-for-index-color'],
  downsample: ['wait-for-shard-history-leases'],
}

interface IndexIlmState {
  readonly index: string
  readonly policy: string
  readonly action: string
}

function stagnatingIndices(state: ClusterState, now: number): IndexIlmState[] {
  const out: IndexIlmState[] = []
  const byName = new Map(indicesMetadata(state).map((metadata) => [metadata.name, metadata]))
  for (const name of javaStringKeyOrder([...byName.keys()])) {
    const metadata = byName.get(name)!
    const policy = lifecyclePolicyName(metadata)
    const lifecycle = metadata.lifecycleState
    if (policy === null || lifecycle?.action === undefined) continue
    const steps = RULES[lifecycle.action]
    if (steps === undefined) continue
    const timeOnAction = lifecycle.actionTime === undefined ? 0 : now - lifecycle.actionTime
    const retried =
      steps.includes(lifecycle.step ?? '') && (lifecycle.failedStepRetryCount ?? 0) > MAX_RETRIES
    if (timeOnAction > ONE_DAY_MS || retried) out.push({ index: name, policy, action: lifecycle.action })
  }
  return out
}

const AUTOMATION_DISABLED: HealthIndicatorImpact = {
  id: 'automation_disabled',
  severity: 3,
  description:
    'Automatic index lifecycle and data retention management is disabled. The performance and stability of the ' +
    'cluster could be impacted.',
  areas: ['deployment_management'],
}

const STAGNATING_INDEX: HealthIndicatorImpact = {
  id: 'stagnating_index',
  severity: 3,
  description:
    'Automatic index lifecycle and data retention management cannot make progress on one or more indices. The ' +
    'performance and stability of the indices and/or the cluster could be impacted.',
  areas: ['deployment_management'],
}

const ILM_NOT_RUNNING: Diagnosis = {
  definition: {
    id: 'ilm_disabled',
    cause: 'Index Lifecycle Management is stopped',
    action: 'Start Index Lifecycle Management using [POST /_ilm/start].',
    helpUrl: 'https://ela.st/fix-ilm',
  },
  resources: [],
}

function details(mode: string, policies: number, stagnating: readonly IndexIlmState[]): JsonOut {
  const values = new Map<string, JsonOut>([
    ['ilm_status', mode],
    ['policies', policies],
    ['stagnating_indices', stagnating.length],
  ])
  if (stagnating.length > 0) {
    const perAction = new Map<string, JsonOut>()
    for (const action of javaStringKeyOrder(Object.keys(RULES)))
      perAction.set(action, stagnating.filter((s) => s.action === action).length)
    values.set('stagnating_indices_per_action', perAction)
  }
  return new Map(javaHashMapKeyOrder([...values.keys()]).map((key) => [key, values.get(key)!]))
}

function stagnatingDiagnoses(stagnating: readonly IndexIlmState[], max: number): Diagnosis[] {
  const actions = javaStringKeyOrder([...new Set(stagnating.map((s) => s.action))])
  return actions.map((action) => {
    const on = stagnating.filter((s) => s.action === action).slice(0, max)
    return {
      definition: {
        id: `stagnating_action:${action}`,
        cause: `Some indices have been stagnated on the action [${action}] longer than the expected time.`,
        action:
          'Check the current status of the Index Lifecycle Management service using the [/_ilm/explain] API.',
        helpUrl: 'https://ela.st/ilm-explain',
      },
      resources: [
        { type: 'ilm_policies', values: javaStringKeyOrder([...new Set(on.map((s) => s.policy))]) },
        { type: 'indices', values: javaStringKeyOrder(on.map((s) => s.index)) },
      ],
    }
  })
}

export function ilmIndicator(
  state: ClusterState,
  verbose: boolean,
  max: number,
  now: number,
): HealthIndicatorResult {
  const policies = Object.keys(lifecycleMetadata(state).policies).length
  const mode = operationMode(state)
  const result = { name: NAME, impacts: [], diagnoses: [] }
  if (policies === 0) {
    const symptom = 'No Index Lifecycle Management policies configured'
    return { ...result, status: 'green', symptom, details: verbose ? details(mode, 0, []) : null }
  }
  if (mode !== 'RUNNING') {
    return {
      ...result,
      status: 'yellow',
      symptom: 'Index Lifecycle Management is not running',
      details: verbose ? details(mode, policies, []) : null,
      impacts: [AUTOMATION_DISABLED],
      diagnoses: [ILM_NOT_RUNNING],
    }
  }
  const stagnating = stagnatingIndices(state, now)
  if (stagnating.length === 0) {
    const symptom = 'Index Lifecycle Management is running'
    return { ...result, status: 'green', symptom, details: verbose ? details(mode, policies, []) : null }
  }
  return {
    ...result,
    status: 'yellow',
    symptom: `${stagnating.length > 1 ? `${stagnating.length} indices have` : 'An index has'} stayed on the same action longer than expected.`,
    details: verbose ? details(mode, policies, stagnating) : null,
    impacts: [STAGNATING_INDEX],
    diagnoses: stagnatingDiagnoses(stagnating, max),
  }
}
