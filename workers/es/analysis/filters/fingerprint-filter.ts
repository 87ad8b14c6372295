// Lucene's FingerprintFilter (`fingerprint`): the whole stream becomes at most one token, its distinct
// terms sorted by UTF-16 code units and joined by `separator` (one char), of type "fingerprint", at
// position 0, from offset 0 to the stream's final offset (the text's length). No token when the stream is
// empty or the joined term would be longer than `max_output_size` chars (ES default 255). Terms are
// compared case-sensitively.
import { TokenListBuilder } from '../custom/token-graph.ts'
import type { TokenFilter, TokenList } from '../token-list.ts'

export const DEFAULT_MAX_OUTPUT_SIZE = 255

export class FingerprintFilter implements TokenFilter {
  readonly name = 'fingerprint'

  constructor(
    private readonly separator: string,
    private readonly maxOutputSize: number,
  ) {}

  filter(tokens: TokenList, text: string): TokenList {
    const unique = [...new Set(tokens.terms)]
    const size = unique.reduce((sum, term) => sum + term.length, 0) + Math.max(0, unique.length - 1)
    const out = new TokenListBuilder()
    if (unique.length > 0 && size <= this.maxOutputSize) {
      unique.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      out.push(unique.join(this.separator), 0, text.length, 'fingerprint', 0)
    }
    return out.list
  }
}
