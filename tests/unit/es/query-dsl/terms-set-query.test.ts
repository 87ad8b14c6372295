// terms_set (ES's TermsSetQueryBuilder → Lucene's CoveringQuery): a document matches when at least its own number
// of the terms match, read from a numeric field or a script (`params.num_terms`); its score is the float of the
// sum in double of the matching term queries' BM25 scores. The index is the docs page's job-candidates example.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'
import type { Explanation, Hit } from './explained-hits.ts'

interface SearchBody {
  hits: { hits: Hit[] }
}

const MAPPINGS = {
  mappings: {
    properties: {
      name: { type: 'keyword' },
      programming_languages: { type: 'keyword' },
      required_matches: { type: 'long' },
      about: { type: 'text' },
    },
  },
}

async function candidates(): Promise<TestCluster> {
  const { cluster } = await clusterWithIndex(1, MAPPINGS)
  const docs = [
    { name: 'Jane Smith', programming_languages: ['c++', 'java'], required_matches: 2 },
    { name: 'Jason Response', programming_languages: ['java', 'php'], required_matches: 2 },
    { name: 'Ann Nobody', programming_languages: ['php'] },
    { name: 'Bo Zero', programming_languages: ['c++'], required_matches: 0 },
  ]
  for (const [i, doc] of docs.entries()) await cluster.json(1, 'PUT', `/idx/_doc/${i + 1}`, doc)
  await cluster.json(1, 'POST', '/idx/_refresh')
  return cluster
}

const LANGUAGES = ['c++', 'java', 'php']

function termsSet(options: object): object {
  return { terms_set: { programming_languages: { terms: LANGUAGES, ...options } } }
}

async function search(cluster: TestCluster, query: object): Promise<Hit[]> {
  const body = (await cluster.json(1, 'POST', '/idx/_search', { explain: true, query })) as SearchBody
  return body.hits.hits
}

/**
 * ES's LegacyBM25Similarity score of one term in a keyword field (no norms: length 1), in Lucene 9's float32
 * steps: the weight is (1 + k1) * idf.
 */
function bm25(docFreq: number, docCount: number, avgdl: number): number {
  const f = Math.fround
  const idf = f(Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5)))
  const normInverse = f(1 / f(1.2 * f(f(1 - 0.75) + f(0.75 / f(avgdl)))))
  const weight = f(f(2.2) * idf)
  return f(weight - f(weight / f(1 + normInverse)))
}

