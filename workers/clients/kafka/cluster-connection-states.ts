/**
 * ClusterConnectionStates (org.apache.kafka.clients.ClusterConnectionStates): when a client may try each
 * connection again after a failed attempt, and the WARN the Java NetworkClient logs for each attempt that could
 * not be established (processDisconnection, state NOT_CONNECTED).
 *
 * Invariants. A connection is keyed as the NetworkClient keys it (-1, -2, ... for the bootstrap servers, else the
 * node id). Its n-th consecutive failure (from 0) holds it back for the reconnect ExponentialBackoff(n):
 * reconnect.backoff.ms (50) doubling up to reconnect.backoff.max.ms (1000), with jitter 0.2 drawn from the
 * client's seeded Random, so a run replays exactly. A connection that answers resets its count (`ready`).
 */
import type { Random } from '../../net/random.ts'
import { ExponentialBackoff, RETRY_BACKOFF_EXP_BASE, RETRY_BACKOFF_JITTER } from './exponential-backoff.ts'
import type { LogContext } from './log-context.ts'

/** reconnect.backoff.ms and reconnect.backoff.max.ms (CommonClientConfigs defaults). */
const RECONNECT_BACKOFF_MS = 50
const RECONNECT_BACKOFF_MAX_MS = 1000

const NETWORK_CLIENT_LOGGER = 'org.apache.kafka.clients.NetworkClient'

interface NodeConnectionState {
  failedAttempts: number
  /** When the connection may be tried again. */
  readyAtMs: number
}

export class ClusterConnectionStates {
  private readonly states = new Map<string, NodeConnectionState>()
  private readonly reconnectBackoff: ExponentialBackoff

  constructor(
    random: Random,
    private readonly logContext: LogContext | null,
  ) {
    this.reconnectBackoff = new ExponentialBackoff(
      RECONNECT_BACKOFF_MS,
      RETRY_BACKOFF_EXP_BASE,
      RECONNECT_BACKOFF_MAX_MS,
      RETRY_BACKOFF_JITTER,
      random,
    )
  }

  /** Whether the connection's reconnect backoff has passed (ClusterConnectionStates.canConnect). */
  canConnect(id: string, nowMs: number): boolean {
    return (this.states.get(id)?.readyAtMs ?? 0) <= nowMs
  }

  /** When the connection may be tried again (0 when it may be tried now). */
  readyAt(id: string): number {
    return this.states.get(id)?.readyAtMs ?? 0
  }

  /**
   * The attempt to connect to `address` failed: logged as NetworkClient logs it, and the connection is held back
   * for its next reconnect backoff.
   */
  connectionFailed(id: string, address: string, nowMs: number): void {
    this.logContext?.warn(
      NETWORK_CLIENT_LOGGER,
      `Connection to node ${id} (${address}) could not be established. Node may not be available.`,
    )
    const state = this.states.get(id) ?? { failedAttempts: 0, readyAtMs: 0 }
    state.readyAtMs = nowMs + this.reconnectBackoff.backoff(state.failedAttempts)
    state.failedAttempts++
    this.states.set(id, state)
  }

  /** The connection answered: its failures no longer count. */
  ready(id: string): void {
    this.states.delete(id)
  }
}
