/**
 * LogFlusher: moves appended log bytes from memory to storage in the background, as the operating system
 * writes Kafka's page cache back to disk: produce and replica fetches answer once the bytes are in the log,
 * never waiting for storage. One write is in flight at a time; every flush requested meanwhile shares the
 * next write, which takes everything appended until it starts (group commit), so storage sees the
 * LogManager's operations in the order they were made and a busy broker makes few, large writes.
 *
 * A broker killed before a write finishes loses the bytes of that write and later (the "unflushed data"
 * of kill-broker). A failed write is not retried: its bytes stay readable in memory until the next start.
 */
import type { Storage, StorageOp } from '../../storage/storage.ts'

export class LogFlusher {
  private inFlight: Promise<void> | null = null
  private next: Promise<void> | null = null

  constructor(
    private readonly storage: Storage,
    /** The LogManager's takeFlushOps: every storage operation owed since the last call. */
    private readonly takeFlushOps: () => StorageOp[],
  ) {}

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

  /** Like flush, for callers that do not wait: a failed write is dropped, as documented above. */
  flushInBackground(): void {
    this.flush().catch(() => undefined)
  }

  private start(): Promise<void> {
    const write = this.storage.write(this.takeFlushOps())
    this.inFlight = write
    const settle = (): void => {
      if (this.inFlight === write) this.inFlight = null
    }
    write.then(settle, settle)
    return write
  }
}
