/**
 * The host's timers without HTML's nesting clamp, for the realms with a host event loop (the page and the
 * workers). HTML raises a timeout below 4 ms to 4 ms once timers nest more than 5 deep (a timer set from a
 * timer's task, or from a microtask of it), which Chromium does: a producer's linger.ms=1 wake-up, set while
 * a chain of timers runs, waited 4 ms, and every short wait of a busy loop did too. Kafka's threads wait for
 * exactly what they ask (the Sender's poll timeout, a DelayedOperation's timer).
 *
 * A timeout below the clamp is therefore started from a task of its own: a message on a MessageChannel,
 * whose task has no timer nesting, sets the host timer (a timeout of 0 runs there and then). Longer timeouts
 * go to the host timer directly, where the clamp changes nothing.
 *
 * Invariants: a callback runs at most once, never after its timer was cleared, and no sooner than `ms`
 * after `setHostTimeout`; timers below the clamp start in the order they were set.
 */

/** HTML's timer clamp: nested timeouts below this wait this long. */
const NESTING_CLAMP_MS = 4

export interface HostTimer {
  cleared: boolean
  /** The host timer once one is set. */
  handle: ReturnType<typeof setTimeout> | undefined
}

interface PendingTimer {
  timer: HostTimer
  callback: () => void
  ms: number
}

/** Timers below the clamp waiting for their message's task, oldest first. */
const pending: PendingTimer[] = []
let channel: MessageChannel | null = null

function startPending(): void {
  const next = pending.shift()
  if (next === undefined || next.timer.cleared) return
  if (next.ms <= 0) next.callback()
  else next.timer.handle = setTimeout(next.callback, next.ms)
}

function post(): void {
  if (channel === null) {
    channel = new MessageChannel()
    channel.port1.onmessage = startPending
  }
  channel.port2.postMessage(null)
}

export function setHostTimeout(callback: () => void, ms: number): HostTimer {
  const timer: HostTimer = { cleared: false, handle: undefined }
  const run = (): void => {
    if (!timer.cleared) callback()
  }
  if (ms >= NESTING_CLAMP_MS) timer.handle = setTimeout(run, ms)
  else {
    pending.push({ timer, callback: run, ms })
    post()
  }
  return timer
}

export function clearHostTimeout(timer: HostTimer): void {
  timer.cleared = true
  if (timer.handle !== undefined) clearTimeout(timer.handle)
}
