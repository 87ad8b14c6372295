// Postings: one term's occurrences in one field, in document order, in two growable buffers (not four arrays: a
// segment holds hundreds of thousands of terms, most with one document, so per-term objects dominate memory):
//   entries: 3 x i32 per document entry: docId, freq, posStart; positions: every entry's positions, in entry order.
// Capacity is exact: a flush creates a term with its counts over the flush, a merge grows it by what each merged
// segment carries over (a caller that reserves nothing gets growth by doubling); only the first docFreq entries
// and the positions they reference are meaningful.
// Invariants: docIds strictly ascending; entry i's positions are positions[posStart .. posStart + freq), ascending;
// totalTermFreq = sum of freqs (Lucene's totalTermFreq). Deleted documents stay here until a merge, as in Lucene.
// The docs, freqs, posStarts and positions accessors answer read-only views (the Postings itself, typed as a view
// class: no allocation) indexable with [] and with a length, as arrays are.
// `impacts` caches the block-max data a query derives from them (impacts.ts), built on first use.
import { Impacts } from './impacts'

const ENTRY_WORDS = 3

/** A copy of the first `used` words of `buffer` in a new buffer of `size` words. */
function resized(buffer: StaticArray<i32>, used: i32, size: i32): StaticArray<i32> {
  const grown = new StaticArray<i32>(size)
  memory.copy(changetype<usize>(grown), changetype<usize>(buffer), (<usize>used) << 2)
  return grown
}

/** A growable buffer holding `used` words, grown by doubling; answers the buffer to store into. */
function reserve(buffer: StaticArray<i32>, used: i32, extra: i32): StaticArray<i32> {
  if (used + extra <= buffer.length) return buffer
  return resized(buffer, used, max(buffer.length << 1, used + extra))
}

export class Postings {
  private entries: StaticArray<i32>
  private positionBuffer: StaticArray<i32>
  private entryCount: i32 = 0
  private positionCount: i32 = 0
  totalTermFreq: i64 = 0
  impacts: Impacts | null = null

  /** Empty, with room for `docs` entries and `positions` positions (a flush knows both: no growth, no slack). */
  constructor(docs: i32 = 1, positions: i32 = 1) {
    this.entries = new StaticArray<i32>(max(docs, 1) * ENTRY_WORDS)
    this.positionBuffer = new StaticArray<i32>(max(positions, 1))
  }

  /**
   * A Postings decoded from a segment image (segment-codec.ts): docFreq entries at `entries` (docFreq x (i32 docId,
   * i32 freq), docIds ascending), then their positions at `positions` (positionCount = the sum of the freqs, x i32,
   * each entry's ascending), both in linear memory.
   */
  static decoded(docFreq: i32, entries: usize, positionCount: i32, positions: usize): Postings {
    const postings = new Postings(docFreq, positionCount)
    const words = postings.entries
    let posStart = 0
    for (let i = 0; i < docFreq; i++) {
      const freq = load<i32>(entries + 8 * <usize>i, 4)
      unchecked((words[i * ENTRY_WORDS] = load<i32>(entries + 8 * <usize>i)))
      unchecked((words[i * ENTRY_WORDS + 1] = freq))
      unchecked((words[i * ENTRY_WORDS + 2] = posStart))
      posStart += freq
    }
    memory.copy(changetype<usize>(postings.positionBuffer), positions, (<usize>positionCount) << 2)
    postings.entryCount = docFreq
    postings.positionCount = positionCount
    postings.totalTermFreq = positionCount
    return postings
  }

  get docFreq(): i32 {
    return this.entryCount
  }

  get docs(): PostingsDocs {
    return changetype<PostingsDocs>(this)
  }

  get freqs(): PostingsFreqs {
    return changetype<PostingsFreqs>(this)
  }

  get posStarts(): PostingsPosStarts {
    return changetype<PostingsPosStarts>(this)
  }

  get positions(): PostingsPositions {
    return changetype<PostingsPositions>(this)
  }

  @inline entryWord(entry: i32, word: i32): i32 {
    return unchecked(this.entries[entry * ENTRY_WORDS + word])
  }

  @inline position(at: i32): i32 {
    return unchecked(this.positionBuffer[at])
  }

  @inline get positionLength(): i32 {
    return this.positionCount
  }