describe('terms_set query', () => {
  it('matches each document against its own minimum_should_match_field and sums the term scores', async () => {
    const cluster = await candidates()
    const hits = await search(cluster, termsSet({ minimum_should_match_field: 'required_matches' }))
    // docCount 4, sumTotalTermFreq 6: avgdl 1.5; c++ and php in 2 documents, java in 2
    const term = bm25(2, 4, 1.5)
    const expected = Math.fround(term + term)
    // doc 3 has no value (no match); doc 4's 0 counts as 1
    // a score prints as Float.toString: compared as the float it reads back as
    expect(hits.map((h) => [h._id, Math.fround(h._score)])).toEqual([
      ['1', expected],
      ['2', expected],
      ['4', term],
    ])
    const single = await search(cluster, { term: { programming_languages: 'java' } })
    expect(Math.fround(single[0]!._score)).toBe(term)
  })

  it('explains the covering query: matches against required ones, every clause listed', async () => {
    const cluster = await candidates()
    const hits = await search(cluster, termsSet({ minimum_should_match_field: 'required_matches' }))
    const explanation = hits.find((h) => h._id === '1')!._explanation!
    expect(explanation.description).toBe('2 matches for 2 required matches, sum of:')
    expect(explanation.value).toBe(hits[0]!._score)
    expect(explanation.details.map((d) => d.description)).toEqual([
      'weight(programming_languages:c++ in 0) [PerFieldSimilarity], result of:',
      'weight(programming_languages:java in 0) [PerFieldSimilarity], result of:',
      'no matching term',
    ])
    const explained = (await cluster.json(1, 'GET', '/idx/_explain/3', {
      query: termsSet({ minimum_should_match_field: 'required_matches' }),
    })) as { matched: boolean; explanation: Explanation }
    expect(explained.matched).toBe(false)
    expect(explained.explanation.description).toBe('minimumNumberMatch has no value on the current document')
  })

  it('reads the minimum from a script with params.num_terms', async () => {
    const cluster = await candidates()
    const script = { source: 'Math.min(params.num_terms, params.wanted)', params: { wanted: 1 } }
    const one = await search(cluster, termsSet({ minimum_should_match_script: script }))
    expect(one.map((h) => h._id).sort()).toEqual(['1', '2', '3', '4'])
    const all = { source: 'params.num_terms' }
    expect(await search(cluster, termsSet({ minimum_should_match_script: all }))).toEqual([])
    const nothing = { source: "doc['required_matches'].size() == 0 ? null : 1" }
    const valued = await search(cluster, termsSet({ minimum_should_match_script: nothing }))
    expect(valued.map((h) => h._id).sort()).toEqual(['1', '2', '4'])
  })

  it('prints CoveringQuery with sorted clauses and its values source in _validate/query explain', async () => {
    const cluster = await candidates()
    const validate = async (query: object): Promise<string> => {
      const body = (await cluster.json(1, 'POST', '/idx/_validate/query?explain=true', { query })) as {
        explanations: Array<{ explanation: string }>
      }
      return body.explanations[0]!.explanation
    }
    const query = {
      terms_set: {
        programming_languages: {
          terms: ['php', 'c++'],
          minimum_should_match_field: 'required_matches',
          boost: 2,
        },
      },
    }
    expect(await validate(query)).toBe(
      '(CoveringQuery(queries=[programming_languages:c++, programming_languages:php], ' +
        'minimumNumberMatch=long(required_matches)))^2.0',
    )
    const script = { source: 'params.num_terms', params: { a: 1 } }
    expect(await validate(termsSet({ minimum_should_match_script: script }))).toBe(
      'CoveringQuery(queries=[programming_languages:c++, programming_languages:java, programming_languages:php], ' +
        "minimumNumberMatch=script(Script{type=inline, lang='painless', idOrCode='params.num_terms', options={}, " +
        'params={a=1}}))',
    )
  })

  it('fails with the builder errors', async () => {
    const cluster = await candidates()
    const reason = async (query: object): Promise<string> => {
      const response = await cluster.send(1, 'POST', '/idx/_search', { query })
      expect(response.status).toBe(400)
      const body = JSON.parse(response.body) as { error: { root_cause: Array<{ reason: string }> } }
      return body.error.root_cause[0]!.reason
    }
    expect(await reason(termsSet({ minimum_should_match: 2 }))).toBe(
      '[terms_set] query does not support [minimum_should_match]',
    )
    expect(await reason(termsSet({ minimum_should_match_field: 'nope' }))).toBe(
      'failed to find minimum_should_match field [nope]',
    )
    expect(await reason(termsSet({}))).toBe(
      'failed to create query: No minimum should match has been specified',
    )
    expect(
      await reason(
        termsSet({ minimum_should_match_field: 'x', minimum_should_match_script: { source: '1' } }),
      ),
    ).toBe('A field has already been specified. Cannot specify both a field and script')
    expect(await reason({ terms_set: { programming_languages: ['java'] } })).toBe(
      '[terms_set] unknown token [START_ARRAY]',
    )
    expect(await reason({ terms_set: {} })).toBe('[terms_set] unknown token [END_OBJECT]')
    expect(await reason(termsSet({ minimum_should_match_field: 'about' }))).toMatch(
      /^failed to create query: Fielddata is disabled on \[about\] in \[idx\]/,
    )
  })

  it('matches nothing without terms', async () => {
    const cluster = await candidates()
    const query = { terms_set: { programming_languages: { terms: [], minimum_should_match_field: 'nope' } } }
    expect(await search(cluster, query)).toEqual([])
  })
})
