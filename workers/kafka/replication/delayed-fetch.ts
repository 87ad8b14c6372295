/**
 * DelayedFetch: a fetch that found fewer than fetch.min.bytes (replica.fetch.min.bytes for followers) and
 * waits up to fetch.max.wait.ms (replica.fetch.wait.max.ms) for more, as Kafka's DelayedFetch. It completes
 * early when enough bytes arrived or a partition changed (leadership moved, an error or a divergence).
 */
import { DelayedOperation } from './delayed-operation.ts'

export interface FetchReadiness {
  bytes: number
  /** A partition now answers an error or a diverging epoch: respond at once. */
  changed: boolean
}

export class DelayedFetch extends DelayedOperation {
  constructor(
    keys: readonly string[],
    private readonly minBytes: number,
    private readonly readiness: () => FetchReadiness,
    private readonly respond: () => void,
  ) {
    super(keys)
  }

  tryComplete(): boolean {
    const { bytes, changed } = this.readiness()
    return (changed || bytes >= this.minBytes) && this.forceComplete()
  }

  protected onComplete(): void {
    this.respond()
  }
}
