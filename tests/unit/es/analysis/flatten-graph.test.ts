// The `flatten_graph` token filter against Lucene's TestFlattenGraphFilter (testAlreadyFlatten, testWTF1,
// testHoleUnderSyn, testStrangelyNumberedNodes: canned graphs as [term, position increment, position
// length, start, end]) and the Elasticsearch reference example (synonym_graph "dns, domain name system").
import { describe, expect, it } from 'vitest'
import type { GraphTokenList } from '../../../../workers/es/analysis/custom/token-graph.ts'
import { FlattenGraphFilter } from '../../../../workers/es/analysis/filters/flatten-graph-filter.ts'
import { getTokenFilter } from '../../../../workers/es/analysis/token-filter-registry.ts'
import { chain } from './analysis-chain.ts'

type Canned = readonly [term: string, increment: number, length: number, start: number, end: number]

function canned(tokens: readonly Canned[]): GraphTokenList {
  let position = -1
  return {
    terms: tokens.map(([term]) => term),
    positions: tokens.map(([, increment]) => (position += increment)),
    positionLengths: tokens.map(([, , length]) => length),
    startOffsets: tokens.map(([, , , start]) => start),
    endOffsets: tokens.map(([, , , , end]) => end),
    types: tokens.map(() => 'word'),
  }
}

/** The flattened stream as Lucene's assertTokenStreamContents reads it. */
function flatten(tokens: readonly Canned[]): [string, number, number, number, number][] {
  const out = new FlattenGraphFilter().filter(canned(tokens))
  return out.terms.map((term, i) => [
    term,
    out.startOffsets[i] ?? -1,
    out.endOffsets[i] ?? -1,
    (out.positions[i] ?? 0) - (i === 0 ? -1 : (out.positions[i - 1] ?? 0)),
    out.positionLengths?.[i] ?? 1,
  ])
}

describe('flatten_graph (TestFlattenGraphFilter)', () => {
  it('testAlreadyFlatten: a flat graph comes back unchanged', () => {
    const tokens: Canned[] = [
      ['wtf', 1, 1, 0, 3],
      ['what', 0, 1, 0, 3],
      ['wow', 0, 1, 0, 3],
      ['the', 1, 1, 0, 3],
      ["that's", 0, 1, 0, 3],
      ['fudge', 1, 1, 0, 3],
      ['funny', 0, 1, 0, 3],
      ['happened', 1, 1, 4, 12],
    ]
    expect(flatten(tokens)).toEqual(
      tokens.map(([term, inc, len, start, end]) => [term, start, end, inc, len]),
    )
  })

  it('testWTF1: two side paths in parallel with "wtf" are merged onto one chain', () => {
    expect(
      flatten([
        ['wtf', 1, 5, 0, 3],
        ['what', 0, 1, 0, 3],
        ['wow', 0, 3, 0, 3],
        ['the', 1, 1, 0, 3],
        ['fudge', 1, 3, 0, 3],
        ["that's", 1, 1, 0, 3],
        ['funny', 1, 1, 0, 3],
        ['happened', 1, 1, 4, 12],
      ]),
    ).toEqual([
      ['wtf', 0, 3, 1, 3],
      ['what', 0, 3, 0, 1],
      ['wow', 0, 3, 0, 1],
      ['the', 0, 3, 1, 1],
      ["that's", 0, 3, 0, 1],
      ['fudge', 0, 3, 1, 1],
      ['funny', 0, 3, 0, 1],
      ['happened', 4, 12, 1, 1],
    ])
  })

  it('testHoleUnderSyn: a stop word removed under a synonym leaves its hole', () => {
    expect(
      flatten([
        ['wizard', 1, 1, 0, 6],
        ['woz', 0, 3, 0, 12],
        ['oz', 2, 1, 10, 12],
      ]),
    ).toEqual([
      ['wizard', 0, 6, 1, 1],
      ['woz', 0, 12, 0, 3],
      ['oz', 10, 12, 2, 1],
    ])
  })

  it('testStrangelyNumberedNodes: an input node no token uses is not a hole', () => {
    expect(
      flatten([
        ['dog', 1, 3, 0, 5],
        ['puppy', 0, 3, 0, 5],
        ['flies', 3, 1, 6, 11],
      ]),
    ).toEqual([
      ['dog', 0, 5, 1, 1],
      ['puppy', 0, 5, 0, 1],
      ['flies', 6, 11, 1, 1],
    ])
  })

  it('the reference example after synonym_graph; the filter by name', () => {
    const analyzer = chain('standard', [
      { type: 'synonym_graph', synonyms: ['dns, domain name system'] },
      'flatten_graph',
    ])
    const stream = analyzer.tokenStream('domain name system is fragile') as GraphTokenList
    expect(stream.terms).toEqual(['dns', 'domain', 'name', 'system', 'is', 'fragile'])
    expect(stream.positions).toEqual([0, 0, 1, 2, 3, 4])
    expect(stream.positionLengths).toEqual([3, 1, 1, 1, 1, 1])
    expect(stream.endOffsets).toEqual([18, 6, 11, 18, 21, 29])
    expect(getTokenFilter('flatten_graph')?.name).toBe('flatten_graph')
    expect(new FlattenGraphFilter().filter(canned([]))).toMatchObject({ terms: [] })
  })
})
