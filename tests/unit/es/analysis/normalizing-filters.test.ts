// Custom normalizers take the filters Elasticsearch marks as NormalizingTokenFilterFactory:
// decimal_digit (DecimalDigitFilterFactory), cjk_width (CJKWidthFilterFactory), serbian_normalization
// (SerbianNormalizationFilterFactory) and lowercase with its `language` (LowerCaseTokenFilterFactory);
// others (reverse, stemmer) are still refused with ES's "Custom normalizer [n] may not use filter [f]".
// serbian_normalization itself against Lucene's SerbianNormalizationFilter rules.
import { describe, expect, it } from 'vitest'
import { IndexAnalyzers } from '../../../../workers/es/analysis/custom/index-analyzers.ts'
import { turkishLowerCase } from '../../../../workers/es/analysis/filters/language-lowercase-filters.ts'
import { serbianNormalize } from '../../../../workers/es/analysis/filters/serbian-normalizer.ts'
import { getTokenFilter } from '../../../../workers/es/analysis/token-filter-registry.ts'

const normalize = (filter: readonly (string | Record<string, unknown>)[], text: string): string[] => {
  const named = filter.map((f, i) => (typeof f === 'string' ? f : `f${i}`))
  const definitions = Object.fromEntries(
    filter.flatMap((f, i) => (typeof f === 'string' ? [] : [[`f${i}`, f]])),
  )
  const analyzers = new IndexAnalyzers({
    filter: definitions,
    normalizer: { n: { type: 'custom', filter: named } },
  })
  return (analyzers.normalizer('n')?.analyze(text) ?? []).map((t) => t.token)
}

describe('normalizing filters in custom normalizers', () => {
  it('decimal_digit folds non-ASCII digits', () => {
    expect(normalize(['decimal_digit'], 'Nº १२३')).toEqual(['Nº 123'])
  })

  it('cjk_width folds full-width Latin and half-width katakana', () => {
    expect(normalize(['cjk_width'], 'ＡＢＣ ｼｰｻｲﾄﾞ')).toEqual(['ABC シーサイド'])
  })

  it('serbian_normalization and lowercase with a language', () => {
    expect(normalize(['lowercase', 'serbian_normalization'], 'Ђорђе Čačak')).toEqual(['djordje cacak'])
    expect(normalize([{ type: 'lowercase', language: 'greek' }], 'ΆΝΘΡΩΠΟΣ')).toEqual(['ανθρωποσ'])
  })

  it.each(['reverse', 'stemmer'])('still refuses %s', (filter) => {
    expect(() => new IndexAnalyzers({ normalizer: { n: { type: 'custom', filter: [filter] } } })).toThrow(
      `Custom normalizer [n] may not use filter [${filter}]`,
    )
  })
})

describe('serbian_normalization (Lucene SerbianNormalizationFilter)', () => {
  it.each([
    ['абвгдеиклмнопрстуфх', 'abvgdeiklmnoprstufh'],
    ['ђорђе', 'djordje'],
    ['đak', 'djak'],
    ['љубав', 'ljubav'],
    ['њива', 'njiva'],
    ['џеп', 'dzep'],
    ['жзž', 'zzz'],
    ['ћцчčć', 'ccccc'],
    ['шš', 'ss'],
    ['ЂОРЂЕ', 'ЂОРЂЕ'], // expects lower-case input: capitals are kept
  ])('%s -> %s', (term, normalized) => {
    expect(serbianNormalize(term)).toBe(normalized)
  })

  it('is the serbian_normalization token filter', () => {
    expect(getTokenFilter('serbian_normalization')?.name).toBe('serbian_normalization')
  })
})

describe('lowercase with language turkish (rules read from Lucene 9 TurkishLowerCaseFilter.java)', () => {
  it.each([
    ['\u0130STANBUL \u0130ZM\u0130R ISPARTA', 'istanbul izmir \u0131sparta'],
    ['I\u0307STANBUL', 'istanbul'], // decomposed dotted I: the dot above is removed
    ['I\u0316\u0307STANBUL', 'i\u0316stanbul'], // other non-spacing marks may come between
    ['IIII', '\u0131\u0131\u0131\u0131'],
  ])('%s -> %s', (term, lowered) => {
    expect(turkishLowerCase(term)).toBe(lowered)
  })

  it('is the lowercase filter with language turkish', () => {
    expect(normalize([{ type: 'lowercase', language: 'Turkish' }], 'ISPARTA')).toEqual(['\u0131sparta'])
  })
})
