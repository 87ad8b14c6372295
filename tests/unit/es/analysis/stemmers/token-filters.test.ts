// The stemming token filters and the english / snowball analyzers as chains, against the Elasticsearch 8
// reference pages ("Porter stem token filter", "Stemmer token filter", "Keyword marker token filter",
// "Language analyzers: english") and Lucene's TestPorterStemFilter.testWithKeywordAttribute and
// TestEnglishAnalyzer; the error texts are Lucene SnowballFilter's and KeywordMarkerTokenFilterFactory's.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Analyzer } from '../../../../../workers/es/analysis/analyzer.ts'
import {
  englishAnalyzer,
  snowballAnalyzer,
} from '../../../../../workers/es/analysis/stemmers/english-analyzers.ts'
import {
  keywordMarkerTokenFilter,
  setKeywordMarkerFilter,
} from '../../../../../workers/es/analysis/stemmers/keyword-marker-filter.ts'
import type { KeywordTokenList } from '../../../../../workers/es/analysis/stemmers/keyword-attribute.ts'
import {
  porterStemTokenFilter,
  snowballTokenFilter,
  stemmerTokenFilter,
} from '../../../../../workers/es/analysis/stemmers/stemmer-token-filters.ts'
import {
  IllegalArgumentException,
  type TokenFilter,
  type TokenList,
} from '../../../../../workers/es/analysis/token-list.ts'
import { whitespaceTokenizer } from '../../../../../workers/es/analysis/tokenizers/char-tokenizer.ts'
import { StandardTokenizer } from '../../../../../workers/es/analysis/tokenizers/standard-tokenizer.ts'

const DOCS_TEXT = "The 2 QUICK Brown-Foxes jumped over the lazy dog's bone."

const terms = (analyzer: Analyzer, text: string): string[] => analyzer.analyze(text).map((t) => t.token)
const standard = (...filters: TokenFilter[]): Analyzer =>
  new Analyzer('custom', new StandardTokenizer(), filters)
const whitespace = (...filters: TokenFilter[]): Analyzer =>
  new Analyzer('custom', whitespaceTokenizer(), filters)

describe('porter_stem and stemmer', () => {
  it('porter_stem: "the foxes jumping quickly" -> [the, fox, jump, quickli], offsets kept', () => {
    const tokens = standard(porterStemTokenFilter()).analyze('the foxes jumping quickly')
    expect(tokens).toEqual([
      { token: 'the', start_offset: 0, end_offset: 3, type: '<ALPHANUM>', position: 0 },
      { token: 'fox', start_offset: 4, end_offset: 9, type: '<ALPHANUM>', position: 1 },
      { token: 'jump', start_offset: 10, end_offset: 17, type: '<ALPHANUM>', position: 2 },
      { token: 'quickli', start_offset: 18, end_offset: 25, type: '<ALPHANUM>', position: 3 },
    ])
  })

  it('stemmer defaults to porter', () => {
    expect(terms(standard(stemmerTokenFilter({})), 'the foxes jumping quickly')).toEqual([
      'the',
      'fox',
      'jump',
      'quickli',
    ])
  })

  it.each([
    [{ language: 'english' }, ['abjectli', 'abandon', 'abruptli', 'queri', "dog'"]],
    [{ language: 'English' }, ['abjectli', 'abandon', 'abruptli', 'queri', "dog'"]],
    [{ name: 'porter' }, ['abjectli', 'abandon', 'abruptli', 'queri', "dog'"]],
    [{ language: 'porter2' }, ['abject', 'abandon', 'abrupt', 'queri', 'dog']],
    [{ language: 'minimal_english' }, ['abjectly', 'abandoned', 'abruptly', 'query', "dog'"]],
    [{ language: 'minimalEnglish' }, ['abjectly', 'abandoned', 'abruptly', 'query', "dog'"]],
    [{ language: 'possessive_english' }, ['abjectly', 'abandoned', 'abruptly', 'queries', 'dog']],
    [{ language: 'POSSESSIVEENGLISH' }, ['abjectly', 'abandoned', 'abruptly', 'queries', 'dog']],
  ])('stemmer %j', (settings, expected) => {
    expect(
      terms(whitespace(stemmerTokenFilter(settings)), "abjectly abandoned abruptly queries dog's"),
    ).toEqual(expected)
  })

  it.each([
    [{ language: 'klingon' }, 'Invalid stemmer class specified: Klingon'],
    [{ language: 'dutch_kp' }, 'Invalid stemmer class specified: Dutch_kp'],
    [{ name: 'lovins' }, 'Invalid stemmer class specified: Lovins'],
  ])('stemmer %j is refused', (settings, message) => {
    expect(() => stemmerTokenFilter(settings)).toThrow(new IllegalArgumentException(message))
  })
})

