// TermDictionary: one field's terms in one segment with all their postings, in flat buffers and no object per term
// (a segment holds hundreds of thousands of terms, most in one document), as Lucene's terms dictionary and postings
// files hold a field. Terms are numbered (ordinals) in the order they are added; per term t:
//   termBytes[termStarts[t] .. termStarts[t + 1]): its UTF-8 bytes;
//   entries [entryStarts[t] .. entryStarts[t + 1]) of the postings buffers (postings.ts): its documents;
//   positions [positionStarts[t] .. positionStarts[t + 1]): its positions, entry after entry;
//   extrasBytes(docFreq, totalTermFreq) bytes at address extraAddresses[t] (in the postings buffers' extras): where
//   each entry's positions start (postings.ts: docFreq + 1 values of extraWidth(totalTermFreq - docFreq) bytes);
//   sorted: the ordinals in Lucene's term order (BytesRef order: UTF-8 bytes unsigned = Unicode code point order),
//   made when first needed after terms were added, which lookups binary-search and multi-term queries walk.
// Each start array holds one more value than there are terms (extraAddresses one per term). Sizes are exact: a
// flush or a merge reserves, once, what the field will hold (terms, bytes, entries, positions), and the extras of
// the terms it is about to add (reserveExtras: a flush's first batch with the field gives its extras over the
// flush; reservedBytes says what both allocate), then adds each term with its docFreq
// and totalTermFreq, which reserve its ranges, and fills them (addTokens, appendEntry). Until every reserved position
// is written, entryEnds and positionEnds hold each term's fill level; afterwards they are dropped (the ranges are
// full: entryStarts and positionStarts say everything).
// Invariants: a term is present only if at least one document has it (docFreq >= 1); the ranges of terms t and
// t + 1 are adjacent in every buffer; a term's last extra value is totalTermFreq - docFreq (its positions' end).
import {
  ARRAY_OVERHEAD,
  extraWidth,
  Postings,
  PostingsBuffers,
  positionShiftFor,
  reservedPostingsBytes,
} from './postings'

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

/** The bytes of a term's extras (postings.ts): docFreq + 1 values of its extra width. */
export function extrasBytes(docFreq: i32, totalTermFreq: i32): i32 {
  return extraWidth(totalTermFreq - docFreq) * (docFreq + 1)
}

/**
 * The bytes reserve(terms, bytes, entries, positions, maxPosition) and reserveExtras(extras) allocate in an empty
 * dictionary: term bytes, three start arrays, the extras' addresses, two fill-level arrays, and the postings
 * buffers (postings.ts), each array with its block and object headers.
 */
