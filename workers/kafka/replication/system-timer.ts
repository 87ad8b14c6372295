/**
 * SystemTimer: a purgatory's one timer for the timeouts of its delayed operations, as Kafka's SystemTimer (a
 * hierarchical timing wheel) with the purgatory's one ExpiredOperationReaper: operations are filed by deadline,
 * and a single Scheduler task, armed for the earliest deadline, expires every operation whose deadline has come,
 * then arms itself for the next. An operation that completes leaves the timer at once (TimerTask.cancel), but
 * the armed task is not moved for it: a task armed for a deadline nobody waits on any more runs, finds nothing
 * due and arms for the next deadline, so a purgatory whose operations complete before their timeouts (acks=all
 * produces, follower fetches) sets one host timer per timeout period instead of one per operation.
 *
 * Invariants: an operation expires at its deadline (`add`'s time plus its timeout), never sooner and never when
 * it completed first; operations due at the same time expire in the order they were added; `deadlines` holds
 * exactly the keys of `byDeadline`, ascending.
 */
import type { Cancellable, Scheduler } from '../../net/scheduler.ts'

/** What the timer expires: a delayed operation's forceComplete as timed out. */
export interface TimerTask {
  expire(): void
}

export class SystemTimer {
  /** The operations waiting for each deadline, in the order they were added. */
  private readonly byDeadline = new Map<number, Set<TimerTask>>()
  /** The deadlines of `byDeadline`, ascending. */
  private readonly deadlines: number[] = []
  /** The armed expiration task and its time (Infinity: none armed). */
  private reaper: Cancellable | null = null
  private reaperAt = Infinity

  constructor(private readonly scheduler: Scheduler) {}

  /** Files `task` to expire `timeoutMs` from now; the returned handle takes it out (TimerTask.cancel). */
  add(task: TimerTask, timeoutMs: number): Cancellable {
    const deadline = this.scheduler.now() + Math.max(0, timeoutMs)
    let waiting = this.byDeadline.get(deadline)
    if (waiting === undefined) {
      waiting = new Set()
      this.byDeadline.set(deadline, waiting)
      this.insertDeadline(deadline)
    }
    waiting.add(task)
    if (deadline < this.reaperAt) this.arm(deadline)
    return { cancel: () => this.remove(deadline, task) }
  }

  /** Forgets every task and disarms (the purgatory shuts down). */
  clear(): void {
    this.reaper?.cancel()
    this.reaper = null
    this.reaperAt = Infinity
    this.byDeadline.clear()
    this.deadlines.length = 0
  }

  private remove(deadline: number, task: TimerTask): void {
    const waiting = this.byDeadline.get(deadline)
    if (waiting === undefined || !waiting.delete(task) || waiting.size > 0) return
    this.byDeadline.delete(deadline)
    this.deadlines.splice(this.indexOf(deadline), 1)
  }

  /** Deadlines mostly come in ascending order (one timeout per purgatory): the search starts from the end. */
  private insertDeadline(deadline: number): void {
    let i = this.deadlines.length
    while (i > 0 && this.deadlines[i - 1]! > deadline) i--
    this.deadlines.splice(i, 0, deadline)
  }

  private indexOf(deadline: number): number {
    let low = 0
    let high = this.deadlines.length - 1
    while (low < high) {
      const mid = (low + high) >>> 1
      if (this.deadlines[mid]! < deadline) low = mid + 1
      else high = mid
    }
    return low
  }

  private arm(deadline: number): void {
    this.reaper?.cancel()
    this.reaperAt = deadline
    this.reaper = this.scheduler.schedule(Math.max(0, deadline - this.scheduler.now()), () => this.expire())
  }

  /** The reaper's round (SystemTimer.advanceClock): expires what is due, then arms for the next deadline. */
  private expire(): void {
    this.reaper = null
    this.reaperAt = Infinity
    const now = this.scheduler.now()
    while (this.deadlines.length > 0 && this.deadlines[0]! <= now) {
      const deadline = this.deadlines.shift()!
      const due = this.byDeadline.get(deadline)!
      this.byDeadline.delete(deadline)
      for (const task of due) task.expire()
    }
    const next = this.deadlines[0]
    if (next !== undefined && next < this.reaperAt) this.arm(next)
  }
}
