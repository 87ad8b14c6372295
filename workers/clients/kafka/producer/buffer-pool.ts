/**
 * BufferPool: the producer's batch buffers, as Kafka's BufferPool keeps them. A buffer of exactly
 * batch.size bytes goes back to a free list when its batch is done, and the next batch of that size takes
 * it from there instead of allocating (a browser allocates and zero-fills every new ArrayBuffer, and its
 * garbage collector counts them as external memory). A buffer of any other size (a batch made for one record
 * larger than batch.size, or one that grew) is left to the garbage collector.
 *
 * The free list holds at most buffer.memory bytes (`maxFreeBytes`). Unlike Kafka's pool, allocation never
 * blocks: the playground does not bound the memory of the batches in use.
 *
 * Invariants: a buffer is in the free list at most once and belongs to one batch at a time (the batch's
 * builder hands it back once); its bytes are stale, and whoever takes it writes before reading.
 */
export class BufferPool {
  private readonly free: Uint8Array[] = []

  constructor(
    /** batch.size: the only size kept. */
    readonly poolableSize: number,
    private readonly maxFreeBytes: number,
  ) {}

  /** A buffer of `size` bytes: a free one when `size` is batch.size and one is free, else a new one. */
  allocate(size: number): Uint8Array {
    return (size === this.poolableSize ? this.free.pop() : undefined) ?? new Uint8Array(size)
  }

  /** Takes back a buffer whose batch is done (kept only when it is batch.size long and there is room). */
  deallocate(buffer: Uint8Array): void {
    if (buffer.length !== this.poolableSize) return
    if ((this.free.length + 1) * this.poolableSize > this.maxFreeBytes) return
    this.free.push(buffer)
  }

  /** How many buffers wait in the free list. */
  get freeCount(): number {
    return this.free.length
  }
}
