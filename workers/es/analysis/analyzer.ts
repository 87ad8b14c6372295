// An analysis chain as Elasticsearch builds a custom analyzer: one tokenizer, then token filters in the
// order given (order matters: lowercase before stop removes "The", after stop it does not).
// Two outputs: analyze() is the `_analyze` API's token list; terms() is the indexing form, terms and
// positions only, for the inverted index.
import type { AnalyzeToken, TokenFilter, TokenList, Tokenizer } from './token-list.ts'

/** What indexing needs from a field value: terms in order with their positions (same length). */
export interface IndexTerms {
  terms: string[]
  positions: number[]
}

export class Analyzer {
  constructor(
    readonly name: string,
    readonly tokenizer: Tokenizer,
    readonly filters: readonly TokenFilter[] = [],
  ) {}

  /** Runs the chain and returns the column-wise token stream. */
  tokenStream(text: string): TokenList {
    let tokens = this.tokenizer.tokenize(text)
    for (const filter of this.filters) tokens = filter.filter(tokens, text)
    return tokens
  }

  /** The tokens as `_analyze` returns them. */
  analyze(text: string): AnalyzeToken[] {
    const tokens = this.tokenStream(text)
    return tokens.terms.map((token, i) => ({
      token,
      start_offset: tokens.startOffsets[i] ?? 0,
      end_offset: tokens.endOffsets[i] ?? 0,
      type: tokens.types[i] ?? '',
      position: tokens.positions[i] ?? 0,
    }))
  }

  /** The terms and positions to index. */
  terms(text: string): IndexTerms {
    const { terms, positions } = this.tokenStream(text)
    return { terms, positions }
  }
}
