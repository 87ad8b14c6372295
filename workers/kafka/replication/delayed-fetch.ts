/**
 * DelayedFetch: a fetch that found fewer than fetch.min.bytes (replica.fetch.min.bytes for followers) and
 * waits up to fetch.max.wait.ms (replica.fetch.wait.max.ms) for more, as Kafka's DelayedFetch. It completes
 * early when enough bytes arrived or a partition changed (leadership moved, an error or a divergence).
 *
 * The read that found the fetch ready is its answer (nothing runs between the check and the answer, so a
 * second read would find the same bytes); a fetch that timed out reads once more when it answers.
 */
import { DelayedOperation } from './delayed-operation.ts'

export interface FetchReadiness {
  bytes: number
  /** A partition now answers an error or a diverging epoch: respond at once. */
  changed: boolean
}

export class DelayedFetch<Read> extends DelayedOperation {
  /** The read that completed the fetch, answered by onComplete. */
  private ready: Read | null = null

  constructor(
    keys: readonly string[],
    private readonly minBytes: number,
    private readonly read: () => Read,
    private readonly readiness: (read: Read) => FetchReadiness,
    private readonly respond: (read: Read) => void,
  ) {
    super(keys)
  }

  tryComplete(): boolean {
    const read = this.read()
    const { bytes, changed } = this.readiness(read)
    if (!changed && bytes < this.minBytes) return false
    this.ready = read
    return this.forceComplete()
  }

  protected onComplete(): void {
    const read = this.ready ?? this.read()
    this.ready = null
    this.respond(read)
  }
}
