// FlushBuffers: each array spans its whole (resizable) buffer, sized to the chunk; buffers are lent again only
// after release, the idle one closest in length first; a chunk above 8 MiB gets a fresh fixed-length array. A
// buffer a storage transferred away (detached) is not lent again; the one it gives back in its place is, unless it
// was never lent (a fixed-length one).
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

  it('lends a buffer a storage gave back in place of a detached one, and never the detached one', () => {
    const buffers = new FlushBuffers()
    const lent = buffers.allocate(1000).buffer as ArrayBuffer
    const fixed = buffers.allocate((8 << 20) + 1).buffer as ArrayBuffer
    // The storage transfers both away (as IdbStorage does to its writer worker) and gives them back.
    const back = structuredClone([lent, fixed], { transfer: [lent, fixed] })
    buffers.release()
    const fresh = buffers.allocate(1000).buffer
    expect(fresh).not.toBe(lent)
    buffers.giveBack(back)
    const again = buffers.allocate(900)
    expect(again.buffer).toBe(back[0])
    expect([again.length, ...whole(again)]).toEqual([900, 0, 900])
    expect(buffers.allocate(900).buffer).not.toBe(back[1])
  })
})
