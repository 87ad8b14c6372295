// Elasticsearch's MultiplexerTokenFilterFactory (`multiplexer`): every token goes out once per entry of
// `filters`, each time through that entry's filters (one name, or a comma-separated chain of names, found as
// the index's definitions and then the built-ins), after the token itself when preserve_original (default
// true); then RemoveDuplicatesTokenFilter drops a repeated term at one position.
// Positions: the token's first copy keeps its increment, the others are stacked on it (increment 0), as the
// factory's MultiplexerFilter replays the captured token. With two or more copies each copy is a one-token
// stream of its own for its filters (ConditionalTokenFilter ends a run at every change of slot); with one copy
// the filters see the whole stream.
// Errors: "Multiplexing filter [multiplexer] refers to undefined tokenfilter [name]" (the filter's own name is
// its type here).
import { boolSetting, listSetting, type AnalysisSettings } from '../custom/analysis-settings.ts'
import { isChainAware, type ChainAwareFilter, type FilterLookup } from '../custom/chain-aware-filter.ts'
import { positionIncrementOf, type GraphTokenList } from '../custom/token-graph.ts'
import type { KeywordTokenList } from '../stemmers/keyword-attribute.ts'
import { IllegalArgumentException, type TokenFilter, type TokenList } from '../token-list.ts'
import { removeDuplicatesFilter } from './token-selection-filters.ts'
import { IncrementOutput } from './word-delimiter-filter.ts'

type Tokens = GraphTokenList & KeywordTokenList

/** Token `i` alone, at position 0. */
function single(tokens: Tokens, i: number): Tokens {
  return {
    terms: [tokens.terms[i] ?? ''],
    startOffsets: [tokens.startOffsets[i] ?? 0],
    endOffsets: [tokens.endOffsets[i] ?? 0],
    types: [tokens.types[i] ?? ''],
    positions: [0],
    positionLengths: [tokens.positionLengths?.[i] ?? 1],
    keywords: [tokens.keywords?.[i] ?? false],
  }
}

function run(chain: readonly TokenFilter[], tokens: TokenList, text: string): Tokens {
  let out = tokens
  for (const filter of chain) out = filter.filter(out, text)
  return out
}

export class MultiplexerFilter implements ChainAwareFilter {
  readonly name = 'multiplexer'

  /** One filter chain per copy; an empty chain is the token itself. */
  constructor(
    private readonly entries: ReadonlyArray<readonly string[]>,
    private readonly preserveOriginal: boolean,
    private readonly chains: ReadonlyArray<readonly TokenFilter[]> = [],
  ) {}

  forChain(analyze: (text: string) => string[], lookup: FilterLookup): TokenFilter {
    const chains = this.entries.map((names) =>
      names.map((name) => {
        const filter = lookup(name)
        if (!filter) {
          throw new IllegalArgumentException(
            `Multiplexing filter [multiplexer] refers to undefined tokenfilter [${name}]`,
          )
        }
        return isChainAware(filter) ? filter.forChain(analyze, lookup) : filter
      }),
    )
    return new MultiplexerFilter(this.entries, this.preserveOriginal, [
      ...(this.preserveOriginal ? [[]] : []),
      ...chains,
    ])
  }

  filter(tokens: Tokens, text: string): Tokens {
    const dedup = removeDuplicatesFilter()
    if (this.chains.length === 1) return dedup.filter(run(this.chains[0] ?? [], tokens, text), text)
    const out = new IncrementOutput()
    tokens.terms.forEach((_, i) => {
      this.chains.forEach((chain, slot) => {
        const copy = run(chain, single(tokens, i), text)
        copy.terms.forEach((term, n) => {
          const first = n === 0 ? (slot === 0 ? positionIncrementOf(tokens, i) : 0) : 0
          out.emit(
            term,
            copy.startOffsets[n] ?? 0,
            copy.endOffsets[n] ?? 0,
            copy.types[n] ?? '',
            first + (n === 0 ? (copy.positions[0] ?? 0) : positionIncrementOf(copy, n)),
            copy.positionLengths?.[n] ?? 1,
            copy.keywords?.[n] ?? false,
          )
        })
      })
    })
    return dedup.filter(out.list, text)
  }
}

export function multiplexerFilter(settings: AnalysisSettings): TokenFilter {
  const entries = (listSetting(settings, 'filters') ?? []).map((entry) =>
    entry
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
  )
  return new MultiplexerFilter(entries, boolSetting(settings, 'preserve_original', true))
}
