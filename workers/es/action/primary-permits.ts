/**
 * A primary copy's operation permits and its relocation hand-off, as ES's indexShardOperationPermits and
 * IndexShard.relocated: every write on the primary holds a permit while it runs (applied, persisted,
 * replicated, answered); handing the primary off to its relocation target blocks new permits, waits until
 * the held ones are released, then checks that the copy is still relocating to that target: if so the copy
 * is relocated for good, so that the target, which received every operation the source acknowledged, can
 * take over with no write in flight on the source; if the relocation was cancelled meanwhile the block is
 * lifted and the copy stays the primary (ES verifies the relocating state under the permit block).
 *
 * Invariant: a relocated copy never acquires a permit again; it is closed once the routing table drops it or
 * gives it any routing other than its relocation (IndicesClusterStateService: IndexShardRelocatedException).
 * Copies are keyed by identity (the shard object), so a copy recreated on the node starts afresh.
 */
export class PrimaryPermits {
  private readonly held = new Map<object, number>()
  private readonly released = new Map<object, Array<() => void>>()
  private readonly blocked = new WeakSet<object>()
  private readonly relocated = new WeakSet<object>()

  /** Takes a permit for one primary write; false while a hand-off blocks them and once the copy handed off. */
  acquire(shard: object): boolean {
    if (this.blocked.has(shard) || this.relocated.has(shard)) return false
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

  /**
   * Blocks new permits and waits until none is held; then, when `stillRelocating()`, the copy is relocated
   * from then on (true); otherwise the block is lifted (false).
   */
  async handOff(shard: object, stillRelocating: () => boolean): Promise<boolean> {
    this.blocked.add(shard)
    if (this.held.has(shard)) {
      await new Promise<void>((wake) => {
        const waiting = this.released.get(shard) ?? []
        waiting.push(wake)
        this.released.set(shard, waiting)
      })
    }
    this.blocked.delete(shard)
    if (!stillRelocating()) return false
    this.relocated.add(shard)
    return true
  }
}
