/**
 * Transport: how one node of a cluster sends a request to another and gets its response. The
 * simulation implements it over the DeterministicTaskQueue (SimulatedNetwork); the browser over
 * MessagePorts between workers. Requests and responses are plain data (structured-clonable): a
 * receiver never shares an object with the sender.
 *
 * A request fails with NetworkError: `disconnected` soon after it is sent when the peer's process is
 * down (the host answers with a reset), `timeout` after timeoutMs when the request or its response is
 * lost (a network partition, a paused process, a dropped packet).
 */
export type NetworkFailure = 'disconnected' | 'timeout'

export class NetworkError extends Error {
  override name = 'NetworkError'
  constructor(
    readonly failure: NetworkFailure,
    readonly peer: number,
  ) {
    super(
      failure === 'timeout'
        ? `request to node ${peer} timed out`
        : `connection to node ${peer} could not be established`,
    )
  }
}

export type RequestHandler<Req, Res> = (from: number, request: Req) => Promise<Res>

/**
 * Runs `handler` on a request as a server's request thread does: a handler that throws rather than rejecting fails
 * that request alike, and the server goes on (the caller gets the failure instead of waiting for its timeout).
 */
export function handleRequest<Req, Res>(
  handler: RequestHandler<Req, Res>,
  from: number,
  request: Req,
): Promise<Res> {
  try {
    return handler(from, request)
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)))
  }
}

export interface Transport<Req, Res> {
  readonly nodeId: number
  request(to: number, request: Req, timeoutMs: number): Promise<Res>
  /** Sets the handler for requests to this node; null stops serving (the process is down). */
  serve(handler: RequestHandler<Req, Res> | null): void
}
