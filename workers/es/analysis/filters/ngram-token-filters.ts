// Lucene's NGramTokenFilter and EdgeNGramTokenFilter as Elasticsearch's `ngram` and `edge_ngram` token
// filters configure them (min_gram 1, max_gram 2 by default): each term gives its grams of
// min_gram..max_gram code points, ordered by start then length (edge_ngram: only those at the start),
// all with the term's offsets and type at the term's position. With preserve_original the term itself
// follows its grams when it is shorter than min_gram or longer than max_gram. A term with no gram
// (and not preserved) is dropped, leaving its position empty.
import { TokenListBuilder, type GraphTokenList } from '../custom/token-graph.ts'
import type { TokenFilter } from '../token-list.ts'

export class NGramTokenFilter implements TokenFilter {
  constructor(
    readonly name: 'ngram' | 'edge_ngram',
    private readonly minGram: number,
    private readonly maxGram: number,
    private readonly preserveOriginal: boolean,
  ) {}

  filter(tokens: GraphTokenList): GraphTokenList {
    const out = new TokenListBuilder()
    tokens.terms.forEach((term, i) => {
      const points = [...term]
      const lastStart = this.name === 'edge_ngram' ? 0 : points.length - this.minGram
      for (let start = 0; start <= lastStart; start++) {
        for (let size = this.minGram; size <= this.maxGram && start + size <= points.length; size++) {
          out.copy(tokens, i, points.slice(start, start + size).join(''))
        }
      }
      if (this.preserveOriginal && (points.length < this.minGram || points.length > this.maxGram)) {
        out.copy(tokens, i)
      }
    })
    return out.list
  }
}
