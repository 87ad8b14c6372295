// Postings: one term's occurrences in one field of a segment, a read-only view (no copy) of the field's flat postings
// buffers (term-dictionary.ts: every term's entries and positions in one buffer each, so a segment holds no object
// per term; a view is made when a query looks a term up, and cached there).
// What a view reads, by entry i in [0, docFreq): docs[i] (ascending), posStarts[i] (where entry i's positions start
// in the field's positions buffer: an absolute index), freqs[i] = posStarts[i + 1] - posStarts[i] (posStarts[docFreq]
// is where the term's positions end), positions[posStarts[i] .. posStarts[i] + freqs[i]), ascending.
// totalTermFreq = sum of freqs (Lucene's totalTermFreq). Deleted documents stay here until a merge, as in Lucene.
// posStarts are not stored as such: entry i of a term whose positions start at P holds P + i + extra(i), where
// extra(i) = the positions of entries 0 .. i - 1 beyond one each, at most totalTermFreq - docFreq. The term keeps
// extra(0 .. docFreq) (docFreq + 1 values; extra(0) = 0) in the field's extras, each in the fewest bytes that hold
// that bound (extraWidth: 0 when every freq is 1, else 1, 2 or 4), so a posting costs its doc id, its positions and
// about one byte, where Lucene's .doc file spends a vInt freq.
// The docs, freqs, posStarts and positions accessors answer read-only views (the Postings itself, typed as a view
// class: no allocation) indexable with [] and with a length, as arrays are.
// Ownership: the view holds addresses inside its dictionary's buffers and the dictionary itself, which keeps them
// alive; the buffers never move (the runtime does not move objects) and never change once the segment is written.
// `impacts` caches the block-max data a query derives from them (impacts.ts), built on first use.
import { Impacts } from './impacts'

export class Postings {
  impacts: Impacts | null = null
  private readonly docsAt: usize
  private readonly docWidth: usize
  private readonly docMask: i32
  private readonly extraWidth: usize
  private readonly extraMask: i32
  private readonly positionsAt: usize
  private readonly positionShift: usize
  private readonly positionMask: i32

