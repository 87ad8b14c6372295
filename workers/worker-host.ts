/**
 * What the worker entries share: the host clock functions of a Web Worker, and the named error a
 * stopped broker or node answers with (it crosses Comlink as {name, message}).
 */
export const workerClock = {
  now: (): number => Date.now(),
  setTimeout: (callback: () => void, ms: number): unknown => setTimeout(callback, ms),
}

export const workerScheduler = {
  ...workerClock,
  clearTimeout: (handle: unknown): void => clearTimeout(handle as number),
}

export function stoppedError(name: string, message: string): Error {
  const error = new Error(message)
  error.name = name
  return error
}
