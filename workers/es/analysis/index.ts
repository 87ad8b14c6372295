// The analysis package's entry: the registry of built-in analyzers, tokenizers and token filters, the
// Analyzer chain and its token shapes, and analyzeForIndexing, the (analyzer name, text) -> terms with
// positions function the index layer calls for every text field value.
// Built-in analyzers with default settings are built once and shared (they hold no per-call state).
import type { Analyzer } from './analyzer.ts'
import { getAnalyzer } from './registry.ts'
import { IllegalArgumentException } from './token-list.ts'
import { positionLengthOf, type GraphTokenList } from './custom/token-graph.ts'

export { Analyzer, type IndexTerms, type TermSink } from './analyzer.ts'
export { getAnalyzer, type AnalysisSettings } from './registry.ts'
export { getTokenFilter } from './token-filter-registry.ts'
export { getTokenizer } from './tokenizer-registry.ts'
export {
  IllegalArgumentException,
  type AnalyzeToken,
  type TokenFilter,
  type TokenList,
  type Tokenizer,
} from './token-list.ts'

/** A term and its position, what the inverted index stores for a token; the positions it spans when more than one. */
export interface IndexedToken {
  term: string
  position: number
  positionLength?: number
}

const defaultAnalyzers = new Map<string, Analyzer>()

/** The built-in analyzer of that name with default settings; throws for an unknown name, as `_analyze` does. */
export function defaultAnalyzer(name: string): Analyzer {
  let analyzer = defaultAnalyzers.get(name)
  if (!analyzer) {
    analyzer = getAnalyzer(name) ?? undefined
    if (!analyzer) throw new IllegalArgumentException(`failed to find global analyzer [${name}]`)
    defaultAnalyzers.set(name, analyzer)
  }
  return analyzer
}

/**
 * The analyzer a text field without an `analyzer` uses: the index's `default` analyzer when its settings
 * define one, else `standard` (IndexAnalyzers.defaultAnalyzer).
 */
export const DEFAULT_ANALYZER = 'default'

/**
 * A field value's terms with their positions, as the inverted index takes them, and the positions a token spans when
 * more than one, unless the chain disables graph analysis.
 */
export function indexTokens(analyzer: Analyzer, text: string): IndexedToken[] {
  const tokens: GraphTokenList = analyzer.tokenStream(text)
  const graph = !analyzer.disablesGraph
  return tokens.terms.map((term, i) => {
    const position = tokens.positions[i] ?? i
    const positionLength = graph ? positionLengthOf(tokens, i) : 1
    return positionLength > 1 ? { term, position, positionLength } : { term, position }
  })
}

/** Analyzes a field value with a built-in analyzer for indexing (no index settings: `default` is standard). */
export function analyzeForIndexing(analyzerName: string, text: string): IndexedToken[] {
  return indexTokens(defaultAnalyzer(analyzerName === DEFAULT_ANALYZER ? 'standard' : analyzerName), text)
}
