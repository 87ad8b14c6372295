/**
 * The browser's Transport: requests and responses as messages on one MessagePort per peer (the page
 * creates a MessageChannel for every pair of workers and hands each side its port). Messages are
 * structured-cloned by postMessage, except the buffers a request or a handler's response was marked with
 * (transfer-list.ts: a leader's fetch answer gives its record bytes away, and the follower's next fetch gives
 * their buffers back), which are transferred. A peer
 * whose process ended (stopped or killed: `disconnect`) refuses requests at once, as a closed port does; a
 * peer that cannot be reached (a cut link) never answers, and the request times out.
 * Timeouts are checked as Kafka's NetworkClient checks them (handleTimedOutRequests), not with a timer per
 * request: one timer, armed for the earliest deadline of the requests in flight, fails those past theirs.
 * With a ProcessPause, a paused node's port holds what arrives and what the node sends until it resumes (a
 * SIGSTOPped process reads and writes nothing).
 *
 * Message format: `{ t: 'q', id, body }` for a request, `{ t: 's', id, ok: true, body }` or
 * `{ t: 's', id, ok: false, error: { name, message } }` for its response; ids are per transport (unique
 * among its requests to every peer), and a response counts only from the peer its request went to.
 */
import type { Cancellable, Scheduler } from './scheduler.ts'
import type { ProcessPause } from './process-pause.ts'
import { handleRequest, NetworkError, type RequestHandler, type Transport } from './transport.ts'
import { transferListOf } from './transfer-list.ts'

/** The part of a MessagePort this needs, so the core names no DOM type. */
export interface PortLike {
  /** Sends `message`, moving the buffers of `transfer` (detached here once sent), as MessagePort does. */
  postMessage(message: unknown, transfer: ArrayBuffer[]): void
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
  /** Starts delivery of queued messages, as MessagePort.start does. */
  start(): void
}

/** A request in flight: whom it went to, when it times out, and how its caller hears the outcome. */
interface InFlightRequest<Res> {
  peer: number
  deadline: number
  resolve: (value: Res) => void
  reject: (error: Error) => void
}

type Wire =
  | { t: 'q'; id: number; body: unknown }
  | { t: 's'; id: number; ok: true; body: unknown }
  | { t: 's'; id: number; ok: false; error: { name: string; message: string } }

export class PortTransport<Req, Res> implements Transport<Req, Res> {
  private readonly ports = new Map<number, PortLike>()
  private readonly pending = new Map<number, InFlightRequest<Res>>()
  /** The timeout check armed for the earliest deadline in flight, and that deadline (Infinity: none armed). */
  private timeoutCheck: Cancellable | null = null
  private timeoutCheckAt = Infinity
  private handler: RequestHandler<Req, Res> | null = null
  private blocked = new Set<number>()
  private nextId = 0

  constructor(
    readonly nodeId: number,
    private readonly scheduler: Scheduler,
    private readonly process?: ProcessPause,
  ) {}

  connect(peer: number, port: PortLike): void {
    this.ports.set(peer, port)
    port.addEventListener('message', (event) =>
      this.asNode(() => this.receive(peer, port, event.data as Wire)),
    )
    port.start()
  }

  serve(handler: RequestHandler<Req, Res> | null): void {
    this.handler = handler
  }

  /**
   * The peer's process ended: its socket is closed, as the kernel closes an exited process's sockets. Requests
   * in flight to it fail as over a reset connection, and new ones fail at once as against a closed port (the
   * NetworkError `disconnected`), until `connect` hands over a port to its next process.
   */
  disconnect(peer: number): void {
    this.ports.delete(peer)
    for (const [id, request] of this.pending) {
      if (request.peer !== peer) continue
      this.pending.delete(id)
      this.asNode(() => request.reject(new NetworkError('disconnected', peer)))
    }
  }

  /** Drops every message to and from these peers, as a cut network link does; an empty list heals. */
  block(peers: readonly number[]): void {
    this.blocked = new Set(peers)
  }

  request(to: number, request: Req, timeoutMs: number): Promise<Res> {
    // A node's requests to itself (a combined-mode broker registering with its own controller) stay local.
    if (to === this.nodeId) {
      const handler = this.handler
      if (!handler) return Promise.reject(new NetworkError('disconnected', to))
      return handleRequest(handler, to, structuredClone(request)).then((response) =>
        structuredClone(response),
      )
    }
    const port = this.blocked.has(to) ? undefined : this.ports.get(to)
    if (!port && !this.blocked.has(to)) return Promise.reject(new NetworkError('disconnected', to))
    const id = this.nextId++
    const deadline = this.scheduler.now() + timeoutMs
    return new Promise<Res>((resolve, reject) => {
      this.pending.set(id, { peer: to, deadline, resolve, reject })
      this.armTimeoutCheck(deadline)
      this.asNode(() =>
        port?.postMessage({ t: 'q', id, body: request } satisfies Wire, transferListOf(request)),
      )
    })
  }

  /** Arms the timeout check for `deadline` unless one is armed no later. */
  private armTimeoutCheck(deadline: number): void {
    if (deadline >= this.timeoutCheckAt) return
    this.timeoutCheck?.cancel()
    this.timeoutCheckAt = deadline
    this.timeoutCheck = this.scheduler.schedule(Math.max(deadline - this.scheduler.now(), 0), () =>
      this.handleTimedOutRequests(),
    )
  }

  /** NetworkClient.handleTimedOutRequests: fails the requests past their deadline, arms the next check. */
  private handleTimedOutRequests(): void {
    this.timeoutCheck = null
    this.timeoutCheckAt = Infinity
    const now = this.scheduler.now()
    let next = Infinity
    for (const [id, request] of this.pending) {
      if (request.deadline > now) next = Math.min(next, request.deadline)
      else {
        this.pending.delete(id)
        request.reject(new NetworkError('timeout', request.peer))
      }
    }
    if (next < Infinity) this.armTimeoutCheck(next)
  }

  private receive(peer: number, port: PortLike, message: Wire): void {
    if (this.blocked.has(peer)) return
    if (message.t === 's') {
      const waiter = this.pending.get(message.id)
      if (waiter?.peer !== peer) return
      this.pending.delete(message.id)
      if (message.ok) waiter.resolve(message.body as Res)
      else waiter.reject(Object.assign(new Error(message.error.message), { name: message.error.name }))
      return
    }
    const handler = this.handler
    if (!handler) {
      port.postMessage(
        {
          t: 's',
          id: message.id,
          ok: false,
          error: { name: 'NetworkError', message: `node ${this.nodeId} is not serving` },
        } satisfies Wire,
        [],
      )
      return
    }
    const reply = (wire: Wire, transfer: ArrayBuffer[] = []): void => {
      this.asNode(() => {
        if (!this.blocked.has(peer)) port.postMessage(wire, transfer)
      })
    }
    handleRequest(handler, peer, message.body as Req).then(
      (body) => reply({ t: 's', id: message.id, ok: true, body }, transferListOf(body)),
      (error: unknown) =>
        reply({
          t: 's',
          id: message.id,
          ok: false,
          error:
            error instanceof Error
              ? { name: error.name, message: error.message }
              : { name: 'Error', message: String(error) },
        } satisfies Wire),
    )
  }

  /** Runs `action` now, or when the node resumes if it is paused. */
  private asNode(action: () => void): void {
    if (this.process) this.process.run(action)
    else action()
  }
}
