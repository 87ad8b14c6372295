// TermDictionary: one field's terms in one segment with all their postings, in flat buffers and no object per term
// (a segment holds hundreds of thousands of terms, most in one document), as Lucene's terms dictionary and postings
// files hold a field. Terms are numbered (ordinals) in the order they are added; per term t:
//   termBytes[termStarts[t] .. termStarts[t + 1]): its UTF-8 bytes;
//   entries [entryStarts[t] .. entryStarts[t + 1]) of the postings buffers (postings.ts): its documents;
//   positions [positionStarts[t] .. positionStarts[t + 1]): its positions, entry after entry;
//   sorted: the ordinals in Lucene's term order (BytesRef order: UTF-8 bytes unsigned = Unicode code point order),
//   made when first needed after terms were added, which lookups binary-search and multi-term queries walk.
// Each start array holds one more value than there are terms. Sizes are exact: a flush or a merge reserves, once,
// what the field will hold (terms, bytes, entries, positions), then adds each term with its docFreq and
// totalTermFreq, which reserve its ranges, and fills them (addPosition, appendEntry). Until every reserved position
// is written, entryEnds and positionEnds hold each term's fill level; afterwards they are dropped (the ranges are
// full: entryStarts and positionStarts say everything).
// Invariants: a term is present only if at least one document has it (docFreq >= 1); the ranges of terms t and
// t + 1 are adjacent in every buffer; posStarts[e] for the entry e after a term's last is where its positions end.
import { NARROW_POSITION_MAX, Postings, PostingsBuffers } from './postings'

/** Code point order of two strings (UTF-16 code unit order differs only for surrogates against U+E000..U+FFFF). */
export function compareTerms(a: string, b: string): i32 {
  const n = min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)
    const y = b.codePointAt(i)
    if (x != y) return x < y ? -1 : 1
    if (x > 0xffff) i++
  }
  return a.length - b.length
}

/** Unsigned byte order of two byte strings (UTF-8 byte order is code point order). */
export function compareBytes(a: usize, aLength: i32, b: usize, bLength: i32): i32 {
  const n = min(aLength, bLength)
  for (let i = 0; i < n; i++) {
    const x = load<u8>(a + <usize>i)
    const y = load<u8>(b + <usize>i)
    if (x != y) return <i32>x - <i32>y
  }
  return aLength - bLength
}

/** A copy of the first `used` i32 of `array` in a new array of `size`. */
function grown(array: StaticArray<i32>, used: i32, size: i32): StaticArray<i32> {
  if (size == array.length) return array
  const copy = new StaticArray<i32>(size)
  memory.copy(changetype<usize>(copy), changetype<usize>(array), (<usize>used) << 2)
  return copy
}

/** Fill levels for `size` terms: the first `used` from `ends`, or from `starts` (full ranges) when it is null. */
function fillLevels(
  ends: StaticArray<i32> | null,
  starts: StaticArray<i32>,
  used: i32,
  size: i32,
): StaticArray<i32> {
  const levels = new StaticArray<i32>(size)
  const from = ends != null ? changetype<usize>(ends) : changetype<usize>(starts) + 4
  memory.copy(changetype<usize>(levels), from, (<usize>used) << 2)
  return levels
}

/** A looked-up term's UTF-8 bytes: a buffer outside the managed heap, reused by every lookup and grown as needed. */
let lookupCapacity: usize = 256
let lookup: usize = heap.alloc(lookupCapacity)

/** The dictionary whose terms `byTermOrder` compares (AssemblyScript comparators capture nothing). */
let sorting: TermDictionary | null = null

function byTermOrder(a: i32, b: i32): i32 {
  return sorting!.compareOrdinals(a, b)
}

export class TermDictionary {
  size: i32 = 0
  termBytes: StaticArray<u8> = new StaticArray<u8>(0)
  termStarts: StaticArray<i32> = new StaticArray<i32>(1)
  entryStarts: StaticArray<i32> = new StaticArray<i32>(1)
  positionStarts: StaticArray<i32> = new StaticArray<i32>(1)
  readonly buffers: PostingsBuffers = new PostingsBuffers()
  /** Positions written into the reserved ranges so far (all of them once the dictionary is full). */
  private written: i32 = 0
  private entryEnds: StaticArray<i32> | null = null
  private positionEnds: StaticArray<i32> | null = null
  private sortedOrdinals: StaticArray<i32> | null = null
  private readonly views: Map<i32, Postings> = new Map<i32, Postings>()

