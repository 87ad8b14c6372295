// The `inner_hits` of has_child and has_parent (ES 8's ParentChildInnerHitContextBuilder), whole responses: each
// parent hit's children, each child hit's parent, found on the hit's shard and scored by the inner query alone,
// printed as search hits (`_index`, `_id`, `_score`, a child's `_routing`, `_source`) under the section's name with
// its exact total; from/size/sort/_source/version/highlight as a search reads them; the errors of its body.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

/** modules/parent-join's 30_inner_hits.yml setup, with a second answer and a text field. */
async function qa(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/test', {
    settings: { number_of_shards: 1 },
    mappings: {
      properties: {
        entity_type: { type: 'keyword' },
        text: { type: 'text' },
        join_field: { type: 'join', relations: { question: 'answer', person: 'address' } },
      },
    },
  })
  const docs: Array<[string, string | null, object]> = [
    ['1', null, { join_field: { name: 'question' }, entity_type: 'question', text: 'how do shards work' }],
    [
      '2',
      '1',
      { join_field: { name: 'answer', parent: 1 }, entity_type: 'answer', text: 'shards split shards' },
    ],
    ['3', null, { join_field: { name: 'person' }, entity_type: 'person' }],
    ['4', '3', { join_field: { name: 'address', parent: 3 }, entity_type: 'address' }],
    [
      '5',
      '1',
      { join_field: { name: 'answer', parent: '1' }, entity_type: 'answer', text: 'more shards here' },
    ],
  ]
  for (const [id, routing, doc] of docs) {
    const query = routing === null ? '' : `?routing=${routing}`
    expect((await node.send('PUT', `/test/_doc/${id}${query}`, doc)).status).toBe(201)
  }
  await node.send('POST', '/test/_refresh')
  return node
}

async function search(node: TestNode, body: object): Promise<{ status: number; body: unknown }> {
  const response = await node.send('POST', '/test/_search', body)
  return { status: response.status, body: JSON.parse(response.body) as unknown }
}

const SHARDS = { total: 1, successful: 1, skipped: 0, failed: 0 }
const QUESTION = { join_field: { name: 'question' }, entity_type: 'question', text: 'how do shards work' }
const ANSWER_2 = {
  join_field: { name: 'answer', parent: 1 },
  entity_type: 'answer',
  text: 'shards split shards',
}
const ANSWER_5 = {
  join_field: { name: 'answer', parent: '1' },
  entity_type: 'answer',
  text: 'more shards here',
}

describe('has_parent inner_hits', () => {
  it('gives each child hit its parent, and a hit without one an empty section (30_inner_hits.yml)', async () => {
    const node = await qa()
    const response = await search(node, {
      query: {
        bool: {
          should: [
            { term: { entity_type: 'person' } },
            { has_parent: { parent_type: 'question', query: { match_all: {} }, inner_hits: {} } },
          ],
        },
      },
    })
    const question = (total: number) => ({
      question: {
        hits: {
          total: { value: total, relation: 'eq' },
          max_score: total === 0 ? null : 1,
          hits: total === 0 ? [] : [{ _index: 'test', _id: '1', _score: 1, _source: QUESTION }],
        },
      },
    })
    expect(response).toEqual({
      status: 200,
      body: {
        took: 0,
        timed_out: false,
        _shards: SHARDS,
        hits: {
          total: { value: 3, relation: 'eq' },
          max_score: 1.3862942,
          hits: [
            {
              _index: 'test',
              _id: '3',
              _score: 1.3862942,
              _source: { join_field: { name: 'person' }, entity_type: 'person' },
              inner_hits: question(0),
            },
            {
              _index: 'test',
              _id: '2',
              _score: 1,
              _routing: '1',
              _source: ANSWER_2,
              inner_hits: question(1),
            },
            {
              _index: 'test',
              _id: '5',
              _score: 1,
              _routing: '1',
              _source: ANSWER_5,
              inner_hits: question(1),
            },
          ],
        },
      },
    })
  })
})

