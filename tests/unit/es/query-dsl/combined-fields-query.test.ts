// combined_fields (ES's CombinedFieldsQueryBuilder → Lucene's CombinedFieldQuery, BM25F): each term is scored as
// one term of a pseudo field holding every field, each counted its weight times: docFreq the max over the fields,
// sumTotalTermFreq the weighted sum, per document the weighted sum of the frequencies and of the field lengths
// (re-encoded as a norm). Scores are checked against Lucene's float arithmetic worked out by hand.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'
import type { Hit } from './explained-hits.ts'
import { legacyBm25 } from './legacy-bm25.ts'

const MAPPINGS = {
  mappings: {
    properties: {
      title: { type: 'text' },
      body: { type: 'text' },
      tag: { type: 'keyword' },
      english: { type: 'text', analyzer: 'english' },
      count: { type: 'long' },
    },
  },
}

async function articles(): Promise<TestCluster> {
  const { cluster } = await clusterWithIndex(1, MAPPINGS)
  const docs = [
    { title: 'quick fox', body: 'the lazy dog' },
    { title: 'lazy', body: 'quick brown fox jumps quick over' },
    { title: 'dog', body: 'cat' },
  ]
  for (const [i, doc] of docs.entries()) await cluster.json(1, 'PUT', `/idx/_doc/${i + 1}`, doc)
  await cluster.json(1, 'POST', '/idx/_refresh')
  return cluster
}

async function search(cluster: TestCluster, query: object): Promise<Hit[]> {
  const body = (await cluster.json(1, 'POST', '/idx/_search', { explain: true, query })) as {
    hits: { hits: Hit[] }
  }
  return body.hits.hits
}

const f = Math.fround

