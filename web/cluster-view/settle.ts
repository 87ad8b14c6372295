/**
 * How the cluster view waits on a worker: a call's value, or null when it fails or does not answer within
 * CALL_TIMEOUT_MS (a killed worker never answers), so one silent member never stalls a refresh.
 */
import { hostScheduler } from '../../workers/worker-host.ts'

const CALL_TIMEOUT_MS = 1500

export function settle<T>(call: Promise<T> | null): Promise<T | null> {
  if (!call) return Promise.resolve(null)
  return Promise.race([call.catch(() => null), hostScheduler.sleep(CALL_TIMEOUT_MS).then(() => null)])
}
