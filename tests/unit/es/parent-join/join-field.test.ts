// The `join` field type over REST, as ES 8's parent-join module answers (ParentJoinFieldMapper, Joiner, Relations;
// YAML tests modules/parent-join/.../20_parent_join.yml): the mapping and its errors, documents and their errors,
// sort, terms aggregations on the relation and the parent-id field, and `fields`.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import type { HttpMethod } from '../../../../workers/protocol/es.ts'

/** 20_parent_join.yml's setup: two shards, parent → child → grand_child, children routed to their parents. */
async function family(): Promise<TestNode> {
  const node = await startNode()
  const created = await node.send('PUT', '/test', {
    settings: { number_of_shards: 2 },
    mappings: {
      properties: {
        join_field: { type: 'join', relations: { parent: 'child', child: 'grand_child' } },
        id: { type: 'keyword' },
      },
    },
  })
  expect(created.status).toBe(200)
  const docs: Array<[string, string | null, object]> = [
    ['1', null, { id: 1, join_field: { name: 'parent' } }],
    ['2', null, { id: 2, join_field: { name: 'parent' } }],
    ['3', '1', { id: 3, join_field: { name: 'child', parent: '1' } }],
    ['4', '1', { id: 4, join_field: { name: 'child', parent: '1' } }],
    ['5', '2', { id: 5, join_field: { name: 'child', parent: '2' } }],
    ['6', '1', { id: 6, join_field: { name: 'grand_child', parent: '5' } }],
  ]
  for (const [id, routing, doc] of docs) {
    const query = routing === null ? '' : `?routing=${routing}`
    expect((await node.send('PUT', `/test/_doc/${id}${query}`, doc)).status).toBe(201)
  }
  await node.send('POST', '/test/_refresh')
  return node
}

interface EsError {
  type: string
  reason: string
  root_cause?: Array<{ type: string; reason: string }>
  caused_by?: { type: string; reason: string }
}

interface Answer {
  status: number
  error: EsError
  hits: { hits: Array<{ _id: string; _source?: object; fields?: object }> }
  aggregations: Record<string, { buckets: Array<{ key: string; doc_count: number }> }>
}

async function json(node: TestNode, method: HttpMethod, path: string, body?: object): Promise<Answer> {
  const response = await node.send(method, path, body)
  return { status: response.status, ...(JSON.parse(response.body) as object) } as Answer
}

