// Lucene's FixedShingleFilter: shingles of exactly `shingleSize` positions and nothing else (no unigrams,
// even when the stream is shorter), each joined by tokenSeparator, of type "shingle", at its first token's
// position, with the offsets from its first token's start to its last real token's end. A position left
// empty by an earlier filter (a removed stop word) is filled with fillerToken. The stream's trailing
// positions (Lucene's end() position increment; `trailingPositions` here, which search_as_you_type's
// TrailingShingleTokenFilter sets to shingleSize - 1) are filled the same way, so the last tokens still
// start shingles: a token at position p starts one when p + shingleSize - 1 <= last position + trailing.
// Stacked tokens (several at one position, a synonym graph) are read as their first path: the first token
// at each position.
import { TokenListBuilder, type GraphTokenList } from '../custom/token-graph.ts'
import type { TokenFilter } from '../token-list.ts'

export class FixedShingleFilter implements TokenFilter {
  readonly name = 'fixed_shingle'

  constructor(
    private readonly shingleSize: number,
    private readonly tokenSeparator: string,
    private readonly fillerToken: string,
    private readonly trailingPositions = 0,
  ) {}

  filter(tokens: GraphTokenList): GraphTokenList {
    // The first token at each position, by position (-1: an empty position).
    const byPosition: number[] = []
    tokens.terms.forEach((_, i) => {
      const position = tokens.positions[i] ?? 0
      while (byPosition.length < position) byPosition.push(-1)
      if (byPosition.length === position) byPosition.push(i)
    })
    const out = new TokenListBuilder()
    const lastPosition = byPosition.length - 1 + this.trailingPositions
    byPosition.forEach((base, position) => {
      if (base < 0 || position + this.shingleSize - 1 > lastPosition) return
      let term = tokens.terms[base]!
      let end = tokens.endOffsets[base] ?? 0
      for (let next = position + 1; next < position + this.shingleSize; next++) {
        const token = byPosition[next] ?? -1
        term += this.tokenSeparator + (token < 0 ? this.fillerToken : tokens.terms[token]!)
        if (token >= 0) end = tokens.endOffsets[token] ?? end
      }
      out.push(term, tokens.startOffsets[base] ?? 0, end, 'shingle', position)
    })
    return out.list
  }
}
