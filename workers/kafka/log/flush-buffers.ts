/**
 * FlushBuffers: the arrays a LogFlusher's writes copy the log's new bytes into, reused from one write to the
 * next instead of allocated fresh for each.
 *
 * Why: copying a chunk into a fresh array cost the broker's thread about 0.4 ms per MB (the page faults of new
 * memory; into a reused buffer 0.02-0.03 ms per MB, measured in a worker of this Chromium), on every byte a broker
 * stores. The fresh arrays also counted towards V8's global allocation limit, whose crossing starts a full
 * (mark-compact) collection: at 50,000 records/s the three brokers made 80 of them in 12 s, 67 with this. A
 * buffer lent here is a resizable ArrayBuffer sized to its chunk, so IndexedDB's put, which clones a buffer's
 * whole length, takes just the chunk; shrinking one gives back the memory past its new length, so the idle buffer
 * closest in length is lent.
 *
 * A storage may move a lent buffer elsewhere (IdbStorage transfers it to its writer worker, which detaches it here):
 * it then hands the buffer back through `giveBack` (WriteOptions.giveBack), and a detached buffer is never lent again.
 *
 * Invariants: an array from `allocate` spans its whole buffer (byteOffset 0, byteLength the buffer's), which
 * nothing else uses until `release`; `release` is called once the write that took the arrays has settled,
 * when storage has taken every value (cloned it, or copied it). A chunk above MAX_LENT_BYTES (a rewritten
 * whole segment) gets a fresh array.
 */

/**
 * The largest chunk copied into a lent buffer, and each lent buffer's maxByteLength. A stored value keeps its
 * buffer's maxByteLength, and a value read back reserves (not commits) that much address space while it lives.
 * The largest chunks of the produce benchmark (1,000,000 records of 100 bytes, 6 partitions, a write every
 * LOG_FLUSH_MIN_GAP_MS = 250 ms) were about 6 MB, and at 4 MiB over a third of them got fresh arrays.
 */
const MAX_LENT_BYTES = 8 << 20

/** Resizable ArrayBuffers (ES2024); where they are missing every chunk gets a fresh array. */
const RESIZABLE = 'resize' in ArrayBuffer.prototype

/** A buffer `allocate` lent and that is not detached (a detached buffer's maxByteLength is 0). */
const lendable = (buffer: ArrayBuffer): boolean => buffer.resizable && buffer.maxByteLength === MAX_LENT_BYTES

export class FlushBuffers {
  /** Buffers no write holds, to lend again. */
  private readonly idle: ArrayBuffer[] = []
  /** Buffers lent since the last release. */
  private readonly lent: ArrayBuffer[] = []

  /** `length` bytes for one chunk: a lent buffer resized to it, or a fresh array for a chunk too large. */
  readonly allocate = (length: number): Uint8Array => {
    if (!RESIZABLE || length > MAX_LENT_BYTES) return new Uint8Array(length)
    const buffer = this.closestIdle(length) ?? new ArrayBuffer(0, { maxByteLength: MAX_LENT_BYTES })
    buffer.resize(length)
    this.lent.push(buffer)
    return new Uint8Array(buffer, 0, length)
  }

  /** The write that took the lent arrays settled: their buffers still here (not detached) may be lent again. */
  release(): void {
    this.idle.push(...this.lent.filter(lendable))
    this.lent.length = 0
  }

  /** Buffers a storage moved away and hands back: the lent ones among them may be lent again. */
  readonly giveBack = (buffers: ArrayBuffer[]): void => {
    this.idle.push(...buffers.filter(lendable))
  }

  /** Takes the idle buffer whose length is closest to `length` (resizing it then touches the least memory). */
  private closestIdle(length: number): ArrayBuffer | undefined {
    let best = -1
    for (let i = 0; i < this.idle.length; i++) {
      const distance = Math.abs(this.idle[i]!.byteLength - length)
      if (best < 0 || distance < Math.abs(this.idle[best]!.byteLength - length)) best = i
    }
    return best < 0 ? undefined : this.idle.splice(best, 1)[0]
  }
}
