/**
 * What Lucene's CompletionAnalyzer / ConcatenateGraphFilter make of a text, and how the completion queries match
 * it, over strings instead of automata:
 * - the analyzed form of a text is its tokens concatenated, each pair joined by SEP_LABEL (U+001F) with
 *   `preserve_separators` (else by nothing), and a position gap (a removed stop word) adding one HOLE (U+001E) and
 *   separator per missing position with `preserve_position_increments`;
 * - PrefixCompletionQuery matches an input whose analyzed form starts with the prefix's analyzed form;
 * - FuzzyCompletionQuery matches an input with a prefix within `maxEdits` edits (Damerau-Levenshtein with
 *   `transpositions`, as Lucene's LevenshteinAutomata) of the query's form, whose first `prefixLength` characters
 *   are the query's own; a query form shorter than `minLength` is matched exactly. Its boost is
 *   FuzzyCompletionWeight.setNextMatch's: the characters the input shares with the query from the start, the last
 *   query character not counted (so an exact match and one with an edit at the end boost alike).
 * Characters are code points (unicode_aware's reading; the default counts UTF-8 bytes, the same for ASCII).
 */
import type { TokenList } from '../../analysis/index.ts'

const SEP_LABEL = '\u001f'
const HOLE = '\u001e'

export interface CompletionAnalysisOptions {
  preserveSeparators: boolean
  preservePositionIncrements: boolean
}

/** The analyzed form of a token stream (see the header). */
export function analyzedForm(
  tokens: Pick<TokenList, 'terms' | 'positions'>,
  options: CompletionAnalysisOptions,
): string {
  const { terms, positions } = tokens
  let out = ''
  for (let i = 0; i < terms.length; i++) {
    if (i > 0) {
      const gap = options.preservePositionIncrements ? positions[i]! - positions[i - 1]! - 1 : 0
      for (let h = 0; h < gap; h++) out += HOLE + (options.preserveSeparators ? SEP_LABEL : '')
      if (options.preserveSeparators) out += SEP_LABEL
    }
    out += terms[i]
  }
  return out
}

export interface FuzzyMatch {
  maxEdits: number
  transpositions: boolean
  prefixLength: number
  minLength: number
}

/**
 * The boost with which `form` matches the query form `query`: 0 for a plain prefix match, the shared-prefix
 * count for a fuzzy one (see the header); null when it does not match.
 */
export function completionMatch(form: string, query: string, fuzzy: FuzzyMatch | null): number | null {
  if (fuzzy === null) return form.startsWith(query) ? 0 : null
  const input = [...form]
  const typed = [...query]
  if (typed.length < fuzzy.minLength || fuzzy.maxEdits === 0) {
    return form.startsWith(query) ? sharedPrefix(input, typed) : null
  }
  const fixed = Math.min(fuzzy.prefixLength, typed.length)
  for (let i = 0; i < fixed; i++) if (input[i] !== typed[i]) return null
  return prefixDistance(input.slice(fixed), typed.slice(fixed), fuzzy.transpositions) <= fuzzy.maxEdits
    ? sharedPrefix(input, typed)
    : null
}

function sharedPrefix(input: readonly string[], typed: readonly string[]): number {
  const limit = Math.min(input.length, typed.length - 1)
  let count = 0
  while (count < limit && input[count] === typed[count]) count++
  return count
}

/**
 * The least edit distance between `typed` and any prefix of `input` (optimal string alignment with
 * transpositions, as Lucene's Levenshtein automata with transpositions count them).
 */
function prefixDistance(input: readonly string[], typed: readonly string[], transpositions: boolean): number {
  const n = typed.length
  // rows[j][i]: distance between typed[0..i) and input[0..j)
  let before: number[] = []
  let previous = Array.from({ length: n + 1 }, (_, i) => i)
  let best = previous[n]!
  for (let j = 1; j <= input.length; j++) {
    const row = [j]
    for (let i = 1; i <= n; i++) {
      const cost = typed[i - 1] === input[j - 1] ? 0 : 1
      let d = Math.min(previous[i]! + 1, row[i - 1]! + 1, previous[i - 1]! + cost)
      if (
        transpositions &&
        i > 1 &&
        j > 1 &&
        typed[i - 1] === input[j - 2] &&
        typed[i - 2] === input[j - 1]
      ) {
        d = Math.min(d, before[i - 2]! + 1)
      }
      row.push(d)
    }
    best = Math.min(best, row[n]!)
    before = previous
    previous = row
  }
  return best
}