  /**
   * Adds one occurrence at `position` in document docId, which is the last document here or above every one here
   * (a flush streams a document's tokens in); answers true when docId is new. A document's positions stay ascending.
   */
  addPosition(docId: i32, position: i32): bool {
    this.totalTermFreq++
    const last = this.entryCount - 1
    if (last < 0 || this.entryWord(last, 0) != docId) {
      this.pushEntry(docId, 1)
      this.pushPosition(position)
      return true
    }
    unchecked(this.entries[last * ENTRY_WORDS + 1]++)
    const start = this.entryWord(last, 2)
    let at = this.positionCount
    this.pushPosition(position)
    const buffer = this.positionBuffer
    while (at > start && unchecked(buffer[at - 1]) > position) {
      unchecked((buffer[at] = buffer[at - 1]))
      at--
    }
    unchecked((buffer[at] = position))
    return false
  }

  /** Grows the buffers, if need be to exactly what `docs` more entries holding `positions` more positions take. */
  reserveExact(docs: i32, positions: i32): void {
    const entryWords = (this.entryCount + docs) * ENTRY_WORDS
    if (entryWords > this.entries.length)
      this.entries = resized(this.entries, this.entryCount * ENTRY_WORDS, entryWords)
    const positionWords = this.positionCount + positions
    if (positionWords > this.positionBuffer.length)
      this.positionBuffer = resized(this.positionBuffer, this.positionCount, positionWords)
  }

  /** Appends entry `entry` of `source` as document docId (a merge); docId is above every docId already here. */
  append(docId: i32, source: Postings, entry: i32): void {
    const freq = source.entryWord(entry, 1)
    const start = source.entryWord(entry, 2)
    this.pushEntry(docId, freq)
    this.positionBuffer = reserve(this.positionBuffer, this.positionCount, freq)
    for (let i = start; i < start + freq; i++)
      unchecked((this.positionBuffer[this.positionCount++] = source.position(i)))
    this.totalTermFreq += freq
  }

  private pushEntry(docId: i32, freq: i32): void {
    const entries = reserve(this.entries, this.entryCount * ENTRY_WORDS, ENTRY_WORDS)
    const at = this.entryCount * ENTRY_WORDS
    unchecked((entries[at] = docId))
    unchecked((entries[at + 1] = freq))
    unchecked((entries[at + 2] = this.positionCount))
    this.entries = entries
    this.entryCount++
  }

  private pushPosition(position: i32): void {
    const buffer = reserve(this.positionBuffer, this.positionCount, 1)
    unchecked((buffer[this.positionCount++] = position))
    this.positionBuffer = buffer
  }
}

/** The docIds of a Postings, entry by entry. */
@final
export class PostingsDocs {
  get length(): i32 {
    return changetype<Postings>(this).docFreq
  }

  @operator('[]') @inline private get(entry: i32): i32 {
    return changetype<Postings>(this).entryWord(entry, 0)
  }

  /** The entry holding docId, -1 when none does (docIds are ascending: a binary search). */
  indexOf(docId: i32): i32 {
    const postings = changetype<Postings>(this)
    let lo = 0
    let hi = postings.docFreq - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const at = postings.entryWord(mid, 0)
      if (at < docId) lo = mid + 1
      else if (at > docId) hi = mid - 1
      else return mid
    }
    return -1
  }
}

/** The freqs of a Postings, entry by entry. */
@final
export class PostingsFreqs {
  get length(): i32 {
    return changetype<Postings>(this).docFreq
  }

  @operator('[]') @inline private get(entry: i32): i32 {
    return changetype<Postings>(this).entryWord(entry, 1)
  }
}

/** Where each entry's positions start in the positions of a Postings. */
@final
export class PostingsPosStarts {
  get length(): i32 {
    return changetype<Postings>(this).docFreq
  }

  @operator('[]') @inline private get(entry: i32): i32 {
    return changetype<Postings>(this).entryWord(entry, 2)
  }
}

/** Every position of a Postings, entry after entry. */
@final
export class PostingsPositions {
  get length(): i32 {
    return changetype<Postings>(this).positionLength
  }

  @operator('[]') @inline private get(at: i32): i32 {
    return changetype<Postings>(this).position(at)
  }
}
