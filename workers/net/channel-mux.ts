/**
 * Several protocols over one Transport, as Kafka's inter-broker listener carries many APIs: each
 * request is tagged with its channel name, and each channel has its own handler. A request for a
 * channel with no handler fails as a request to a stopped process does. A request keeps its transfer list
 * (transfer-list.ts) through the tagging.
 */
import { NetworkError, type RequestHandler, type Transport } from './transport.ts'
import { transferListOf, withTransfer } from './transfer-list.ts'

export interface Tagged {
  channel: string
  body: unknown
}

export class ChannelMux {
  private readonly handlers = new Map<string, RequestHandler<unknown, unknown>>()

  constructor(private readonly transport: Transport<Tagged, unknown>) {}

  /** Starts serving every registered channel on the underlying transport. */
  start(): void {
    this.transport.serve((from, request) => {
      const handler = this.handlers.get(request.channel)
      if (!handler) return Promise.reject(new NetworkError('disconnected', this.transport.nodeId))
      return handler(from, request.body)
    })
  }

  stop(): void {
    this.transport.serve(null)
  }

  channel<Req, Res>(name: string): Transport<Req, Res> {
    return {
      nodeId: this.transport.nodeId,
      request: async (to, request, timeoutMs) => {
        const tagged = withTransfer({ channel: name, body: request }, transferListOf(request))
        return (await this.transport.request(to, tagged, timeoutMs)) as Res
      },
      serve: (handler) => {
        if (handler) this.handlers.set(name, handler as RequestHandler<unknown, unknown>)
        else this.handlers.delete(name)
      },
    }
  }
}
