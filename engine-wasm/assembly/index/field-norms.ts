// FieldNorms: one byte per document, SmallFloat.intToByte4(numTerms), where numTerms is the field's token count
// minus the tokens that overlap the previous one (same position), as BM25Similarity.computeNorm with
// discountOverlaps. Byte 0 means the document has no indexed token in the field. Indexed by docId; a flush reserves its documents' norms
// once (reserve); otherwise grows by doubling.
// Reads are unchecked after the range test (scoring loops read a norm per document).

export class FieldNorms {
  private bytes: Uint8Array = new Uint8Array(64)

  @inline get(docId: i32): u8 {
    const bytes = this.bytes
    return <u32>docId < <u32>bytes.length ? unchecked(bytes[docId]) : 0
  }

  /** Takes `count` norm bytes at `address` (a segment image's) as documents 0 .. count - 1. */
  copyFrom(address: usize, count: i32): void {
    const bytes = new Uint8Array(max(count, 1))
    memory.copy(bytes.dataStart, address, <usize>count)
    this.bytes = bytes
  }

  /** Makes room, exactly, for the norms of documents below maxDoc (a flush's, known before its documents come). */
  reserve(maxDoc: i32): void {
    if (maxDoc <= this.bytes.length) return
    const grown = new Uint8Array(maxDoc)
    grown.set(this.bytes)
    this.bytes = grown
  }

  set(docId: i32, norm: u8): void {
    if (docId >= this.bytes.length) {
      let size = this.bytes.length
      while (size <= docId) size <<= 1
      const grown = new Uint8Array(size)
      grown.set(this.bytes)
      this.bytes = grown
    }
    this.bytes[docId] = norm
  }
}
