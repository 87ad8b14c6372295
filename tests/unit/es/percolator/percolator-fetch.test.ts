// The percolator's fetch sub-phases over REST: PercolatorHighlightSubFetchPhase (each stored query highlighting the
// percolated documents it matched, under field names that say the slot and the percolate query's name when there are
// several) and PercolatorMatchedSlotSubFetchPhase's `_percolator_document_slot_<slot>_matched_queries`
// (20_matched_queries.yml).
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const FOX = { message: 'The quick brown fox jumps over the lazy dog' }

async function messages(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/i', {
    mappings: { properties: { message: { type: 'text' }, query: { type: 'percolator' } } },
  })
  await node.send('PUT', '/i/_doc/3', { query: { match: { message: 'brown fox' } } })
  await node.send('PUT', '/i/_doc/4?refresh', { query: { match: { message: 'lazy dog' } } })
  return node
}

/** Each hit's id, fields and highlight. */
async function fetched(node: TestNode, query: object): Promise<unknown[]> {
  const response = await node.send('GET', '/i/_search', { query, highlight: { fields: { message: {} } } })
  const body = JSON.parse(response.body) as {
    hits: { hits: Array<{ _id: string; fields: unknown; highlight: unknown }> }
  }
  return body.hits.hits.map((hit) => [hit._id, hit.fields, hit.highlight])
}

describe('percolator fetch phases', () => {
  it('highlights the percolated document with each stored query (the docs example)', async () => {
    const node = await messages()
    const response = await node.send('GET', '/i/_search', {
      query: { percolate: { field: 'query', document: FOX } },
      highlight: { fields: { message: {} } },
    })
    expect(response.body).toBe(
      '{"took":0,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},' +
        '"hits":{"total":{"value":2,"relation":"eq"},"max_score":0.26152915,"hits":[{"_index":"i","_id":"3",' +
        '"_score":0.26152915,"_source":{"query":{"match":{"message":"brown fox"}}},' +
        '"fields":{"_percolator_document_slot":[0]},' +
        '"highlight":{"message":["The quick <em>brown</em> <em>fox</em> jumps over the lazy dog"]}},' +
        '{"_index":"i","_id":"4","_score":0.26152915,"_source":{"query":{"match":{"message":"lazy dog"}}},' +
        '"fields":{"_percolator_document_slot":[0]},' +
        '"highlight":{"message":["The quick brown fox jumps over the <em>lazy</em> <em>dog</em>"]}}]}}',
    )
  })

  it('prefixes the slot for several documents, and the query name for several percolate queries', async () => {
    const node = await messages()
    const documents = [{ message: 'bonsai tree' }, { message: 'brown fox and lazy dog' }, FOX]
    expect(await fetched(node, { percolate: { field: 'query', documents } })).toEqual([
      [
        '3',
        { _percolator_document_slot: [1, 2] },
        {
          '2_message': ['The quick <em>brown</em> <em>fox</em> jumps over the lazy dog'],
          '1_message': ['<em>brown</em> <em>fox</em> and lazy dog'],
        },
      ],
      [
        '4',
        { _percolator_document_slot: [1, 2] },
        {
          '2_message': ['The quick brown fox jumps over the <em>lazy</em> <em>dog</em>'],
          '1_message': ['brown fox and <em>lazy</em> <em>dog</em>'],
        },
      ],
    ])
    const two = {
      bool: {
        should: [
          { percolate: { field: 'query', document: FOX, name: 'a' } },
          { percolate: { field: 'query', documents: [FOX, { message: 'a dog' }], name: 'b' } },
        ],
      },
    }
    const [, dog] = await fetched(node, two)
    expect(dog).toEqual([
      '4',
      { _percolator_document_slot_b: [0, 1], _percolator_document_slot_a: [0] },
      {
        a_message: ['The quick brown fox jumps over the <em>lazy</em> <em>dog</em>'],
        b_0_message: ['The quick brown fox jumps over the <em>lazy</em> <em>dog</em>'],
        b_1_message: ['a <em>dog</em>'],
      },
    ])
  })

  it('lists the named clauses of a stored query that match each slot (20_matched_queries.yml)', async () => {
    const node = await startNode()
    await node.send('PUT', '/houses', {
      mappings: {
        dynamic: 'strict',
        properties: {
          my_query: { type: 'percolator' },
          description: { type: 'text' },
          num_of_bedrooms: { type: 'integer' },
          type: { type: 'keyword' },
        },
      },
    })
    const bedrooms = { match: { num_of_bedrooms: { query: 3, _name: '3_bedrooms_query' } } }
    await node.send('PUT', '/houses/_doc/fireplace', {
      my_query: {
        bool: {
          should: [
            { match: { description: { query: 'fireplace' } } },
            { match: { type: { query: 'detached', _name: 'detached_query' } } },
          ],
          filter: bedrooms,
        },
      },
    })
    await node.send('PUT', '/houses/_doc/pool', {
      my_query: {
        bool: {
          filter: [
            { match: { description: { query: 'swimming pool', _name: 'swimming_pool_query' } } },
            bedrooms,
          ],
        },
      },
    })
    await node.send('PUT', '/houses/_doc/house1?refresh', {
      description: 'house with a beautiful fireplace and swimming pool',
      num_of_bedrooms: 3,
      type: 'detached',
    })
    const search = async (percolate: object): Promise<unknown> => {
      const response = await node.send('GET', '/houses/_search', { query: { percolate } })
      const body = JSON.parse(response.body) as { hits: { hits: Array<{ _id: string; fields: unknown }> } }
      return body.hits.hits.map((hit) => [hit._id, hit.fields])
    }
    expect(await search({ field: 'my_query', index: 'houses', id: 'house1' })).toEqual([
      [
        'fireplace',
        {
          _percolator_document_slot_0_matched_queries: ['detached_query', '3_bedrooms_query'],
          _percolator_document_slot: [0],
        },
      ],
      [
        'pool',
        {
          _percolator_document_slot_0_matched_queries: ['swimming_pool_query', '3_bedrooms_query'],
          _percolator_document_slot: [0],
        },
      ],
    ])
    const documents = [
      {
        description: 'house with a beautiful fireplace and swimming pool',
        num_of_bedrooms: 3,
        type: 'detached',
      },
      { description: 'house has a wood burning fireplace', num_of_bedrooms: 3, type: 'semi-detached' },
    ]
    const [fireplace] = (await search({ field: 'my_query', documents })) as unknown[]
    expect(fireplace).toEqual([
      'fireplace',
      {
        _percolator_document_slot_1_matched_queries: ['3_bedrooms_query'],
        _percolator_document_slot_0_matched_queries: ['detached_query', '3_bedrooms_query'],
        _percolator_document_slot: [0, 1],
      },
    ])
  })
})