describe('join fields', () => {
  it('prints the mapping as ParentJoinFieldMapper writes it', async () => {
    const node = await startNode()
    await node.send('PUT', '/qa', {
      mappings: { properties: { my_join: { type: 'join', relations: { question: ['answer', 'comment'] } } } },
    })
    await node.send('PUT', '/qa2', {
      mappings: {
        properties: { j: { type: 'join', eager_global_ordinals: false, relations: { a: ['b'], c: 'd' } } },
      },
    })
    expect((await node.send('GET', '/qa/_mapping')).body).toBe(
      '{"qa":{"mappings":{"properties":{"my_join":{"type":"join","eager_global_ordinals":true,' +
        '"relations":{"question":["answer","comment"]}}}}}}',
    )
    expect((await node.send('GET', '/qa2/_mapping')).body).toBe(
      '{"qa2":{"mappings":{"properties":{"j":{"type":"join","eager_global_ordinals":false,' +
        '"relations":{"a":"b","c":"d"}}}}}}',
    )
  })

  it('refuses bad mappings with ES errors', async () => {
    const node = await startNode()
    const create = async (properties: object) =>
      (await json(node, 'PUT', '/bad', { mappings: { properties } })).error
    expect(
      await create({
        a: { type: 'join', relations: { p: 'c' } },
        b: { type: 'join', relations: { x: 'y' } },
      }),
    ).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'Only one [parent-join] field can be defined per index, got [a, b]',
    })
    expect(await create({ o: { properties: { j: { type: 'join', relations: { p: 'c' } } } } })).toMatchObject(
      {
        type: 'mapper_parsing_exception',
        reason:
          'Failed to parse mapping: join field [o.j] cannot be added inside an object or in a multi-field',
      },
    )
    expect(await create({ j: { type: 'join', relations: { p: 'c', q: 'c' } } })).toMatchObject({
      reason: 'Failed to parse mapping: [c] cannot have multiple parents',
      caused_by: { type: 'illegal_argument_exception', reason: '[c] cannot have multiple parents' },
    })
    expect(await create({ j: { type: 'join', relations: 'p' } })).toMatchObject({
      reason:
        'Failed to parse mapping: Error parsing [relations] on field [j]: relations should be a hash but was of type: class java.lang.String',
    })
    expect(await create({ j: { type: 'join', relations: { p: 'c' }, store: true } })).toMatchObject({
      reason: 'Failed to parse mapping: unknown parameter [store] on mapper [j] of type [join]',
    })
  })

  it('keeps relations on update, as Joiner.canMerge', async () => {
    const node = await startNode()
    await node.send('PUT', '/qa', {
      mappings: { properties: { j: { type: 'join', relations: { question: ['answer', 'comment'] } } } },
    })
    const update = async (relations: object) =>
      json(node, 'PUT', '/qa/_mapping', { properties: { j: { type: 'join', relations } } })
    expect((await update({ question: 'answer' })).error.reason).toBe(
      'Mapper for [j] conflicts with existing mapper:\n\tConflict in parameter [relations]: Cannot remove child [comment]',
    )
    expect((await update({ question: ['answer', 'comment'], answer: 'vote' })).error.reason).toBe(
      'Mapper for [j] conflicts with existing mapper:\n\tConflict in parameter [relations]: Cannot create parent [answer] from an existing child',
    )
    expect((await update({ question: ['answer', 'comment', 'vote'] })).status).toBe(200)
    expect(
      (await json(node, 'PUT', '/qa/_mapping', { properties: { k: { type: 'join' } } })).error.reason,
    ).toBe('Only one [parent-join] field can be defined per index, got [j, k]')
  })

  it('refuses documents as ParentJoinFieldMapper.parse does', async () => {
    const node = await family()
    const index = async (path: string, body: object) => (await json(node, 'PUT', path, body)).error
    expect(await index('/test/_doc/7', { join_field: { name: 'child', parent: '1' } })).toEqual({
      root_cause: [
        {
          type: 'document_parsing_exception',
          reason: '[1:43] failed to parse: [routing] is missing for join field [join_field]',
        },
      ],
      type: 'document_parsing_exception',
      reason: '[1:43] failed to parse: [routing] is missing for join field [join_field]',
      caused_by: {
        type: 'illegal_argument_exception',
        reason: '[routing] is missing for join field [join_field]',
      },
    })
    expect((await index('/test/_doc/7?routing=1', { join_field: { name: 'child' } })).reason).toBe(
      '[1:30] failed to parse: [parent] is missing for join field [join_field]',
    )
    expect((await index('/test/_doc/7', { join_field: 'uncle' })).reason).toBe(
      '[1:15] failed to parse: unknown join name [uncle] for field [join_field]',
    )
    expect((await index('/test/_doc/7', { join_field: { parent: '1' } })).reason).toBe(
      '[1:28] failed to parse: null join name in field [join_field]',
    )
  })

  it('sorts on the relation and aggregates the parent ids (20_parent_join.yml "Test basic")', async () => {
    const node = await family()
    const result = await json(node, 'POST', '/test/_search', {
      sort: ['join_field', 'id'],
      aggs: {
        parents: { terms: { field: 'join_field#parent' } },
        relations: { terms: { field: 'join_field' } },
      },
    })
    expect(result.hits.hits.map((hit) => hit._id)).toEqual(['3', '4', '5', '6', '1', '2'])
    expect(result.hits.hits[0]!._source).toEqual({ id: 3, join_field: { name: 'child', parent: '1' } })
    expect(result.hits.hits[0]!.fields).toBeUndefined()
    // a parent holds its own id in join_field#parent, a child its parent's
    expect(result.aggregations.parents!.buckets).toEqual([
      { key: '1', doc_count: 3 },
      { key: '2', doc_count: 2 },
    ])
    expect(result.aggregations.relations!.buckets).toEqual([
      { key: 'child', doc_count: 3 },
      { key: 'parent', doc_count: 2 },
      { key: 'grand_child', doc_count: 1 },
    ])
  })

  it('fetches the join field as sent and never its parent-id fields ("Test field retrieval")', async () => {
    const node = await family()
    const result = await json(node, 'POST', '/test/_search', { sort: ['id'], fields: ['*'], _source: false })
    expect(result.hits.hits[0]!.fields).toEqual({ join_field: [{ name: 'parent' }], id: ['1'] })
    expect(result.hits.hits[5]!.fields).toEqual({
      join_field: [{ name: 'grand_child', parent: '5' }],
      id: ['6'],
    })
  })

  it('lists the join field and its parent-id fields in _field_caps', async () => {
    const node = await family()
    const caps = JSON.parse((await node.send('GET', '/test/_field_caps?fields=join_field*')).body) as {
      fields: Record<string, Record<string, { type: string; aggregatable: boolean }>>
    }
    expect(Object.keys(caps.fields).sort()).toEqual(['join_field', 'join_field#child', 'join_field#parent'])
    expect(caps.fields['join_field']!['join']).toMatchObject({ type: 'join', aggregatable: true })
    expect(caps.fields['join_field#parent']!['parent']).toMatchObject({ type: 'parent', aggregatable: true })
  })
})
