/**
 * PhraseSuggestion: one entry, the whole suggest text (offset 0, its length in UTF-16 units) with the shard's
 * cutoff score, and its options: the corrected phrase, its highlighted form when asked, its score as a float, and
 * `collate_match` when collate prunes. The coordinating node merges the shards' entries (Entry.reduce): the
 * highest cutoff wins, options are merged by text (best score; collate_match or-ed), an option at or below the
 * merged cutoff is dropped (PhraseSuggestion.Entry.addOption), and the rest sorted by score, then text (Suggest's
 * COMPARATOR) before the suggestion's size cuts them. One shard's answer stays as it is, cut to size.
 */
import { JavaFloat, type JsonOut } from '../../../xcontent/index.ts'
import { compareUtf8 } from '../../../index/mapper/doc-values.ts'
import { cannotMerge } from '../suggest-merge-errors.ts'

export interface PhraseOption {
  text: string
  highlighted: string | null
  /** A Java float. */
  score: number
  collateMatch: boolean | null
}

export interface PhraseEntry {
  text: string
  offset: number
  length: number
  cutoffScore: number
  options: PhraseOption[]
}

export interface PhraseSuggestion {
  kind: 'phrase'
  name: string
  size: number
  entries: PhraseEntry[]
}

function compareOptions(a: PhraseOption, b: PhraseOption): number {
  return b.score - a.score || compareUtf8(a.text, b.text)
}

function reduceEntries(entries: readonly PhraseEntry[]): PhraseEntry {
  const leader = entries[0]!
  let cutoffScore = leader.cutoffScore
  const options = new Map<string, PhraseOption>()
  for (const entry of entries) {
    if (entry.text !== leader.text) throw cannotMerge('entries', entry.text, leader.text)
    cutoffScore = Math.max(cutoffScore, entry.cutoffScore)
    for (const option of entry.options) {
      const merged = options.get(option.text)
      if (merged === undefined) options.set(option.text, option)
      else
        options.set(option.text, {
          ...merged,
          score: Math.max(merged.score, option.score),
          collateMatch:
            option.collateMatch === null
              ? merged.collateMatch
              : (merged.collateMatch ?? false) || option.collateMatch,
        })
    }
  }
  return {
    ...leader,
    cutoffScore,
    options: [...options.values()].filter((option) => option.score > cutoffScore).sort(compareOptions),
  }
}

export function reducePhrase(list: readonly PhraseSuggestion[]): PhraseSuggestion {
  const { name, size } = list[0]!
  const count = list[0]!.entries.length
  const entries =
    list.length === 1
      ? list[0]!.entries
      : list[0]!.entries.map((_, i) => {
          for (const suggestion of list)
            if (suggestion.entries.length !== count)
              throw cannotMerge('result', suggestion.entries.length, count)
          return reduceEntries(list.map((suggestion) => suggestion.entries[i]!))
        })
  return {
    kind: 'phrase',
    name,
    size,
    entries: entries.map((e) => ({ ...e, options: e.options.slice(0, size) })),
  }
}

export function phraseSuggestionJson({ entries }: PhraseSuggestion): JsonOut {
  return entries.map(({ text, offset, length, options }) => ({
    text,
    offset,
    length,
    options: options.map((option) => {
      const out: Record<string, JsonOut> = { text: option.text }
      if (option.highlighted !== null) out.highlighted = option.highlighted
      out.score = new JavaFloat(option.score)
      if (option.collateMatch !== null) out.collate_match = option.collateMatch
      return out
    }),
  }))
}
