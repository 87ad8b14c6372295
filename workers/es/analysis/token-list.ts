// The token stream of the analysis chain, held column-wise: one array per attribute, one entry per token,
// as Lucene's CharTermAttribute, OffsetAttribute, TypeAttribute and PositionIncrementAttribute would
// report them token by token. Tokenizers create a TokenList; token filters map one to another.
// Invariants: all five arrays have the same length; offsets are UTF-16 code unit offsets into the
// analyzed text (Java char offsets); positions never decrease and start at 0 for a tokenizer's output
// (they increase by one per token except for path_hierarchy, which stacks its tokens at position 0; a
// filter that removes tokens keeps the survivors' positions, leaving gaps).

export interface TokenList {
  readonly terms: string[]
  readonly startOffsets: number[]
  readonly endOffsets: number[]
  readonly types: string[]
  readonly positions: number[]
}

/** A token as Elasticsearch's `_analyze` API returns it. */
export interface AnalyzeToken {
  token: string
  start_offset: number
  end_offset: number
  type: string
  position: number
}

/** Lucene's default TypeAttribute value, the type of every token the char and keyword tokenizers emit. */
export const DEFAULT_TOKEN_TYPE = 'word'

export function emptyTokenList(): TokenList {
  return { terms: [], startOffsets: [], endOffsets: [], types: [], positions: [] }
}

/** Appends a tokenizer token: its position is the next one. */
export function pushToken(list: TokenList, term: string, start: number, end: number, type: string): void {
  list.positions.push(list.terms.length)
  list.terms.push(term)
  list.startOffsets.push(start)
  list.endOffsets.push(end)
  list.types.push(type)
}

export interface Tokenizer {
  readonly name: string
  tokenize(text: string): TokenList
}

export interface TokenFilter {
  readonly name: string
  /**
   * ES's DisableGraphAttribute: a filter whose tokens of several positions are not aligned (shingles of several
   * sizes, or with unigrams) makes queries read the stream by positions, not as a token graph.
   */
  readonly disablesGraph?: boolean
  /** Maps the stream; `text` is the analyzed text, whose length is the stream's final offset. */
  filter(tokens: TokenList, text: string): TokenList
}

/** Elasticsearch's illegal_argument_exception for bad analysis settings (status 400). */
export class IllegalArgumentException extends Error {
  override readonly name = 'illegal_argument_exception'
}
