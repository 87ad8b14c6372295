// The package entry as the index layer uses it: analyzeForIndexing(analyzer, text) -> { term, position }[].
import { describe, expect, it } from 'vitest'
import { analyzeForIndexing, defaultAnalyzer } from '../../../../workers/es/analysis/index.ts'

describe('analyzeForIndexing', () => {
  it('gives terms with positions, gaps kept after stop words', () => {
    expect(analyzeForIndexing('standard', 'The quick brown fox')).toEqual([
      { term: 'the', position: 0 },
      { term: 'quick', position: 1 },
      { term: 'brown', position: 2 },
      { term: 'fox', position: 3 },
    ])
    expect(analyzeForIndexing('stop', 'The quick brown fox')).toEqual([
      { term: 'quick', position: 1 },
      { term: 'brown', position: 2 },
      { term: 'fox', position: 3 },
    ])
    expect(analyzeForIndexing('keyword', 'New York')).toEqual([{ term: 'New York', position: 0 }])
  })

  it('shares one analyzer per name and rejects unknown names', () => {
    expect(defaultAnalyzer('simple')).toBe(defaultAnalyzer('simple'))
    expect(() => analyzeForIndexing('nope', 'x')).toThrow('failed to find global analyzer [nope]')
  })
})
