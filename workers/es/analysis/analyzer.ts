// An analysis chain as Elasticsearch builds a custom analyzer: one tokenizer, then token filters in the
// order given (order matters: lowercase before stop removes "The", after stop it does not).
// Three outputs: analyze() is the `_analyze` API's token list; terms() is the query form, terms and
// positions only; indexTerms() streams each term as UTF-16 code units into a TermSink (the inverted index's
// flush), with no string or object per token when the chain is the standard tokenizer and lowercase alone
// (the standard analyzer): it then scans the text and lowers each token straight into a scratch buffer, an
// ASCII word while the scan reads it.
import { LowerCaseFilter } from './filters/lowercase-filter.ts'
import { StandardTokenizer, StandardTokenScan } from './tokenizers/standard-tokenizer.ts'
import type { AnalyzeToken, TokenFilter, TokenList, Tokenizer } from './token-list.ts'
import { lowerCaseInto } from './unicode/character.ts'

/** What indexing needs from a field value: terms in order with their positions (same length). */
export interface IndexTerms {
  terms: string[]
  positions: number[]
}

/** Takes indexed terms: `chars[0, length)` (valid only during the call) at `position`. */
export interface TermSink {
  term(chars: Uint16Array, length: number, position: number): void
}

/** The code units of the term being handed to a TermSink (analysis runs one value at a time). */
let scratch = new Uint16Array(256)

function scratchFor(length: number): Uint16Array {
  if (scratch.length < length) scratch = new Uint16Array(2 * length)
  return scratch
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

  /** Whether a filter of the chain sets ES's DisableGraphAttribute (queries then ignore position lengths). */
  get disablesGraph(): boolean {
    return this.filters.some((filter) => filter.disablesGraph === true)
  }

  /** The terms and positions to index. */
  terms(text: string): IndexTerms {
    const { terms, positions } = this.tokenStream(text)
    return { terms, positions }
  }

  /**
   * The terms of `text` into `sink`, positions shifted by `positionBase`; answers the position after the last
   * term (positionBase when there is none).
   */
  indexTerms(text: string, sink: TermSink, positionBase: number): number {
    const tokenizer = this.tokenizer
    if (
      tokenizer instanceof StandardTokenizer &&
      this.filters.length === 1 &&
      this.filters[0] instanceof LowerCaseFilter &&
      this.tokenizesRawText()
    ) {
      // A token is at most maxTokenLength code units, and lower-casing never lengthens one.
      const chars = scratchFor(Math.min(text.length, tokenizer.maxTokenLength))
      const scan = new StandardTokenScan(text, tokenizer.maxTokenLength, chars)
      let position = positionBase
      while (scan.next()) {
        const length =
          scan.loweredLength >= 0 ? scan.loweredLength : lowerCaseInto(text, scan.start, scan.end, chars)
        sink.term(chars, length, position++)
      }
      return position
    }
    const { terms, positions } = this.tokenStream(text)
    let next = positionBase
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i]!
      const chars = scratchFor(term.length)
      for (let c = 0; c < term.length; c++) chars[c] = term.charCodeAt(c)
      const position = positionBase + (positions[i] ?? i)
      sink.term(chars, term.length, position)
      next = position + 1
    }
    return next
  }

  /** True when the tokenizer reads the text as given (no char filter rewrites it first). */
  protected tokenizesRawText(): boolean {
    return true
  }
}
