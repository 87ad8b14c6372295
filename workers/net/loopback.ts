/**
 * Loopback: a client's calls to a server process on the same machine (the Kafka tools to `localhost:9092`) as
 * they take time under the simulation's virtual clock. In the browser those calls cross a MessagePort to the
 * broker's worker and take real time; in one process they would take none, and a tool that times them (the
 * perf tools' records/sec and latencies, a throttle that waits for time to pass) would see every call answered
 * in the instant it was made. So each call is delivered to the server in a task of its own at the same
 * millisecond, and its answer, or its error, reaches the client LOOPBACK_ROUND_TRIP_MS later.
 *
 * Why 1 ms: a request over localhost and its answer, with the broker's network and request handler threads
 * between them, take about a millisecond or less, and Java's clients read time in whole milliseconds
 * (System.currentTimeMillis), as this clock does; 1 ms is the shortest round trip that is not zero. It goes on
 * the answer, so a broker handles a request in the millisecond the client sent it (as a sub-millisecond hop
 * would) and the client learns the outcome one millisecond later. Connection setup (TCP connect, ApiVersions)
 * is not modelled: a call costs one round trip.
 *
 * Invariants: calls to one server are delivered in the order they were made; answers come back in the order
 * the server gave them; no call is answered sooner than LOOPBACK_ROUND_TRIP_MS after it was made.
 */
import { methodProxy } from './method-proxy.ts'
import type { Scheduler } from './scheduler.ts'

export const LOOPBACK_ROUND_TRIP_MS = 1

/** The API as a client on the same machine reaches it: each method answers one round trip later. */
export function loopbackApi<T extends object>(api: T, scheduler: Scheduler): T {
  return methodProxy(
    api,
    (call) =>
      new Promise<unknown>((resolve) => {
        scheduler.schedule(0, () => {
          // A method that throws answers with its error, as a failed request does.
          const served = new Promise<unknown>((serve) => serve(call()))
          // The caller's promise takes the server's outcome, value or error, a round trip after the call.
          const answer = (): void => void scheduler.schedule(LOOPBACK_ROUND_TRIP_MS, () => resolve(served))
          served.then(answer, answer)
        })
      }),
  )
}
