/**
 * InFlightRequests, as the Java client's NetworkClient counts them: the requests sent to each node and not
 * yet answered. A node can take another request while it has fewer than
 * max.in.flight.requests.per.connection in flight (canSendMore); the limit is per broker connection, so a
 * slow broker holds back only its own requests. Invariant: every count stays within 0..limit.
 */
export class InFlightRequests {
  private readonly counts = new Map<number, number>()

  constructor(private readonly maxInFlightRequestsPerConnection: number) {}

  canSendMore(node: number): boolean {
    return (this.counts.get(node) ?? 0) < this.maxInFlightRequestsPerConnection
  }

  /** A request to the node left. */
  add(node: number): void {
    this.counts.set(node, (this.counts.get(node) ?? 0) + 1)
  }

  /** A request to the node was answered, or failed. */
  completeNext(node: number): void {
    const count = this.counts.get(node) ?? 0
    if (count <= 1) this.counts.delete(node)
    else this.counts.set(node, count - 1)
  }
}
