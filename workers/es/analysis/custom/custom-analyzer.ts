// Elasticsearch's CustomAnalyzer: char filters, then a tokenizer whose offsets are corrected back into the
// original text (Tokenizer.correctOffset), then token filters. It keeps its components with the names they
// were configured under, so that `_analyze` with explain can show each stage, and its
// position_increment_gap (100 by default, as ES sets for every analyzer) and offset gap (Lucene's 1)
// between the values of an array.
import { Analyzer } from '../analyzer.ts'
import type { TokenFilter, TokenList, Tokenizer } from '../token-list.ts'
import { getTokenFilter } from '../token-filter-registry.ts'
import { isChainAware, type FilterLookup } from './chain-aware-filter.ts'
import { applyCharFilters, type CharFilter } from './char-filter.ts'

export const DEFAULT_POSITION_INCREMENT_GAP = 100
export const DEFAULT_OFFSET_GAP = 1

/** A component with the name it is known by: a settings name, a built-in name or "__anonymous__<type>". */
export interface NamedComponent<T> {
  name: string
  type: string
  component: T
}

export interface AnalyzerComponents {
  tokenizer: NamedComponent<Tokenizer>
  filters: ReadonlyArray<NamedComponent<TokenFilter>>
  charFilters: ReadonlyArray<NamedComponent<CharFilter>>
  /** The filters a multiplexer or condition filter may name; the built-ins when absent. */
  filterLookup?: FilterLookup
}

const builtInFilter: FilterLookup = (name) => getTokenFilter(name)

function tokenize(tokenizer: Tokenizer, charFilters: readonly CharFilter[], text: string): TokenList {
  const filtered = applyCharFilters(text, charFilters)
  const tokens = tokenizer.tokenize(filtered.text)
  if (charFilters.length === 0) return tokens
  return {
    ...tokens,
    startOffsets: tokens.startOffsets.map((offset) => filtered.correctOffset(offset)),
    endOffsets: tokens.endOffsets.map((offset) => filtered.correctOffset(offset)),
  }
}

/** The filters, each chain-aware one bound to the chain in front of it. */
function bindFilters(
  tokenizer: Tokenizer,
  charFilters: readonly CharFilter[],
  components: AnalyzerComponents,
): TokenFilter[] {
  const bound: TokenFilter[] = []
  for (const { component } of components.filters) {
    if (!isChainAware(component)) {
      bound.push(component)
      continue
    }
    const before = [...bound]
    bound.push(
      component.forChain((text) => {
        let tokens = tokenize(tokenizer, charFilters, text)
        for (const filter of before) tokens = filter.filter(tokens, text)
        return tokens.terms
      }, components.filterLookup ?? builtInFilter),
    )
  }
  return bound
}

export class CustomAnalyzer extends Analyzer {
  readonly charFilters: readonly CharFilter[]

  constructor(
    name: string,
    readonly components: AnalyzerComponents,
    readonly positionIncrementGap = DEFAULT_POSITION_INCREMENT_GAP,
    readonly offsetGap = DEFAULT_OFFSET_GAP,
  ) {
    const charFilters = components.charFilters.map((filter) => filter.component)
    super(
      name,
      components.tokenizer.component,
      bindFilters(components.tokenizer.component, charFilters, components),
    )
    this.charFilters = charFilters
  }

  /** The tokenizer's output with offsets into `text`, before any token filter. */
  tokenizerStream(text: string): TokenList {
    return tokenize(this.tokenizer, this.charFilters, text)
  }

  /** The stream after the first `count` token filters. */
  partialStream(text: string, count: number): TokenList {
    let tokens = this.tokenizerStream(text)
    for (const filter of this.filters.slice(0, count)) tokens = filter.filter(tokens, text)
    return tokens
  }

  override tokenStream(text: string): TokenList {
    return this.partialStream(text, this.filters.length)
  }

  protected override tokenizesRawText(): boolean {
    return this.charFilters.length === 0
  }
}
