/**
 * What the realms with a host event loop share (the worker entries and the page): the Scheduler over the
 * host's own timers (host-timers.ts: without HTML's nesting clamp), the named error a stopped broker or node
 * answers with (it crosses Comlink as {name, message}), and how a worker entry exposes its process to the page.
 */
import * as Comlink from 'comlink'
import { clearHostTimeout, setHostTimeout, type HostTimer } from './host-timers.ts'
import { SystemScheduler } from './net/scheduler.ts'
import { gatedApi, type Pausable, type ProcessPause } from './net/process-pause.ts'

export const hostScheduler = new SystemScheduler({
  now: () => Date.now(),
  setTimeout: setHostTimeout,
  clearTimeout: (handle) => clearHostTimeout(handle as HostTimer),
})

export function stoppedError(name: string, message: string): Error {
  const error = new Error(message)
  error.name = name
  return error
}

/** What the page does to a host process from outside: wire it to a peer, close a peer's end, cut its links. */
interface HostWiring {
  connectPeer(peerId: number, port: unknown): void
  disconnectPeer(peerId: number): void
  blockPeers(peerIds: number[]): void
}

/**
 * Exposes a broker's or node's worker API to the page: its calls wait while the process is paused, while
 * wiring, network cuts, pause and resume act on the host at once (they take effect while it is paused).
 */
export function exposeHostProcess<Api extends HostWiring>(api: Api, paused: ProcessPause): void {
  Comlink.expose({
    ...gatedApi(api, paused),
    connectPeer: (peerId: number, port: unknown) => api.connectPeer(peerId, port),
    disconnectPeer: (peerId: number) => api.disconnectPeer(peerId),
    blockPeers: (peerIds: number[]) => api.blockPeers(peerIds),
    pause: () => paused.pause(),
    resume: () => paused.resume(),
  } satisfies HostWiring & Pausable)
}
