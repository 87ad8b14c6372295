/**
 * IdTable: the `_id` -> live doc id map of a shard copy's searcher (searcher-docs.ts), in two typed arrays rather
 * than a Map of strings: an open-addressing hash table (linear probing) holding each entry's doc id and the 32-bit
 * hash of its `_id`, the `_id` itself read back from the stored fields (`idOf`) only to confirm a hash match. It
 * takes 8 bytes per slot, at most twice as many slots as entries, where a Map keeps a string and a table entry per
 * document.
 * Invariants: an `_id` has at most one entry; every entry sits at or after (cyclically) its hash's home slot with no
 * empty slot in between (deletes shift later entries back, so no tombstones); entries are at most half the slots.
 */

const EMPTY = -1
const MIN_CAPACITY = 16

/** FNV-1a over the UTF-16 code units. */
function hashOf(id: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193)
  return hash | 0
}

export class IdTable {
  private docIds = new Int32Array(MIN_CAPACITY).fill(EMPTY)
  private hashes = new Int32Array(MIN_CAPACITY)
  private size = 0

  /** `idOf`: the `_id` of a doc id this table holds. */
  constructor(private readonly idOf: (docId: number) => string | null) {}

  get(id: string): number | undefined {
    const slot = this.find(id, hashOf(id))
    return slot < 0 ? undefined : this.docIds[slot]
  }

  set(id: string, docId: number): void {
    const hash = hashOf(id)
    const found = this.find(id, hash)
    if (found >= 0) {
      this.docIds[found] = docId
      return
    }
    if (2 * (this.size + 1) > this.docIds.length) this.rebuild(2 * this.docIds.length, null)
    this.insert(hash, docId)
    this.size++
  }

  delete(id: string): void {
    let slot = this.find(id, hashOf(id))
    if (slot < 0) return
    const mask = this.docIds.length - 1
    // Backward shift: move later entries of the run into the hole when their home slot allows it.
    for (let next = (slot + 1) & mask; this.docIds[next] !== EMPTY; next = (next + 1) & mask) {
      const home = this.hashes[next]! & mask
      if (((next - home) & mask) >= ((next - slot) & mask)) {
        this.docIds[slot] = this.docIds[next]!
        this.hashes[slot] = this.hashes[next]!
        slot = next
      }
    }
    this.docIds[slot] = EMPTY
    this.size--
  }

  /** Follows a rewrite of the index: docMap[old doc id] is the new one, -1 for a dropped document. */
  remap(docMap: Int32Array): void {
    this.rebuild(this.docIds.length, docMap)
  }

  /** The slot holding `id`, or -1. */
  private find(id: string, hash: number): number {
    const mask = this.docIds.length - 1
    for (let slot = hash & mask; this.docIds[slot] !== EMPTY; slot = (slot + 1) & mask)
      if (this.hashes[slot] === hash && this.idOf(this.docIds[slot]!) === id) return slot
    return -1
  }

  private insert(hash: number, docId: number): void {
    const mask = this.docIds.length - 1
    let slot = hash & mask
    while (this.docIds[slot] !== EMPTY) slot = (slot + 1) & mask
    this.docIds[slot] = docId
    this.hashes[slot] = hash
  }

  /** Moves every entry into `capacity` slots, its doc id through `docMap` when given (dropped at -1). */
  private rebuild(capacity: number, docMap: Int32Array | null): void {
    const docIds = this.docIds
    const hashes = this.hashes
    this.docIds = new Int32Array(capacity).fill(EMPTY)
    this.hashes = new Int32Array(capacity)
    this.size = 0
    for (let slot = 0; slot < docIds.length; slot++) {
      const docId = docIds[slot]!
      const to = docId === EMPTY || !docMap ? docId : (docMap[docId] ?? -1)
      if (to < 0) continue
      this.insert(hashes[slot]!, to)
      this.size++
    }
  }
}
