// The fingerprint token filter and analyzer (Lucene FingerprintFilter / FingerprintAnalyzer) and the
// pattern analyzer (ES's PatternAnalyzer) against the Elasticsearch 8 reference pages' examples.
import { describe, expect, it } from 'vitest'
import { getAnalyzer } from '../../../../workers/es/analysis/registry.ts'
import { getTokenFilter } from '../../../../workers/es/analysis/token-filter-registry.ts'
import { chain, terms } from './analysis-chain.ts'

describe('fingerprint token filter', () => {
  it('reference example: sorted distinct terms as one token over the whole text', () => {
    expect(chain('whitespace', ['fingerprint']).analyze('zebra jumps over resting resting dog')).toEqual([
      {
        token: 'dog jumps over resting zebra',
        start_offset: 0,
        end_offset: 36,
        type: 'fingerprint',
        position: 0,
      },
    ])
  })

  it('separator, code unit order and max_output_size', () => {
    const filter = { type: 'fingerprint', separator: '+' }
    expect(terms(chain('whitespace', [filter]), 'b B a é Z')).toEqual(['B+Z+a+b+é'])
    expect(terms(chain('whitespace', [{ type: 'fingerprint', max_output_size: 3 }]), 'ab c')).toEqual([])
    expect(terms(chain('whitespace', [{ type: 'fingerprint', max_output_size: 4 }]), 'ab c ab')).toEqual([
      'ab c',
    ])
    expect(terms(chain('whitespace', ['fingerprint']), '   ')).toEqual([])
  })

  it('refuses a separator that is not one char', () => {
    expect(() => getTokenFilter('fingerprint', { separator: '--' })).toThrow(
      'Setting [separator] must be a single, non-null character. [--] was provided.',
    )
  })
})

describe('fingerprint analyzer', () => {
  const text = 'Yes yes, Gödel said this sentence is consistent and.'

  it('reference example: lowercased, folded, sorted and deduplicated', () => {
    expect(getAnalyzer('fingerprint')?.analyze(text)).toEqual([
      {
        token: 'and consistent godel is said sentence this yes',
        start_offset: 0,
        end_offset: 52,
        type: 'fingerprint',
        position: 0,
      },
    ])
  })

  it('reference example: with English stop words', () => {
    const analyzer = getAnalyzer('fingerprint', { stopwords: '_english_' })
    expect(analyzer?.analyze(text).map((token) => token.token)).toEqual([
      'consistent godel said sentence yes',
    ])
  })
})

describe('pattern analyzer', () => {
  it('reference example: \\W+, lowercased', () => {
    const analyzer = getAnalyzer('pattern')
    expect(
      analyzer?.analyze("The 2 QUICK Brown-Foxes jumped over the lazy dog's bone.").map((t) => t.token),
    ).toEqual(['the', '2', 'quick', 'brown', 'foxes', 'jumped', 'over', 'the', 'lazy', 'dog', 's', 'bone'])
  })

  it('reference example: an email splitter; lowercase off, stop words, flags', () => {
    const email = getAnalyzer('pattern', { pattern: '\\W|_', lowercase: true })
    expect(email?.analyze('John_Smith@foo-bar.com').map((t) => t.token)).toEqual([
      'john',
      'smith',
      'foo',
      'bar',
      'com',
    ])
    const kept = getAnalyzer('pattern', { lowercase: false, stopwords: ['The'] })
    expect(kept?.analyze('The cat').map((t) => [t.token, t.position])).toEqual([['cat', 1]])
    const flagged = getAnalyzer('pattern', { pattern: 'x', flags: 'CASE_INSENSITIVE' })
    expect(flagged?.analyze('aXb').map((t) => t.token)).toEqual(['a', 'b'])
  })
})
