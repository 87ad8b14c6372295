/**
 * CompletionSuggestion: one completion suggestion's result, its reduce on the coordinating node and its JSON.
 * - A shard's result has one entry (the typed text, offset 0, its length) whose options are that shard's best
 *   documents in order: score (the input's weight, a float) descending, then the option text, then the doc id.
 * - The reduce (CompletionSuggestion.reduce) merges the shards' ordered lists with Suggest.COMPARATOR (score
 *   descending, then text) and then shard index and doc id, drops repeated texts with `skip_duplicates`, and stops
 *   at `size`.
 * - Each option is written as CompletionSuggestion.Entry.Option with its search hit: `text`, `_index`, `_id`,
 *   `_score`, `_source` (the stored bytes).
 */
import { JavaFloat, RawJson, type JsonOut } from '../../xcontent/index.ts'

export interface CompletionOption {
  text: string
  score: number
  index: string
  id: string
  /** The stored `_source` as it was sent. */
  source: string
  shardIndex: number
  docId: number
}

export interface CompletionSuggestion {
  kind: 'completion'
  name: string
  size: number
  skipDuplicates: boolean
  text: string
  options: CompletionOption[]
}

/** Suggest.COMPARATOR, then CompletionSuggestion's OptionPriorityQueue tie-break (shard index, then doc). */
export function compareCompletionOptions(a: CompletionOption, b: CompletionOption): number {
  if (a.score !== b.score) return b.score - a.score
  if (a.text !== b.text) return a.text < b.text ? -1 : 1
  return a.shardIndex - b.shardIndex || a.docId - b.docId
}

/** The shards' results of one completion suggestion merged into the response's. */
export function reduceCompletion(shards: readonly CompletionSuggestion[]): CompletionSuggestion {
  const leader = shards[0]!
  if (shards.length === 1) return leader
  const seen = new Set<string>()
  const options: CompletionOption[] = []
  for (const option of shards.flatMap((s) => s.options).sort(compareCompletionOptions)) {
    if (leader.skipDuplicates && seen.has(option.text)) continue
    seen.add(option.text)
    options.push(option)
    if (options.length >= leader.size) break
  }
  return { ...leader, options }
}

/** The suggestion's entries as the response writes them. */
export function completionSuggestionJson(suggestion: CompletionSuggestion): JsonOut {
  return [
    {
      text: suggestion.text,
      offset: 0,
      length: suggestion.text.length,
      options: suggestion.options.map((option) => ({
        text: option.text,
        _index: option.index,
        _id: option.id,
        _score: new JavaFloat(option.score),
        _source: new RawJson(option.source),
      })),
    },
  ]
}
