/**
 * LogFlusher: moves appended log bytes from memory to storage in the background, as the operating system
 * writes Kafka's page cache back to disk: produce and replica fetches answer once the bytes are in the log,
 * never waiting for storage. Appends only count their bytes (`appended`); a write starts once FLUSH_BYTES
 * wait or FLUSH_INTERVAL_MS after the first unwritten append, as the kernel writes dirty pages back by amount
 * and by age, so a busy broker makes few writes of segment tails of hundreds of KB instead of one per request
 * (IndexedDB takes about 10,000 small puts/s but about 600 MB/s in large values).
 *
 * One write is in flight at a time; every flush asked for meanwhile shares the next write, which takes
 * everything appended until it starts (group commit), so storage sees the LogManager's operations in the
 * order they were made.
 *
 * A broker killed before a write finishes loses the bytes of that write and later (the "unflushed data"
 * of kill-broker). A failed write is not retried: its bytes stay readable in memory until the next start.
 */
import type { Cancellable, Scheduler } from '../../net/scheduler.ts'
import type { Storage, StorageOp } from '../../storage/storage.ts'

/** Appended bytes that start a write at once. */
export const FLUSH_BYTES = 1_048_576
/** The longest an appended byte waits for its write to start. */
export const FLUSH_INTERVAL_MS = 50

export class LogFlusher {
  private inFlight: Promise<void> | null = null
  private next: Promise<void> | null = null
  /** Bytes appended since the last write started. */
  private pendingBytes = 0
  private timer: Cancellable | null = null

  constructor(
    private readonly storage: Storage,
    private readonly scheduler: Scheduler,
    /** The LogManager's takeFlushOps: every storage operation owed since the last call. */
    private readonly takeFlushOps: () => StorageOp[],
  ) {}

  /**
   * Notes `bytes` appended (0 for a change without new bytes, such as a truncation); the write that stores
   * them starts on the schedule above. Callers do not wait: a failed write is dropped, as documented above.
   */
  appended(bytes: number): void {
    this.pendingBytes += bytes
    if (this.pendingBytes >= FLUSH_BYTES) this.flushInBackground()
    else this.timer ??= this.scheduler.schedule(FLUSH_INTERVAL_MS, () => this.flushInBackground())
  }

  private flushInBackground(): void {
    this.flush().catch(() => undefined)
  }

  /** Stores everything appended before the call; resolves once it is stored. */
  flush(): Promise<void> {
    if (this.next) return this.next
    if (!this.inFlight) return this.start()
    const startNext = (): Promise<void> => {
      this.next = null
      return this.start()
    }
    this.next = this.inFlight.then(startNext, startNext)
    return this.next
  }

  /** The process stops: no write starts any more on the schedule. */
  stop(): void {
    this.cancelTimer()
  }

  private cancelTimer(): void {
    this.timer?.cancel()
    this.timer = null
  }

  /** A write takes everything owed, so the count and the timer start again with the next append. */
  private start(): Promise<void> {
    this.cancelTimer()
    this.pendingBytes = 0
    const write = this.storage.write(this.takeFlushOps())
    this.inFlight = write
    const settle = (): void => {
      if (this.inFlight === write) this.inFlight = null
    }
    write.then(settle, settle)
    return write
  }
}
