// The span queries end to end through EsNode: hits and `_score`s (BM25 of Lucene's span frequency, computed here
// by the direct float32 formula), SpanWeight's explanation ("weight(spanNear([...], 1, true) in 0)
// [PerFieldSimilarity]" over "phraseFreq="), _validate/query's description, span_multi's expansion and its max
// clause count as the shard's runtime_exception.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import type { Explanation } from './explained-hits.ts'

const f = Math.fround

/** LegacyBM25Similarity with idf summed over the terms (float32 steps); lengths exact below 24. */
function bm25(docFreqs: number[], docCount: number, freq: number, length: number, avgdl: number): number {
  const idfs = docFreqs.map((n) => f(Math.log(1 + (docCount - n + 0.5) / (n + 0.5))))
  const idf = f(idfs.reduce((sum, x) => sum + x, 0))
  const weight = f(f(2.2) * idf)
  const cache = f(1 / f(f(1.2) * f(f(0.25) + f(f(f(0.75) * length) / f(avgdl)))))
  return f(weight - f(weight / f(1 + f(freq * cache))))
}

let node: TestNode
beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/books', {
    settings: { number_of_shards: 1, number_of_replicas: 0 },
    mappings: { properties: { body: { type: 'text' }, text: { type: 'alias', path: 'body' } } },
  })
  const docs = ['the quick brown fox', 'quick fox', 'the lazy dog']
  for (const [i, body] of docs.entries()) await node.send('PUT', `/books/_doc/${i + 1}`, { body })
  await node.send('POST', '/books/_refresh')
})

const NEAR = {
  span_near: {
    clauses: [{ span_term: { body: 'quick' } }, { span_term: { body: 'fox' } }],
    slop: 1,
    in_order: true,
  },
}

async function search(body: object): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await node.send('GET', '/books/_search', body)
  return { status: response.status, json: JSON.parse(response.body) as Record<string, unknown> }
}

function outline(e: Explanation, depth = 0): string[] {
  return [`${'  '.repeat(depth)}${e.description}`, ...e.details.flatMap((d) => outline(d, depth + 1))]
}

