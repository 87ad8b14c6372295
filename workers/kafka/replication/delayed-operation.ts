/**
 * DelayedOperation and DelayedOperationPurgatory, as Kafka's: a request that waits for a condition
 * (acks=all replicated, enough bytes to fetch) or for its timeout, whichever comes first.
 * The purgatory watches each operation under its partition keys; an event on a partition (an append, a
 * follower fetch, an ISR or HW change) checks the operations watching it. Timeouts are kept by the
 * purgatory's one SystemTimer (system-timer.ts), as Kafka's purgatory keeps them in its timing wheel with one
 * expiration reaper, not by a Scheduler task per operation.
 *
 * Invariant: an operation completes exactly once (forceComplete); it leaves the timer then.
 */
import type { Cancellable, Scheduler } from '../../net/scheduler.ts'
import { SystemTimer, type TimerTask } from './system-timer.ts'

export abstract class DelayedOperation implements TimerTask {
  private completed = false
  /** Its place in the purgatory's timer (Kafka's TimerTaskEntry), taken out when it completes. */
  private timerTaskEntry: Cancellable | null = null

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
    this.timerTaskEntry?.cancel()
    this.timerTaskEntry = null
    this.onComplete(expired)
    return true
  }

  /** Its timeout came (the timer's run): it completes as expired unless it completed first. */
  expire(): void {
    this.forceComplete(true)
  }

  /** Files it in `timer` to expire in `timeoutMs` (Timer.add). */
  startTimer(timer: SystemTimer, timeoutMs: number): void {
    this.timerTaskEntry = timer.add(this, timeoutMs)
  }
}

export class DelayedOperationPurgatory {
  private readonly watchers = new Map<string, Set<DelayedOperation>>()
  private readonly timeoutTimer: SystemTimer

  constructor(scheduler: Scheduler) {
    this.timeoutTimer = new SystemTimer(scheduler)
  }

  /** Completes the operation now if it can; otherwise watches it until it can or `timeoutMs` passes. */
  tryCompleteElseWatch(operation: DelayedOperation, timeoutMs: number): void {
    if (operation.tryComplete()) return
    for (const key of operation.keys) {
      const set = this.watchers.get(key) ?? new Set()
      set.add(operation)
      this.watchers.set(key, set)
    }
    operation.startTimer(this.timeoutTimer, timeoutMs)
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
    this.timeoutTimer.clear()
  }
}
