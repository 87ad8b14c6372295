/**
 * CoordinatorTimer: keyed timeouts over the injected Scheduler, as Kafka's coordinator runtime keeps them
 * ("join-<group>", "sync-<group>", "heartbeat-<group>-<member>"): scheduling a key replaces the task
 * already under it; cancelling an absent key does nothing.
 */
import type { Cancellable, Scheduler } from '../../net/scheduler.ts'

export class CoordinatorTimer {
  private readonly tasks = new Map<string, Cancellable>()

  constructor(private readonly scheduler: Scheduler) {}

  schedule(key: string, delayMs: number, task: () => void): void {
    this.cancel(key)
    const handle = this.scheduler.schedule(delayMs, () => {
      if (this.tasks.get(key) !== handle) return
      this.tasks.delete(key)
      task()
    })
    this.tasks.set(key, handle)
  }

  cancel(key: string): void {
    this.tasks.get(key)?.cancel()
    this.tasks.delete(key)
  }

  isScheduled(key: string): boolean {
    return this.tasks.has(key)
  }

  cancelAll(): void {
    for (const handle of this.tasks.values()) handle.cancel()
    this.tasks.clear()
  }
}
