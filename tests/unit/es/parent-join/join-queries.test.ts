// The parent-join queries over REST, as ES 8's HasChildQueryBuilder, HasParentQueryBuilder and ParentIdQueryBuilder
// build them and Lucene's JoinUtil scores them over global ordinals (GlobalOrdinalsWithScoreCollector: float sums,
// max, min, avg; none scores the boost): which documents match, their scores, and the errors.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

/** Questions with answers and comments (the join field docs' example), in one shard so scores are comparable. */
async function questions(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/qa', {
    mappings: {
      properties: {
        id: { type: 'keyword' },
        text: { type: 'text' },
        my_join: { type: 'join', relations: { question: ['answer', 'comment'] } },
      },
    },
  })
  const docs: Array<[string, string | null, object]> = [
    ['1', null, { id: '1', text: 'how do shards work', my_join: 'question' }],
    ['2', null, { id: '2', text: 'what is a replica', my_join: { name: 'question' } }],
    ['3', '1', { id: '3', text: 'shards split an index', my_join: { name: 'answer', parent: '1' } }],
    ['4', '1', { id: '4', text: 'shards shards everywhere', my_join: { name: 'answer', parent: 1 } }],
    ['5', '2', { id: '5', text: 'a replica copies shards', my_join: { name: 'answer', parent: '2' } }],
    ['6', '2', { id: '6', text: 'nice shards question', my_join: { name: 'comment', parent: '2' } }],
  ]
  for (const [id, routing, doc] of docs) {
    const query = routing === null ? '' : `?routing=${routing}`
    expect((await node.send('PUT', `/qa/_doc/${id}${query}`, doc)).status).toBe(201)
  }
  await node.send('POST', '/qa/_refresh')
  return node
}

interface Hits {
  hits: { total: { value: number }; hits: Array<{ _id: string; _score: number }> }
}

async function search(node: TestNode, query: object): Promise<Array<[string, number]>> {
  const response = await node.send('POST', '/qa/_search', { query, sort: ['_score', 'id'] })
  expect(response.status).toBe(200)
  // scores print as Java floats: read back as the float they print
  return (JSON.parse(response.body) as Hits).hits.hits.map((hit) => [hit._id, Math.fround(hit._score)])
}

async function error(node: TestNode, query: object): Promise<{ type: string; reason: string }> {
  const response = await node.send('POST', '/qa/_search', { query })
  expect(response.status).toBe(400)
  return (JSON.parse(response.body) as { error: { root_cause: Array<{ type: string; reason: string }> } })
    .error.root_cause[0]!
}

const SHARDS = { match: { text: 'shards' } }

