/**
 * ES's WordScorer and its three smoothing models, the n-gram language model a phrase correction is scored with.
 * Counts are the suggest field's totalTermFreq of a term or of its shingles (terms joined by the separator);
 * the vocabulary size is the field's sumTotalTermFreq and numTerms its number of distinct terms (Terms.size(), which a
 * reader of several segments does not know: maxDoc then). The score of the word at `at` of a path is
 * log10(channel x P), the channel being the real-word likelihood for an unchanged word (string distance 1), else the
 * candidate's string distance, and P the unigram probability at the path's start or with gram_size 1, the bigram one
 * at its second word or with gram_size 2, else the trigram one:
 * - every model's unigram (but Laplace's): (1 + count) / (vocabulary + numTerms);
 * - stupid_backoff (ES's default, discount 0.4 as a float; an explicit model's default is the double 0.4): a seen
 *   bigram's count / (ttf(w-1) + 1e-11), else discount x unigram; a trigram backs off to the discounted bigram, and
 *   to the discounted unigram when the bigram is unseen;
 * - laplace (alpha 0.5): (alpha + count) / (vocabulary + alpha x numTerms), the bigram's and trigram's over the
 *   previous word's and bigram's counts;
 * - linear: the lambdas (normalized by their sum) weighing each order; its trigram looks up the words joined in
 *   reverse order (w, w-1, w-2), as ES does.
 */
import type { Candidate } from './candidate.ts'

/** What the language model reads of the suggest field on a shard. */
export interface NgramTerms {
  frequency(term: string): number
  vocabularySize: number
  numTerms: number
}

export type SmoothingModel =
  | { type: 'stupid_backoff'; discount: number }
  | { type: 'laplace'; alpha: number }
  | { type: 'linear'; trigramLambda: number; bigramLambda: number; unigramLambda: number }

/** PhraseSuggestionContext.DEFAULT_SCORER: stupid backoff with the float 0.4f. */
export const DEFAULT_SMOOTHING: SmoothingModel = { type: 'stupid_backoff', discount: Math.fround(0.4) }

const EPSILON = 0.00000000001

export class WordScorer {
  constructor(
    private readonly terms: NgramTerms,
    private readonly model: SmoothingModel,
    private readonly realWordLikelihood: number,
    private readonly separator: string,
  ) {}

  score(path: readonly Candidate[], at: number, gramSize: number): number {
    const word = path[at]!
    const channel = word.stringDistance === 1 ? this.realWordLikelihood : word.stringDistance
    const p =
      at === 0 || gramSize === 1
        ? this.unigram(word)
        : at === 1 || gramSize === 2
          ? this.bigram(word, path[at - 1]!)
          : this.trigram(word, path[at - 1]!, path[at - 2]!)
    return Math.log10(channel * p)
  }

  private frequency(...words: Candidate[]): number {
    return this.terms.frequency(words.map((w) => w.term).join(this.separator))
  }

  private unigram(word: Candidate): number {
    const { vocabularySize, numTerms } = this.terms
    if (this.model.type === 'laplace') {
      const { alpha } = this.model
      return (alpha + this.frequency(word)) / (vocabularySize + alpha * numTerms)
    }
    return (1 + this.frequency(word)) / (vocabularySize + numTerms)
  }

  private bigram(word: Candidate, w1: Candidate): number {
    const model = this.model
    switch (model.type) {
      case 'stupid_backoff': {
        const count = this.frequency(w1, word)
        if (count < 1) return model.discount * this.unigram(word)
        return count / (w1.termStats.totalTermFreq + EPSILON)
      }
      case 'laplace':
        return (
          (model.alpha + this.frequency(w1, word)) /
          (w1.termStats.totalTermFreq + model.alpha * this.terms.numTerms)
        )
      case 'linear': {
        const count = this.frequency(w1, word)
        const [, bigramLambda, unigramLambda] = lambdas(model)
        if (count < 1) return unigramLambda * this.unigram(word)
        return (
          bigramLambda * (count / (0.5 + w1.termStats.totalTermFreq)) + unigramLambda * this.unigram(word)
        )
      }
    }
  }

  private trigram(word: Candidate, w1: Candidate, w2: Candidate): number {
    const model = this.model
    switch (model.type) {
      case 'stupid_backoff': {
        const bigramCount = this.frequency(w1, word)
        if (bigramCount < 1) return model.discount * this.unigram(word)
        const trigramCount = this.frequency(w2, w1, word)
        if (trigramCount < 1) return model.discount * (bigramCount / (w1.termStats.totalTermFreq + EPSILON))
        return trigramCount / (bigramCount + EPSILON)
      }
      case 'laplace': {
        const trigramCount = this.frequency(w2, w1, word)
        return (model.alpha + trigramCount) / (this.frequency(w1, word) + model.alpha * this.terms.numTerms)
      }
      case 'linear': {
        const count = this.frequency(word, w1, w2)
        if (count < 1) return this.bigram(word, w1)
        const [trigramLambda] = lambdas(model)
        return trigramLambda * (count / (1 + this.frequency(word, w1))) + this.bigram(word, w1)
      }
    }
  }
}

/** LinearInterpolatingScorer's lambdas, each divided by their sum: trigram, bigram, unigram. */
function lambdas(model: {
  trigramLambda: number
  bigramLambda: number
  unigramLambda: number
}): [number, number, number] {
  const sum = model.unigramLambda + model.bigramLambda + model.trigramLambda
  return [model.trigramLambda / sum, model.bigramLambda / sum, model.unigramLambda / sum]
}
