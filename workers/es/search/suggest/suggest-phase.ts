/**
 * SuggestPhase on one shard: every suggestion of the request by its suggester (term-suggester.ts,
 * completion-suggester.ts, phrase/phrase-suggester.ts, whose collate queries resolve `now` to the request's time). Each suggester checks all its suggestions before running any; the results are plain
 * data, ready to cross to the coordinating node (suggest-reduce.ts).
 */
import type { IndexService } from '../../index/index-service.ts'
import type { ShardSearcher } from '../../index/shard/shard-searcher.ts'
import { executeCompletionSuggestions } from './completion-suggester.ts'
import type { CompletionSuggestion } from './completion-suggestion.ts'
import type { CompletionSuggestionBuilder } from './completion-suggestion-builder.ts'
import type { SuggestionBuilder, TermSuggestionBuilder } from './suggest-builder.ts'
import { executeTermSuggestions, type TermSuggestion } from './term-suggester.ts'
import { executePhraseSuggestions } from './phrase/phrase-suggester.ts'
import type { PhraseSuggestion } from './phrase/phrase-suggestion.ts'
import type { PhraseSuggestionBuilder } from './phrase/phrase-suggestion-builder.ts'

/** One suggestion's result, by its suggester. */
export type Suggestion = TermSuggestion | CompletionSuggestion | PhraseSuggestion

export function executeSuggestions(
  builders: readonly SuggestionBuilder[],
  index: IndexService,
  shard: ShardSearcher,
  shardIndex: number,
  nowMillis: number,
): Suggestion[] {
  const terms = builders.filter((b): b is TermSuggestionBuilder => b.kind === 'term')
  const completions = builders.filter((b): b is CompletionSuggestionBuilder => b.kind === 'completion')
  const phrases = builders.filter((b): b is PhraseSuggestionBuilder => b.kind === 'phrase')
  return [
    ...(terms.length > 0 ? executeTermSuggestions(terms, index, shard) : []),
    ...(completions.length > 0 ? executeCompletionSuggestions(completions, index, shard, shardIndex) : []),
    ...(phrases.length > 0
      ? executePhraseSuggestions(phrases, index, shard, { index, shard, nowMillis })
      : []),
  ]
}