describe('has_child', () => {
  it('joins matching children to their parents, scored by score_mode', async () => {
    const node = await questions()
    const answers = new Map(
      await search(node, { bool: { must: [SHARDS], filter: [{ term: { my_join: 'answer' } }] } }),
    )
    const [a3, a4, a5] = [answers.get('3')!, answers.get('4')!, answers.get('5')!]
    const hasChild = (options: object) =>
      search(node, { has_child: { type: 'answer', query: SHARDS, ...options } })
    expect(await hasChild({})).toEqual([
      ['1', 1],
      ['2', 1],
    ])
    expect(await hasChild({ boost: 2 })).toEqual([
      ['1', 2],
      ['2', 2],
    ])
    expect(await hasChild({ score_mode: 'sum' })).toEqual(
      [
        ['1', Math.fround(a3 + a4)],
        ['2', a5],
      ].sort((a, b) => (b[1] as number) - (a[1] as number)),
    )
    const max = await hasChild({ score_mode: 'max' })
    expect(new Map(max)).toEqual(
      new Map([
        ['1', Math.max(a3, a4)],
        ['2', a5],
      ]),
    )
    expect(new Map(await hasChild({ score_mode: 'min' })).get('1')).toBe(Math.min(a3, a4))
    expect(new Map(await hasChild({ score_mode: 'avg' })).get('1')).toBe(
      Math.fround(Math.fround(a3 + a4) / 2),
    )
    // the comment of question 2 is no answer
    expect(await hasChild({ min_children: 2 })).toEqual([['1', 1]])
    expect(await hasChild({ max_children: 1, score_mode: 'sum', boost: 3 })).toEqual([
      ['2', Math.fround(a5 * 3)],
    ])
    expect(await search(node, { has_child: { type: 'comment', query: { match_all: {} } } })).toEqual([
      ['2', 1],
    ])
  })

  it('refuses what ES refuses', async () => {
    const node = await questions()
    const query = { match_all: {} }
    expect(await error(node, { has_child: { type: 'question', query } })).toEqual({
      type: 'query_shard_exception',
      reason: "[has_child] join field [my_join] doesn't hold [question] as a child",
      index_uuid: expect.any(String) as unknown,
      index: 'qa',
    })
    expect(await search(node, { has_child: { type: 'question', query, ignore_unmapped: true } })).toEqual([])
    expect((await error(node, { has_child: { query } })).reason).toBe("[has_child] requires 'type' field")
    expect((await error(node, { has_child: { type: 'answer' } })).reason).toBe(
      "[has_child] requires 'query' field",
    )
    expect((await error(node, { has_child: { type: 'answer', query, score_mode: 'total' } })).reason).toBe(
      'No score mode for child query [total] found',
    )
    expect(
      (await error(node, { has_child: { type: 'answer', query, min_children: 3, max_children: 2 } })).reason,
    ).toBe("[has_child] 'max_children' is less than 'min_children'")
    expect((await error(node, { has_child: { type: 'answer', query, min_children: -1 } })).reason).toBe(
      "[has_child] requires non-negative 'min_children' field",
    )
    expect(await error(node, { has_child: { type: 'answer', query, size: 1 } })).toMatchObject({
      type: 'parsing_exception',
      reason: '[has_child] query does not support [size]',
    })
  })

  it('needs a join field', async () => {
    const node = await startNode()
    await node.send('PUT', '/plain', { mappings: { properties: { a: { type: 'keyword' } } } })
    const response = await node.send('POST', '/plain/_search', {
      query: { has_child: { type: 'answer', query: { match_all: {} } } },
    })
    const body = JSON.parse(response.body) as { error: { root_cause: Array<{ reason: string }> } }
    expect(body.error.root_cause[0]!.reason).toBe('[has_child] no join field has been configured')
  })
})

describe('has_parent', () => {
  it('joins matching parents to their children, scored 1 or by the parent with score: true', async () => {
    const node = await questions()
    const questionScores = new Map(
      await search(node, { bool: { must: [SHARDS], filter: [{ term: { my_join: 'question' } }] } }),
    )
    expect([...questionScores.keys()]).toEqual(['1'])
    const hasParent = (options: object) =>
      search(node, { has_parent: { parent_type: 'question', query: SHARDS, ...options } })
    expect(await hasParent({})).toEqual([
      ['3', 1],
      ['4', 1],
    ])
    const q1 = questionScores.get('1')!
    expect(await hasParent({ score: true, boost: 2 })).toEqual([
      ['3', Math.fround(q1 * 2)],
      ['4', Math.fround(q1 * 2)],
    ])
    // every child relation of the parent: answers and comments
    expect(
      (await search(node, { has_parent: { parent_type: 'question', query: { match_all: {} } } })).length,
    ).toBe(4)
    expect((await error(node, { has_parent: { parent_type: 'answer', query: SHARDS } })).reason).toBe(
      "[has_parent] join field [my_join] doesn't hold [answer] as a parent",
    )
  })
})

describe('parent_id', () => {
  it('matches the children of one parent (20_parent_join.yml "Test parent_id query")', async () => {
    const node = await questions()
    const ids = (await search(node, { parent_id: { type: 'answer', id: '1' } })).map(([id]) => id)
    expect(ids.sort()).toEqual(['3', '4'])
    expect(await search(node, { parent_id: { type: 'comment', id: '1' } })).toEqual([])
    expect((await error(node, { parent_id: { type: 'question', id: '1' } })).reason).toBe(
      '[parent_id] no relation found for child [question]',
    )
    expect(await search(node, { parent_id: { type: 'question', id: '1', ignore_unmapped: true } })).toEqual(
      [],
    )
  })
})