  /**
   * Entries [firstEntry, firstEntry + docFreq) of `buffers`' docs, whose extras are at address extrasAt (in
   * `buffers`' extras); positions index `buffers`' positions absolutely, from positionStart up to positionEnd.
   */
  constructor(
    private readonly buffers: PostingsBuffers,
    firstEntry: i32,
    readonly docFreq: i32,
    private readonly extrasAt: usize,
    private readonly positionStart: i32,
    private readonly positionEnd: i32,
  ) {
    this.docWidth = buffers.docWidth
    this.docMask = docMask(buffers.docWidth)
    this.docsAt = changetype<usize>(buffers.docs) + <usize>firstEntry * buffers.docWidth
    const width = extraWidth(positionEnd - positionStart - docFreq)
    this.extraWidth = <usize>width
    this.extraMask = extraMask(width)
    this.positionsAt = changetype<usize>(buffers.positions)
    this.positionShift = buffers.positionShift
    this.positionMask = positionMask(buffers.positionShift)
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

  @inline doc(entry: i32): i32 {
    return load<i32>(this.docsAt + <usize>entry * this.docWidth) & this.docMask
  }

  /** Lucene's totalTermFreq. */
  @inline get totalTermFreq(): i64 {
    return <i64>(this.positionEnd - this.positionStart)
  }

  /** Branch-free for every width: an extras chunk has EXTRAS_SLACK bytes after its last value. */
  @inline private extra(entry: i32): i32 {
    return load<i32>(this.extrasAt + <usize>entry * this.extraWidth) & this.extraMask
  }

  @inline posStart(entry: i32): i32 {
    return this.positionStart + entry + this.extra(entry)
  }

  @inline freq(entry: i32): i32 {
    return 1 + this.extra(entry + 1) - this.extra(entry)
  }

  /** Branch-free for every width: a narrow position is the low part of an i32 load (the buffer has slack). */
  @inline position(at: i32): i32 {
    return load<i32>(this.positionsAt + ((<usize>at) << this.positionShift)) & this.positionMask
  }

  @inline get positionLength(): i32 {
    return this.positionEnd
  }
}

/** Bytes after a field's last position, so that reading any position as an i32 stays inside the buffer. */
const POSITIONS_SLACK: i32 = 3

/** The positions width (as a shift: 0 for u8, 1 for u16, 2 for i32) that holds every position up to maxPosition. */
export function positionShiftFor(maxPosition: i32): usize {
  return maxPosition <= 0xff ? 0 : maxPosition <= 0xffff ? 1 : 2
}

/** The largest position a positions buffer of this width holds. */
export function maxPositionOf(shift: usize): i32 {
  return shift == 0 ? 0xff : shift == 1 ? 0xffff : i32.MAX_VALUE
}

/** The mask that keeps a position of this width out of an i32 load. */
function positionMask(shift: usize): i32 {
  return shift == 0 ? 0xff : shift == 1 ? 0xffff : -1
}

/** Position `at` of positions of width `shift` (1 or 2: an image's) at `address`. */
function imagePosition(address: usize, shift: usize, at: i32): i32 {
  const from = address + ((<usize>at) << shift)
  return shift == 1 ? <i32>load<u16>(from) : load<i32>(from)
}

/** Stores a position at index `at` of a positions buffer of this width. */
function storePosition(positions: StaticArray<u8>, shift: usize, at: i32, position: i32): void {
  const address = changetype<usize>(positions) + ((<usize>at) << shift)
  if (shift == 0) store<u8>(address, <u8>position)
  else if (shift == 1) store<u16>(address, <u16>position)
  else store<i32>(address, position)
}

/** Bytes after the docs buffer's last doc id, so that reading any as an i32 stays inside the buffer. */
const DOCS_SLACK: i32 = 1
/** The largest doc id a 3-byte docs buffer holds. */
const NARROW_DOC_MAX: i32 = 0xffffff

function docMask(width: usize): i32 {
  return width == 3 ? NARROW_DOC_MAX : -1
}

/** Bytes after an extras chunk's last value, so that reading any value as an i32 stays inside the chunk. */
const EXTRAS_SLACK: i32 = 4

/** The bytes of each extra value of a term whose positions exceed its entries by `excess` (see above). */
export function extraWidth(excess: i32): i32 {
  return excess == 0 ? 0 : excess <= 0xff ? 1 : excess <= 0xffff ? 2 : 4
}

/**
 * At most the bytes of a managed array's block beyond its payload: the runtime's 20 header bytes (the allocator's
 * block word and the object header) and the rounding of blocks to 16 bytes.
 */
export const ARRAY_OVERHEAD: usize = 20 + 16

/**
 * The bytes an empty PostingsBuffers allocates for `entries` doc ids (3 bytes wide: a flush's local ids stay below
 * 2^24 until setDoc widens them), `positions` positions none above maxPosition, and `extras` bytes of extras.
 */
export function reservedPostingsBytes(entries: i32, positions: i32, maxPosition: i32, extras: i32): usize {
  const docs = <usize>entries * 3 + DOCS_SLACK + ARRAY_OVERHEAD
  const positionBytes =
    ((<usize>positions) << positionShiftFor(maxPosition)) + POSITIONS_SLACK + ARRAY_OVERHEAD
  return docs + positionBytes + (extras == 0 ? 0 : <usize>extras + EXTRAS_SLACK + ARRAY_OVERHEAD)
}

/** The mask that keeps an extra value of this width out of an i32 load. */
function extraMask(width: i32): i32 {
  return width == 0 ? 0 : width == 1 ? 0xff : width == 2 ? 0xffff : -1
}

/**
 * A field's postings buffers (term-dictionary.ts fills them): docs (one per entry, docWidth bytes each: 3 while every
 * doc id is below 2^24, else 4, then DOCS_SLACK bytes), extras (every term's extra values, see above, in chunks: one
 * per flush batch or merge that adds terms, so that adding terms copies none, each with EXTRAS_SLACK bytes after its
 * values; terms address theirs absolutely), positions: `capacity` positions of 1 << positionShift bytes each (the
 * narrowest of u8, u16 and i32 that holds the field's largest position, positionShiftFor), then POSITIONS_SLACK bytes.
 */
export class PostingsBuffers {
  docs: StaticArray<u8> = new StaticArray<u8>(DOCS_SLACK)
  docWidth: usize = 3
  private readonly extraChunks: Array<StaticArray<u8>> = new Array<StaticArray<u8>>()
  /** Where the next term's extras go in the last chunk (any readable address while no chunk is needed). */
  private nextExtras: usize = 0
  positions: StaticArray<u8> = new StaticArray<u8>(POSITIONS_SLACK)
  positionShift: usize = 0