describe('combined_fields query', () => {
  it('scores a term over weighted fields as BM25F', async () => {
    const cluster = await articles()
    const hits = await search(cluster, { combined_fields: { query: 'quick', fields: ['title^2', 'body'] } })
    // quick: title docFreq 1, body docFreq 1 → n 1; N 3; sumTotalTermFreq 2 * 4 + 10 = 18 → avgdl 6
    // doc 1: freq 2 * 1, length 2 * 2 + 3 = 7; doc 2: freq 2, length 2 * 1 + 6 = 8
    expect(hits.map((h) => [h._id, f(h._score)])).toEqual([
      ['1', legacyBm25(1, 3, 6, 2, 7)],
      ['2', legacyBm25(1, 3, 6, 2, 8)],
    ])
    const explanation = hits[0]!._explanation!
    expect(explanation.description).toBe(
      'weight(CombinedFieldQuery((body title^2.0)(quick)) in 0), result of:',
    )
    const score = explanation.details[0]!
    expect(score.description).toBe('score(freq=2.0), computed as boost * idf * tf from:')
    expect(score.details.map((d) => [d.description, f(d.value)])).toEqual([
      ['boost', f(2.2)],
      ['idf, computed as log(1 + (N - n + 0.5) / (n + 0.5)) from:', f(Math.log(1 + 2.5 / 1.5))],
      ['tf, computed as freq / (freq + k1 * (1 - b + b * dl / avgdl)) from:', f(score.details[2]!.value)],
    ])
    expect(score.details[2]!.details.map((d) => [d.description, f(d.value)])).toEqual([
      ['termFreq=2.0', 2],
      ['k1, term saturation parameter', f(1.2)],
      ['b, length normalization parameter', 0.75],
      ['dl, length of field', 7],
      ['avgdl, average length of field', 6],
    ])
  })

  it('builds one clause per position, with operator and minimum_should_match', async () => {
    const cluster = await articles()
    const or = await search(cluster, { combined_fields: { query: 'lazy dog', fields: ['title', 'body'] } })
    expect(or.map((h) => h._id).sort()).toEqual(['1', '2', '3'])
    const and = await search(cluster, {
      combined_fields: { query: 'lazy dog', fields: ['title', 'body'], operator: 'AND' },
    })
    expect(and.map((h) => h._id)).toEqual(['1'])
    const msm = await search(cluster, {
      combined_fields: { query: 'lazy dog cat', fields: ['title', 'body'], minimum_should_match: 2 },
    })
    expect(msm.map((h) => h._id).sort()).toEqual(['1', '3'])
    const none = await search(cluster, { combined_fields: { query: 'the', fields: ['english'] } })
    expect(none).toEqual([])
    const all = await search(cluster, {
      combined_fields: { query: 'the', fields: ['english'], zero_terms_query: 'all', boost: 3 },
    })
    expect(all.map((h) => h._score)).toEqual([3, 3, 3])
  })

  it('makes one CombinedFieldQuery of the synonyms at a position', async () => {
    const analysis = {
      filter: { syn: { type: 'synonym', synonyms: ['fast, quick'] } },
      analyzer: { syn: { tokenizer: 'standard', filter: ['lowercase', 'syn'] } },
    }
    const text = { type: 'text', search_analyzer: 'syn', analyzer: 'standard' }
    const { cluster } = await clusterWithIndex(1, {
      settings: { analysis },
      mappings: { properties: { a: text, b: text } },
    })
    await cluster.json(1, 'PUT', '/idx/_doc/1?refresh=true', { a: 'fast car', b: 'quick car' })
    const body = (await cluster.json(1, 'POST', '/idx/_validate/query?explain=true', {
      query: { combined_fields: { query: 'quick car', fields: ['a', 'b'] } },
    })) as { explanations: Array<{ explanation: string }> }
    expect(body.explanations[0]!.explanation).toBe(
      'CombinedFieldQuery((a b)(fast quick)) CombinedFieldQuery((a b)(car))',
    )
    const hits = await search(cluster, { combined_fields: { query: 'quick', fields: ['a', 'b'] } })
    // fast and quick count as one term: freq 2 in the combined field a + b of length 4 (the only document)
    expect(hits.map((h) => f(h._score))).toEqual([legacyBm25(1, 1, 4, 2, 4)])
  })

  it('prints CombinedFieldQuery in _validate/query explain', async () => {
    const cluster = await articles()
    const body = (await cluster.json(1, 'POST', '/idx/_validate/query?explain=true', {
      query: { combined_fields: { query: 'Quick dog', fields: ['ti*', 'body^1.5', 'count*'], boost: 2 } },
    })) as { explanations: Array<{ explanation: string }> }
    expect(body.explanations[0]!.explanation).toBe(
      '(CombinedFieldQuery((body^1.5 title)(quick)) CombinedFieldQuery((body^1.5 title)(dog)))^2.0',
    )
  })

  it('fails with the builder errors', async () => {
    const cluster = await articles()
    const reason = async (query: object): Promise<string> => {
      const response = await cluster.send(1, 'POST', '/idx/_search', { query: { combined_fields: query } })
      expect(response.status).toBe(400)
      const error = (JSON.parse(response.body) as { error: { root_cause: Array<{ reason: string }> } }).error
      return error.root_cause[0]!.reason
    }
    expect(await reason({ query: 'x', fields: ['title', 'tag'] })).toBe(
      'failed to create query: Field [tag] of type [keyword] does not support [combined_fields] queries',
    )
    expect(await reason({ query: 'x', fields: ['title', 'english'] })).toBe(
      'failed to create query: All fields in [combined_fields] query must have the same search analyzer',
    )
    expect(await reason({ query: 'x' })).toBe(
      'failed to create query: In [combined_fields] query, at least one field must be provided',
    )
    expect(await reason({ fields: ['title'] })).toBe('Required [query]')
    expect(await reason({ query: 'x', fields: ['title'], slop: 1 })).toMatch(
      /^\[1:\d+\] \[combined_fields\] unknown field \[slop\]/,
    )
    expect(await reason({ query: 'x', fields: ['title^0.5'] })).toMatch(
      /^\[1:\d+\] \[combined_fields\] failed to parse field \[fields\]$/,
    )
    expect(await reason({ query: 1, fields: ['title'] })).toMatch(
      /^\[1:\d+\] \[combined_fields\] query doesn't support values of type: VALUE_NUMBER$/,
    )
    expect(await reason({ query: 'x', fields: ['title'], operator: 'xor' })).toMatch(
      /^\[1:\d+\] \[combined_fields\] failed to parse field \[operator\]$/,
    )
    // unmapped fields only: nothing matches
    const hits = await search(cluster, { combined_fields: { query: 'quick', fields: ['nope'] } })
    expect(hits).toEqual([])
  })
})
