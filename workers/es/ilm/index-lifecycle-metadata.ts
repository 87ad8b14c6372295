/**
 * IndexLifecycleMetadata in the cluster state (`metadata.ilm`): the policies by name and ILM's operation mode
 * (RUNNING, STOPPING, STOPPED; absent: RUNNING), changed on the master as TransportPutLifecycleAction,
 * TransportDeleteLifecycleAction and OperationModeUpdateTask change them. An index names its policy in the
 * index.lifecycle.name setting; its progress is the index's `lifecycleState` (lifecycle-execution-state.ts).
 */
import { illegalArgumentException } from '../errors/index.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import type { IndexMetadata } from '../index/index-metadata.ts'
import { resourceNotFoundException } from '../cluster/metadata/metadata-errors.ts'
import type { LifecyclePolicy, LifecyclePolicyMetadata } from './lifecycle-policy.ts'

export type OperationMode = 'RUNNING' | 'STOPPING' | 'STOPPED'

export interface IndexLifecycleMetadata {
  readonly policies: Readonly<Record<string, LifecyclePolicyMetadata>>
  readonly operationMode?: OperationMode
}

export function lifecycleMetadata(state: ClusterState): IndexLifecycleMetadata {
  return state.metadata.ilm ?? { policies: {} }
}

export function operationMode(state: ClusterState): OperationMode {
  return lifecycleMetadata(state).operationMode ?? 'RUNNING'
}

/** IndexMetadata.getLifecyclePolicyName: index.lifecycle.name, or null when unset or empty. */
export function lifecyclePolicyName(metadata: IndexMetadata): string | null {
  const name = metadata.otherSettings?.['index.lifecycle.name']
  return typeof name === 'string' && name !== '' ? name : null
}

function withLifecycleMetadata(state: ClusterState, ilm: IndexLifecycleMetadata): ClusterState {
  return { ...state, metadata: { ...state.metadata, ilm } }
}

/** The put: version 1, then one more than the stored one; modified now. */
export function putLifecyclePolicy(
  state: ClusterState,
  name: string,
  policy: LifecyclePolicy,
  now: number,
): ClusterState {
  const current = lifecycleMetadata(state)
  const version = (current.policies[name]?.version ?? 0) + 1
  const policies = { ...current.policies, [name]: { policy, version, modifiedDate: now } }
  return withLifecycleMetadata(state, { ...current, policies })
}

/** The delete: refused while an index names the policy; a missing policy is resource_not_found_exception. */
export function deleteLifecyclePolicy(
  state: ClusterState,
  indices: readonly IndexMetadata[],
  name: string,
): ClusterState {
  const using = indices.filter((metadata) => lifecyclePolicyName(metadata) === name).map((m) => m.name)
  if (using.length > 0) {
    throw illegalArgumentException(
      `Cannot delete policy [${name}]. It is in use by one or more indices: [${using.join(', ')}]`,
    )
  }
  const current = lifecycleMetadata(state)
  if (!Object.hasOwn(current.policies, name))
    throw resourceNotFoundException(`Lifecycle policy not found: ${name}`)
  const policies = { ...current.policies }
  delete policies[name]
  return withLifecycleMetadata(state, { ...current, policies })
}

/** The actions LifecycleAction.isSafeAction calls unsafe: ILM stops only once no index is inside one. */
const UNSAFE_ACTIONS: ReadonlySet<string> = new Set(['shrink', 'searchable_snapshot', 'downsample'])

/**
 * OperationModeUpdateTask: start moves to RUNNING; stop to STOPPING unless already STOPPED, and on to STOPPED at
 * once when no managed index is inside an unsafe action (IndexLifecycleService.triggerPolicies' check).
 */
export function withOperationMode(
  state: ClusterState,
  indices: readonly IndexMetadata[],
  mode: OperationMode,
): ClusterState {
  const current = lifecycleMetadata(state)
  if (mode === 'STOPPING' && operationMode(state) === 'STOPPED') return state
  const busy = indices.some(
    (metadata) =>
      lifecyclePolicyName(metadata) !== null && UNSAFE_ACTIONS.has(metadata.lifecycleState?.action ?? ''),
  )
  const next = mode === 'STOPPING' && !busy ? 'STOPPED' : mode
  return withLifecycleMetadata(state, { ...current, operationMode: next })
}
