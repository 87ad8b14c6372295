// A token filter whose configuration must be analyzed by the chain in front of it, as Elasticsearch's
// TokenFilterFactory.getChainAwareTokenFilterFactory lets the synonym filters analyze their rules with the
// analyzer's tokenizer and earlier filters, and the multiplexer and condition filters find the filters they
// name (the `allFilters` lookup: the index's definitions, then the built-ins). A CustomAnalyzer binds such a
// filter when it is built.
import type { TokenFilter } from '../token-list.ts'

/** A token filter by name as an analyzer's scope resolves it, or null when it has none. */
export type FilterLookup = (name: string) => TokenFilter | null

export interface ChainAwareFilter extends TokenFilter {
  /** The filter as used after a chain that turns a text into terms, in a scope that names filters. */
  forChain(analyze: (text: string) => string[], lookup: FilterLookup): TokenFilter
}

export function isChainAware(filter: TokenFilter): filter is ChainAwareFilter {
  return 'forChain' in filter && typeof filter.forChain === 'function'
}
