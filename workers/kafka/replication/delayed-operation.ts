/**
 * DelayedOperation and DelayedOperationPurgatory, as Kafka's: a request that waits for a condition
 * (acks=all replicated, enough bytes to fetch) or for its timeout on the Scheduler, whichever comes first.
 * The purgatory watches each operation under its partition keys; an event on a partition (an append, a
 * follower fetch, an ISR or HW change) checks the operations watching it.
 *
 * Invariant: an operation completes exactly once (forceComplete); its timer is cancelled then.
 */
import type { Cancellable, Scheduler } from '../../net/scheduler.ts'

export abstract class DelayedOperation {
  private completed = false
  private timer: Cancellable | null = null

  constructor(readonly keys: readonly string[]) {}

  get isCompleted(): boolean {
    return this.completed
  }

  /** Completes the operation (and returns true) when its condition holds. */
  abstract tryComplete(): boolean

  /** Runs once, when the condition held or the timeout passed (`expired`). */
  protected abstract onComplete(expired: boolean): void

  forceComplete(expired = false): boolean {
    if (this.completed) return false
    this.completed = true
    this.timer?.cancel()
    this.onComplete(expired)
    return true
  }

  startTimer(scheduler: Scheduler, delayMs: number): void {
    this.timer = scheduler.schedule(delayMs, () => this.forceComplete(true))
  }
}

export class DelayedOperationPurgatory {
  private readonly watchers = new Map<string, Set<DelayedOperation>>()

  constructor(private readonly scheduler: Scheduler) {}

  /** Completes the operation now if it can; otherwise watches it until it can or `timeoutMs` passes. */
  tryCompleteElseWatch(operation: DelayedOperation, timeoutMs: number): void {
    if (operation.tryComplete()) return
    for (const key of operation.keys) {
      const set = this.watchers.get(key) ?? new Set()
      set.add(operation)
      this.watchers.set(key, set)
    }
    operation.startTimer(this.scheduler, timeoutMs)
  }

  /** Checks every operation watching `key`, dropping the completed ones. */
  checkAndComplete(key: string): void {
    const set = this.watchers.get(key)
    if (!set) return
    for (const operation of [...set]) {
      if (operation.isCompleted || operation.tryComplete()) set.delete(operation)
    }
    if (set.size === 0) this.watchers.delete(key)
  }

  /** Completes every watched operation at once (the broker stops). */
  completeAll(): void {
    for (const set of this.watchers.values()) for (const operation of set) operation.forceComplete(true)
    this.watchers.clear()
  }
}
