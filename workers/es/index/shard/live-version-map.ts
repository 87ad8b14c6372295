/**
 * LiveVersionMap: the entries of a shard copy's `_id`s that its searcher does not answer for yet, as ES's
 * LiveVersionMap: an operation not refreshed yet (index or delete), or a tombstone (a refreshed delete, kept for
 * index.gc_deletes). A refresh drops the entries of the documents it made searchable: from then on the searcher's
 * stored fields answer for them.
 *
 * Invariant: the entries placed since the last refresh are `pending`, and `pendingIds` lists each of their ids
 * once, in the order they were first placed.
 */
import type { StoredDocument } from './shard-operation.ts'

export interface LiveEntry {
  doc: StoredDocument | null
  /** For a tombstone: when it was deleted. */
  deletedAt: number
  seqNo: number
  version: number
  /** The provisional doc id of `doc` in the open buffer, -1 when it has none. */
  buffered: number
  /** The provisional doc id its block starts at (its first nested document, else `buffered`). */
  blockStart: number
  /** Placed since the last refresh; an entry with a `doc` always is, since the refresh after it drops it. */
  pending: boolean
}

export class LiveVersionMap implements Iterable<[string, LiveEntry]> {
  private entries = new Map<string, LiveEntry>()
  private pending: string[] = []

  get size(): number {
    return this.entries.size
  }

  /** The ids placed since the last refresh, in the order they were first placed. */
  get pendingIds(): readonly string[] {
    return this.pending
  }

  get(id: string): LiveEntry | undefined {
    return this.entries.get(id)
  }

  has(id: string): boolean {
    return this.entries.has(id)
  }

  /** Makes `entry` the entry of `id`, pending until the next refresh; answers the entry it replaced. */
  place(id: string, entry: LiveEntry): LiveEntry | undefined {
    const replaced = this.entries.get(id)
    if (!replaced?.pending) this.pending.push(id)
    entry.pending = true
    this.entries.set(id, entry)
    return replaced
  }

  /** A tombstone a commit kept: not pending (no refresh is owed for it). */
  restoreTombstone(id: string, entry: LiveEntry): void {
    this.entries.set(id, { ...entry, pending: false })
  }

  /**
   * After a refresh: the entries of the documents it made searchable dropped (the pending ones with a `doc`),
   * tombstones kept, in their order, none pending any more.
   */
  refreshed(): void {
    const pending = this.pending
    this.pending = []
    if (2 * pending.length < this.entries.size) {
      for (const id of pending) {
        const entry = this.entries.get(id)!
        if (entry.doc) this.entries.delete(id)
        else entry.pending = false
      }
      return
    }
    // Most entries go (a bulk's): one pass over the map, keeping the rest in a new one, instead of a look-up of each.
    const kept = new Map<string, LiveEntry>()
    this.entries.forEach((entry, id) => {
      if (entry.doc) return
      entry.pending = false
      kept.set(id, entry)
    })
    this.entries = kept
  }

  values(): IterableIterator<LiveEntry> {
    return this.entries.values()
  }

  [Symbol.iterator](): IterableIterator<[string, LiveEntry]> {
    return this.entries[Symbol.iterator]()
  }
}
