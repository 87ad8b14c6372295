// The terms a match query's analyzer puts at one position (a synonym filter's synonyms) make one Lucene SynonymQuery,
// as MatchQueryParser's analyzeBoolean (one position) and analyzeMultiBoolean (one per position) build it: the terms
// scored as one term, its docFreq the max of theirs and its frequency in a document the sum of theirs, printed
// `Synonym(t:fast t:quick)` (terms in byte order) and explained by SynonymWeight ("termFreq="). Neither fuzziness nor
// bool_prefix's last-term prefix applies to it. Scores are checked against Lucene's float arithmetic.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex, validateExplanation } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'
import type { Hit } from './explained-hits.ts'
import { legacyBm25 } from './legacy-bm25.ts'

const SETTINGS = {
  settings: {
    analysis: {
      filter: { syn: { type: 'synonym', synonyms: ['quick, fast', 'car, automobile, auto'] } },
      analyzer: { syn: { tokenizer: 'standard', filter: ['lowercase', 'syn'] } },
    },
  },
  mappings: { properties: { t: { type: 'text', analyzer: 'standard', search_analyzer: 'syn' } } },
}

async function cars(): Promise<TestCluster> {
  const { cluster } = await clusterWithIndex(1, SETTINGS)
  const docs = ['a quick car', 'the fast auto and the fast automobile', 'slow car']
  for (const [i, t] of docs.entries()) await cluster.json(1, 'PUT', `/idx/_doc/${i + 1}`, { t })
  await cluster.json(1, 'POST', '/idx/_refresh')
  return cluster
}

const f = Math.fround

describe('match with synonyms', () => {
  it('builds a SynonymQuery per position with stacked terms', async () => {
    const cluster = await cars()
    expect(await validateExplanation(cluster, { match: { t: 'fast' } })).toBe('Synonym(t:fast t:quick)')
    expect(await validateExplanation(cluster, { match: { t: 'quick car' } })).toBe(
      'Synonym(t:fast t:quick) Synonym(t:auto t:automobile t:car)',
    )
    expect(
      await validateExplanation(cluster, { match: { t: { query: 'slow quick', operator: 'and' } } }),
    ).toBe('+t:slow +Synonym(t:fast t:quick)')
    expect(await validateExplanation(cluster, { match: { t: { query: 'slow fast', fuzziness: 1 } } })).toBe(
      't:slow~1 Synonym(t:fast t:quick)',
    )
    expect(await validateExplanation(cluster, { match_bool_prefix: { t: 'slow car' } })).toBe(
      't:slow Synonym(t:auto t:automobile t:car)',
    )
    expect(
      await validateExplanation(cluster, { match: { t: { query: 'slow fast', minimum_should_match: 2 } } }),
    ).toBe('(t:slow Synonym(t:fast t:quick))~2')
  })

  it('a phrase with stacked terms is a MultiPhraseQuery, printed with its position in parentheses', async () => {
    const cluster = await cars()
    // synonym (not synonym_graph) stacks the synonyms at one position: no graph, so one MultiPhraseQuery
    expect(await validateExplanation(cluster, { match_phrase: { t: 'quick car' } })).toBe(
      't:"(quick fast) (car automobile auto)"',
    )
    expect(await validateExplanation(cluster, { match_phrase: { t: { query: 'slow car', slop: 2 } } })).toBe(
      't:"slow (car automobile auto)"~2',
    )
  })

  it('scores the terms as one: the max docFreq, the summed frequency', async () => {
    const cluster = await cars()
    const body = (await cluster.json(1, 'POST', '/idx/_search', {
      explain: true,
      query: { match: { t: 'quick car' } },
    })) as { hits: { hits: Hit[] } }
    const avgdl = 12 / 3
    const car = (freq: number, length: number): number => legacyBm25(2, 3, avgdl, freq, length)
    const quick = (freq: number, length: number): number => legacyBm25(1, 3, avgdl, freq, length)
    expect(body.hits.hits.map((hit) => [hit._id, f(hit._score)])).toEqual([
      ['2', f(quick(2, 7) + car(2, 7))],
      ['1', f(quick(1, 3) + car(1, 3))],
      ['3', car(1, 2)],
    ])
    const synonym = body.hits.hits[0]!._explanation!.details[0]!
    expect(synonym.description).toBe('weight(Synonym(t:fast t:quick) in 1) [PerFieldSimilarity], result of:')
    const [boost, idf, tf] = synonym.details[0]!.details
    expect([boost!.value, idf!.details.map((d) => d.value)]).toEqual([2.2, [1, 3]])
    expect(tf!.details[0]).toEqual({ value: 2, description: 'termFreq=2.0', details: [] })
  })
})

// A multi-word synonym of synonym_graph makes the analysis a token graph: MatchQueryParser.analyzeGraphBoolean cuts it
// at the positions no token spans and joins each segment's paths, phrases with auto_generate_synonyms_phrase_query.
const GRAPH = {
  settings: {
    analysis: {
      filter: { syn: { type: 'synonym_graph', synonyms: ['ny, new york', 'quick, fast'] } },
      analyzer: { syn: { tokenizer: 'standard', filter: ['lowercase', 'syn'] } },
    },
  },
  mappings: { properties: { t: { type: 'text', analyzer: 'standard', search_analyzer: 'syn' } } },
}

describe('match with multi-word synonyms', () => {
  it('builds a disjunction of the paths of each graph segment', async () => {
    const { cluster } = await clusterWithIndex(1, GRAPH)
    const docs = ['I love new york in the fall', 'the fast car in ny', 'york is new']
    for (const [i, t] of docs.entries()) await cluster.json(1, 'PUT', `/idx/_doc/${i + 1}`, { t })
    await cluster.json(1, 'POST', '/idx/_refresh')
    expect(await validateExplanation(cluster, { match: { t: 'ny quick' } })).toBe(
      '(t:"new york" t:ny) Synonym(t:fast t:quick)',
    )
    expect(
      await validateExplanation(cluster, { match: { t: { query: 'new york city', operator: 'and' } } }),
    ).toBe('+(t:ny t:"new york") +t:city')
    const noPhrase = { query: 'ny', auto_generate_synonyms_phrase_query: false }
    expect(await validateExplanation(cluster, { match: { t: noPhrase } })).toBe('((+t:new +t:york) t:ny)')
    expect(await validateExplanation(cluster, { match_bool_prefix: { t: 'fast ny' } })).toBe(
      'Synonym(t:fast t:quick) (t:"new york*" t:"ny*")',
    )
    const body = (await cluster.json(1, 'POST', '/idx/_search', { query: { match: { t: 'ny' } } })) as {
      hits: { hits: Hit[] }
    }
    expect(body.hits.hits.map((hit) => [hit._id, f(hit._score)])).toEqual([
      ['2', legacyBm25(1, 3, 5, 1, 5)],
      ['1', expect.any(Number)],
    ])
  })
})

describe('match on shingles with unigrams', () => {
  it('reads the stream by positions: ShingleTokenFilterFactory disables graph analysis', async () => {
    const { cluster } = await clusterWithIndex(1, {
      settings: {
        analysis: { analyzer: { sh: { tokenizer: 'standard', filter: ['lowercase', 'shingle'] } } },
      },
      mappings: { properties: { t: { type: 'text', analyzer: 'sh' } } },
    })
    expect(await validateExplanation(cluster, { match: { t: 'Quick brown fox' } })).toBe(
      'Synonym(t:quick t:quick brown) Synonym(t:brown t:brown fox) t:fox',
    )
  })
})
