// FlushBuffers: each array spans its whole (resizable) buffer, sized to the chunk; buffers are lent again only
// after release, the idle one closest in length first; a chunk above the largest a flush takes
// (MAX_FLUSH_CHUNK_BYTES) gets a fresh fixed-length array.
import { describe, expect, it } from 'vitest'
import { FlushBuffers } from '../../../../workers/kafka/log/flush-buffers.ts'
import { MAX_FLUSH_CHUNK_BYTES } from '../../../../workers/kafka/log/pending-flush.ts'

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

  it('lends a chunk of the largest size a flush takes, and gives one above a fresh fixed-length array, never lent again', () => {
    const buffers = new FlushBuffers()
    const lent = buffers.allocate(MAX_FLUSH_CHUNK_BYTES).buffer as ArrayBuffer
    expect([lent.resizable, lent.maxByteLength]).toEqual([true, MAX_FLUSH_CHUNK_BYTES])
    const big = buffers.allocate(MAX_FLUSH_CHUNK_BYTES + 1)
    expect((big.buffer as ArrayBuffer).resizable).toBe(false)
    buffers.release()
    expect(buffers.allocate(MAX_FLUSH_CHUNK_BYTES).buffer).not.toBe(big.buffer)
  })
})
