// Elasticsearch's UniqueTokenFilter (`unique`): drops a token whose term was already seen, in the whole
// stream or, with only_on_same_position, among the tokens of the same position. It is not a Lucene
// FilteringTokenFilter: a dropped token's position increment is lost, so the kept tokens close up.
import { TokenListBuilder, positionLengthOf, type GraphTokenList } from '../custom/token-graph.ts'
import type { TokenFilter } from '../token-list.ts'

export class UniqueFilter implements TokenFilter {
  readonly name = 'unique'

  constructor(private readonly onlyOnSamePosition: boolean) {}

  filter(tokens: GraphTokenList): GraphTokenList {
    const out = new TokenListBuilder()
    const seen = new Set<string>()
    let position = -1
    tokens.terms.forEach((term, i) => {
      const increment = (tokens.positions[i] ?? 0) - (i === 0 ? -1 : (tokens.positions[i - 1] ?? 0))
      if (this.onlyOnSamePosition && increment > 0) seen.clear()
      if (seen.has(term)) return
      seen.add(term)
      position += increment
      out.push(
        term,
        tokens.startOffsets[i] ?? 0,
        tokens.endOffsets[i] ?? 0,
        tokens.types[i] ?? '',
        position,
        positionLengthOf(tokens, i),
      )
    })
    return out.list
  }
}
