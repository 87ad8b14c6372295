// The `stemmer_override` token filter: the Elasticsearch 8 reference example ("Stemmer override token
// filter": rules "running, runs => run" and "stemmer => stemmer" before porter_stem), the rule syntax and
// errors of StemmerOverrideTokenFilterFactoryTests (testRuleError, testRulesOk), and the settings errors.
import { describe, expect, it } from 'vitest'
import { getTokenFilter } from '../../../../../workers/es/analysis/token-filter-registry.ts'
import { parseStemmerOverrideRules } from '../../../../../workers/es/analysis/stemmers/stemmer-override-filter.ts'
import { chain, terms } from '../analysis-chain.ts'

const override = (rules: unknown): { type: string; rules: unknown } => ({ type: 'stemmer_override', rules })

describe('stemmer_override', () => {
  it('the reference example: overridden terms are kept from porter_stem', () => {
    const analyzer = chain('standard', [
      'lowercase',
      override(['running, runs => run', 'stemmer => stemmer']),
      'porter_stem',
    ])
    expect(terms(analyzer, 'Running runs stemmer stemming jumped')).toEqual([
      'run',
      'run',
      'stemmer',
      'stem',
      'jump',
    ])
  })

  it('testRulesOk: "a => 1", "b,c => 2" over "a b c"', () => {
    expect(terms(chain('whitespace', [override(['a => 1', 'b,c => 2'])]), 'a b c')).toEqual(['1', '2', '2'])
  })

  it('is case-sensitive and leaves keyword-marked terms alone', () => {
    const marker = { type: 'keyword_marker', keywords: ['b'] }
    expect(terms(chain('whitespace', [marker, override(['A => x', 'b => y'])]), 'A a b')).toEqual([
      'x',
      'a',
      'b',
    ])
  })

  it('the first rule for a key wins; one rule may come as a string', () => {
    expect(parseStemmerOverrideRules(['a => 1', 'a => 2'])).toEqual(new Map([['a', '1']]))
    expect(terms(chain('whitespace', [override('x=>y')]), 'x')).toEqual(['y'])
  })

  it('an empty rule list changes nothing', () => {
    expect(terms(chain('whitespace', [override([])]), 'a b')).toEqual(['a', 'b'])
  })

  it.each(['', 'a', 'a=>b=>c', '=>a=>b', 'a=>', 'a=>b,c', '=>a', 'a,=>b', ' , => b', 'a => \t'])(
    'testRuleError: %j is an invalid rule',
    (rule) => {
      expect(() => getTokenFilter('stemmer_override', { rules: [rule] })).toThrow(
        `Invalid Keyword override Rule:${rule}`,
      )
    },
  )

  it('needs rules; rules_path is refused', () => {
    expect(() => getTokenFilter('stemmer_override', {})).toThrow(
      'stemmer override filter requires either `rules` or `rules_path` to be configured',
    )
    expect(() => getTokenFilter('stemmer_override', { rules_path: 'x.txt' })).toThrow(
      '[rules_path] is not supported: the playground has no config directory',
    )
  })
})
