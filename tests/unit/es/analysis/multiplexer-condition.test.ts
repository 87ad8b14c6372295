// Elasticsearch's multiplexer, condition and predicate_token_filter filters: the reference pages' examples,
// the filters they name resolved from index settings, and the factories' errors.
import { describe, expect, it } from 'vitest'
import { IndexAnalyzers } from '../../../../workers/es/analysis/custom/index-analyzers.ts'
import { getTokenFilter } from '../../../../workers/es/analysis/token-filter-registry.ts'
import { chain, rows, terms } from './analysis-chain.ts'

describe('multiplexer', () => {
  it('reference example: the token, then each chain, stacked and deduplicated', () => {
    const filter = { type: 'multiplexer', filters: ['lowercase', 'lowercase, porter_stem'] }
    expect(rows(chain('whitespace', [filter]), 'Going HOME')).toEqual([
      ['Going', 0, 5, 0],
      ['going', 0, 5, 0],
      ['go', 0, 5, 0],
      ['HOME', 6, 10, 1],
      ['home', 6, 10, 1],
    ])
    expect(terms(chain('whitespace', [{ ...filter, preserve_original: false }]), 'Going')).toEqual([
      'going',
      'go',
    ])
  })

  it('finds the index filters it names, and refuses an unknown one', () => {
    const analyzers = new IndexAnalyzers({
      filter: {
        my_stop: { type: 'stop', stopwords: ['home'] },
        my_multi: { type: 'multiplexer', filters: ['uppercase', 'my_stop'] },
      },
      analyzer: { my: { tokenizer: 'whitespace', filter: ['my_multi'] } },
    })
    expect(
      analyzers
        .analyzer('my')
        ?.analyze('go')
        .map((t) => t.token),
    ).toEqual(['go', 'GO'])
    expect(
      () =>
        new IndexAnalyzers({
          filter: { m: { type: 'multiplexer', filters: ['nope'] } },
          analyzer: { a: { tokenizer: 'whitespace', filter: ['m'] } },
        }),
    ).toThrow('Multiplexing filter [multiplexer] refers to undefined tokenfilter [nope]')
  })
})

describe('condition and predicate_token_filter', () => {
  it('condition reference example: the filters run on the tokens the script accepts', () => {
    const filter = {
      type: 'condition',
      filter: ['lowercase'],
      script: { source: 'token.getTerm().length() < 5' },
    }
    expect(terms(chain('whitespace', [filter]), 'What Flapdoodle')).toEqual(['what', 'Flapdoodle'])
  })

  it('predicate_token_filter reference example: kept tokens keep their positions', () => {
    const filter = { type: 'predicate_token_filter', script: { source: 'token.term.length() > 3' } }
    expect(rows(chain('whitespace', [filter]), 'the fox jumps the lazy dog')).toEqual([
      ['jumps', 8, 13, 2],
      ['lazy', 18, 22, 4],
    ])
    const byPosition = {
      type: 'predicate_token_filter',
      script: 'token.position % 2 == 0 && token.type == "word"',
    }
    expect(terms(chain('whitespace', [byPosition]), 'a b c')).toEqual(['a', 'c'])
  })

  it('refuses an empty filter list, a stored script, and a script that does not compile', () => {
    expect(() => getTokenFilter('condition', { script: 'true' })).toThrow(
      'Empty list of filters provided to tokenfilter [condition]',
    )
    expect(() => getTokenFilter('predicate_token_filter', { script: { id: 'my_script' } })).toThrow(
      'Cannot use stored scripts in tokenfilter [predicate_token_filter]',
    )
    expect(() => getTokenFilter('predicate_token_filter', { script: 'token.' })).toThrow()
  })
})
