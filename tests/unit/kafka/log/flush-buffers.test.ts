// FlushBuffers: each array spans its whole (resizable) buffer, sized to the chunk; buffers are lent again only
// after release, the idle one closest in length first; a chunk above 8 MiB gets a fresh fixed-length array.
import { describe, expect, it } from 'vitest'
import { FlushBuffers } from '../../../../workers/kafka/log/flush-buffers.ts'

const whole = (bytes: Uint8Array): [number, number] => [bytes.byteOffset, bytes.buffer.byteLength]

describe('FlushBuffers', () => {
  it('hands out arrays that span their whole buffer, each its own until release', () => {
    const buffers = new FlushBuffers()
    const a = buffers.allocate(1000)
    const b = buffers.allocate(10)
    expect([a.length, ...whole(a)]).toEqual([1000, 0, 1000])
    expect([b.length, ...whole(b)]).toEqual([10, 0, 10])
    expect(a.buffer).not.toBe(b.buffer)
    expect((a.buffer as ArrayBuffer).resizable).toBe(true)
  })

  it('lends released buffers again, the one closest in length first', () => {
    const buffers = new FlushBuffers()
    const small = buffers.allocate(100).buffer
    const large = buffers.allocate(5000).buffer
    buffers.release()
    const next = buffers.allocate(4000)
    expect(next.buffer).toBe(large)
    expect([next.length, ...whole(next)]).toEqual([4000, 0, 4000])
    expect(buffers.allocate(4000).buffer).toBe(small)
    expect(buffers.allocate(1).buffer).not.toBe(small)
  })

  it('lends a chunk of 8 MiB, and gives one above a fresh fixed-length array, never lent again', () => {
    const buffers = new FlushBuffers()
    expect((buffers.allocate(8 << 20).buffer as ArrayBuffer).resizable).toBe(true)
    const big = buffers.allocate((8 << 20) + 1)
    expect((big.buffer as ArrayBuffer).resizable).toBe(false)
    buffers.release()
    expect(buffers.allocate(8 << 20).buffer).not.toBe(big.buffer)
  })
})
