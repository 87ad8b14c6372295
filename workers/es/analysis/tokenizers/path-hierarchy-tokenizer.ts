// Lucene 9's PathHierarchyTokenizer and ReversePathHierarchyTokenizer (the `path_hierarchy` tokenizer;
// `reverse: true` picks the second). The input is split into components at `delimiter`; each token's
// delimiters are written as `replacement`; offsets are UTF-16 offsets into the input; the type is "word".
//   forward: the growing prefixes after the first `skip` components. A component starts with its leading
//            delimiter, so "/a/b" gives "/a", "/a/b"; a trailing delimiter makes a last token ("/a/" too).
//   reverse: the shrinking suffixes of the input without its last `skip` components: "/a/b" gives "/a/b",
//            "a/b", "b" (each starts right after a delimiter, or at 0).
// Positions: as in Lucene 9.x (which ES 8.17 ships), every token after the first has a position increment
// of 0, so all tokens share position 0 (ancestor paths act as synonyms); Lucene 10 gives each its own.
import {
  DEFAULT_TOKEN_TYPE,
  emptyTokenList,
  IllegalArgumentException,
  type TokenList,
  type Tokenizer,
} from '../token-list.ts'

export interface PathHierarchyOptions {
  delimiter: string
  replacement: string
  skip: number
  bufferSize: number
  reverse: boolean
}

function pushAtZero(tokens: TokenList, term: string, start: number, end: number): void {
  tokens.positions.push(0)
  tokens.terms.push(term)
  tokens.startOffsets.push(start)
  tokens.endOffsets.push(end)
  tokens.types.push(DEFAULT_TOKEN_TYPE)
}

export class PathHierarchyTokenizer implements Tokenizer {
  readonly name = 'path_hierarchy'

  constructor(private readonly options: PathHierarchyOptions) {
    if (options.bufferSize < 0) throw new IllegalArgumentException('bufferSize cannot be negative')
    if (options.skip < 0) throw new IllegalArgumentException('skip cannot be negative')
  }

  tokenize(text: string): TokenList {
    return this.options.reverse ? this.suffixes(text) : this.prefixes(text)
  }

  private replaced(text: string, start: number, end: number): string {
    const { delimiter, replacement } = this.options
    return text.slice(start, end).split(delimiter).join(replacement)
  }

  /** Component i spans [starts[i], starts[i+1]): it begins at 0 or at a delimiter. */
  private prefixes(text: string): TokenList {
    const tokens = emptyTokenList()
    if (text.length === 0) return tokens
    const { delimiter, skip } = this.options
    const starts = [0]
    for (let i = 1; i < text.length; i++) if (text[i] === delimiter) starts.push(i)
    if (starts.length <= skip) return tokens
    const start = starts[skip] ?? 0
    for (let c = skip + 1; c <= starts.length; c++) {
      const end = c < starts.length ? (starts[c] ?? 0) : text.length
      pushAtZero(tokens, this.replaced(text, start, end), start, end)
    }
    return tokens
  }

  /** Token starts are 0 and each position right after a delimiter; all end where the last `skip` begin. */
  private suffixes(text: string): TokenList {
    const tokens = emptyTokenList()
    const { delimiter, skip } = this.options
    const bounds = [0]
    for (let i = 0; i < text.length; i++) if (text[i] === delimiter) bounds.push(i + 1)
    if ((bounds.at(-1) ?? 0) < text.length) bounds.push(text.length)
    const count = bounds.length - skip - 1
    const end = bounds[bounds.length - 1 - skip] ?? 0
    for (let i = 0; i < count; i++) {
      const start = bounds[i] ?? 0
      pushAtZero(tokens, this.replaced(text, start, end), start, end)
    }
    return tokens
  }
}
