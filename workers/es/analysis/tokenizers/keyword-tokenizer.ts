// Lucene's KeywordTokenizer: the whole input is one token of type "word", even when it is empty
// (Lucene reads the reader to its end and always emits that one term once).
import {
  DEFAULT_TOKEN_TYPE,
  emptyTokenList,
  pushToken,
  type TokenList,
  type Tokenizer,
} from '../token-list.ts'

export class KeywordTokenizer implements Tokenizer {
  readonly name = 'keyword'

  tokenize(text: string): TokenList {
    const tokens = emptyTokenList()
    pushToken(tokens, text, 0, text.length, DEFAULT_TOKEN_TYPE)
    return tokens
  }
}
