// Lucene's CommonGramsFilter / CommonGramsQueryFilter as Elasticsearch's `common_grams` filter: the reference
// page's example with positions and position lengths, query_mode, ignore_case, and the factory's errors.
import { describe, expect, it } from 'vitest'
import { getTokenFilter } from '../../../../workers/es/analysis/token-filter-registry.ts'
import { chain, terms } from './analysis-chain.ts'

const graph = (
  filter: Record<string, unknown>,
  text: string,
): Array<[string, string, number, number, number]> => {
  const tokens = chain('whitespace', [filter]).tokenStream(text) as {
    terms: string[]
    types: string[]
    startOffsets: number[]
    positions: number[]
    positionLengths?: number[]
  }
  return tokens.terms.map((term, i) => [
    term,
    tokens.types[i] ?? '',
    tokens.startOffsets[i] ?? -1,
    tokens.positions[i] ?? -1,
    tokens.positionLengths?.[i] ?? 1,
  ])
}

describe('common_grams', () => {
  const filter = { type: 'common_grams', common_words: ['is', 'the'] }

  it('reference example: unigrams kept, bigrams stacked on the first word', () => {
    expect(graph(filter, 'the quick fox is brown')).toEqual([
      ['the', 'word', 0, 0, 1],
      ['the_quick', 'gram', 0, 0, 2],
      ['quick', 'word', 4, 1, 1],
      ['fox', 'word', 10, 2, 1],
      ['fox_is', 'gram', 10, 2, 2],
      ['is', 'word', 14, 3, 1],
      ['is_brown', 'gram', 14, 3, 2],
      ['brown', 'word', 17, 4, 1],
    ])
  })

  it('query_mode keeps bigrams and the unigrams no bigram starts, dropping a last word after a bigram', () => {
    expect(graph({ ...filter, query_mode: true }, 'the quick fox is brown')).toEqual([
      ['the_quick', 'gram', 0, 0, 1],
      ['quick', 'word', 4, 1, 1],
      ['fox_is', 'gram', 10, 2, 1],
      ['is_brown', 'gram', 14, 3, 1],
    ])
    const query = { type: 'common_grams', common_words: ['the'], query_mode: true }
    expect(terms(chain('whitespace', [query]), 'the rain falls')).toEqual(['the_rain', 'rain', 'falls'])
  })

  it('ignore_case and named sets', () => {
    expect(terms(chain('whitespace', [{ ...filter, ignore_case: true }]), 'THE fox')).toEqual([
      'THE',
      'THE_fox',
      'fox',
    ])
    expect(terms(chain('whitespace', [filter]), 'THE fox')).toEqual(['THE', 'fox'])
    expect(terms(chain('whitespace', [{ type: 'common_grams', common_words: '_english_' }]), 'a b')).toEqual([
      'a',
      'a_b',
      'b',
    ])
  })

  it('refuses a definition without a word list; by name it is the pre-configured filter without words', () => {
    expect(terms(chain('whitespace', ['common_grams']), 'the fox')).toEqual(['the', 'fox'])
    expect(() => getTokenFilter('common_grams', { type: 'common_grams' })).toThrow(
      'missing or empty [common_words] or [common_words_path] configuration for common_grams token filter',
    )
  })
})
