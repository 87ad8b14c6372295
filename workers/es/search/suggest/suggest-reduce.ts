/**
 * The coordinating node's side of `suggest` (Suggest.reduce, then trim): each suggestion's shard results merged
 * entry by entry (the same tokens on every shard): an option found by several shards keeps its best score and sums
 * its frequencies, the options are sorted again (TermSuggestion's SCORE: score, then frequency, then text; FREQUENCY:
 * frequency, then score, then text) when more than one shard answered, and cut to the suggestion's size. Suggestions
 * are listed by name (Suggest sorts them so), each as TermSuggestion writes it: `text`, `offset`, `length` and
 * `options` of `text`, `score` (a float) and `freq`. Shards that cut the text into different tokens (indices with
 * different analyzers) cannot be merged: Suggest.reduce's IllegalStateException. A completion suggestion is
 * reduced and written by completion-suggestion.ts, a phrase one by phrase/phrase-suggestion.ts.
 */
import { cannotMerge } from './suggest-merge-errors.ts'
import { JavaFloat, type JsonOut } from '../../xcontent/index.ts'
// Text.compareTo compares UTF-8 bytes, which order as code points do.
import { compareUtf8 } from '../../index/mapper/doc-values.ts'
import type { SuggestWord } from './direct-spell-checker.ts'
import type { SuggestionEntry, TermSuggestion } from './term-suggester.ts'
import {
  completionSuggestionJson,
  reduceCompletion,
  type CompletionSuggestion,
} from './completion-suggestion.ts'
import type { Suggestion } from './suggest-phase.ts'
import { phraseSuggestionJson, reducePhrase, type PhraseSuggestion } from './phrase/phrase-suggestion.ts'
import { TYPED_KEYS_DELIMITER, type ToXContentParams } from '../aggregations/internal-aggregation.ts'

function compareOptions(sort: 'score' | 'frequency', a: SuggestWord, b: SuggestWord): number {
  const byFreq = b.freq - a.freq || b.score - a.score || compareUtf8(a.text, b.text)
  return sort === 'score' ? b.score - a.score || byFreq : byFreq
}

function mergeEntries(sort: 'score' | 'frequency', entries: readonly SuggestionEntry[]): SuggestionEntry {
  const leader = entries[0]!
  if (entries.length === 1) return leader
  const options = new Map<string, SuggestWord>()
  for (const entry of entries) {
    if (entry.text !== leader.text) throw cannotMerge('entries', entry.text, leader.text)
    for (const option of entry.options) {
      const merged = options.get(option.text)
      options.set(
        option.text,
        merged
          ? {
              text: option.text,
              score: Math.max(merged.score, option.score),
              freq: merged.freq + option.freq,
            }
          : option,
      )
    }
  }
  return { ...leader, options: [...options.values()].sort((a, b) => compareOptions(sort, a, b)) }
}

/** The shards' suggestions (each shard's list) reduced into the response's. */
export function reduceSuggestions(shards: ReadonlyArray<readonly Suggestion[]>): Suggestion[] {
  const byName = new Map<string, Suggestion[]>()
  for (const suggestions of shards) {
    for (const suggestion of suggestions)
      byName.set(suggestion.name, [...(byName.get(suggestion.name) ?? []), suggestion])
  }
  return [...byName.values()]
    .map((list) =>
      list[0]!.kind === 'completion'
        ? reduceCompletion(list as CompletionSuggestion[])
        : list[0]!.kind === 'phrase'
          ? reducePhrase(list as PhraseSuggestion[])
          : reduceTerm(list as TermSuggestion[]),
    )
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

/** One term suggestion's shard results merged entry by entry. */
function reduceTerm(list: readonly TermSuggestion[]): TermSuggestion {
  const { name, size, sort } = list[0]!
  const count = list[0]!.entries.length
  for (const suggestion of list)
    if (suggestion.entries.length !== count) throw cannotMerge('result', suggestion.entries.length, count)
  const entries = list[0]!.entries.map((_, i) => {
    const merged = mergeEntries(
      sort,
      list.map((suggestion) => suggestion.entries[i]!),
    )
    return { ...merged, options: merged.options.slice(0, size) }
  })
  return { kind: 'term', name, size, sort, entries }
}

/**
 * The response's `suggest` section: each suggestion under its name, or with `typed_keys` under `<type>#<name>` (Suggestion.toXContent
 * joins its writeable name, `term`, `phrase` or `completion`, and its name with Aggregation.TYPED_KEYS_DELIMITER).
 */
export function suggestResponse(suggestions: readonly Suggestion[], params: ToXContentParams): JsonOut {
  return new Map(
    suggestions.map((suggestion) => [
      params.typedKeys ? `${suggestion.kind}${TYPED_KEYS_DELIMITER}${suggestion.name}` : suggestion.name,
      suggestion.kind === 'completion'
        ? completionSuggestionJson(suggestion)
        : suggestion.kind === 'phrase'
          ? phraseSuggestionJson(suggestion)
          : termEntriesJson(suggestion),
    ]),
  )
}

function termEntriesJson({ entries }: TermSuggestion): JsonOut {
  return entries.map(({ text, offset, length, options }) => ({
    text,
    offset,
    length,
    options: options.map((option) => ({
      text: option.text,
      score: new JavaFloat(option.score),
      freq: option.freq,
    })),
  }))
}