describe('snowball', () => {
  it('defaults to English (Porter2)', () => {
    expect(terms(whitespace(snowballTokenFilter({})), 'abjectly abandoned generously')).toEqual([
      'abject',
      'abandon',
      'generous',
    ])
  })

  it('capitalizes the language: "porter" is the Snowball porter program', () => {
    expect(terms(whitespace(snowballTokenFilter({ language: 'porter' })), 'abjectly is')).toEqual([
      'abjectli',
      'i',
    ])
  })

  it.each([
    [{ language: 'klingon' }, 'Invalid stemmer class specified: Klingon'],
    [{ name: 'ENGLISH' }, 'Invalid stemmer class specified: ENGLISH'],
  ])('snowball %j is refused', (settings, message) => {
    expect(() => snowballTokenFilter(settings)).toThrow(new IllegalArgumentException(message))
  })
})

describe('keyword_marker', () => {
  it('keeps "jumping" (reference example with the stemmer filter)', () => {
    const analyzer = whitespace(keywordMarkerTokenFilter({ keywords: ['jumping'] }), stemmerTokenFilter({}))
    expect(terms(analyzer, 'fox running and jumping')).toEqual(['fox', 'run', 'and', 'jumping'])
  })

  it('protects from PorterStemFilter (Lucene testWithKeywordAttribute)', () => {
    const analyzer = whitespace(setKeywordMarkerFilter(['yourselves'], true), porterStemTokenFilter())
    expect(terms(analyzer, 'yourselves yours')).toEqual(['yourselves', 'your'])
  })

  it('ignore_case and keywords_pattern', () => {
    const ignoring = whitespace(keywordMarkerTokenFilter({ keywords: ['Jumping'], ignore_case: 'true' }))
    expect(ignoring.tokenStream('JUMPING jumping jumps')).toMatchObject({ keywords: [true, true, false] })
    const exact = whitespace(keywordMarkerTokenFilter({ keywords: ['Jumping'] }))
    expect(exact.tokenStream('JUMPING Jumping')).toMatchObject({ keywords: [false, true] })
    const pattern = whitespace(
      keywordMarkerTokenFilter({ keywords_pattern: 'jump.*' }),
      snowballTokenFilter({}),
    )
    expect(terms(pattern, 'jumping running xjumping')).toEqual(['jumping', 'run', 'xjump'])
  })

  it.each([
    [
      {},
      'keyword filter requires either `keywords`, `keywords_path`, or `keywords_pattern` to be configured',
    ],
    [
      { keywords_pattern: 'a', keywords: ['b'] },
      'cannot specify both `keywords_pattern` and `keywords` or `keywords_path`',
    ],
    [
      { keywords: ['a'], ignore_case: 'yes' },
      'Failed to parse value [yes] as only [true] or [false] are allowed.',
    ],
  ])('%j is refused', (settings, message) => {
    expect(() => keywordMarkerTokenFilter(settings)).toThrow(new IllegalArgumentException(message))
  })

  it('stemmers change exactly the unmarked terms and keep every other column', () => {
    const stemmers = [
      porterStemTokenFilter(),
      snowballTokenFilter({}),
      stemmerTokenFilter({ language: 'minimal_english' }),
    ]
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.stringMatching(/^[a-z]{1,10}$/), fc.boolean()), { maxLength: 12 }),
        fc.constantFrom(...stemmers),
        (entries, stemmer) => {
          const plain: TokenList = {
            terms: entries.map(([term]) => term),
            startOffsets: entries.map((_, i) => i * 11),
            endOffsets: entries.map(([term], i) => i * 11 + term.length),
            types: entries.map(() => '<ALPHANUM>'),
            positions: entries.map((_, i) => i * 2),
          }
          const input: KeywordTokenList = { ...plain, keywords: entries.map(([, keyword]) => keyword) }
          const output: KeywordTokenList = stemmer.filter(input, '')
          const alone = stemmer.filter(plain, '')
          expect(output.terms).toEqual(entries.map(([term, keyword], i) => (keyword ? term : alone.terms[i])))
          expect(output.keywords).toEqual(input.keywords)
          expect(output.startOffsets).toEqual(input.startOffsets)
          expect(output.endOffsets).toEqual(input.endOffsets)
          expect(output.positions).toEqual(input.positions)
          expect(output.types).toEqual(input.types)
        },
      ),
    )
  })
})

