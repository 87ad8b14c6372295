// Lucene's GermanNormalizationFilter, Elasticsearch's `german_normalization` token filter and a step of
// the `german` analyzer: the German2 Snowball heuristics for umlauts written out. Per term, a
// three-state machine over its UTF-16 units: 'ß' -> "ss"; 'ä', 'ö', 'ü' -> 'a', 'o', 'u'; the 'e' of
// "ae" and "oe" is removed, and of "ue" unless the 'u' follows a vowel or 'q' ("aue" keeps its 'e').
// It ignores keyword marks (Lucene's filter does not read KeywordAttribute) and keeps every other column.
import type { KeywordTokenList } from '../stemmers/keyword-attribute.ts'
import type { TokenFilter } from '../token-list.ts'

/** N: ordinary; V: a 'u' here cannot open the umlaut state; U: umlaut state, a following 'e' goes. */
type State = 'N' | 'V' | 'U'

const REPLACED: ReadonlyMap<string, string> = new Map([
  ['ä', 'a'],
  ['ö', 'o'],
  ['ü', 'u'],
])

export function germanNormalize(term: string): string {
  let state: State = 'N'
  let out = ''
  for (const unit of term.split('')) {
    if (unit === 'a' || unit === 'o') {
      state = 'U'
      out += unit
    } else if (unit === 'u') {
      state = state === 'N' ? 'U' : 'V'
      out += unit
    } else if (unit === 'e') {
      if (state !== 'U') out += unit
      state = 'V'
    } else if (unit === 'i' || unit === 'q' || unit === 'y') {
      state = 'V'
      out += unit
    } else if (REPLACED.has(unit)) {
      state = 'V'
      out += REPLACED.get(unit) ?? unit
    } else if (unit === 'ß') {
      state = 'N'
      out += 'ss'
    } else {
      state = 'N'
      out += unit
    }
  }
  return out
}

export class GermanNormalizationFilter implements TokenFilter {
  readonly name = 'german_normalization'

  filter(tokens: KeywordTokenList): KeywordTokenList {
    return { ...tokens, terms: tokens.terms.map(germanNormalize) }
  }
}
