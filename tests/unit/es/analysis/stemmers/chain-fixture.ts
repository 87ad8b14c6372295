/**
 * What the language stemmer tests share: the terms an analyzer gives for a text, a whitespace-tokenized chain of
 * filters, and a built-in filter by its ES name (failing the test when the registry has none).
 */
import { Analyzer } from '../../../../../workers/es/analysis/analyzer.ts'
import { getTokenFilter } from '../../../../../workers/es/analysis/token-filter-registry.ts'
import type { TokenFilter } from '../../../../../workers/es/analysis/token-list.ts'
import { whitespaceTokenizer } from '../../../../../workers/es/analysis/tokenizers/char-tokenizer.ts'

export const terms = (analyzer: Analyzer, text: string): string[] =>
  analyzer.analyze(text).map((t) => t.token)

export const whitespace = (...filters: TokenFilter[]): Analyzer =>
  new Analyzer('custom', whitespaceTokenizer(), filters)

export const filter = (name: string, settings = {}): TokenFilter => {
  const built = getTokenFilter(name, settings)
  if (!built) throw new Error(`missing filter ${name}`)
  return built
}
