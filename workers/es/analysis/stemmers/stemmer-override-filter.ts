// Lucene's StemmerOverrideFilter (case-sensitive, as DutchAnalyzer and Elasticsearch's `stemmer_override`
// token filter build it): a term not yet marked as a keyword that the dictionary holds is replaced by its
// listed stem and marked as a keyword, so that the stemmers after it leave it alone. Other terms and every
// other column pass through unchanged. Invariant: the result's keywords column has one entry per term.
// The `stemmer_override` factory (StemmerOverrideTokenFilterFactory, Elasticsearch 8) reads `rules`, each
// `key1[, ..., keyN] => override`: the rule is split at every "=>" (exactly two sides), the left side at
// every ",", each side trimmed as Java's String.trim does; an empty key, an empty override or an override
// holding a "," is "Invalid Keyword override Rule:<rule>". The first rule for a key wins (the Builder's
// BytesRefHash keeps the first). `rules_path` (a file on the node) is refused: no config directory.
import { javaTrim } from '../../../net/java-double.ts'
import { listSetting, type AnalysisSettings } from '../custom/analysis-settings.ts'
import { IllegalArgumentException, type TokenFilter } from '../token-list.ts'
import { isKeyword, type KeywordTokenList } from './keyword-attribute.ts'

export class StemmerOverrideFilter implements TokenFilter {
  readonly name = 'stemmer_override'

  constructor(private readonly dictionary: ReadonlyMap<string, string>) {}

  filter(tokens: KeywordTokenList): KeywordTokenList {
    const overridden = tokens.terms.map((term, i) =>
      isKeyword(tokens, i) ? undefined : this.dictionary.get(term),
    )
    return {
      ...tokens,
      terms: tokens.terms.map((term, i) => overridden[i] ?? term),
      keywords: tokens.terms.map((_, i) => isKeyword(tokens, i) || overridden[i] !== undefined),
    }
  }
}

/** StemmerOverrideTokenFilterFactory.parseRules with the "=>" separator, into a key -> stem map. */
export function parseStemmerOverrideRules(rules: readonly string[]): Map<string, string> {
  const dictionary = new Map<string, string>()
  for (const rule of rules) {
    const invalid = (): never => {
      throw new IllegalArgumentException(`Invalid Keyword override Rule:${rule}`)
    }
    const sides = rule.split('=>')
    if (sides.length !== 2) invalid()
    const override = javaTrim(sides[1] ?? '')
    if (override === '' || override.includes(',')) invalid()
    for (const key of (sides[0] ?? '').split(',')) {
      const trimmed = javaTrim(key)
      if (trimmed === '') invalid()
      if (!dictionary.has(trimmed)) dictionary.set(trimmed, override)
    }
  }
  return dictionary
}

/** The `stemmer_override` token filter from its settings. */
export function stemmerOverrideTokenFilter(settings: AnalysisSettings): StemmerOverrideFilter {
  if (settings['rules_path'] !== undefined) {
    throw new IllegalArgumentException(
      '[rules_path] is not supported: the playground has no config directory',
    )
  }
  const rules = listSetting(settings, 'rules')
  if (rules === undefined) {
    throw new IllegalArgumentException(
      'stemmer override filter requires either `rules` or `rules_path` to be configured',
    )
  }
  return new StemmerOverrideFilter(parseStemmerOverrideRules(rules))
}
