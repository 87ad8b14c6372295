// A token filter whose configuration must be analyzed by the chain in front of it, as Elasticsearch's
// TokenFilterFactory.getChainAwareTokenFilterFactory lets the synonym filters analyze their rules with the
// analyzer's tokenizer and earlier filters. A CustomAnalyzer binds such a filter when it is built.
import type { TokenFilter } from '../token-list.ts'

export interface ChainAwareFilter extends TokenFilter {
  /** The filter as used after a chain that turns a text into terms. */
  forChain(analyze: (text: string) => string[]): TokenFilter
}

export function isChainAware(filter: TokenFilter): filter is ChainAwareFilter {
  return 'forChain' in filter && typeof filter.forChain === 'function'
}
