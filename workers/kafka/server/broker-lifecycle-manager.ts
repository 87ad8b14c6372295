/**
 * BrokerLifecycleManager: a broker's side of KRaft liveness (Kafka's BrokerLifecycleManager). It
 * registers with the active controller, then heartbeats every broker.heartbeat.interval.ms (2 s) with
 * how far it has replayed the metadata log; the controller unfences it once it has caught up, and
 * fences it when heartbeats stop. A controlled shutdown asks to be fenced first so that leadership
 * moves away before the process stops; without the controller's approval within 5 minutes (BrokerServer's
 * shutdown timeout: no controller can approve once the quorum lost its majority) the broker stops anyway.
 * A registration that fails (no controller yet, a network fault) is sent again after an exponential backoff
 * of 100 ms doubling up to broker.session.timeout.ms (Kafka's resendExponentialBackoff, here without its
 * jitter), and an unregistered broker registers as soon as the quorum names a controller (Kafka's controller
 * channel sends a queued request once it learns the controller). One answered NOT_CONTROLLER (the quorum's
 * new leader is still replaying the metadata log before it acts as controller) is no failure: Kafka's
 * controller channel sends it again itself, here after retry.backoff.ms (100 ms). A failed heartbeat
 * is sent again at the next interval (Kafka backs off from those too: a deviation kept so that a running
 * broker's heartbeats keep their 2 s rhythm).
 * One registration or heartbeat is out at a time (Kafka's communicationInFlight): one asked for meanwhile
 * (a controlled shutdown, a newly named controller) waits for it and then goes at once, unless it failed.
 * Requests go through the NodeToControllerChannel, which sends one that is out to the previous controller
 * again to a newly named one at once.
 * `whenUnfenced` resolves the first time the controller answers that this incarnation is unfenced: Kafka's
 * BrokerServer enables its client listeners only then (initialUnfenceFuture).
 */
import type { Cancellable, Scheduler } from '../../net/scheduler.ts'
import type { Transport } from '../../net/transport.ts'
import type { ControllerRequest, ControllerResponse } from '../controller/controller-messages.ts'
import type { BrokerEndpoint } from '../metadata/metadata-records.ts'
import { NodeToControllerChannel } from './node-to-controller-channel.ts'

export const HEARTBEAT_INTERVAL_MS = 2000
const REQUEST_TIMEOUT_MS = 2000
const RESEND_BACKOFF_INITIAL_MS = 100
/** retry.backoff.ms: how soon a request answered NOT_CONTROLLER is sent again. */
const NOT_CONTROLLER_RETRY_MS = 100
/** broker.session.timeout.ms: the resend backoff's cap. */
const RESEND_BACKOFF_MAX_MS = 9000
/** BrokerServer.shutdown's default timeout for the controlled shutdown. */
export const CONTROLLED_SHUTDOWN_TIMEOUT_MS = 5 * 60_000

export interface LifecycleDeps {
  brokerId: number
  incarnationId: string
  endpoints: BrokerEndpoint[]
  scheduler: Scheduler
  controllerTransport: Transport<ControllerRequest, ControllerResponse>
  /** The active controller as the metadata quorum knows it, or null during an election. */
  controllerId: () => number | null
  /** The offset of the last metadata record this broker replayed. */
  metadataOffset: () => number
}

export type LifecycleState = 'starting' | 'fenced' | 'running' | 'shutting-down' | 'stopped'

export class BrokerLifecycleManager {
  private brokerEpoch = -1
  private timer: Cancellable | null = null
  private failedAttempts = 0
  /** The last registration was answered NOT_CONTROLLER. */
  private notController = false
  /** A registration or heartbeat is out (Kafka's communicationInFlight). */
  private inFlight = false
  /** A communication was asked for while one was out: the next goes at once (nextSchedulingShouldBeImmediate). */
  private nextAtOnce = false
  private readonly channel: NodeToControllerChannel
  private shutdownWaiter: (() => void) | null = null
  state: LifecycleState = 'starting'
  private unfencedOnce = false
  private unfenced: () => void = () => undefined
  /** Resolves once this incarnation was first unfenced (and never if it stops before). */
  readonly whenUnfenced = new Promise<void>((resolve) => (this.unfenced = resolve))

  constructor(private readonly deps: LifecycleDeps) {
    this.channel = new NodeToControllerChannel({
      scheduler: deps.scheduler,
      transport: deps.controllerTransport,
      controllerId: deps.controllerId,
    })
  }

  get epoch(): number {
    return this.brokerEpoch
  }

  /** Whether the controller has unfenced this incarnation since it started (BrokerServer's listeners are open). */
  get wasUnfenced(): boolean {
    return this.unfencedOnce
  }

  start(): void {
    this.schedule(0)
  }

