/**
 * What a background job's tool has told about its own end: the latest clock time it is busy until, from the
 * ends it announced (Interrupt.endsBy: a consumer's --timeout-ms, a throttled perf producer's last send, a
 * `sleep`) and the progress it made (Interrupt.progressed: a record toward --max-messages, an acknowledged
 * send). `wait` follows it, so that the scenario runner's idle Ctrl+C on the wait comes no sooner than it would
 * on the job's tool run in the foreground. Invariant: `latest` only grows; a follower hears the latest at once
 * and every later report until it stops following.
 */
import { ProcessSignal } from '../process-signal.ts'

export class JobActivity {
  private latest: number | null = null
  private readonly followers = new Set<(atMs: number) => void>()

  report(atMs: number): void {
    this.latest = Math.max(this.latest ?? atMs, atMs)
    for (const follower of this.followers) follower(atMs)
  }

  /** Calls `follower` with the latest report (if any) and each later one; the returned function stops it. */
  follow(follower: (atMs: number) => void): () => void {
    if (this.latest !== null) follower(this.latest)
    this.followers.add(follower)
    return () => this.followers.delete(follower)
  }
}

/** A job's signal (job-runner.ts) that also passes what its tool tells about its own end on to its activity. */
export class JobSignal extends ProcessSignal {
  constructor(private readonly activity: JobActivity) {
    super()
  }

  endsBy(atMs: number): void {
    this.activity.report(atMs)
  }

  progressed(atMs: number): void {
    this.activity.report(atMs)
  }
}
