/**
 * The browser Transport over real MessageChannels: requests and responses cross as structured clones,
 * errors cross as {name, message}, and a peer that never answers times out.
 */
import { describe, expect, it } from 'vitest'
import { PortTransport } from '../../workers/net/port-transport.ts'
import { SystemScheduler } from '../../workers/net/scheduler.ts'
import { ChannelMux } from '../../workers/net/channel-mux.ts'
import type { Tagged } from '../../workers/net/channel-mux.ts'

const scheduler = new SystemScheduler({
  now: () => Date.now(),
  setTimeout: (cb, ms) => setTimeout(cb, ms),
  clearTimeout: (handle) => clearTimeout(handle as number),
})

function pair() {
  const channel = new MessageChannel()
  const a = new PortTransport<Tagged, unknown>(1, scheduler)
  const b = new PortTransport<Tagged, unknown>(2, scheduler)
  a.connect(2, channel.port1)
  b.connect(1, channel.port2)
  return { a, b }
}

describe('PortTransport over MessageChannel', () => {
  it('carries requests, responses and errors between two nodes, per channel', async () => {
    const { a, b } = pair()
    const muxB = new ChannelMux(b)
    muxB
      .channel<{ x: Uint8Array }, { length: number; from: number }>('echo')
      .serve((from, request) => Promise.resolve({ length: request.x.length, from }))
    muxB
      .channel<null, never>('fail')
      .serve(() => Promise.reject(Object.assign(new Error('no'), { name: 'FencedLeaderEpochError' })))
    muxB.start()
    const muxA = new ChannelMux(a)
    const echo = muxA.channel<{ x: Uint8Array }, { length: number; from: number }>('echo')
    expect(await echo.request(2, { x: new Uint8Array(1000) }, 1000)).toEqual({ length: 1000, from: 1 })
    await expect(muxA.channel<null, never>('fail').request(2, null, 1000)).rejects.toMatchObject({
      name: 'FencedLeaderEpochError',
      message: 'no',
    })
    await expect(muxA.channel('missing').request(2, null, 1000)).rejects.toMatchObject({
      name: 'NetworkError',
    })
  })

  it('times out a request nobody answers', async () => {
    const channel = new MessageChannel()
    const a = new PortTransport<string, string>(1, scheduler)
    a.connect(2, channel.port1)
    await expect(a.request(2, 'hello', 50)).rejects.toMatchObject({
      name: 'NetworkError',
      failure: 'timeout',
    })
  })
})
