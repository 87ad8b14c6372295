// Lucene's ShingleFilter as Elasticsearch's `shingle` token filter configures it: at each position, the
// unigram (when output_unigrams) and then the shingles of min_shingle_size..max_shingle_size tokens
// starting there, joined by token_separator, of type "shingle", spanning their tokens' positions
// (positionLength = size) and offsets. A position left empty by an earlier filter (a removed stop word)
// is filled with filler_token inside a shingle; a shingle of fillers only is not emitted. output_unigrams_if_no_shingles outputs the unigrams only
// when no shingle could be built. Unigrams or shingles of several sizes disable graph analysis (disablesGraph).
import { TokenListBuilder, type GraphTokenList } from '../custom/token-graph.ts'
import type { TokenFilter } from '../token-list.ts'

export interface ShingleOptions {
  minShingleSize: number
  maxShingleSize: number
  outputUnigrams: boolean
  outputUnigramsIfNoShingles: boolean
  tokenSeparator: string
  fillerToken: string
}

interface Slot {
  term: string
  start: number
  end: number
  index: number
}

export class ShingleFilter implements TokenFilter {
  readonly name = 'shingle'

  constructor(readonly options: ShingleOptions) {}

  /** ShingleTokenFilterFactory.Factory.create: unigrams or shingles of several sizes disable graph analysis. */
  get disablesGraph(): boolean {
    return this.options.outputUnigrams || this.options.minShingleSize !== this.options.maxShingleSize
  }

  filter(tokens: GraphTokenList): GraphTokenList {
    const { minShingleSize, maxShingleSize, tokenSeparator, fillerToken } = this.options
    // One slot per position from 0 to the last token's; an empty position holds the filler, with the
    // zero-length offsets of the start of the token after it.
    const slots: Slot[] = []
    tokens.terms.forEach((term, i) => {
      const position = tokens.positions[i] ?? 0
      const start = tokens.startOffsets[i] ?? 0
      while (slots.length < position) slots.push({ term: fillerToken, start, end: start, index: -1 })
      if (slots.length === position) slots.push({ term, start, end: tokens.endOffsets[i] ?? 0, index: i })
    })
    const unigrams = new TokenListBuilder()
    const all = new TokenListBuilder()
    let built = 0
    slots.forEach((slot, at) => {
      if (slot.index >= 0) {
        unigrams.copy(tokens, slot.index)
        if (this.options.outputUnigrams) all.copy(tokens, slot.index)
      }
      for (
        let size = Math.max(2, minShingleSize);
        size <= maxShingleSize && at + size <= slots.length;
        size++
      ) {
        const parts = slots.slice(at, at + size)
        const last = parts[parts.length - 1]
        if (!last || parts.every((part) => part.index < 0)) continue
        const term = parts.map((part) => part.term).join(tokenSeparator)
        all.push(term, slot.start, last.end, 'shingle', at, size)
        built++
      }
    })
    if (built === 0 && this.options.outputUnigramsIfNoShingles) return unigrams.list
    return all.list
  }
}