  /**
   * The quorum names a new controller: a registration or heartbeat out to the previous one goes to it now
   * (the controller channel), and an unregistered broker with none out registers with it now.
   */
  controllerChanged(): void {
    this.channel.controllerChanged()
    if (this.brokerEpoch >= 0 || this.state === 'stopped' || this.state === 'shutting-down') return
    // Failures sending to an earlier controller say nothing about this one (Kafka's controller channel
    // resends a request that got NOT_CONTROLLER to the next controller it learns of, outside this backoff).
    this.failedAttempts = 0
    if (!this.inFlight) this.schedule(0)
  }

  /** Controlled shutdown: resolves once the controller fenced this broker (or at once if none answers). */
  shutdown(): Promise<void> {
    if (this.state === 'stopped' || this.brokerEpoch < 0) return this.stop()
    this.state = 'shutting-down'
    const deadline = this.deps.scheduler.schedule(CONTROLLED_SHUTDOWN_TIMEOUT_MS, () => void this.stop())
    return new Promise((resolve) => {
      this.shutdownWaiter = () => {
        deadline.cancel()
        resolve()
      }
      this.schedule(0)
    })
  }

  /** The process stops: no more heartbeats. */
  stop(): Promise<void> {
    this.timer?.cancel()
    this.timer = null
    this.state = 'stopped'
    this.shutdownWaiter?.()
    this.shutdownWaiter = null
    return Promise.resolve()
  }

  private schedule(delayMs: number): void {
    this.timer?.cancel()
    this.timer = this.deps.scheduler.schedule(delayMs, () => void this.communicate())
  }

  /** Kafka's CommunicationEvent: registers or heartbeats, unless a communication is already out. */
  private async communicate(): Promise<void> {
    if (this.state === 'stopped') return
    if (this.inFlight) {
      this.nextAtOnce = true
      return
    }
    this.inFlight = true
    this.notController = false
    const answered = this.brokerEpoch < 0 ? await this.register() : await this.heartbeat()
    this.inFlight = false
    const failed = !answered && !this.notController
    if (answered) this.failedAttempts = 0
    else if (failed) this.failedAttempts++
    // The state may have changed while the request was out, so read it afresh.
    const state = this.currentState()
    if (state === 'stopped') return
    let delayMs: number
    if (state === 'shutting-down') delayMs = HEARTBEAT_INTERVAL_MS / 4
    else if (answered || this.brokerEpoch >= 0) delayMs = HEARTBEAT_INTERVAL_MS
    else if (this.notController) delayMs = NOT_CONTROLLER_RETRY_MS
    else delayMs = resendBackoffMs(this.failedAttempts - 1)
    // Never at once after a failure (scheduleNextCommunicationAfterFailure).
    this.schedule(this.nextAtOnce && !failed ? 0 : delayMs)
    this.nextAtOnce = false
  }

  private currentState(): LifecycleState {
    return this.state
  }

  /** Whether the controller registered this broker and answered its first heartbeat. */
  private async register(): Promise<boolean> {
    const response = await this.channel.send(
      {
        api: 'BrokerRegistration',
        brokerId: this.deps.brokerId,
        incarnationId: this.deps.incarnationId,
        endpoints: this.deps.endpoints,
        rack: null,
      },
      REQUEST_TIMEOUT_MS,
    )
    if (response?.api === 'BrokerRegistration' && response.error === null) {
      this.brokerEpoch = response.brokerEpoch
      this.state = 'fenced'
      // As Kafka's lifecycle manager does, the first heartbeat follows the registration at once.
      return this.heartbeat()
    }
    this.notController = response?.api === 'BrokerRegistration' && response.error === 'NOT_CONTROLLER'
    return false
  }

  /** Whether the controller answered the heartbeat without an error. */
  private async heartbeat(): Promise<boolean> {
    const response = await this.channel.send(
      {
        api: 'BrokerHeartbeat',
        brokerId: this.deps.brokerId,
        brokerEpoch: this.brokerEpoch,
        currentMetadataOffset: this.deps.metadataOffset(),
        wantShutDown: this.state === 'shutting-down',
      },
      REQUEST_TIMEOUT_MS,
    )
    if (response?.api !== 'BrokerHeartbeat') return false
    if (response.error === 'STALE_BROKER_EPOCH' || response.error === 'BROKER_ID_NOT_REGISTERED') {
      this.brokerEpoch = -1
      return false
    }
    if (response.error !== null) return false
    if (response.shouldShutDown) {
      await this.stop()
      return true
    }
    if (this.state !== 'shutting-down') this.state = response.isFenced ? 'fenced' : 'running'
    if (this.state === 'running' && !this.unfencedOnce) {
      this.unfencedOnce = true
      this.unfenced()
    }
    return true
  }
}

/** ExponentialBackoff(100, 2, broker.session.timeout.ms) after `attempts` failures in a row. */
export function resendBackoffMs(attempts: number): number {
  return Math.min(RESEND_BACKOFF_MAX_MS, RESEND_BACKOFF_INITIAL_MS * 2 ** Math.min(attempts, 20))
}
