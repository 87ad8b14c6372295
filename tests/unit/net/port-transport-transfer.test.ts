// PortTransport over Node's MessageChannel (which moves transferred ArrayBuffers as the browser's does): a
// response marked with withTransfer gives its buffers away (detached on the answering side, intact on the
// asking side); an unmarked one is copied and the answering side keeps its bytes. A marked request, sent through
// a ChannelMux channel, gives its buffers away the same way (a follower's fetch giving its leader buffers back).
import { MessageChannel } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { PortTransport, type PortLike } from '../../../workers/net/port-transport.ts'
import { ChannelMux, type Tagged } from '../../../workers/net/channel-mux.ts'
import { SystemScheduler } from '../../../workers/net/scheduler.ts'
import { transferListOf, withTransfer } from '../../../workers/net/transfer-list.ts'

const scheduler = new SystemScheduler({
  now: () => Date.now(),
  setTimeout: (cb, ms) => setTimeout(cb, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
})

const channels: MessageChannel[] = []
afterEach(() => {
  for (const channel of channels.splice(0)) channel.port1.close()
})

/** Node's MessagePort as the PortLike the transport needs (its events carry `data` as the browser's do). */
function portLike(port: MessageChannel['port1']): PortLike {
  return {
    postMessage: (message, transfer) => port.postMessage(message, transfer),
    addEventListener: (type, listener) => port.on(type, (data: unknown) => listener({ data })),
    start: () => port.start(),
  }
}

/** Node 1 asks node 2, which answers with `answer(bytes)`; returns what node 1 got and node 2's bytes after. */
async function roundTrip(answer: (bytes: Uint8Array) => { records: Uint8Array }) {
  const channel = new MessageChannel()
  channels.push(channel)
  const asking = new PortTransport<null, { records: Uint8Array }>(1, scheduler)
  const answering = new PortTransport<null, { records: Uint8Array }>(2, scheduler)
  asking.connect(2, portLike(channel.port1))
  answering.connect(1, portLike(channel.port2))
  const bytes = new Uint8Array([1, 2, 3, 4])
  answering.serve(() => Promise.resolve(answer(bytes)))
  const response = await asking.request(2, null, 1_000)
  return { received: [...response.records], kept: bytes.byteLength }
}

describe('PortTransport transfer lists', () => {
  it("moves a marked response's buffers: detached where it was answered, whole where it was asked", async () => {
    const { received, kept } = await roundTrip((bytes) =>
      withTransfer({ records: bytes }, [bytes.buffer as ArrayBuffer]),
    )
    expect(received).toEqual([1, 2, 3, 4])
    expect(kept).toBe(0)
  })

  it('copies an unmarked response, so the answering side keeps its bytes', async () => {
    const { received, kept } = await roundTrip((bytes) => ({ records: bytes }))
    expect(received).toEqual([1, 2, 3, 4])
    expect(kept).toBe(4)
  })

  it("moves a marked request's buffers through a channel: detached where it was asked, whole where answered", async () => {
    const channel = new MessageChannel()
    channels.push(channel)
    const asking = new PortTransport<Tagged, unknown>(1, scheduler)
    const answering = new PortTransport<Tagged, unknown>(2, scheduler)
    asking.connect(2, portLike(channel.port1))
    answering.connect(1, portLike(channel.port2))
    const served = new ChannelMux(answering)
    served
      .channel<{ given: Uint8Array }, number[]>('replica')
      .serve((_from, request) => Promise.resolve([...request.given]))
    served.start()
    const given = new Uint8Array([7, 8, 9])
    const request = withTransfer({ given }, [given.buffer])
    const replica = new ChannelMux(asking).channel<{ given: Uint8Array }, number[]>('replica')
    const received = await replica.request(2, request, 1_000)
    expect(received).toEqual([7, 8, 9])
    expect(given.byteLength).toBe(0)
  })

  it('keeps the mark beside the message: a marked message clones as an unmarked one', () => {
    const bytes = new Uint8Array([5])
    const message = withTransfer({ records: bytes }, [bytes.buffer])
    expect(transferListOf(message)).toEqual([bytes.buffer])
    expect(transferListOf({ records: bytes })).toEqual([])
    expect(transferListOf(null)).toEqual([])
    expect(structuredClone(message)).toEqual({ records: new Uint8Array([5]) })
    expect(transferListOf(structuredClone(message))).toEqual([])
  })
})
