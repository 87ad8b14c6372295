/**
 * What the realms with a host event loop share (the worker entries and the page): the Scheduler over the
 * host's own timers, and the named error a stopped broker or node answers with (it crosses Comlink as
 * {name, message}).
 *
 * Timers shorter than 4 ms go through `scheduler.postTask` where the host has it: a setTimeout scheduled
 * from inside another timer's callback is clamped to at least 4 ms once five are nested (HTML's timer
 * initialization steps), which would turn a producer's linger.ms=1 into 4 ms; postTask's delay has no
 * such clamp. Longer timers, and hosts without postTask, use setTimeout.
 */
import { SystemScheduler } from './net/scheduler.ts'

/** The part of the Prioritized Task Scheduling API used here (not yet in TypeScript's DOM library). */
interface TaskScheduler {
  postTask(callback: () => void, options: { delay: number; signal: AbortSignal }): Promise<void>
}

const CLAMPED_BELOW_MS = 4
const taskScheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler

function shortTimer(callback: () => void, ms: number): AbortController {
  const controller = new AbortController()
  // An aborted task rejects its promise: that is the cancellation, not an error.
  taskScheduler?.postTask(callback, { delay: ms, signal: controller.signal }).catch(() => undefined)
  return controller
}

export const hostScheduler = new SystemScheduler({
  now: () => Date.now(),
  setTimeout: (callback, ms) =>
    ms < CLAMPED_BELOW_MS && taskScheduler ? shortTimer(callback, ms) : setTimeout(callback, ms),
  clearTimeout: (handle) => {
    if (handle instanceof AbortController) handle.abort()
    else clearTimeout(handle as number)
  },
})

export function stoppedError(name: string, message: string): Error {
  const error = new Error(message)
  error.name = name
  return error
}