describe('has_child inner_hits', () => {
  it('gives each parent hit its matching children, scored by the inner query, with their routing', async () => {
    const node = await qa()
    const response = await search(node, {
      query: {
        has_child: { type: 'answer', query: { match: { text: 'shards' } }, inner_hits: { version: true } },
      },
    })
    expect(response).toEqual({
      status: 200,
      body: {
        took: 0,
        timed_out: false,
        _shards: SHARDS,
        hits: {
          total: { value: 1, relation: 'eq' },
          max_score: 1,
          hits: [
            {
              _index: 'test',
              _id: '1',
              _score: 1,
              _source: QUESTION,
              inner_hits: {
                answer: {
                  hits: {
                    total: { value: 2, relation: 'eq' },
                    max_score: 0.18891901,
                    hits: [
                      {
                        _index: 'test',
                        _id: '2',
                        _version: 1,
                        _score: 0.18891901,
                        _routing: '1',
                        _source: ANSWER_2,
                      },
                      {
                        _index: 'test',
                        _id: '5',
                        _version: 1,
                        _score: 0.13922703,
                        _routing: '1',
                        _source: ANSWER_5,
                      },
                    ],
                  },
                },
              },
            },
          ],
        },
      },
    })
  })

  it('reads name, from, size, sort, _source and highlight as a search does', async () => {
    const node = await qa()
    const response = await search(node, {
      _source: false,
      query: {
        has_child: {
          type: 'answer',
          query: { match: { text: 'shards' } },
          inner_hits: {
            name: 'best',
            from: 1,
            size: 1,
            sort: [{ entity_type: 'asc' }],
            _source: ['text'],
            highlight: { fields: { text: {} } },
          },
        },
      },
    })
    expect(response).toEqual({
      status: 200,
      body: {
        took: 0,
        timed_out: false,
        _shards: SHARDS,
        hits: {
          total: { value: 1, relation: 'eq' },
          max_score: 1,
          hits: [
            {
              _index: 'test',
              _id: '1',
              _score: 1,
              inner_hits: {
                best: {
                  hits: {
                    total: { value: 2, relation: 'eq' },
                    max_score: null,
                    hits: [
                      {
                        _index: 'test',
                        _id: '5',
                        _score: null,
                        _routing: '1',
                        _source: { text: 'more shards here' },
                        highlight: { text: ['more <em>shards</em> here'] },
                        sort: ['answer'],
                      },
                    ],
                  },
                },
              },
            },
          ],
        },
      },
    })
  })

  it('explains an inner hit by the inner query alone', async () => {
    const node = await qa()
    const response = await search(node, {
      query: {
        has_child: {
          type: 'answer',
          query: { term: { entity_type: 'answer' } },
          inner_hits: { explain: true, size: 1 },
        },
      },
    })
    const hit = (
      response.body as { hits: { hits: Array<{ inner_hits: { answer: { hits: { hits: object[] } } } }> } }
    ).hits.hits[0]!.inner_hits.answer.hits.hits[0]
    expect(hit).toMatchObject({
      _shard: '[test][0]',
      _index: 'test',
      _id: '2',
      _explanation: { description: 'weight(entity_type:answer in 1) [PerFieldSimilarity], result of:' },
    })
  })

  it('refuses an unknown inner_hits field and a name used twice', async () => {
    const node = await qa()
    const unknown = await search(node, {
      query: { has_child: { type: 'answer', query: { match_all: {} }, inner_hits: { bogus: 1 } } },
    })
    expect(unknown).toEqual({
      status: 400,
      body: {
        error: {
          root_cause: [
            { type: 'x_content_parse_exception', reason: '[1:79] [inner_hits] unknown field [bogus]' },
          ],
          type: 'x_content_parse_exception',
          reason: '[1:79] [inner_hits] unknown field [bogus]',
        },
        status: 400,
      },
    })
    const twice = await search(node, {
      query: {
        bool: {
          should: [
            { has_child: { type: 'answer', query: { match_all: {} }, inner_hits: {} } },
            { has_child: { type: 'answer', query: { match_all: {} }, inner_hits: {} } },
          ],
        },
      },
    })
    expect(twice.status).toBe(400)
    expect(JSON.stringify(twice.body)).toContain('[inner_hits] already contains an entry for key [answer]')
  })

  it('refuses a window past index.max_inner_result_window', async () => {
    const node = await qa()
    const response = await search(node, {
      query: { has_child: { type: 'answer', query: { match_all: {} }, inner_hits: { from: 99, size: 2 } } },
    })
    expect(response.status).toBe(400)
    expect(JSON.stringify(response.body)).toContain(
      "the inner hit definition's [answer]'s from + size must be less than or equal to: [100] but was [101]",
    )
  })
})
