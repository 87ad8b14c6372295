// Lucene's ASCIIFoldingFilter as Elasticsearch's `asciifolding` token filter configures it: each term is
// folded to ASCII (ascii-folding.ts); with preserve_original a term that changed is followed by the
// original at the same position.
import { TokenListBuilder, type GraphTokenList } from '../custom/token-graph.ts'
import type { TokenFilter } from '../token-list.ts'
import { foldToAscii } from './ascii-folding.ts'

export class AsciiFoldingFilter implements TokenFilter {
  readonly name = 'asciifolding'

  constructor(private readonly preserveOriginal: boolean) {}

  filter(tokens: GraphTokenList): GraphTokenList {
    const out = new TokenListBuilder()
    tokens.terms.forEach((term, i) => {
      const folded = foldToAscii(term)
      out.copy(tokens, i, folded)
      if (this.preserveOriginal && folded !== term) out.copy(tokens, i)
    })
    return out.list
  }
}
