/**
 * Finding and calling a group's coordinator, as the Java clients do (AbstractCoordinator.
 * ensureCoordinatorReady and the Admin's CoordinatorStrategy): FindCoordinator on any broker, then the
 * request on the named broker; COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR and COORDINATOR_LOAD_IN_PROGRESS
 * (or a broker that stopped answering) send the client back to FindCoordinator after retry.backoff.ms,
 * until the call's timeout passes.
 */
import type { BrokerApi } from '../../protocol/kafka.ts'
import type { GroupErrorCode } from '../../protocol/kafka-errors.ts'
import type { CoordinatorType, FindCoordinatorResponse } from '../../protocol/kafka-groups.ts'
import type { ClusterConnection } from './cluster-connection.ts'
import { isTimeout, timeoutError } from './errors.ts'

/** retry.backoff.ms */
export const RETRY_BACKOFF_MS = 100

const COORDINATOR_ERRORS: ReadonlySet<GroupErrorCode> = new Set([
  'COORDINATOR_NOT_AVAILABLE',
  'NOT_COORDINATOR',
  'COORDINATOR_LOAD_IN_PROGRESS',
])

/** Whether this error means the client must look for the coordinator again. */
export function isCoordinatorError(error: GroupErrorCode): boolean {
  return COORDINATOR_ERRORS.has(error)
}

export interface Coordinator {
  readonly broker: BrokerApi
  /** The FindCoordinator answer: node id, host and port. */
  readonly node: FindCoordinatorResponse
}

/**
 * One FindCoordinator round for a group (or, with key type TRANSACTION, a transactional id): the
 * coordinator's broker, or null when there is none yet.
 */
export async function findCoordinator(
  connection: ClusterConnection,
  key: string,
  keyType: CoordinatorType = 'GROUP',
  callName?: string,
): Promise<Coordinator | null> {
  const node = await connection.any((broker) => broker.findCoordinator(key, keyType), { callName })
  if (node.error !== 'NONE') return null
  if (connection.node(node.nodeId) === null) await connection.refreshMetadata([])
  const broker = connection.node(node.nodeId)
  return broker === null ? null : { broker, node }
}

/**
 * Runs `call` on the group's coordinator, looking it up again after a coordinator error, a failed
 * call, or no coordinator; gives up with TimeoutException after `attempts` rounds. A lookup that reaches no
 * broker until its deadline fails the call with the TimeoutException of the admin handler's lookup stage,
 * `<apiName>(api=FIND_COORDINATOR)` as AdminApiDriver names it.
 */
export async function callCoordinator<T>(
  connection: ClusterConnection,
  sleep: (ms: number) => Promise<void>,
  groupId: string,
  call: (coordinator: Coordinator) => Promise<T>,
  errorOf: (response: T) => GroupErrorCode,
  attempts: number,
  apiName: string,
  keyType: CoordinatorType = 'GROUP',
): Promise<T> {
  const callName = `${apiName}(api=FIND_COORDINATOR)`
  for (let attempt = 0; attempt < attempts; attempt++) {
    const coordinator = await findCoordinator(connection, groupId, keyType, callName).catch(
      (error: unknown) => {
        if (isTimeout(error)) throw error
        return null
      },
    )
    const response = coordinator === null ? null : await call(coordinator).catch(() => null)
    if (response !== null && !isCoordinatorError(errorOf(response))) return response
    await sleep(RETRY_BACKOFF_MS)
  }
  throw timeoutError('Timed out waiting for a node assignment.')
}
