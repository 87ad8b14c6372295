// The `children` and `parent` aggregations (ES 8's ChildrenAggregationBuilder / ParentAggregationBuilder over
// ParentJoinAggregator), whole `aggregations` sections: modules/parent-join's 40_aggregations.yml (two shards, a
// child routed to its parent's), the unmapped cases (doc_count 0) and the parse errors.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function family(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/test', {
    settings: { number_of_shards: 2 },
    mappings: {
      properties: {
        join_field: { type: 'join', relations: { parent: 'child', child: 'grand_child' } },
        id: { type: 'keyword' },
      },
    },
  })
  const bulk = [
    { index: { _id: '1' } },
    { tag: 'bump', subject: 'surprises', join_field: { name: 'parent' } },
    { index: { _id: '2' } },
    { tag: 'jumble', subject: 'critters', join_field: { name: 'parent' } },
    { index: { _id: '3', routing: '1' } },
    { animal: 'dog', sound: 'woof', join_field: { name: 'child', parent: '1' } },
    { index: { _id: '4', routing: '1' } },
    { animal: 'cat', sound: 'meow', join_field: { name: 'child', parent: '1' } },
    { index: { _id: '5', routing: '2' } },
    { animal: 'dog', sound: 'yap', join_field: { name: 'child', parent: '2' } },
    { index: { _id: '6', routing: '1' } },
    { join_field: { name: 'grand_child', parent: '5' } },
  ]
  const text = bulk.map((line) => JSON.stringify(line)).join('\n') + '\n'
  expect((await node.send('POST', '/test/_bulk?refresh=true', text)).status).toBe(200)
  return node
}

async function aggregations(node: TestNode, aggs: object, index = 'test'): Promise<unknown> {
  const response = await node.send('POST', `/${index}/_search?typed_keys`, { size: 0, aggs })
  expect(response.status).toBe(200)
  return (JSON.parse(response.body) as { aggregations: unknown }).aggregations
}

const terms = (buckets: object[]) => ({ doc_count_error_upper_bound: 0, sum_other_doc_count: 0, buckets })

describe('children', () => {
  it("buckets the children of the bucket's parents, with sub-aggregations", async () => {
    const node = await family()
    const aggs = {
      children: {
        children: { type: 'child' },
        aggs: {
          animal: {
            terms: { field: 'animal.keyword', collect_mode: 'breadth_first' },
            aggs: { sound: { terms: { field: 'sound.keyword' } } },
          },
        },
      },
    }
    expect(await aggregations(node, aggs)).toEqual({
      'children#children': {
        doc_count: 3,
        'sterms#animal': terms([
          {
            key: 'dog',
            doc_count: 2,
            'sterms#sound': terms([
              { key: 'woof', doc_count: 1 },
              { key: 'yap', doc_count: 1 },
            ]),
          },
          { key: 'cat', doc_count: 1, 'sterms#sound': terms([{ key: 'meow', doc_count: 1 }]) },
        ]),
      },
    })
  })

  it('counts the children of the parents in each bucket', async () => {
    const node = await family()
    const aggs = {
      subject: { terms: { field: 'subject.keyword' }, aggs: { children: { children: { type: 'child' } } } },
    }
    expect(await aggregations(node, aggs)).toEqual({
      'sterms#subject': terms([
        { key: 'critters', doc_count: 1, 'children#children': { doc_count: 1 } },
        { key: 'surprises', doc_count: 1, 'children#children': { doc_count: 2 } },
      ]),
    })
  })
})

describe('parent', () => {
  it("buckets the parents of the bucket's children, each once", async () => {
    const node = await family()
    const aggs = {
      animal: {
        terms: { field: 'animal.keyword' },
        aggs: {
          parent: { parent: { type: 'child' }, aggs: { tags: { cardinality: { field: 'tag.keyword' } } } },
        },
      },
    }
    expect(await aggregations(node, aggs)).toEqual({
      'sterms#animal': terms([
        { key: 'dog', doc_count: 2, 'parent#parent': { doc_count: 2, 'cardinality#tags': { value: 2 } } },
        { key: 'cat', doc_count: 1, 'parent#parent': { doc_count: 1, 'cardinality#tags': { value: 1 } } },
      ]),
    })
  })
})

describe('unmapped and errors', () => {
  it('answers doc_count 0 for a type that is not a child relation, and on an index without a join field', async () => {
    const node = await family()
    const aggs = { x: { children: { type: 'parent' }, aggs: { tags: { terms: { field: 'tag.keyword' } } } } }
    expect(await aggregations(node, aggs)).toEqual({
      'children#x': { doc_count: 0, 'sterms#tags': terms([]) },
    })
    await node.send('PUT', '/plain/_doc/1?refresh=true', { join: { name: 'question' } })
    expect(await aggregations(node, { to: { parent: { type: 'answer' } } }, 'plain')).toEqual({
      'parent#to': { doc_count: 0 },
    })
  })

  it('refuses an unknown key, a value that is not a string and a missing type as the parse loop does', async () => {
    const node = await family()
    const error = async (body: object) => {
      const response = await node.send('POST', '/test/_search', { size: 0, aggs: { x: body } })
      expect(response.status).toBe(400)
      return (JSON.parse(response.body) as { error: { root_cause: unknown[] } }).error.root_cause
    }
    expect(await error({ children: { typo: 'child' } })).toEqual([
      {
        type: 'parsing_exception',
        reason: 'Unknown key for a VALUE_STRING in [x]: [typo].',
        line: 1,
        col: 43,
      },
    ])
    expect(await error({ parent: { type: 1 } })).toEqual([
      { type: 'parsing_exception', reason: 'Unexpected token VALUE_NUMBER in [x].', line: 1, col: 41 },
    ])
    expect(await error({ children: {} })).toEqual([
      {
        type: 'parsing_exception',
        reason: 'Missing [child_type] field for children aggregation [x]',
        line: 1,
        col: 36,
      },
    ])
  })
})
