/**
 * A primary copy's operation permits and its relocation hand-off, as ES's objectOperationPermits and
 * object.relocated: every write on the primary holds a permit while it runs (applied, persisted,
 * replicated, answered); handing the primary off to its relocation target blocks new permits, waits until
 * the held ones are released, and leaves the copy relocated for good, so that the target, which received
 * every operation the source acknowledged, can take over with no write in flight on the source.
 *
 * Invariant: a relocated copy never acquires a permit again; it is closed once the routing table drops it.
 * Copies are keyed by identity (the object object), so a copy recreated on the node starts afresh.
 */
export class PrimaryPermits {
  private readonly held = new Map<object, number>()
  private readonly released = new Map<object, Array<() => void>>()
  private readonly relocated = new WeakSet<object>()

  /** Takes a permit for one primary write; false when the copy was handed off. */
  acquire(shard: object): boolean {
    if (this.relocated.has(shard)) return false
    this.held.set(shard, (this.held.get(shard) ?? 0) + 1)
    return true
  }

  release(shard: object): void {
    const left = (this.held.get(shard) ?? 1) - 1
    if (left > 0) {
      this.held.set(shard, left)
      return
    }
    this.held.delete(shard)
    for (const wake of this.released.get(shard) ?? []) wake()
    this.released.delete(shard)
  }

  isRelocated(shard: object): boolean {
    return this.relocated.has(shard)
  }

  /** Blocks new permits, then resolves once none is held: the copy is relocated from then on. */
  async handOff(shard: object): Promise<void> {
    this.relocated.add(shard)
    if (!this.held.has(shard)) return
    await new Promise<void>((wake) => {
      const waiting = this.released.get(shard) ?? []
      waiting.push(wake)
      this.released.set(shard, waiting)
    })
  }
}
