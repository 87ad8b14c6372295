/**
 * What the realms with a host event loop share (the worker entries and the page): the Scheduler over the
 * host's own timers, and the named error a stopped broker or node answers with (it crosses Comlink as
 * {name, message}).
 */
import { SystemScheduler } from './net/scheduler.ts'

export const hostScheduler = new SystemScheduler({
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as number),
})

export function stoppedError(name: string, message: string): Error {
  const error = new Error(message)
  error.name = name
  return error
}
