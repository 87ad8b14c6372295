/**
 * The automata of WildcardQuery and PrefixQuery: `*` any string, `?` any one code point, `\` escapes the next code
 * point (a trailing `\` is itself), everything else literal; a prefix is its text followed by any string.
 * With caseInsensitive every literal code point also matches its other case (AutomatonQueries.caseInsensitive*).
 */
import { determinize, type Dfa } from './determinize.ts'
import { Nfa, type CaseFolding, type Fragment } from './nfa.ts'

/** Wildcard and prefix automata are small: no pattern reaches this many states. */
const NO_LIMIT = Number.MAX_SAFE_INTEGER

function folding(caseInsensitive: boolean): CaseFolding {
  return caseInsensitive ? 'unicode' : 'none'
}

export function compileWildcard(pattern: string, caseInsensitive = false): Dfa {
  const nfa = new Nfa(folding(caseInsensitive))
  const chars = [...pattern]
  const parts: Fragment[] = []
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!
    if (c === '*') parts.push(nfa.star(nfa.anyChar()))
    else if (c === '?') parts.push(nfa.anyChar())
    else if (c === '\\' && i + 1 < chars.length) parts.push(nfa.string(chars[++i]!))
    else parts.push(nfa.string(c))
  }
  return determinize(nfa, nfa.concat(parts), NO_LIMIT)
}

export function compilePrefix(prefix: string, caseInsensitive = false): Dfa {
  const nfa = new Nfa(folding(caseInsensitive))
  return determinize(nfa, nfa.concat([nfa.string(prefix), nfa.star(nfa.anyChar())]), NO_LIMIT)
}
