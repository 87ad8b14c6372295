// ReturnedFetchBuffers: records go into the smallest given-back buffer they fit, from its byte 0, each buffer
// to one array until it is given back again; without one that fits, into a fresh buffer of whole 64 KiB granules.
// Detached and resizable buffers are not kept.
import { describe, expect, it } from 'vitest'
import { ReturnedFetchBuffers } from '../../../../workers/kafka/replication/returned-fetch-buffers.ts'

describe('ReturnedFetchBuffers', () => {
  it('copies into the smallest given-back buffer that fits, each once', () => {
    const buffers = new ReturnedFetchBuffers()
    const [small, large] = [new ArrayBuffer(100), new ArrayBuffer(5000)]
    buffers.giveBack([large, small])
    const first = buffers.allocate(80)
    expect([first.buffer === small, first.byteOffset, first.length]).toEqual([true, 0, 80])
    expect(buffers.allocate(80).buffer).toBe(large)
    expect(buffers.allocate(80).buffer.byteLength).toBe(64 << 10)
  })

  it('allocates whole 64 KiB granules when nothing given back fits', () => {
    const buffers = new ReturnedFetchBuffers()
    buffers.giveBack([new ArrayBuffer(10)])
    const bytes = buffers.allocate((64 << 10) + 1)
    expect([bytes.length, bytes.buffer.byteLength]).toEqual([(64 << 10) + 1, 128 << 10])
  })

  it('keeps no detached or resizable buffer', () => {
    const buffers = new ReturnedFetchBuffers()
    const detached = new ArrayBuffer(100)
    structuredClone(detached, { transfer: [detached] })
    const resizable = new ArrayBuffer(100, { maxByteLength: 200 })
    buffers.giveBack([detached, resizable])
    const bytes = buffers.allocate(10)
    expect(bytes.buffer).not.toBe(detached)
    expect(bytes.buffer).not.toBe(resizable)
  })
})
