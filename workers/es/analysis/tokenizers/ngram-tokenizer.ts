// Lucene's NGramTokenizer and EdgeNGramTokenizer as Elasticsearch's `ngram` and `edge_ngram` tokenizers
// configure them: the text splits into runs of token chars (see token-chars.ts; all chars by default),
// and each run gives its n-grams of min_gram..max_gram code points, ordered by start then length
// (ngram), or only those that start at the run's start (edge_ngram). Each gram is a new position, of type
// "word", with the offsets of the chars it covers.
import {
  DEFAULT_TOKEN_TYPE,
  emptyTokenList,
  pushToken,
  type TokenList,
  type Tokenizer,
} from '../token-list.ts'
import type { CodePointMatcher } from './token-chars.ts'

export class NGramTokenizer implements Tokenizer {
  constructor(
    readonly name: 'ngram' | 'edge_ngram',
    private readonly minGram: number,
    private readonly maxGram: number,
    private readonly isTokenChar: CodePointMatcher,
  ) {}

  tokenize(text: string): TokenList {
    const tokens = emptyTokenList()
    // UTF-16 offsets of each code point of the current run, plus the offset after its last one.
    let run: number[] = []
    const flush = (end: number): void => {
      run.push(end)
      const count = run.length - 1
      const lastStart = this.name === 'edge_ngram' ? 0 : count - this.minGram
      for (let start = 0; start <= lastStart; start++) {
        for (let size = this.minGram; size <= this.maxGram && start + size <= count; size++) {
          const from = run[start] ?? 0
          const to = run[start + size] ?? 0
          pushToken(tokens, text.slice(from, to), from, to, DEFAULT_TOKEN_TYPE)
        }
      }
      run = []
    }
    for (let i = 0; i < text.length;) {
      const codePoint = text.codePointAt(i) ?? 0
      const width = codePoint > 0xffff ? 2 : 1
      if (this.isTokenChar(codePoint)) run.push(i)
      else if (run.length > 0) flush(i)
      i += width
    }
    if (run.length > 0) flush(text.length)
    return tokens
  }
}
