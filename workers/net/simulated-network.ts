/**
 * SimulatedNetwork: the network between the nodes of a simulated cluster, on a DeterministicTaskQueue.
 * Every message is delivered after a seeded latency, copied as postMessage copies it. Faults, each a
 * real-life event a learner can cause: a node's process is down (requests to it are reset), a node is
 * paused (it neither answers nor acts: messages to it, its replies, its own sends and its requests'
 * timeouts wait until it resumes), links between groups of nodes
 * are cut (messages are lost; the sender times out; cutting only some links leaves a node that bridges two
 * sides), and messages are dropped at a seeded rate, or only answers (the request was served, its sender
 * never learns the outcome and times out).
 *
 * Invariant: with the same seed and the same calls, deliveries happen in the same order at the same times.
 */
import type { Random } from './random.ts'
import type { Scheduler } from './scheduler.ts'
import { handleRequest, NetworkError, type RequestHandler, type Transport } from './transport.ts'

export interface NetworkOptions {
  /** One-way latency range in milliseconds, inclusive. */
  minLatencyMs: number
  maxLatencyMs: number
}

interface NodeState {
  handler: RequestHandler<unknown, unknown> | null
  paused: boolean
  /** Deliveries held while paused, released in order on resume. */
  held: Array<() => void>
}

export class SimulatedNetwork<Req, Res> {
  private readonly nodes = new Map<number, NodeState>()
  private readonly cut = new Set<string>()
  private dropRate = 0
  private responseDropRate = 0

  constructor(
    private readonly scheduler: Scheduler,
    private readonly random: Random,
    private readonly options: NetworkOptions = { minLatencyMs: 1, maxLatencyMs: 3 },
  ) {}

  endpoint(nodeId: number): Transport<Req, Res> {
    this.state(nodeId)
    return {
      nodeId,
      request: (to, request, timeoutMs) => this.send(nodeId, to, request, timeoutMs),
      serve: (handler) => {
        this.state(nodeId).handler = handler as RequestHandler<unknown, unknown> | null
      },
    }
  }

  private state(nodeId: number): NodeState {
    let state = this.nodes.get(nodeId)
    if (!state) {
      state = { handler: null, paused: false, held: [] }
      this.nodes.set(nodeId, state)
    }
    return state
  }

  /** Cuts every link between a node of `side` and a node outside it (or only those to `other`). */
  partition(side: readonly number[], other?: readonly number[]): void {
    const outside = other ?? [...this.nodes.keys()].filter((id) => !side.includes(id))
    for (const a of side) for (const b of outside) this.cut.add(linkKey(a, b))
  }

  heal(): void {
    this.cut.clear()
  }

  isConnected(a: number, b: number): boolean {
    return a === b || !this.cut.has(linkKey(a, b))
  }

  pause(nodeId: number): void {
    this.state(nodeId).paused = true
  }

  resume(nodeId: number): void {
    const state = this.state(nodeId)
    state.paused = false
    for (const delivery of state.held.splice(0)) delivery()
  }

  /** Every message, request or answer, is lost with this probability. */
  setDropRate(rate: number): void {
    this.dropRate = rate
  }

  /** Answers (not requests) are lost with this probability, on top of the drop rate. */
  setResponseDropRate(rate: number): void {
    this.responseDropRate = rate
  }

  private latency(): number {
    const { minLatencyMs, maxLatencyMs } = this.options
    return minLatencyMs + this.random.nextInt(maxLatencyMs - minLatencyMs + 1)
  }

  private dropped(rate: number): boolean {
    return rate > 0 && this.random.nextUint32() / 2 ** 32 < rate
  }

  /** Delivers after a latency, unless the link is cut or the message is dropped; holds it while paused. */
  private deliver(from: number, to: number, action: () => void, response = false): void {
    const lost =
      !this.isConnected(from, to) ||
      this.dropped(this.dropRate) ||
      (response && this.dropped(this.responseDropRate))
    if (lost) return
    this.scheduler.schedule(this.latency(), () => {
      if (!this.isConnected(from, to)) return
      this.onNode(to, action)
    })
  }

  /** Runs `action` as node `nodeId` does it: at once, or when it resumes if it is paused. */
  private onNode(nodeId: number, action: () => void): void {
    const state = this.state(nodeId)
    if (state.paused) state.held.push(action)
    else action()
  }

  private send(from: number, to: number, request: Req, timeoutMs: number): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      let done = false
      const finish = (outcome: () => void): void => {
        if (done) return
        done = true
        timer.cancel()
        outcome()
      }
      const timer = this.scheduler.schedule(timeoutMs, () =>
        this.onNode(from, () => finish(() => reject(new NetworkError('timeout', to)))),
      )
      const message = structuredClone(request)
      // The answer goes back as the serving node sends it: held while that node is paused.
      const answer = (outcome: () => void): void =>
        this.onNode(to, () => this.deliver(to, from, () => finish(outcome), true))
      this.onNode(from, () =>
        this.deliver(from, to, () => {
          const handler = this.state(to).handler
          if (!handler) {
            answer(() => reject(new NetworkError('disconnected', to)))
            return
          }
          void handleRequest(handler, from, message).then(
            (response) => {
              const copy = structuredClone(response)
              answer(() => resolve(copy as Res))
            },
            (error: unknown) => {
              const failure =
                error instanceof Error
                  ? { name: error.name, message: error.message }
                  : { name: 'Error', message: String(error) }
              answer(() => reject(Object.assign(new Error(failure.message), { name: failure.name })))
            },
          )
        }),
      )
    })
  }
}

function linkKey(a: number, b: number): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`
}
