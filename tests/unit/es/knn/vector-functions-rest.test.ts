// script_score with the vector functions of a score script (VectorScoreScriptUtils): cosineSimilarity, dotProduct,
// l1norm and l2norm over a dense_vector field, through EsNode, and their errors.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function index(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/sv', {
    mappings: { properties: { v: { type: 'dense_vector', dims: 3, similarity: 'l2_norm' } } },
  })
  await node.send('PUT', '/sv/_doc/1', { v: [1, 2, 3] })
  await node.send('PUT', '/sv/_doc/2', { v: [-1, 0.5, 2] })
  await node.send('PUT', '/sv/_doc/3', {})
  await node.send('POST', '/sv/_refresh')
  return node
}

function scriptScore(source: string, q: number[], query: object = { exists: { field: 'v' } }) {
  return { _source: false, query: { script_score: { query, script: { source, params: { q } } } } }
}

async function scores(node: TestNode, body: object): Promise<Array<[string, number]>> {
  const response = await node.send('POST', '/sv/_search', body)
  expect(response.status).toBe(200)
  const parsed = JSON.parse(response.body) as { hits: { hits: Array<{ _id: string; _score: number }> } }
  return parsed.hits.hits.map((hit) => [hit._id, hit._score])
}

describe('vector functions in script_score', () => {
  it('score each document by its vector in Java float arithmetic', async () => {
    const node = await index()
    const q = [1, 1, 1]
    expect(await scores(node, scriptScore("cosineSimilarity(params.q, 'v') + 1.0", q))).toEqual([
      ['1', 1.9258201],
      ['2', 1.3779645],
    ])
    expect(await scores(node, scriptScore("dotProduct(params.q, 'v') + 10", q))).toEqual([
      ['1', 16.0],
      ['2', 11.5],
    ])
    expect(await scores(node, scriptScore("1 / (1 + l2norm(params.q, 'v'))", q))).toEqual([
      ['1', 0.309017],
      ['2', 0.30383244],
    ])
    expect(await scores(node, scriptScore("1 / (1 + l1norm(params.q, 'v'))", q))).toEqual([
      ['1', 0.25],
      ['2', 0.22222222],
    ])
  })

  it('fails as ES does on a document without a vector and on a query of another length', async () => {
    const node = await index()
    const missing = await node.send(
      'POST',
      '/sv/_search',
      scriptScore("l1norm(params.q, 'v')", [1, 1, 1], { match_all: {} }),
    )
    expect(missing.body).toContain('"reason":"A document doesn\'t have a value for a vector field!"')
    const dims = await node.send('POST', '/sv/_search', scriptScore("l1norm(params.q, 'v')", [1, 1]))
    expect(dims.body).toContain(
      '"reason":"The query vector has a different number of dimensions [2] than the document vectors [3]."',
    )
  })
})
