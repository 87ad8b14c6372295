// LiveDocs: the deleted-documents bitset of a Lucene segment, inverted. Bit docId set = deleted.
// Deleted documents never match, but their postings, norms and statistics stay until a merge.
// Reads are unchecked after the range test (scoring loops test every candidate).

export class LiveDocs {
  private words: Uint32Array = new Uint32Array(4)

  @inline isLive(docId: i32): bool {
    const word = docId >>> 5
    const words = this.words
    return <u32>word >= <u32>words.length || (unchecked(words[word]) & (1 << (docId & 31))) == 0
  }

  delete(docId: i32): void {
    const word = docId >>> 5
    if (word >= this.words.length) {
      let size = this.words.length
      while (size <= word) size <<= 1
      const grown = new Uint32Array(size)
      grown.set(this.words)
      this.words = grown
    }
    this.words[word] |= 1 << (docId & 31)
  }
}
