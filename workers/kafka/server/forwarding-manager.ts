/**
 * ForwardingManager: how a broker sends on a client's request that only the active controller can answer
 * (CreateTopics, DeleteTopics, CreatePartitions, IncrementalAlterConfigs, ElectLeaders, partition reassignments,
 * ACL and feature changes, DescribeQuorum), as Kafka's ForwardingManager does over its NodeToControllerChannelManager (channel
 * "forwarding", retryTimeoutMs 60000, BrokerServer). While the quorum names no leader, while the controller it names
 * cannot be reached (its process is down, or the request timed out: Kafka's NetworkClient then disconnects), or when
 * the node reached answers NOT_CONTROLLER anywhere in its response, the request is queued again and sent to the
 * controller the quorum names next, after reconnect.backoff.ms. So a request made while the active controller
 * fails over is answered by its successor. Only a request still unanswered once the retry timeout passed since it
 * arrived is given up (null: the broker then answers REQUEST_TIMED_OUT, as ForwardingManager's onTimeout does).
 */
import type { Scheduler } from '../../net/scheduler.ts'
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import type { ControllerRequest, ControllerResponse } from '../controller/controller-messages.ts'

/** BrokerServer's retryTimeoutMs for the forwarding channel. */
export const FORWARDING_RETRY_TIMEOUT_MS = 60_000
/** The channel's reconnect.backoff.ms (the client default), between tries. */
const RECONNECT_BACKOFF_MS = 50

export interface ForwardingManagerDeps {
  scheduler: Scheduler
  /** Sends a request to the controller the quorum names now; rejects when it names none or it cannot be reached. */
  sendToController: (request: ControllerRequest) => Promise<ControllerResponse>
}

export class ForwardingManager {
  constructor(private readonly deps: ForwardingManagerDeps) {}

  /** The active controller's answer, or null when none came within the retry timeout. */
  forward(request: ControllerRequest): Promise<ControllerResponse | null> {
    return this.send(() => this.deps.sendToController(request), answersNotController)
  }

  /**
   * Tries `attempt` (a request to the controller the quorum names now) until it is answered by the active
   * controller; null when that did not happen within the retry timeout. DescribeQuorum, which a broker forwards
   * too, comes here with its own attempt.
   */
  async send<T>(
    attempt: () => Promise<T>,
    notController: (response: T) => boolean = () => false,
  ): Promise<T | null> {
    const { scheduler } = this.deps
    const deadline = scheduler.now() + FORWARDING_RETRY_TIMEOUT_MS
    for (;;) {
      try {
        const response = await attempt()
        if (!notController(response)) return response
      } catch {
        // No controller named, or the one named could not be reached: wait for the next.
      }
      if (scheduler.now() + RECONNECT_BACKOFF_MS > deadline) return null
      await scheduler.sleep(RECONNECT_BACKOFF_MS)
    }
  }
}

/** Whether NOT_CONTROLLER is among the response's error codes (Kafka checks its errorCounts). */
function answersNotController(response: ControllerResponse): boolean {
  if ('error' in response && response.error === 'NOT_CONTROLLER') return true
  if (!('results' in response)) return false
  const results: ReadonlyArray<{ readonly error: KafkaErrorName | null }> = response.results
  return results.some((result) => result.error === 'NOT_CONTROLLER')
}
