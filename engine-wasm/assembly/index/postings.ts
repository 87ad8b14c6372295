// Postings: one term's occurrences in one field of a segment, a read-only view (no copy) of the field's flat postings
// buffers (term-dictionary.ts: every term's entries and positions in one buffer each, so a segment holds no object
// per term; a view is made when a query looks a term up, and cached there).
// What a view reads, by entry i in [0, docFreq): docs[i] (ascending), posStarts[i] (where entry i's positions start
// in the field's positions buffer: an absolute index), freqs[i] = posStarts[i + 1] - posStarts[i] (the buffer keeps
// one start more than it has entries, and the terms' entries and positions lie in the same order, so the start after
// a term's last entry is where its positions end), positions[posStarts[i] .. posStarts[i] + freqs[i]), ascending.
// totalTermFreq = sum of freqs (Lucene's totalTermFreq). Deleted documents stay here until a merge, as in Lucene.
// The docs, freqs, posStarts and positions accessors answer read-only views (the Postings itself, typed as a view
// class: no allocation) indexable with [] and with a length, as arrays are.
// Ownership: the view holds addresses inside its dictionary's buffers and the dictionary itself, which keeps them
// alive; the buffers never move (the runtime does not move objects) and never change once the segment is written.
// `impacts` caches the block-max data a query derives from them (impacts.ts), built on first use.
import { Impacts } from './impacts'

export class Postings {
  impacts: Impacts | null = null
  private readonly docsAt: usize
  private readonly posStartsAt: usize
  private readonly positionsAt: usize
  private readonly positionShift: usize
  private readonly positionMask: i32

  /**
   * Entries [firstEntry, firstEntry + docFreq) of `buffers`' docs and posStarts; positions index `buffers`'
   * positions absolutely, up to positionEnd.
   */
  constructor(
    private readonly buffers: PostingsBuffers,
    firstEntry: i32,
    readonly docFreq: i32,
    private readonly positionEnd: i32,
    readonly totalTermFreq: i64,
  ) {
    this.docsAt = changetype<usize>(buffers.docs) + ((<usize>firstEntry) << 2)
    this.posStartsAt = changetype<usize>(buffers.posStarts) + ((<usize>firstEntry) << 2)
    this.positionsAt = changetype<usize>(buffers.positions)
    this.positionShift = buffers.positionShift
    this.positionMask = buffers.positionShift == 1 ? 0xffff : -1
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
    return load<i32>(this.docsAt + ((<usize>entry) << 2))
  }

  @inline posStart(entry: i32): i32 {
    return load<i32>(this.posStartsAt + ((<usize>entry) << 2))
  }

  @inline freq(entry: i32): i32 {
    const at = this.posStartsAt + ((<usize>entry) << 2)
    return load<i32>(at, 4) - load<i32>(at)
  }

  /** Branch-free for both widths: a u16 position is the low half of an i32 load (the buffer has 2 bytes of slack). */
  @inline position(at: i32): i32 {
    return load<i32>(this.positionsAt + ((<usize>at) << this.positionShift)) & this.positionMask
  }

  @inline get positionLength(): i32 {
    return this.positionEnd
  }
}

/** The largest position a field's narrow (u16) positions buffer holds. */
export const NARROW_POSITION_MAX: i32 = 0xffff

/**
 * A field's postings buffers (term-dictionary.ts fills them): docs (one per entry), posStarts (one per entry plus
 * one: the end of the last entry's positions), positions: `capacity` positions of 1 << positionShift bytes each (u16
 * when every position of the field is at most NARROW_POSITION_MAX, else i32), then 2 bytes of slack.
 */
export class PostingsBuffers {
  docs: StaticArray<i32> = new StaticArray<i32>(0)
  posStarts: StaticArray<i32> = new StaticArray<i32>(1)
  positions: StaticArray<u8> = new StaticArray<u8>(2)
  positionShift: usize = 1

  /** How many positions the positions buffer holds. */
  get positionCapacity(): i32 {
    return (this.positions.length - 2) >> (<i32>this.positionShift)
  }

  /** A positions buffer for `capacity` positions of this width, holding the first `used` of the current one. */
  resizePositions(used: i32, capacity: i32, shift: usize): void {
    const positions = new StaticArray<u8>((capacity << (<i32>shift)) + 2)
    if (shift == this.positionShift) {
      memory.copy(changetype<usize>(positions), changetype<usize>(this.positions), (<usize>used) << shift)
    } else {
      for (let at = 0; at < used; at++)
        store<i32>(changetype<usize>(positions) + ((<usize>at) << 2), this.position(at))
    }
    this.positions = positions
    this.positionShift = shift
  }

  @inline position(at: i32): i32 {
    const address = changetype<usize>(this.positions) + ((<usize>at) << this.positionShift)
    return this.positionShift == 1 ? <i32>load<u16>(address) : load<i32>(address)
  }

  @inline setPosition(at: i32, position: i32): void {
    const address = changetype<usize>(this.positions) + ((<usize>at) << this.positionShift)
    if (this.positionShift == 1) store<u16>(address, <u16>position)
    else store<i32>(address, position)
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
