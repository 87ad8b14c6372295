/**
 * LogFlusher: moves appended log bytes from memory to storage in the background, as the operating system
 * writes Kafka's page cache back to disk: produce and replica fetches answer once the bytes are in its log,
 * never waiting for storage.
 *
 * Schedule (group commit): an append (`appended`) to an idle flusher starts a write at once, so an
 * acknowledged record is on its way to storage as soon as it is in the log. One write is in flight at a time;
 * everything appended meanwhile waits for it and goes into the next write, which starts as soon as the one in
 * flight settles and takes everything owed by then. A busy broker thus makes few, large writes (IndexedDB
 * takes about 10,000 small puts/s but about 600 MB/s in large values) and storage sees the LogManager's
 * operations in the order they were made. No timer is involved: nothing waits for a window to pass.
 *
 * A broker killed before a write finishes loses the bytes of that write and later (the "unflushed data"
 * of kill-broker). A failed write is not retried: its bytes stay readable in memory until the next start.
 */
import type { Storage, StorageOp } from '../../storage/storage.ts'

export class LogFlusher {
  private inFlight: Promise<void> | null = null
  private next: Promise<void> | null = null
  private stopped = false

  constructor(
    private readonly storage: Storage,
    /** The LogManager's takeFlushOps: every storage operation owed since the last call. */
    private readonly takeFlushOps: () => StorageOp[],
  ) {}

  /**
   * Notes that the log changed (an append or a truncation): a write starts at once when none is in flight,
   * else the change joins the next write. Callers do not wait: a failed write is dropped, as documented above.
   */
  appended(): void {
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

  /** The process stops: no write starts any more, not even one already asked for (a killed broker's). */
  stop(): void {
    this.stopped = true
  }

  private start(): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('the log flusher stopped before this write started'))
    const write = this.storage.write(this.takeFlushOps())
    this.inFlight = write
    const settle = (): void => {
      if (this.inFlight === write) this.inFlight = null
    }
    write.then(settle, settle)
    return write
  }
}
