/**
 * significant_text's `filter_duplicate_text`: ES's DuplicateByteSequenceSpotter and DeDuplicatingTokenFilter.
 *
 * Each token is reduced to one byte, the low byte of h1 of MurmurHash3.hash128 (x64, seed 0) of its UTF-8 bytes. The
 * spotter keeps the last 6 bytes of the current sequence and counts every 6-byte sequence it has seen (up to 255);
 * adding a byte answers how often the sequence ending with it was seen before. One spotter serves a whole bucket:
 * counts are never reset, `startNewSequence` (after each document) only empties the window, so a document's values
 * run on into one another.
 *
 * The filter (one per text value) buffers the last 6 tokens in a ring: when a token completes a seen sequence, the
 * ring's 6 slots are marked with the count (a slot not yet filled keeps the mark for the token that later lands in it,
 * as ES's does); a token is dropped when its slot was marked by the time it leaves the ring.
 */
import { murmur3X64128 } from '../metrics/murmur3-x64-128.ts'

const TREE_DEPTH = 6
const MAX_HIT_COUNT = 255
const UTF8 = new TextEncoder()

export class DuplicateByteSequenceSpotter {
  /** Each seen sequence (its 6 bytes as one number) and how often it was seen, at most MAX_HIT_COUNT. */
  private readonly sightings = new Map<number, number>()
  private readonly window = new Uint8Array(TREE_DEPTH)
  private next = 0
  private filled = false

  startNewSequence(): void {
    this.filled = false
    this.next = 0
  }

  /** The times the sequence ending with `byte` was seen before (0 until the window holds 6 bytes). */
  addByte(byte: number): number {
    this.window[this.next] = byte
    this.next++
    if (this.next >= TREE_DEPTH) {
      this.next = 0
      this.filled = true
    }
    if (!this.filled) return 0
    let sequence = 0
    for (let i = 0, p = this.next; i < TREE_DEPTH; i++, p = (p + 1) % TREE_DEPTH) {
      sequence = sequence * 256 + this.window[p]!
    }
    const prior = this.sightings.get(sequence) ?? 0
    this.sightings.set(sequence, Math.min(prior + 1, MAX_HIT_COUNT))
    return prior
  }
}

/** The byte DeDuplicatingTokenFilter feeds the spotter for a token. */
function tokenByte(term: string): number {
  return Number(murmur3X64128(UTF8.encode(term))[0] & 0xffn)
}

/** DeDuplicatingTokenFilter over one value's tokens: those not part of a sequence the spotter saw before, in order. */
export function deDuplicate(terms: readonly string[], spotter: DuplicateByteSequenceSpotter): string[] {
  const ring: Array<string | undefined> = new Array<string | undefined>(TREE_DEPTH)
  const marks = new Array<number>(TREE_DEPTH).fill(0)
  const kept: string[] = []
  const release = (slot: number): void => {
    if (marks[slot]! < 1) kept.push(ring[slot]!)
    marks[slot] = 0
  }
  let cursor = 0
  let wrapped = false
  for (const term of terms) {
    const seen = spotter.addByte(tokenByte(term))
    ring[cursor] = term
    if (seen >= 1) {
      for (let n = 0, slot = cursor; n < TREE_DEPTH; n++, slot = (slot + TREE_DEPTH - 1) % TREE_DEPTH) {
        marks[slot] = Math.max(marks[slot]!, seen)
      }
    }
    cursor = (cursor + 1) % TREE_DEPTH
    if (cursor === 0) wrapped = true
    if (wrapped) release(cursor)
  }
  for (let slot = wrapped ? (cursor + 1) % TREE_DEPTH : 0; slot !== cursor; slot = (slot + 1) % TREE_DEPTH) {
    release(slot)
  }
  return kept
}