describe('english analyzer', () => {
  it('reference example: [2, quick, brown, fox, jump, over, lazi, dog, bone]', () => {
    const tokens = englishAnalyzer().analyze(DOCS_TEXT)
    expect(tokens.map((t) => t.token)).toEqual([
      '2',
      'quick',
      'brown',
      'fox',
      'jump',
      'over',
      'lazi',
      'dog',
      'bone',
    ])
    expect(tokens.map((t) => t.position)).toEqual([1, 2, 3, 4, 5, 6, 8, 9, 10])
    expect(tokens[7]).toEqual({
      token: 'dog',
      start_offset: 45,
      end_offset: 50,
      type: '<ALPHANUM>',
      position: 9,
    })
  })

  it('Lucene TestEnglishAnalyzer basics', () => {
    const analyzer = englishAnalyzer()
    expect(terms(analyzer, 'books')).toEqual(['book'])
    expect(terms(analyzer, 'book')).toEqual(['book'])
    expect(terms(analyzer, 'the')).toEqual([])
    expect(terms(analyzer, "steven's")).toEqual(['steven'])
    expect(terms(analyzer, 'steven\u2019s')).toEqual(['steven'])
    expect(terms(analyzer, 'steven\uff07s')).toEqual(['steven'])
  })

  it('stem_exclusion (Lucene testExclude) and stopwords', () => {
    expect(terms(englishAnalyzer({ stem_exclusion: ['books'] }), 'books book')).toEqual(['books', 'book'])
    expect(terms(englishAnalyzer({ stem_exclusion: '_none_' }), 'books')).toEqual(['book'])
    expect(terms(englishAnalyzer({ stopwords: '_none_' }), 'The foxes')).toEqual(['the', 'fox'])
    expect(terms(englishAnalyzer({ stopwords: ['foxes'] }), 'The foxes')).toEqual(['the'])
  })
})

describe('snowball analyzer', () => {
  it('English: possessive, lowercase, _english_ stop words, Porter2', () => {
    expect(terms(snowballAnalyzer(), DOCS_TEXT)).toEqual([
      '2',
      'quick',
      'brown',
      'fox',
      'jump',
      'over',
      'lazi',
      'dog',
      'bone',
    ])
  })

  it('Porter: no default stop words', () => {
    expect(terms(snowballAnalyzer({ language: 'Porter' }), "The dog's generously")).toEqual([
      'the',
      'dog',
      'gener',
    ])
  })

  it('takes the language as written', () => {
    expect(() => snowballAnalyzer({ language: 'english' })).toThrow(
      new IllegalArgumentException('Invalid stemmer class specified: english'),
    )
  })
})
