// The index-level settings that bound some analysis components (index.max_ngram_diff, default 1, and
// index.max_shingle_diff, default 3), and the gram-size checks the ngram tokenizer and the ngram filter share
// (NGramTokenizerFactory, NGramTokenFilterFactory).
import { intSetting, type AnalysisSettings } from './custom/analysis-settings.ts'
import { IllegalArgumentException } from './token-list.ts'

/** The index-level settings that bound some components. */
export interface AnalysisLimits {
  maxNgramDiff: number
  maxShingleDiff: number
}

export const DEFAULT_ANALYSIS_LIMITS: AnalysisLimits = { maxNgramDiff: 1, maxShingleDiff: 3 }

/** The `min_gram` and `max_gram` of an ngram or edge_ngram tokenizer or filter, checked as Lucene checks them. */
export function gramSizes(settings: AnalysisSettings): { minGram: number; maxGram: number } {
  const minGram = intSetting(settings, 'min_gram', 1)
  const maxGram = intSetting(settings, 'max_gram', 2)
  if (minGram < 1) throw new IllegalArgumentException('minGram must be greater than zero')
  if (minGram > maxGram) throw new IllegalArgumentException('minGram must not be greater than maxGram')
  return { minGram, maxGram }
}

/** index.max_ngram_diff's bound on an ngram tokenizer or filter (ES's message names the tokenizer for both). */
export function checkNgramDiff(minGram: number, maxGram: number, limits: AnalysisLimits): void {
  const diff = maxGram - minGram
  if (diff > limits.maxNgramDiff) {
    throw new IllegalArgumentException(
      `The difference between max_gram and min_gram in NGram Tokenizer must be less than or equal to: ` +
        `[${limits.maxNgramDiff}] but was [${diff}]. This limit can be set by changing the ` +
        `[index.max_ngram_diff] index level setting.`,
    )
  }
}