  /** How many positions the positions buffer holds. */
  get positionCapacity(): i32 {
    return (this.positions.length - POSITIONS_SLACK) >> (<i32>this.positionShift)
  }

  /** A positions buffer for `capacity` positions of this width, holding the first `used` of the current one. */
  resizePositions(used: i32, capacity: i32, shift: usize): void {
    const positions = new StaticArray<u8>((capacity << (<i32>shift)) + POSITIONS_SLACK)
    if (shift == this.positionShift) {
      memory.copy(changetype<usize>(positions), changetype<usize>(this.positions), (<usize>used) << shift)
    } else {
      for (let at = 0; at < used; at++) storePosition(positions, shift, at, this.position(at))
    }
    this.positions = positions
    this.positionShift = shift
  }

  /**
   * Takes `count` positions of width `shift` at `address` (a version 2 segment image's, u16 or i32 exactly, no slack
   * after them) in the narrowest width that holds them.
   */
  copyPositionsFrom(address: usize, count: i32, shift: usize): void {
    let maxPosition = 0
    for (let at = 0; at < count; at++) maxPosition = max(maxPosition, imagePosition(address, shift, at))
    const narrowest = positionShiftFor(maxPosition)
    const positions = new StaticArray<u8>((count << (<i32>narrowest)) + POSITIONS_SLACK)
    if (narrowest == shift) {
      memory.copy(changetype<usize>(positions), address, (<usize>count) << shift)
    } else {
      for (let at = 0; at < count; at++)
        storePosition(positions, narrowest, at, imagePosition(address, shift, at))
    }
    this.positions = positions
    this.positionShift = narrowest
  }

  @inline position(at: i32): i32 {
    const address = changetype<usize>(this.positions) + ((<usize>at) << this.positionShift)
    return load<i32>(address) & positionMask(this.positionShift)
  }

  /** How many doc ids the docs buffer holds. */
  get docCapacity(): i32 {
    return (this.docs.length - DOCS_SLACK) / <i32>this.docWidth
  }

  /** A docs buffer for `capacity` doc ids of `width` bytes, holding the first `used` of the current one. */
  resizeDocs(used: i32, capacity: i32, width: usize): void {
    const docs = new StaticArray<u8>(capacity * <i32>width + DOCS_SLACK)
    if (width == this.docWidth) {
      memory.copy(changetype<usize>(docs), changetype<usize>(this.docs), <usize>used * width)
    } else {
      for (let e = 0; e < used; e++) store<i32>(changetype<usize>(docs) + <usize>e * width, this.doc(e))
    }
    this.docs = docs
    this.docWidth = width
  }

  /**
   * Takes `count` doc ids (i32, a version 2 segment image's) at `address` in the narrowest width that holds them.
   */
  copyDocsFrom(address: usize, count: i32): void {
    let maxDoc = 0
    for (let e = 0; e < count; e++) maxDoc = max(maxDoc, load<i32>(address + ((<usize>e) << 2)))
    this.docWidth = maxDoc <= NARROW_DOC_MAX ? 3 : 4
    this.docs = new StaticArray<u8>(count * <i32>this.docWidth + DOCS_SLACK)
    for (let e = 0; e < count; e++) this.storeDoc(e, load<i32>(address + ((<usize>e) << 2)))
  }

  @inline doc(entry: i32): i32 {
    return load<i32>(changetype<usize>(this.docs) + <usize>entry * this.docWidth) & docMask(this.docWidth)
  }