export function reservedBytes(
  terms: i32,
  bytes: i32,
  entries: i32,
  positions: i32,
  maxPosition: i32,
  extras: i32,
): usize {
  const arrays = <usize>bytes + 3 * ((<usize>terms + 1) << 2) + 3 * ((<usize>terms) << 2) + 6 * ARRAY_OVERHEAD
  return arrays + reservedPostingsBytes(entries, positions, maxPosition, extras)
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
  private extraAddresses: StaticArray<usize> = new StaticArray<usize>(0)
  readonly buffers: PostingsBuffers = new PostingsBuffers()
  /** Positions written into the reserved ranges so far (all of them once the dictionary is full). */
  private written: i32 = 0
  private entryEnds: StaticArray<i32> | null = null
  private positionEnds: StaticArray<i32> | null = null
  private sortedOrdinals: StaticArray<i32> | null = null
  private readonly views: Map<i32, Postings> = new Map<i32, Postings>()
  /**
   * The last term `get` looked up and its ordinal (-1: absent) while the dictionary held `lookedUpSize` terms: a
   * search asks for a term several times (its statistics, its total hits, its scorer). Terms are only ever added, so
   * the answer holds while the size is the same.
   */
  private lookedUp: string | null = null
  private lookedUpSize: i32 = -1
  private lookedUpOrdinal: i32 = -1

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
    const extraAddresses = new StaticArray<usize>(size + terms)
    memory.copy(changetype<usize>(extraAddresses), changetype<usize>(this.extraAddresses), (<usize>size) << 2)
    this.extraAddresses = extraAddresses
    const buffers = this.buffers
    const entryCount = this.entryCount
    const positionCount = this.positionCount
    buffers.resizeDocs(entryCount, entryCount + entries, buffers.docWidth)
    const shift = max(buffers.positionShift, positionShiftFor(maxPosition))
    buffers.resizePositions(positionCount, positionCount + positions, shift)
    this.entryEnds = fillLevels(this.entryEnds, this.entryStarts, size, size + terms)
    this.positionEnds = fillLevels(this.positionEnds, this.positionStarts, size, size + terms)
    this.views.clear()
    this.settle()
  }

  /** Makes room, exactly, for `bytes` more bytes of extras (the terms about to be added: extrasBytes of each). */
  reserveExtras(bytes: i32): void {
    this.buffers.reserveExtras(bytes)
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
    const extras = this.buffers.takeExtras(extrasBytes(docFreq, totalTermFreq))
    unchecked((this.extraAddresses[t] = extras))
    unchecked((this.entryEnds![t] = entries))
    unchecked((this.positionEnds![t] = positions))
    this.buffers.setExtra(extras, extraWidth(totalTermFreq - docFreq), docFreq, totalTermFreq - docFreq)
    this.sortedOrdinals = null
    return t
  }

  /**
   * Adds a flush batch's tokens of term t (document-batch.ts sorts them by term), `words` i32 at `tokens`, in
   * document order and, within a document, in the order analysed: the term's first token in a document as its docId
   * with bit 31 set (minus docBase: a local id above every document the term has) and its position, the others as
   * their position alone. A document's positions ascend except where its field was named twice: a position below
   * the one before is put among them in order. One run over the term's ranges in every buffer, so that a batch
   * sweeps them forward.
   */
  addTokens(t: i32, tokens: usize, words: i32, docBase: i32): void {
    const buffers = this.buffers
    const entryEnds = this.entryEnds!
    const positionEnds = this.positionEnds!
    const entryStart = unchecked(this.entryStarts[t])
    const positionStart = unchecked(this.positionStarts[t])
    const extras = unchecked(this.extraAddresses[t])
    const width = this.extraWidthOf(t)
    const first = unchecked(positionEnds[t])
    let entry = unchecked(entryEnds[t])
    let at = first
    // Where the positions of the document being written start.
    let docStart = at
    const end = tokens + ((<usize>words) << 2)
    for (let word = tokens; word < end; word += 4) {
      let position = load<i32>(word)
      let into = at
      if (position < 0) {
        if (buffers.setDoc(entry, (position & i32.MAX_VALUE) - docBase)) this.views.clear()
        const index = entry - entryStart
        buffers.setExtra(extras, width, index, at - positionStart - index)
        entry++
        docStart = at
        word += 4
        position = load<i32>(word)
      } else {
        while (into > docStart && buffers.position(into - 1) > position) {
          buffers.setPosition(into, buffers.position(into - 1))
          into--
        }
      }
      buffers.setPosition(into, position)
      at++
    }
    unchecked((entryEnds[t] = entry))
    unchecked((positionEnds[t] = at))
    this.written += at - first
    this.settle()
  }

  /**
   * Appends entry `entry` (absolute) of term `sourceTerm` of `source` to term t as document docId (a merge); docId is
   * above t's docs.
   */
  appendEntry(t: i32, docId: i32, source: TermDictionary, sourceTerm: i32, entry: i32): void {
    const from = source.buffers
    const start = source.posStart(sourceTerm, entry)
    const freq = source.posStart(sourceTerm, entry + 1) - start
    const end = unchecked(this.entryEnds![t])
    const at = unchecked(this.positionEnds![t])
    const buffers = this.buffers
    if (buffers.setDoc(end, docId)) this.views.clear()
    this.setPosStart(t, end, at)
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

  /**
   * Where the positions of entry `entry` (absolute) of term t start; for the entry after t's last, where they end.
   */
  posStart(t: i32, entry: i32): i32 {
    const index = entry - unchecked(this.entryStarts[t])
    const extra = this.buffers.extra(unchecked(this.extraAddresses[t]), this.extraWidthOf(t), index)
    return unchecked(this.positionStarts[t]) + index + extra
  }

  private setPosStart(t: i32, entry: i32, at: i32): void {
    const index = entry - unchecked(this.entryStarts[t])
    const extra = at - unchecked(this.positionStarts[t]) - index
    this.buffers.setExtra(unchecked(this.extraAddresses[t]), this.extraWidthOf(t), index, extra)
  }

  private extraWidthOf(t: i32): i32 {
    return extraWidth(this.totalTermFreq(t) - this.docFreq(t))
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
    const rank = this.ceilRank(bytes, length)
    if (rank == this.size) return -1
    const t = this.sortedOrdinal(rank)
    return compareBytes(this.termAddress(t), this.termLength(t), bytes, length) == 0 ? t : -1
  }

  /** TermsEnum.seekCeil: the rank of the first term at or after the given UTF-8 bytes (size when none). */
  ceilRank(bytes: usize, length: i32): i32 {
    const sorted = this.sorted()
    let lo = 0
    let hi = this.size
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const t = unchecked(sorted[mid])
      if (compareBytes(this.termAddress(t), this.termLength(t), bytes, length) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  get(term: string): Postings | null {
    const t =
      this.lookedUpSize == this.size && this.lookedUp == term ? this.lookedUpOrdinal : this.lookUp(term)
    if (t < 0) return null
    const views = this.views
    if (views.has(t)) return views.get(t)
    const view = this.postings(t)
    views.set(t, view)
    return view
  }

  /** The ordinal of a term (-1 when absent), remembered as the last one looked up. */
  private lookUp(term: string): i32 {
    const length = String.UTF8.byteLength(term)
    if (<usize>length > lookupCapacity) {
      heap.free(lookup)
      lookupCapacity = max(<usize>length, lookupCapacity << 1)
      lookup = heap.alloc(lookupCapacity)
    }
    String.UTF8.encodeUnsafe(changetype<usize>(term), term.length, lookup)
    const t = this.ordinalOf(lookup, length)
    this.lookedUp = term
    this.lookedUpSize = this.size
    this.lookedUpOrdinal = t
    return t
  }

  /** Term t's postings, a new view (a multi-term query walking many terms keeps none). */
  postings(t: i32): Postings {
    const first = unchecked(this.entryStarts[t])
    const positionStart = unchecked(this.positionStarts[t])
    const positionEnd = unchecked(this.positionStarts[t + 1])
    const extras = unchecked(this.extraAddresses[t])
    return new Postings(this.buffers, first, this.docFreq(t), extras, positionStart, positionEnd)
  }

  docFreq(t: i32): i32 {
    return unchecked(this.entryStarts[t + 1]) - unchecked(this.entryStarts[t])
  }

  totalTermFreq(t: i32): i32 {
    return unchecked(this.positionStarts[t + 1]) - unchecked(this.positionStarts[t])
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

  /** The address of term t's extras (extrasBytes of its docFreq and totalTermFreq). */
  extrasAddress(t: i32): usize {
    return unchecked(this.extraAddresses[t])
  }

  /**
   * Completes a dictionary whose size and buffers a version 2 segment image set (segment-codec-v2.ts: every range
   * full) with the term order and the posStarts (entryCount + 1 x i32 at address `posStarts`) the image stores.
   */
  restoredFromPosStarts(sorted: StaticArray<i32>, posStarts: usize): void {
    const size = this.size
    let bytes = 0
    for (let t = 0; t < size; t++) bytes += extrasBytes(this.docFreq(t), this.totalTermFreq(t))
    this.buffers.reserveExtras(bytes)
    this.extraAddresses = new StaticArray<usize>(size)
    for (let t = 0; t < size; t++) {
      unchecked(
        (this.extraAddresses[t] = this.buffers.takeExtras(
          extrasBytes(this.docFreq(t), this.totalTermFreq(t)),
        )),
      )
      const end = unchecked(this.entryStarts[t + 1])
      for (let e = unchecked(this.entryStarts[t]); e <= end; e++) {
        this.setPosStart(t, e, load<i32>(posStarts + ((<usize>e) << 2)))
      }
    }
    this.restored(sorted)
  }

  /**
   * Completes a dictionary whose size and buffers a segment image set (segment-codec.ts: every range full) with the
   * term order and every term's extras, `bytes` bytes at address `extras`, term after term in ordinal order.
   */
  restoredFromExtras(sorted: StaticArray<i32>, extras: usize, bytes: i32): void {
    const size = this.size
    const buffers = this.buffers
    buffers.reserveExtras(bytes)
    memory.copy(buffers.takeExtras(0), extras, <usize>bytes)
    this.extraAddresses = new StaticArray<usize>(size)
    for (let t = 0; t < size; t++) {
      const taken = buffers.takeExtras(extrasBytes(this.docFreq(t), this.totalTermFreq(t)))
      unchecked((this.extraAddresses[t] = taken))
    }
    this.restored(sorted)
  }

  /** The state of a full dictionary once restored: its term order, no fill levels, no views. */
  private restored(sorted: StaticArray<i32>): void {
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
