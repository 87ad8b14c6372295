// Lucene's PatternTokenizer as Elasticsearch's `pattern` tokenizer configures it (pattern default \W+,
// group default -1). group -1 splits: the text between matches is a token, empty pieces are skipped;
// group >= 0 emits that group of every match (empty groups skipped). Tokens are of type "word".
import {
  DEFAULT_TOKEN_TYPE,
  emptyTokenList,
  pushToken,
  type TokenList,
  type Tokenizer,
} from '../token-list.ts'

export class PatternTokenizer implements Tokenizer {
  readonly name = 'pattern'

  constructor(
    private readonly pattern: RegExp,
    private readonly group: number,
  ) {}

  tokenize(text: string): TokenList {
    const tokens = emptyTokenList()
    const pattern = new RegExp(this.pattern.source, `${this.pattern.flags}d`)
    let lastEnd = 0
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const end = match.index + match[0].length
      if (match[0].length === 0) pattern.lastIndex++
      if (this.group < 0) {
        if (match.index > lastEnd)
          pushToken(tokens, text.slice(lastEnd, match.index), lastEnd, match.index, DEFAULT_TOKEN_TYPE)
        // Java's find() resumes after an empty match without ending the current piece.
        if (match[0].length > 0) lastEnd = end
      } else {
        const span = match.indices?.[this.group]
        if (!span || span[0] === span[1]) continue
        pushToken(tokens, text.slice(span[0], span[1]), span[0], span[1], DEFAULT_TOKEN_TYPE)
      }
    }
    if (this.group < 0 && lastEnd < text.length) {
      pushToken(tokens, text.slice(lastEnd), lastEnd, text.length, DEFAULT_TOKEN_TYPE)
    }
    return tokens
  }
}
