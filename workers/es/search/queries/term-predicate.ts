/**
 * Which single terms a term-level leaf of the index's query tree accepts, decided outside the index: `term` the
 * same text, `prefix` and `wildcard` and `regexp` through the automata the index runs (engine-wasm's
 * automaton/), `fuzzy` within its edit distance (optimal string alignment over code points, as Lucene's
 * Levenshtein automata with transpositions) after its unchanged prefix, `termRange` between its bounds in UTF-8
 * byte order. The highlighter finds matching tokens with it (fetch/highlight/query-matches.ts), and queries on
 * runtime fields their matching values (runtime-field-queries.ts).
 */
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import { compileRegexp, RegexpFlags } from '../../../../engine-wasm/src/index/automaton/regexp.ts'
import { compileWildcard } from '../../../../engine-wasm/src/index/automaton/wildcard.ts'
import { runDfa } from '../../../../engine-wasm/src/index/automaton/determinize.ts'
import { compareUtf8 } from '../../index/mapper/doc-values.ts'

type Leaf = Extract<IndexQuery, { field: string }>

/** Optimal string alignment distance over code points (Lucene's Levenshtein automata with transpositions). */
function editDistance(a: string, b: string, transpositions: boolean): number {
  const x = [...a]
  const y = [...b]
  const d = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => i + j),
  )
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const row = d[i]!
      const cost = x[i - 1] === y[j - 1] ? 0 : 1
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (transpositions && i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1)
      }
    }
  }
  return d[x.length]![y.length]!
}

/** Which single terms a term-level leaf accepts; null for a phrase or a leaf without terms. */
export function termPredicate(leaf: Leaf): ((term: string) => boolean) | null {
  switch (leaf.type) {
    case 'term':
      return (term) => term === leaf.term
    case 'prefix':
      return leaf.caseInsensitive
        ? (term) => term.toLowerCase().startsWith(leaf.prefix.toLowerCase())
        : (term) => term.startsWith(leaf.prefix)
    case 'wildcard': {
      const dfa = compileWildcard(leaf.pattern, leaf.caseInsensitive)
      return (term) => runDfa(dfa, term)
    }
    case 'regexp': {
      const dfa = compileRegexp(
        leaf.pattern,
        leaf.maxDeterminizedStates,
        leaf.flags ?? RegexpFlags.ALL,
        leaf.caseInsensitive,
      )
      return (term) => runDfa(dfa, term)
    }
    case 'fuzzy': {
      const prefix = [...leaf.term].slice(0, leaf.prefixLength).join('')
      return (term) =>
        term.startsWith(prefix) && editDistance(term, leaf.term, leaf.transpositions) <= leaf.maxEdits
    }
    case 'termRange':
      return (term) => {
        const low = leaf.lower === null ? 1 : compareUtf8(term, leaf.lower)
        const high = leaf.upper === null ? -1 : compareUtf8(term, leaf.upper)
        return (leaf.includeLower ? low >= 0 : low > 0) && (leaf.includeUpper ? high <= 0 : high < 0)
      }
    default:
      return null
  }
}