describe('span queries through _search', () => {
  it('scores each match 1 / (1 + width) under BM25, and explains it as SpanWeight', async () => {
    const { status, json } = await search({ query: NEAR, explain: true })
    expect(status).toBe(200)
    const hits = (json.hits as { hits: Array<{ _id: string; _score: number; _explanation: Explanation }> })
      .hits
    expect(hits.map((h) => h._id)).toEqual(['2', '1'])
    // lengths 4, 2, 3: avgdl 3; quick and fox each in 2 of 3 documents
    expect(f(hits[0]!._score)).toBe(bm25([2, 2], 3, 1, 2, 3))
    expect(f(hits[1]!._score)).toBe(bm25([2, 2], 3, 0.5, 4, 3))
    const explanation = hits[1]!._explanation
    expect(f(explanation.value)).toBe(f(hits[1]!._score))
    expect(outline(explanation)).toEqual([
      'weight(spanNear([body:quick, body:fox], 1, true) in 0) [PerFieldSimilarity], result of:',
      '  score(freq=0.5), computed as boost * idf * tf from:',
      '    boost',
      '    idf, sum of:',
      '      idf, computed as log(1 + (N - n + 0.5) / (n + 0.5)) from:',
      '        n, number of documents containing term',
      '        N, total number of documents with field',
      '      idf, computed as log(1 + (N - n + 0.5) / (n + 0.5)) from:',
      '        n, number of documents containing term',
      '        N, total number of documents with field',
      '    tf, computed as freq / (freq + k1 * (1 - b + b * dl / avgdl)) from:',
      '      phraseFreq=0.5',
      '      k1, term saturation parameter',
      '      b, length normalization parameter',
      '      dl, length of field',
      '      avgdl, average length of field',
    ])
  })

  it('one span term explains its idf alone', async () => {
    const response = await node.send('GET', '/books/_explain/2', { query: { span_term: { body: 'fox' } } })
    const body = JSON.parse(response.body) as { explanation: Explanation }
    expect(outline(body.explanation).slice(0, 4)).toEqual([
      'weight(body:fox in 1) [PerFieldSimilarity], result of:',
      '  score(freq=1.0), computed as boost * idf * tf from:',
      '    boost',
      '    idf, computed as log(1 + (N - n + 0.5) / (n + 0.5)) from:',
    ])
    const miss = await node.send('GET', '/books/_explain/3', { query: NEAR })
    expect(JSON.parse(miss.body)).toMatchObject({
      matched: false,
      explanation: { value: 0, description: 'no matching term', details: [] },
    })
  })

  it('a span query on a field alias reads its target', async () => {
    const { json } = await search({
      query: { span_near: { clauses: [{ span_term: { text: 'quick' } }, { span_term: { text: 'fox' } }] } },
    })
    const hits = (json.hits as { hits: Array<{ _id: string; _score: number }> }).hits
    expect(hits.map((h) => [h._id, f(h._score)])).toEqual([['2', bm25([2, 2], 3, 1, 2, 3)]])
  })

  it('dfs_query_then_fetch scores two shards with the statistics of both', async () => {
    await node.send('PUT', '/books2', {
      settings: { number_of_shards: 2, number_of_replicas: 0 },
      mappings: { properties: { body: { type: 'text' } } },
    })
    // routed by _id: a and b go to different shards
    const docs = { a: 'the quick brown fox', b: 'quick fox', c: 'the lazy dog' }
    for (const [id, body] of Object.entries(docs)) await node.send('PUT', `/books2/_doc/${id}`, { body })
    await node.send('POST', '/books2/_refresh')
    const scores = async (path: string): Promise<number[]> => {
      const response = await node.send('GET', path, { query: NEAR })
      const body = JSON.parse(response.body) as { hits: { hits: Array<{ _score: number }> } }
      return body.hits.hits.map((h) => f(h._score))
    }
    const single = await scores('/books/_search')
    expect(await scores('/books2/_search?search_type=dfs_query_then_fetch')).toEqual(single)
    expect(await scores('/books2/_search')).not.toEqual(single)
  })

  it('_validate/query describes the span query as Lucene prints it', async () => {
    const response = await node.send('GET', '/books/_validate/query?explain=true', {
      query: { span_first: { match: { span_multi: { match: { prefix: { body: 'qu' } } } }, end: 2 } },
    })
    expect(JSON.parse(response.body)).toMatchObject({
      valid: true,
      explanations: [
        { index: 'books', valid: true, explanation: 'spanFirst(SpanMultiTermQueryWrapper(body:qu*), 2)' },
      ],
    })
  })

  it('span_multi prefix on index_prefixes is the masked span term of its ._index_prefix subfield', async () => {
    await node.send('PUT', '/prefixed', {
      mappings: { properties: { text: { type: 'text', index_prefixes: { min_chars: 2, max_chars: 5 } } } },
    })
    await node.send('PUT', '/prefixed/_doc/1?refresh=true', { text: 'some short words' })
    const near = (prefix: string) => ({
      span_near: {
        clauses: [{ span_term: { text: 'short' } }, { span_multi: { match: { prefix: { text: prefix } } } }],
        slop: 0,
        in_order: true,
      },
    })
    const described = async (prefix: string) => {
      const response = await node.send('GET', '/prefixed/_validate/query?explain=true', {
        query: near(prefix),
      })
      return (JSON.parse(response.body) as { explanations: Array<{ explanation: string }> }).explanations[0]!
        .explanation
    }
    expect(await described('word')).toBe(
      'spanNear([text:short, mask(text._index_prefix:word) as text], 0, true)',
    )
    expect(await described('w')).toBe('spanNear([text:short, SpanMultiTermQueryWrapper(text:w*)], 0, true)')
    for (const prefix of ['word', 'w']) {
      const hits = await node.send('GET', '/prefixed/_search', { query: near(prefix) })
      expect(JSON.parse(hits.body)).toMatchObject({ hits: { total: { value: 1 } } })
    }
  })

  it('span_multi expands to the index terms, named in the explanation of its rewrite', async () => {
    const query = {
      span_near: {
        clauses: [{ span_multi: { match: { wildcard: { body: '*o*' } } } }, { span_term: { body: 'fox' } }],
        slop: 2,
      },
    }
    const { json } = await search({ query, explain: true })
    const hits = (json.hits as { hits: Array<{ _id: string; _explanation: Explanation }> }).hits
    // brown and dog are the terms with an o besides fox: brown precedes fox in document 1 only
    expect(hits.map((h) => h._id)).toEqual(['1'])
    expect(hits[0]!._explanation.description).toBe(
      'weight(spanNear([spanOr([body:brown, body:dog, body:fox]), body:fox], 2, true) in 0) [PerFieldSimilarity], result of:',
    )
  })

  it('more expansions than the max clause count fail the shard with a runtime_exception', async () => {
    await node.send('PUT', '/many/_doc/1', {
      body: Array.from({ length: 1025 }, (_, i) => `w${i}`).join(' '),
    })
    await node.send('POST', '/many/_refresh')
    const response = await node.send('GET', '/many/_search', {
      query: { span_multi: { match: { prefix: { body: 'w' } } } },
    })
    expect(response.status).toBe(500)
    expect(JSON.parse(response.body)).toMatchObject({
      error: {
        root_cause: [
          {
            type: 'runtime_exception',
            reason: '[body:w* ] exceeds maxClauseCount [ Boolean maxClauseCount is set to 1024]',
          },
        ],
        type: 'search_phase_execution_exception',
      },
    })
  })
})
