/**
 * BrokerLifecycleManager: a broker's side of KRaft liveness (Kafka's BrokerLifecycleManager). It
 * registers with the active controller, then heartbeats every broker.heartbeat.interval.ms (2 s) with
 * how far it has replayed the metadata log; the controller unfences it once it has caught up, and
 * fences it when heartbeats stop. A controlled shutdown asks to be fenced first so that leadership
 * moves away before the process stops; without the controller's approval within 5 minutes (BrokerServer's
 * shutdown timeout: no controller can approve once the quorum lost its majority) the broker stops anyway.
 * Requests that fail (no controller yet, a network fault) are retried at the next interval.
 */
import type { Cancellable, Scheduler } from '../../net/scheduler.ts'
import type { Transport } from '../../net/transport.ts'
import type { ControllerRequest, ControllerResponse } from '../controller/controller-messages.ts'
import type { BrokerEndpoint } from '../metadata/metadata-records.ts'

export const HEARTBEAT_INTERVAL_MS = 2000
const REQUEST_TIMEOUT_MS = 2000
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
  private shutdownWaiter: (() => void) | null = null
  state: LifecycleState = 'starting'

  constructor(private readonly deps: LifecycleDeps) {}

  get epoch(): number {
    return this.brokerEpoch
  }

  start(): void {
    this.schedule(0)
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
    this.timer = this.deps.scheduler.schedule(delayMs, () => void this.tick())
  }

  private async tick(): Promise<void> {
    if (this.state === 'stopped') return
    const controller = this.deps.controllerId()
    try {
      if (controller !== null) {
        if (this.brokerEpoch < 0) await this.register(controller)
        else await this.heartbeat(controller)
      }
    } catch {
      // No answer from the controller: try again at the next interval.
    }
    // The state may have changed while the request was out, so read it afresh.
    const state = this.currentState()
    if (state !== 'stopped')
      this.schedule(state === 'shutting-down' ? HEARTBEAT_INTERVAL_MS / 4 : HEARTBEAT_INTERVAL_MS)
  }

  private currentState(): LifecycleState {
    return this.state
  }

  private async register(controller: number): Promise<void> {
    const response = await this.deps.controllerTransport.request(
      controller,
      {
        api: 'BrokerRegistration',
        brokerId: this.deps.brokerId,
        incarnationId: this.deps.incarnationId,
        endpoints: this.deps.endpoints,
        rack: null,
      },
      REQUEST_TIMEOUT_MS,
    )
    if (response.api === 'BrokerRegistration' && response.error === null) {
      this.brokerEpoch = response.brokerEpoch
      this.state = 'fenced'
      // As Kafka's lifecycle manager does, the first heartbeat follows the registration at once.
      await this.heartbeat(controller)
    }
  }

  private async heartbeat(controller: number): Promise<void> {
    const response = await this.deps.controllerTransport.request(
      controller,
      {
        api: 'BrokerHeartbeat',
        brokerId: this.deps.brokerId,
        brokerEpoch: this.brokerEpoch,
        currentMetadataOffset: this.deps.metadataOffset(),
        wantShutDown: this.state === 'shutting-down',
      },
      REQUEST_TIMEOUT_MS,
    )
    if (response.api !== 'BrokerHeartbeat') return
    if (response.error === 'STALE_BROKER_EPOCH' || response.error === 'BROKER_ID_NOT_REGISTERED') {
      this.brokerEpoch = -1
      return
    }
    if (response.error !== null) return
    if (response.shouldShutDown) {
      await this.stop()
      return
    }
    if (this.state !== 'shutting-down') this.state = response.isFenced ? 'fenced' : 'running'
  }
}
