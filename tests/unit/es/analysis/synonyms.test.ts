// The synonym and synonym_graph token filters with Solr-format rules (SolrSynonymParser, SynonymFilter,
// SynonymGraphFilter as ES 8 configures them): the reference pages' rule forms ("a, b => c", equivalent
// lists with expand true/false), multi-word synonyms as a graph (positionLength) or stacked, rules
// analyzed by the chain in front of the filter, lenient, and the factory's errors.
import { describe, expect, it } from 'vitest'
import {
  IndexAnalyzers,
  type NameOrDefinition,
} from '../../../../workers/es/analysis/custom/index-analyzers.ts'
import type { GraphTokenList } from '../../../../workers/es/analysis/custom/token-graph.ts'
import { getTokenFilter } from '../../../../workers/es/analysis/token-filter-registry.ts'
import { chain, terms } from './analysis-chain.ts'

type Row = [string, number, number, string, number, number]
function graphRows(filter: NameOrDefinition, text: string, filters: NameOrDefinition[] = []): Row[] {
  const tokens: GraphTokenList = chain('standard', [...filters, filter]).tokenStream(text)
  return tokens.terms.map((term, i) => [
    term,
    tokens.startOffsets[i] ?? 0,
    tokens.endOffsets[i] ?? 0,
    tokens.types[i] ?? '',
    tokens.positions[i] ?? 0,
    tokens.positionLengths?.[i] ?? 1,
  ])
}

describe('synonym_graph', () => {
  it('a multi-word equivalent: the synonym path first, the original spanning it', () => {
    expect(graphRows({ type: 'synonym_graph', synonyms: ['ny, new york'] }, 'ny city')).toEqual([
      ['new', 0, 2, 'SYNONYM', 0, 1],
      ['ny', 0, 2, '<ALPHANUM>', 0, 2],
      ['york', 0, 2, 'SYNONYM', 1, 1],
      ['city', 3, 7, '<ALPHANUM>', 2, 1],
    ])
  })

  it('an explicit mapping replaces the input, and later tokens close up behind a shorter output', () => {
    expect(graphRows({ type: 'synonym_graph', synonyms: ['new york => ny'] }, 'new york city')).toEqual([
      ['ny', 0, 8, 'SYNONYM', 0, 1],
      ['city', 9, 13, '<ALPHANUM>', 1, 1],
    ])
  })
})

describe('synonym', () => {
  it('equivalents with expand: each term at its position, original first', () => {
    expect(graphRows({ type: 'synonym', synonyms: ['quick, fast'] }, 'the fast fox')).toEqual([
      ['the', 0, 3, '<ALPHANUM>', 0, 1],
      ['fast', 4, 8, '<ALPHANUM>', 1, 1],
      ['quick', 4, 8, 'SYNONYM', 1, 1],
      ['fox', 9, 12, '<ALPHANUM>', 2, 1],
    ])
  })

  it('expand false maps every term to the first one', () => {
    const filter = { type: 'synonym', synonyms: ['ipod, i-pod, i pod'], expand: false }
    expect(terms(chain('whitespace', [filter]), 'i pod and i-pod')).toEqual(['ipod', 'and', 'ipod'])
  })

  it('multi-word outputs are stacked on the following positions', () => {
    expect(graphRows({ type: 'synonym', synonyms: ['ny => new york'] }, 'ny city')).toEqual([
      ['new', 0, 2, 'SYNONYM', 0, 1],
      ['city', 3, 7, '<ALPHANUM>', 1, 1],
      ['york', 0, 2, 'SYNONYM', 1, 1],
    ])
  })

  it('rules are analyzed by the chain in front: lowercase before the filter matches "Foo"', () => {
    const analyzers = new IndexAnalyzers({
      filter: { syn: { type: 'synonym', synonyms: ['Foo => Bar', '# a comment', ''] } },
      analyzer: { a: { tokenizer: 'standard', filter: ['lowercase', 'syn'] } },
    })
    expect(
      analyzers
        .analyzer('a')
        ?.analyze('FOO baz')
        .map((t) => t.token),
    ).toEqual(['bar', 'baz'])
  })

  it('lenient skips a rule whose term analyzes to nothing; errors otherwise', () => {
    const rules = ['the => a', 'fast, quick']
    const filters = [{ type: 'stop' }]
    expect(
      terms(chain('standard', [...filters, { type: 'synonym', synonyms: rules, lenient: true }]), 'fast'),
    ).toEqual(['fast', 'quick'])
    expect(() => chain('standard', [...filters, { type: 'synonym', synonyms: rules }])).toThrow(
      'failed to build synonyms: Invalid synonym rule at line 1: term: the analyzed to a zero-length token',
    )
    expect(() => getTokenFilter('synonym', {})).toThrow(
      'synonym requires either `synonyms`,`synonyms_set`, or `synonyms_path` to be configured',
    )
  })
})
