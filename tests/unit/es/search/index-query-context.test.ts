// The queries that read the shard's documents (scripts, script_score, terms_set's per-document minimum, a
// function_score's script, the join queries) in the APIs that run a query without a search: TransportExplainAction,
// DeleteByQuery/UpdateByQuery's scroll search and TransportValidateQueryAction build the query in the shard's
// SearchExecutionContext, so each matches (and scores) there as in _search; none matches nothing.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const N = "(doc['n'].size() == 0 ? 0 : doc['n'].value)"
const SCRIPT = { script: { script: `${N} > 1` } }
const SCRIPT_SCORE = { script_score: { query: { match_all: {} }, script: `${N} * 2` } }
const TERMS_SET = { terms_set: { tags: { terms: ['a', 'b'], minimum_should_match_field: 'n' } } }
const FUNCTION_SCORE = {
  function_score: { query: { match_all: {} }, functions: [{ script_score: { script: N } }] },
}
const HAS_CHILD = { has_child: { type: 'answer', query: { term: { tags: 'c' } } } }
const HAS_PARENT = { has_parent: { parent_type: 'question', query: { term: { tags: 'a' } } } }

/** One shard: question 1 (n 2, tags a b), question 2 (n 1) and answer 3 (tags c) under question 1. */
async function indexed(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/i', {
    settings: { number_of_shards: 1 },
    mappings: {
      properties: {
        n: { type: 'integer' },
        tags: { type: 'keyword' },
        qa: { type: 'join', relations: { question: 'answer' } },
      },
    },
  })
  await node.send('PUT', '/i/_doc/1', { n: 2, tags: ['a', 'b'], qa: 'question' })
  await node.send('PUT', '/i/_doc/2', { n: 1, tags: ['b'], qa: 'question' })
  await node.send('PUT', '/i/_doc/3?routing=1&refresh', { tags: ['c'], qa: { name: 'answer', parent: '1' } })
  return node
}

interface Explained {
  matched: boolean
  explanation: { value: number }
}

async function explain(node: TestNode, id: string, query: object, routing = ''): Promise<Explained> {
  const response = await node.send('GET', `/i/_explain/${id}${routing}`, { query })
  expect(response.status).toBe(200)
  return JSON.parse(response.body) as Explained
}

async function ids(node: TestNode): Promise<string[]> {
  const response = await node.send('GET', '/i/_search?filter_path=hits.hits._id', {
    query: { match_all: {} },
  })
  const hits = (JSON.parse(response.body) as { hits?: { hits: Array<{ _id: string }> } }).hits?.hits ?? []
  return hits.map((hit) => hit._id).sort()
}

describe('queries built on the shard outside _search', () => {
  it('_explain matches and scores them as the shard does', async () => {
    const node = await indexed()
    expect(await explain(node, '1', SCRIPT)).toMatchObject({ matched: true, explanation: { value: 1 } })
    expect((await explain(node, '2', SCRIPT)).matched).toBe(false)
    expect(await explain(node, '1', SCRIPT_SCORE)).toMatchObject({ matched: true, explanation: { value: 4 } })
    expect((await explain(node, '1', TERMS_SET)).matched).toBe(true)
    expect(await explain(node, '1', FUNCTION_SCORE)).toMatchObject({
      matched: true,
      explanation: { value: 2 },
    })
    expect((await explain(node, '1', HAS_CHILD)).matched).toBe(true)
    expect((await explain(node, '2', HAS_CHILD)).matched).toBe(false)
    expect((await explain(node, '3', HAS_PARENT, '?routing=1')).matched).toBe(true)
  })

  it('_delete_by_query deletes what they match', async () => {
    const node = await indexed()
    const deleted = async (query: object): Promise<number> => {
      const response = await node.send('POST', '/i/_delete_by_query?refresh', { query })
      return (JSON.parse(response.body) as { deleted: number }).deleted
    }
    expect(await deleted(HAS_PARENT)).toBe(1)
    expect(await ids(node)).toEqual(['1', '2'])
    expect(await deleted({ bool: { filter: [SCRIPT, TERMS_SET] } })).toBe(1)
    expect(await ids(node)).toEqual(['2'])
  })

  it('_update_by_query updates what they match', async () => {
    const node = await indexed()
    const response = await node.send('POST', '/i/_update_by_query?refresh', {
      query: { bool: { should: [HAS_CHILD, SCRIPT_SCORE], minimum_should_match: 1, filter: [SCRIPT] } },
      script: { source: 'ctx._source.n += 10' },
    })
    expect(JSON.parse(response.body)).toMatchObject({ total: 1, updated: 1 })
    const one = await node.send('GET', '/i/_doc/1?filter_path=_source.n')
    expect(JSON.parse(one.body)).toEqual({ _source: { n: 12 } })
  })

  it('_validate/query takes the join queries', async () => {
    const node = await indexed()
    for (const query of [HAS_CHILD, HAS_PARENT]) {
      const response = await node.send('GET', '/i/_validate/query', { query })
      expect(response.body).toBe('{"_shards":{"total":1,"successful":1,"failed":0},"valid":true}')
    }
  })
})
