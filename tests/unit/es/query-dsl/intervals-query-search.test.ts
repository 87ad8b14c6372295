// The intervals query end to end through EsNode: hits and `_score`s (IntervalScoreFunction's saturation of the
// sloppy frequency, computed here in float32 by hand), IntervalWeight's explanation ("Saturation function on interval
// frequency, computed as w * S / (S + k) from:"), _validate/query's description, use_field, a field alias, and a
// multi-term source's expansion beyond the max clause count as the shard's illegal_state_exception.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import type { Explanation } from './explained-hits.ts'

const f = Math.fround

/** boost * (1 - 1 / (1 + freq)), freq the float sum of 1 / max(width - minExtent + 1, 1) over the intervals. */
function saturation(widths: number[], minExtent: number, boost = 1): number {
  let freq = 0
  for (const width of widths) freq = f(freq + f(1 / Math.max(width - minExtent + 1, 1)))
  return f(boost * f(1 - f(1 / f(1 + freq))))
}

let node: TestNode
beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/books', {
    settings: { number_of_shards: 1, number_of_replicas: 0 },
    mappings: {
      properties: {
        body: { type: 'text', fields: { exact: { type: 'text', analyzer: 'whitespace' } } },
        text: { type: 'alias', path: 'body' },
      },
    },
  })
  const docs = ['The quick brown fox', 'quick fox', 'the lazy dog and the quick fox']
  for (const [i, body] of docs.entries()) await node.send('PUT', `/books/_doc/${i + 1}`, { body })
  await node.send('POST', '/books/_refresh')
})

type Hit = { _id: string; _score: number; _explanation: Explanation }

async function hits(query: object, explain = false): Promise<Hit[]> {
  const response = await node.send('GET', '/books/_search', { query, explain })
  expect(response.status).toBe(200)
  return (JSON.parse(response.body) as { hits: { hits: Hit[] } }).hits.hits
}

describe('the intervals query through _search', () => {
  it('scores the saturation of the sloppy frequency and explains it as IntervalWeight', async () => {
    const query = { intervals: { body: { match: { query: 'quick fox', ordered: true }, boost: 2 } } }
    const found = await hits(query, true)
    expect(found.map((h) => h._id)).toEqual(['2', '3', '1'])
    // docs 2 and 3: quick fox adjacent (width 2, minExtent 2: freq 1); doc 1: quick brown fox (width 3: freq 0.5)
    expect(f(found[0]!._score)).toBe(saturation([2], 2, 2))
    expect(f(found[2]!._score)).toBe(saturation([3], 2, 2))
    const explanation = found[2]!._explanation
    expect(explanation).toEqual({
      value: found[2]!._score,
      description: 'Saturation function on interval frequency, computed as w * S / (S + k) from:',
      details: [
        { value: 2, description: 'w, weight of this function', details: [] },
        {
          value: 1,
          description: 'k, pivot feature value that would give a score contribution equal to w/2',
          details: [],
        },
        {
          value: 0.5,
          description: 'S, the sloppy frequency of the interval query body:ORDERED(quick,fox)',
          details: [],
        },
      ],
    })
  })

  it('explains a document without intervals as "no matching intervals"', async () => {
    const response = await node.send('GET', '/books/_explain/3', {
      query: { intervals: { body: { match: { query: 'brown fox', max_gaps: 0, ordered: true } } } },
    })
    expect(JSON.parse(response.body)).toMatchObject({
      matched: false,
      explanation: { value: 0, description: 'no matching intervals', details: [] },
    })
  })

  it('filters, use_field and a field alias', async () => {
    const the = { intervals: { body: { match: { query: 'the', use_field: 'body.exact' } } } }
    expect((await hits(the)).map((h) => h._id)).toEqual(['3'])
    const filtered = {
      intervals: {
        text: {
          match: { query: 'fox', filter: { after: { match: { query: 'dog' } } } },
        },
      },
    }
    const found = await hits(filtered)
    expect(found.map((h) => [h._id, f(h._score)])).toEqual([['3', saturation([1], 1)]])
  })

  it('_validate/query describes the IntervalQuery as Lucene prints it', async () => {
    const response = await node.send('GET', '/books/_validate/query?explain=true', {
      query: {
        intervals: {
          body: { all_of: { intervals: [{ prefix: { prefix: 'qu' } }, { match: { query: 'fox' } }] } },
        },
      },
    })
    expect(JSON.parse(response.body)).toMatchObject({
      valid: true,
      explanations: [{ index: 'books', valid: true, explanation: 'body:UNORDERED(MultiTerm(qu*),fox)' }],
    })
  })

  it('a multi-term source expanding beyond the max clause count fails the shard', async () => {
    await node.send('PUT', '/many', {
      settings: { number_of_shards: 1, number_of_replicas: 0 },
      mappings: { properties: { body: { type: 'text' } } },
    })
    const body = Array.from({ length: 1025 }, (_, i) => `t${i}`).join(' ')
    await node.send('PUT', '/many/_doc/1?refresh=true', { body })
    const response = await node.send('GET', '/many/_search', {
      query: { intervals: { body: { prefix: { prefix: 't' } } } },
    })
    expect(response.status).toBe(500)
    expect(JSON.parse(response.body)).toMatchObject({
      error: {
        root_cause: [
          {
            type: 'illegal_state_exception',
            reason: 'Automaton [t*] expanded to too many terms (limit 1024)',
          },
        ],
      },
    })
  })
})
