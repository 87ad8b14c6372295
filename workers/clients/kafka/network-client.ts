/**
 * NetworkClient: the request counter and connection states of a Java client's NetworkClient, as far as a learner
 * sees them (the correlation id in the client's log lines). One per client (its ClusterConnection).
 *
 * Invariants. The counter starts at 0 and every request the client sends takes the next value. A request on a
 * connection that is not open first opens it, and the ApiVersions request Java sends on each new connection
 * (handleInitiateApiVersionRequests) takes a value before it. Connections are keyed as Java keys its nodes: a
 * bootstrap server by -1, -2, ... (its place in bootstrap.servers) until metadata names the brokers, then a
 * broker by its node id (cluster-connection.ts chooses the key). A request that fails because the broker is
 * unreachable (NetworkError) or stopped (a *StoppedError) closes its connection, so the next one reopens it.
 * Requests Java sends that the playground does not (GetTelemetrySubscriptions, the Sender's startup Metadata)
 * take no value: docs/DEVIATIONS.md lists where the sequence differs.
 */
import type { BrokerApi } from '../../protocol/kafka.ts'
import { methodProxy } from '../../net/method-proxy.ts'

export class NetworkClient {
  private correlation = 0
  private readonly open = new Set<string>()
  /** Each connection's counting view of its broker, so that a connection keeps one identity. */
  private readonly views = new Map<string, { broker: BrokerApi; view: BrokerApi }>()

  /** Sends one request on the connection `connectionId`; `call` sends it and receives its correlation id. */
  async send<T>(connectionId: string, call: (correlationId: number) => Promise<T>): Promise<T> {
    if (!this.open.has(connectionId)) {
      this.open.add(connectionId)
      this.correlation++ // ApiVersions on the new connection
    }
    const correlationId = this.correlation++
    try {
      return await call(correlationId)
    } catch (error) {
      if (error instanceof Error && (error.name === 'NetworkError' || error.name.endsWith('StoppedError')))
        this.open.delete(connectionId)
      throw error
    }
  }

  /** `broker` as reached over the connection `connectionId`: each of its methods sends one request. */
  connection(connectionId: string, broker: BrokerApi): BrokerApi {
    const known = this.views.get(connectionId)
    if (known?.broker === broker) return known.view
    const view = methodProxy(broker, (call) => this.send(connectionId, () => Promise.resolve(call())))
    this.views.set(connectionId, { broker, view })
    return view
  }
}
