// Lucene's LengthFilter (Elasticsearch `length`: min default 0, max default Integer.MAX_VALUE): keeps
// the tokens whose term has min..max UTF-16 chars; removed tokens leave their positions empty.
import { TokenListBuilder, type GraphTokenList } from '../custom/token-graph.ts'
import type { TokenFilter } from '../token-list.ts'

export class LengthFilter implements TokenFilter {
  readonly name = 'length'

  constructor(
    private readonly min: number,
    private readonly max: number,
  ) {}

  filter(tokens: GraphTokenList): GraphTokenList {
    const out = new TokenListBuilder()
    tokens.terms.forEach((term, i) => {
      if (term.length >= this.min && term.length <= this.max) out.copy(tokens, i)
    })
    return out.list
  }
}
