/**
 * TermSuggester on one shard: each suggestion's text (its own or the global one; neither: `The required text
 * option is missing`) analyzed with the suggestion's `analyzer` or the field's search analyzer (a keyword field: the
 * whole text, one token), and, for each token, an entry with the analyzed term, its start offset and length in the
 * text, and the DirectSpellChecker's words for it (direct-spell-checker.ts) from this shard's terms. The errors are
 * SuggestionBuilder.populateCommonFields's. Plain data, ready to cross to the coordinating node.
 */
import { illegalArgumentException } from '../../errors/index.ts'
import type { IndexService } from '../../index/index-service.ts'
import type { ShardSearcher } from '../../index/shard/shard-searcher.ts'
import { concreteFieldName, searchFields } from '../search-fields.ts'
import { suggestSimilar, type SuggestWord } from './direct-spell-checker.ts'
import { spellCheckIndex } from './shard-terms.ts'
import type { TermSuggestionBuilder } from './suggest-builder.ts'
import { analyzeSuggestText, suggestionAnalyzer } from './suggest-analysis.ts'

export interface SuggestionEntry {
  text: string
  offset: number
  length: number
  options: SuggestWord[]
}

/** One suggestion's result (TermSuggestion): its entries, one per token of the text. */
export interface TermSuggestion {
  kind: 'term'
  name: string
  size: number
  sort: 'score' | 'frequency'
  entries: SuggestionEntry[]
}

interface Token {
  term: string
  start: number
  end: number
}

function tokens(index: IndexService, builder: TermSuggestionBuilder, text: string): Token[] {
  const stream = analyzeSuggestText(suggestionAnalyzer(index, builder.field, builder.analyzer), text)
  return stream.terms.map((term, i) => ({ term, start: stream.startOffsets[i]!, end: stream.endOffsets[i]! }))
}

export function executeTermSuggestions(
  builders: readonly TermSuggestionBuilder[],
  index: IndexService,
  shard: ShardSearcher,
): TermSuggestion[] {
  // SuggestBuilder.build: every suggestion is built (and checked) before any runs.
  const built = builders.map((builder) => {
    if (builder.text === null) throw illegalArgumentException('The required text option is missing')
    return { builder, tokens: tokens(index, builder, builder.text) }
  })
  return built.map(({ builder, tokens: list }) => {
    // DirectCandidateGenerator reads the terms of the field type's name: a field alias's target.
    const field = concreteFieldName(searchFields(index.metadata.mapping), builder.field)
    const reader = spellCheckIndex(shard, field)
    return {
      kind: 'term',
      name: builder.name,
      size: builder.size,
      sort: builder.sort,
      entries: list.map(({ term, start, end }) => ({
        text: term,
        offset: start,
        length: end - start,
        options: suggestSimilar(reader, term, builder.shardSize, builder),
      })),
    }
  })
}
