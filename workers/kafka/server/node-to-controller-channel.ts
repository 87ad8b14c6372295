/**
 * NodeToControllerChannel: how a broker's lifecycle manager reaches the active controller (Kafka's
 * NodeToControllerChannelManager, the "heartbeat" channel BrokerServer builds). It carries one request at a
 * time to the controller the metadata quorum names now. When the quorum names another controller while a
 * request is out, the request is sent again to the new one at once and whatever the old controller answers
 * later is dropped: Kafka's channel sees its connection to the departed controller close, puts the request
 * back at the front of its queue and sends it to the next controller it learns of. A request not answered
 * within its retry timeout, counted from when it was first sent, ends unanswered (Kafka's onTimeout); so
 * does one failing on the network, or sent while the quorum names no controller (the caller backs off).
 *
 * Invariant: at most one request is out at a time (`send` is not called again before it settles); the
 * answer returned is the current controller's, never an abandoned one's.
 */
import type { Scheduler } from '../../net/scheduler.ts'
import type { Transport } from '../../net/transport.ts'
import type { ControllerRequest, ControllerResponse } from '../controller/controller-messages.ts'

export interface ControllerChannelDeps {
  scheduler: Scheduler
  transport: Transport<ControllerRequest, ControllerResponse>
  /** The active controller as the metadata quorum knows it, or null during an election. */
  controllerId: () => number | null
}

/** A request's outcome: the controller's answer, or null when none came (network, timeout, no controller). */
export type ControllerAnswer = ControllerResponse | null

export class NodeToControllerChannel {
  /** Sends the request out now to the newly named controller; set while a request is out. */
  private redirect: (() => void) | null = null

  constructor(private readonly deps: ControllerChannelDeps) {}

  /** The quorum named a new controller: a request out to another one goes to it now. */
  controllerChanged(): void {
    this.redirect?.()
  }

  /** Sends `request` to the active controller; resolves with its answer, or null after `retryTimeoutMs`. */
  async send(request: ControllerRequest, retryTimeoutMs: number): Promise<ControllerAnswer> {
    const { scheduler, transport, controllerId } = this.deps
    const deadline = scheduler.now() + retryTimeoutMs
    for (;;) {
      const target = controllerId()
      const remaining = deadline - scheduler.now()
      if (target === null || remaining <= 0) return null
      const redirected = new Promise<'redirected'>((resolve) => {
        this.redirect = () => {
          const next = controllerId()
          if (next !== null && next !== target) resolve('redirected')
        }
      })
      const answer = transport.request(target, request, remaining).then(
        (response) => ({ response }),
        () => ({ response: null }),
      )
      const outcome = await Promise.race([answer, redirected])
      this.redirect = null
      if (outcome !== 'redirected') return outcome.response
    }
  }
}