  /** Documents over all terms: Lucene's sumDocFreq. */
  get entryCount(): i32 {
    return unchecked(this.entryStarts[this.size])
  }

  /** Positions over all terms: Lucene's sumTotalTermFreq. */
  get positionCount(): i32 {
    return unchecked(this.positionStarts[this.size])
  }

  /**
   * Makes room, exactly, for `terms` more terms of `bytes` UTF-8 bytes, with `entries` and `positions` more, no
   * position above maxPosition.
   */
  reserve(terms: i32, bytes: i32, entries: i32, positions: i32, maxPosition: i32): void {
    const size = this.size
    const used = unchecked(this.termStarts[size])
    const termBytes = new StaticArray<u8>(used + bytes)
    memory.copy(changetype<usize>(termBytes), changetype<usize>(this.termBytes), <usize>used)
    this.termBytes = termBytes
    this.termStarts = grown(this.termStarts, size + 1, size + terms + 1)
    this.entryStarts = grown(this.entryStarts, size + 1, size + terms + 1)
    this.positionStarts = grown(this.positionStarts, size + 1, size + terms + 1)
    const buffers = this.buffers
    const entryCount = this.entryCount
    const positionCount = this.positionCount
    buffers.docs = grown(buffers.docs, entryCount, entryCount + entries)
    buffers.posStarts = grown(buffers.posStarts, entryCount + 1, entryCount + entries + 1)
    const wide = buffers.positionShift == 2 || maxPosition > NARROW_POSITION_MAX
    buffers.resizePositions(positionCount, positionCount + positions, wide ? 2 : 1)
    this.entryEnds = fillLevels(this.entryEnds, this.entryStarts, size, size + terms)
    this.positionEnds = fillLevels(this.positionEnds, this.positionStarts, size, size + terms)
    this.views.clear()
    this.settle()
  }

  /**
   * Adds a term (its UTF-8 bytes at `bytes`) with the documents and positions it will get; answers its ordinal.
   * The term is not here yet and fits in what was reserved.
   */
  add(bytes: usize, length: i32, docFreq: i32, totalTermFreq: i32): i32 {
    const t = this.size++
    const at = unchecked(this.termStarts[t])
    memory.copy(changetype<usize>(this.termBytes) + <usize>at, bytes, <usize>length)
    unchecked((this.termStarts[t + 1] = at + length))
    const entries = unchecked(this.entryStarts[t])
    const positions = unchecked(this.positionStarts[t])
    unchecked((this.entryStarts[t + 1] = entries + docFreq))
    unchecked((this.positionStarts[t + 1] = positions + totalTermFreq))
    unchecked((this.entryEnds![t] = entries))
    unchecked((this.positionEnds![t] = positions))
    unchecked((this.buffers.posStarts[entries + docFreq] = positions + totalTermFreq))
    this.sortedOrdinals = null
    return t
  }

  /**
   * Adds one occurrence of term t at `position` in document docId, which is the term's last document or above every
   * one it has (a flush streams a document's tokens in); answers true when docId is new. Positions stay ascending.
   */
  addPosition(t: i32, docId: i32, position: i32): bool {
    const entryEnds = this.entryEnds!
    const positionEnds = this.positionEnds!
    const buffers = this.buffers
    const end = unchecked(entryEnds[t])
    let at = unchecked(positionEnds[t])
    unchecked((positionEnds[t] = at + 1))
    const isNew = end == unchecked(this.entryStarts[t]) || unchecked(buffers.docs[end - 1]) != docId
    if (isNew) {
      unchecked((buffers.docs[end] = docId))
      unchecked((buffers.posStarts[end] = at))
      unchecked((entryEnds[t] = end + 1))
    } else {
      const start = unchecked(buffers.posStarts[end - 1])
      while (at > start && buffers.position(at - 1) > position) {
        buffers.setPosition(at, buffers.position(at - 1))
        at--
      }
    }
    buffers.setPosition(at, position)
    this.written++
    this.settle()
    return isNew
  }

