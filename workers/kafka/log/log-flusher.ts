/**
 * LogFlusher: moves appended log bytes from memory to storage in the background, as the operating system
 * writes Kafka's page cache back to disk: produce and replica fetches answer once the bytes are in its log,
 * never waiting for storage.
 *
 * Schedule (group commit): an append (`appended`) asks for a write in a task of its own, never inside the
 * request that appended, so a produce request's answer and the followers' fetch answers it completes go out
 * before storage work begins. That write starts `minGapMs` after the previous write started at the earliest
 * (at once when the flusher has been idle that long), as the kernel's writeback runs on a period rather than
 * per write(2); one write is in flight at a time, and everything appended meanwhile joins the next write,
 * which takes everything owed when it starts. A busy broker thus makes few, large writes (IndexedDB takes
 * about 10,000 small puts/s but about 600 MB/s in large values; each transaction costs the broker's thread
 * its own fixed time) and storage sees the LogManager's operations in the order they were made. `flush`
 * (a controlled shutdown) writes without waiting for the gap.
 *
 * A broker killed before a write finishes loses the bytes of that write and later (the "unflushed data"
 * of kill-broker). A failed write is not retried: its bytes stay readable in memory until the next start.
 */
import type { Cancellable, Scheduler } from '../../net/scheduler.ts'
import type { Storage, StorageOp } from '../../storage/storage.ts'
import type { Allocate } from '../../../engine-wasm/src/log/index.ts'
import { FlushBuffers } from './flush-buffers.ts'

/**
 * The least time between the starts of two background writes. Each IndexedDB transaction and put costs the
 * browser process, and the broker's thread, its own time whatever its size, so a broker under steady load writes
 * every 250 ms (still far inside the seconds Linux leaves dirty pages before writing them back). At 25 ms the
 * browser process spent 40-50% more CPU on the same bytes than at 100 ms (kafka-latency page at 50,000
 * records/s). At 250 ms instead of 100 ms (with flush-buffers.ts lending chunks up to 8 MiB), 1,000,000 records
 * produced through the kafka-throughput page's cluster cost the whole browser 15% less CPU (thread times from
 * /proc, medians of 5 alternating pairs: brokers -12%, the browser process's IndexedDB threads -60%), and 50,000
 * records/s for 8 s on the kafka-latency page 10% less (6 pairs); at 500 ms it cost no less than at 250.
 */
export const LOG_FLUSH_MIN_GAP_MS = 250

export class LogFlusher {
  private inFlight: Promise<void> | null = null
  private next: Promise<void> | null = null
  /** The background write asked for by `appended`, not started yet. */
  private timer: Cancellable | null = null
  private lastStartMs = Number.NEGATIVE_INFINITY
  private stopped = false
  private readonly buffers = new FlushBuffers()

  constructor(
    private readonly storage: Storage,
    /** The LogManager's takeFlushOps: every storage operation owed since the last call, its chunks in `allocate`'s arrays. */
    private readonly takeFlushOps: (allocate: Allocate) => StorageOp[],
    private readonly scheduler: Scheduler,
    private readonly minGapMs = LOG_FLUSH_MIN_GAP_MS,
  ) {}

  /**
   * Notes that the log changed (an append or a truncation): a write starts in a later task, once `minGapMs`
   * passed since the last one started, unless one is already asked for, which then takes the change too.
   * Callers do not wait: a failed write is dropped, as documented above.
   */
  appended(): void {
    if (this.stopped || this.timer || this.next) return
    const delayMs = Math.max(0, this.lastStartMs + this.minGapMs - this.scheduler.now())
    this.timer = this.scheduler.schedule(delayMs, () => {
      this.timer = null
      this.flush().catch(() => undefined)
    })
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
    this.timer?.cancel()
    this.timer = null
  }

  private start(): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('the log flusher stopped before this write started'))
    // This write takes everything owed, so a background write still asked for has nothing left to do.
    this.timer?.cancel()
    this.timer = null
    this.lastStartMs = this.scheduler.now()
    // The ops' values are copies of the log that nothing changes until the write settles: handed over, the storage
    // may take them off this thread. Their buffers are lent again to the next write (one write is in flight at a time).
    const write = this.storage.write(this.takeFlushOps(this.buffers.allocate), {
      handedOver: true,
      giveBack: this.buffers.giveBack,
    })
    this.inFlight = write
    const settle = (): void => {
      this.buffers.release()
      if (this.inFlight === write) this.inFlight = null
    }
    write.then(settle, settle)
    return write
  }
}
