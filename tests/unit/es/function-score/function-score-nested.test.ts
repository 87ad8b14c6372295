// function_score on an index with nested fields: the top-level query runs under the non-nested filter
// (DefaultSearchContext.buildFilteredQuery adds Queries.newNonNestedFilter as a FILTER clause), and Lucene's
// conjunction leads every required clause to a document the filter matches before it asks for a score, so the hidden
// nested documents never reach the functions: field_value_factor without `missing` does not fail on them, nor on a
// root document a bool's filter rejects; decay, random_score with a field and script_score score the root documents.
// A root document without the value still fails the search, and so does a nested document the nested query scores.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function shop(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/idx', {
    settings: { number_of_shards: 1, number_of_replicas: 0 },
    mappings: {
      properties: {
        tag: { type: 'keyword' },
        likes: { type: 'long' },
        n: { type: 'nested', properties: { x: { type: 'long' } } },
      },
    },
  })
  await node.send('PUT', '/idx/_doc/1', { tag: 'a', likes: 3, n: [{ x: 1 }, { x: 2 }] })
  await node.send('PUT', '/idx/_doc/2?refresh', { tag: 'b', n: [{ x: 5 }, {}] })
  return node
}

async function scores(node: TestNode, query: object): Promise<Array<[string, number]>> {
  const answer = await node.send('GET', '/idx/_search', { query })
  expect(answer.status, answer.body).toBe(200)
  const hits = (JSON.parse(answer.body) as { hits: { hits: Array<{ _id: string; _score: number }> } }).hits
    .hits
  return hits.map((hit) => [hit._id, hit._score])
}

async function failure(node: TestNode, query: object): Promise<[number, unknown]> {
  const answer = await node.send('GET', '/idx/_search', { query })
  const body = JSON.parse(answer.body) as { error: { root_cause: unknown[] } }
  return [answer.status, body.error.root_cause]
}

const MISSING_LIKES = [{ type: 'exception', reason: 'Missing value for field [likes]' }]

describe('function_score over the root documents only', () => {
  it('field_value_factor scores the root documents, the nested ones never reach it', async () => {
    const node = await shop()
    const query = {
      bool: {
        must: { function_score: { field_value_factor: { field: 'likes' } } },
        filter: { term: { tag: 'a' } },
      },
    }
    expect(await scores(node, query)).toEqual([['1', 3]])
    expect(
      await scores(node, {
        function_score: {
          query: { term: { tag: 'a' } },
          field_value_factor: { field: 'likes' },
          boost_mode: 'replace',
        },
      }),
    ).toEqual([['1', 3]])
  })

  it('a root document without the value still fails the search', async () => {
    const node = await shop()
    expect(await failure(node, { function_score: { field_value_factor: { field: 'likes' } } })).toEqual([
      500,
      MISSING_LIKES,
    ])
  })

  it('a nested document the nested query scores still fails it', async () => {
    const node = await shop()
    const query = {
      nested: { path: 'n', query: { function_score: { field_value_factor: { field: 'n.x' } } } },
    }
    expect(await failure(node, query)).toEqual([
      500,
      [{ type: 'exception', reason: 'Missing value for field [n.x]' }],
    ])
  })

  it('decay, random_score with a field and script_score score the root documents', async () => {
    const node = await shop()
    const only = (fn: object): object => ({
      function_score: { query: { term: { tag: 'a' } }, boost_mode: 'replace', ...fn },
    })
    // a root document without a value decays from distance 0
    const decay = { function_score: { gauss: { likes: { origin: 4, scale: 1 } }, boost_mode: 'replace' } }
    expect(await scores(node, decay)).toEqual([
      ['2', 1],
      ['1', 0.5],
    ])
    expect(
      await scores(node, {
        function_score: {
          script_score: { script: { source: "doc['likes'].size() == 0 ? 1 : doc['likes'].value * 2" } },
        },
      }),
    ).toEqual([
      ['1', 6],
      ['2', 1],
    ])
    expect(
      await scores(node, only({ script_score: { script: { source: "doc['likes'].value * 2" } } })),
    ).toEqual([['1', 6]])
    const random = await scores(node, {
      function_score: { random_score: { seed: 7, field: '_seq_no' }, boost_mode: 'replace' },
    })
    expect(random.map(([id]) => id).sort()).toEqual(['1', '2'])
    for (const [, score] of random) expect(score).toBeGreaterThan(0)
  })
})
