/**
 * ReturnedFetchBuffers: a leader's store of the buffers its followers gave back. A leader's answer to a
 * follower's fetch moves each partition's records to the follower's worker (transfer-list.ts); once the follower
 * has appended them it gives their buffers back with its next fetch request, and the leader copies the records
 * of its next answers into them instead of into fresh arrays.
 *
 * Why: every byte a leader replicates was copied into a fresh array for each follower, which cost its thread the
 * page faults of new memory (about 0.4 ms per MB, as for the LogFlusher's copies, flush-buffers.ts), and became
 * garbage on the follower's thread, counting towards V8's next full collection there.
 *
 * Invariants: a buffer is held here only while no answer holds it (`allocate` takes it out); an array from
 * `allocate` starts at its buffer's byte 0 and its buffer is its own (a transfer list may then list it once per
 * partition). A fresh buffer is rounded up to GRANULE bytes, so that an answer a little longer than the last one
 * fits in its buffer; at most MAX_HELD buffers are kept, the others left to the garbage collector.
 */

/** Fresh buffers are a multiple of this many bytes. */
const GRANULE = 64 << 10

/** Buffers kept at most (a follower gives back one per partition it fetched). */
const MAX_HELD = 64

export class ReturnedFetchBuffers {
  private readonly held: ArrayBuffer[] = []

  /** Keeps buffers a follower gave back (detached or resizable ones are not kept). */
  giveBack(buffers: readonly ArrayBuffer[]): void {
    for (const buffer of buffers) {
      if (this.held.length >= MAX_HELD) return
      if (buffer.byteLength > 0 && !buffer.resizable) this.held.push(buffer)
    }
  }

  /** `length` bytes at the start of the smallest held buffer that fits them, or of a fresh one. */
  readonly allocate = (length: number): Uint8Array => {
    let best = -1
    for (let i = 0; i < this.held.length; i++) {
      const size = this.held[i]!.byteLength
      if (size >= length && (best < 0 || size < this.held[best]!.byteLength)) best = i
    }
    const buffer =
      best < 0 ? new ArrayBuffer(Math.ceil(length / GRANULE) * GRANULE) : this.held.splice(best, 1)[0]!
    return new Uint8Array(buffer, 0, length)
  }
}