  /** Appends entry `entry` (absolute) of `source` to term t as document docId (a merge); docId is above t's docs. */
  appendEntry(t: i32, docId: i32, source: TermDictionary, entry: i32): void {
    const from = source.buffers
    const start = unchecked(from.posStarts[entry])
    const freq = unchecked(from.posStarts[entry + 1]) - start
    const end = unchecked(this.entryEnds![t])
    const at = unchecked(this.positionEnds![t])
    const buffers = this.buffers
    unchecked((buffers.docs[end] = docId))
    unchecked((buffers.posStarts[end] = at))
    unchecked((this.entryEnds![t] = end + 1))
    unchecked((this.positionEnds![t] = at + freq))
    if (from.positionShift == buffers.positionShift) {
      const shift = buffers.positionShift
      memory.copy(
        changetype<usize>(buffers.positions) + ((<usize>at) << shift),
        changetype<usize>(from.positions) + ((<usize>start) << shift),
        (<usize>freq) << shift,
      )
    } else {
      for (let p = 0; p < freq; p++) buffers.setPosition(at + p, from.position(start + p))
    }
    this.written += freq
    this.settle()
  }

  /** The address of term t's UTF-8 bytes (valid until the next reserve). */
  @inline termAddress(t: i32): usize {
    return changetype<usize>(this.termBytes) + <usize>unchecked(this.termStarts[t])
  }

  @inline termLength(t: i32): i32 {
    return unchecked(this.termStarts[t + 1]) - unchecked(this.termStarts[t])
  }

  /** Term t as a string. */
  term(t: i32): string {
    return String.UTF8.decodeUnsafe(this.termAddress(t), <usize>this.termLength(t))
  }

  /** The ordinal of the term at rank `rank` in term order. */
  sortedOrdinal(rank: i32): i32 {
    return unchecked(this.sorted()[rank])
  }

  /** The ordinal of a term given as UTF-8 bytes, -1 when absent (a binary search in term order). */
  ordinalOf(bytes: usize, length: i32): i32 {
    const sorted = this.sorted()
    let lo = 0
    let hi = this.size - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const t = unchecked(sorted[mid])
      const c = compareBytes(this.termAddress(t), this.termLength(t), bytes, length)
      if (c < 0) lo = mid + 1
      else if (c > 0) hi = mid - 1
      else return t
    }
    return -1
  }

  get(term: string): Postings | null {
    const length = String.UTF8.byteLength(term)
    if (<usize>length > lookupCapacity) {
      heap.free(lookup)
      lookupCapacity = max(<usize>length, lookupCapacity << 1)
      lookup = heap.alloc(lookupCapacity)
    }
    String.UTF8.encodeUnsafe(changetype<usize>(term), term.length, lookup)
    const t = this.ordinalOf(lookup, length)
    if (t < 0) return null
    const views = this.views
    if (views.has(t)) return views.get(t)
    const view = this.postings(t)
    views.set(t, view)
    return view
  }

  /** Term t's postings, a new view (a multi-term query walking many terms keeps none). */
  postings(t: i32): Postings {
    const first = unchecked(this.entryStarts[t])
    const positionEnd = unchecked(this.positionStarts[t + 1])
    const totalTermFreq = positionEnd - unchecked(this.positionStarts[t])
    return new Postings(this.buffers, first, this.docFreq(t), positionEnd, totalTermFreq)
  }

  docFreq(t: i32): i32 {
    return unchecked(this.entryStarts[t + 1]) - unchecked(this.entryStarts[t])
  }

  compareOrdinals(a: i32, b: i32): i32 {
    return compareBytes(this.termAddress(a), this.termLength(a), this.termAddress(b), this.termLength(b))
  }

  /** The ordinals in term order, made now when terms were added since (already sorted when added in order). */
  sorted(): StaticArray<i32> {
    let sorted = this.sortedOrdinals
    if (sorted != null) return sorted
    const size = this.size
    sorted = new StaticArray<i32>(size)
    let inOrder = true
    for (let t = 0; t < size; t++) {
      unchecked((sorted[t] = t))
      if (t > 0 && inOrder && this.compareOrdinals(t - 1, t) > 0) inOrder = false
    }
    if (!inOrder) {
      sorting = this
      sorted.sort(byTermOrder)
      sorting = null
    }
    this.sortedOrdinals = sorted
    return sorted
  }

  /**
   * Completes a dictionary whose size and buffers a segment image set (segment-codec.ts: every range full) with the
   * term order the image stores.
   */
  restored(sorted: StaticArray<i32>): void {
    this.sortedOrdinals = sorted
    this.written = this.buffers.positionCapacity
    this.entryEnds = null
    this.positionEnds = null
    this.views.clear()
  }

  /** Drops the fill levels once every reserved position is written. */
  private settle(): void {
    if (this.written == this.buffers.positionCapacity) {
      this.entryEnds = null
      this.positionEnds = null
    }
  }
}