  /**
   * Takes a segment image's buffers as they are: `count` doc ids of `width` bytes at `docs`, `positionCount`
   * positions of width `shift` at `positions` (no slack after either), each into a buffer of exactly its size.
   */
  restore(docs: usize, count: i32, width: usize, positions: usize, positionCount: i32, shift: usize): void {
    const docBytes = <usize>count * width
    this.docs = new StaticArray<u8>(<i32>docBytes + DOCS_SLACK)
    memory.copy(changetype<usize>(this.docs), docs, docBytes)
    this.docWidth = width
    const positionBytes = (<usize>positionCount) << shift
    this.positions = new StaticArray<u8>(<i32>positionBytes + POSITIONS_SLACK)
    memory.copy(changetype<usize>(this.positions), positions, positionBytes)
    this.positionShift = shift
  }

  /**
   * Sets the doc id of an entry (below docCapacity); answers true when the buffer had to widen for it (it moved:
   * views made before are stale).
   */
  setDoc(entry: i32, docId: i32): bool {
    const widens = docId > NARROW_DOC_MAX && this.docWidth == 3
    if (widens) this.resizeDocs(this.docCapacity, this.docCapacity, 4)
    this.storeDoc(entry, docId)
    return widens
  }

  /** Stores a doc id that fits the width: a 3-byte store keeps the byte after it (the next doc id's). */
  @inline private storeDoc(entry: i32, docId: i32): void {
    const address = changetype<usize>(this.docs) + <usize>entry * this.docWidth
    if (this.docWidth == 3) {
      store<u16>(address, <u16>docId)
      store<u8>(address, <u8>(docId >>> 16), 2)
    } else {
      store<i32>(address, docId)
    }
  }

  /** Makes room, exactly, for `bytes` more bytes of extras (a chunk the next takeExtras calls fill). */
  reserveExtras(bytes: i32): void {
    if (bytes == 0) return
    const chunk = new StaticArray<u8>(bytes + EXTRAS_SLACK)
    this.extraChunks.push(chunk)
    this.nextExtras = changetype<usize>(chunk)
  }

  /** The address of the next `bytes` bytes of the reserved extras (a term's). */
  takeExtras(bytes: i32): usize {
    const at = this.nextExtras
    this.nextExtras += <usize>bytes
    return at
  }

  /** Extra value `index` of the term whose values are at `address`, `width` bytes each. */
  @inline extra(address: usize, width: i32, index: i32): i32 {
    return load<i32>(address + <usize>(index * width)) & extraMask(width)
  }

  @inline setExtra(at: usize, width: i32, index: i32, value: i32): void {
    const address = at + <usize>(index * width)
    if (width == 1) store<u8>(address, <u8>value)
    else if (width == 2) store<u16>(address, <u16>value)
    else if (width == 4) store<i32>(address, value)
  }

  @inline setPosition(at: i32, position: i32): void {
    storePosition(this.positions, this.positionShift, at, position)
  }
}

/** The docIds of a Postings, entry by entry. */
@final
export class PostingsDocs {
  get length(): i32 {
    return changetype<Postings>(this).docFreq
  }

  @operator('[]') @inline private get(entry: i32): i32 {
    return changetype<Postings>(this).doc(entry)
  }

  /** The entry holding docId, -1 when none does (docIds are ascending: a binary search). */
  indexOf(docId: i32): i32 {
    const postings = changetype<Postings>(this)
    let lo = 0
    let hi = postings.docFreq - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const at = postings.doc(mid)
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
    return changetype<Postings>(this).freq(entry)
  }
}

/** Where each entry's positions start in the positions of a Postings. */
@final
export class PostingsPosStarts {
  get length(): i32 {
    return changetype<Postings>(this).docFreq
  }

  @operator('[]') @inline private get(entry: i32): i32 {
    return changetype<Postings>(this).posStart(entry)
  }
}

/** The positions a Postings' entries index (absolutely: its first entry's need not start at 0). */
@final
export class PostingsPositions {
  get length(): i32 {
    return changetype<Postings>(this).positionLength
  }

  @operator('[]') @inline private get(at: i32): i32 {
    return changetype<Postings>(this).position(at)
  }
}
