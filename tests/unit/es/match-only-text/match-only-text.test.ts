// match_only_text fields over REST, as ES 8.17 answers them (mapper-extras MatchOnlyTextFieldMapper and its YAML
// REST test match_only_text/10_basic.yml): the mapping takes only `meta` (with `fields` and `copy_to`), every query
// scores a constant (term, match, phrase, phrase prefix, query_string phrases, fuzzy, prefix, wildcard, regexp,
// exists), span queries are refused for want of positions, intervals run, sorting and aggregations are refused and
// field_caps reports the text family.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function indexed(): Promise<TestNode> {
  const node = await startNode()
  const created = await node.send('PUT', '/test', {
    mappings: {
      properties: {
        foo: { type: 'match_only_text', meta: { unit: 'words' }, fields: { raw: { type: 'keyword' } } },
      },
    },
  })
  expect(created.status).toBe(200)
  await node.send('PUT', '/test/_doc/1', {})
  await node.send('PUT', '/test/_doc/2', { foo: 'Apache Lucene powers Elasticsearch' })
  await node.send('PUT', '/test/_doc/3', { foo: 'Elasticsearch is based on Apache Lucene' })
  await node.send('PUT', '/test/_doc/4?refresh', {
    foo: 'The Apache Software Foundation manages many projects including Lucene',
  })
  return node
}

async function hits(node: TestNode, query: object): Promise<Array<[string, number]>> {
  const response = await node.send('POST', '/test/_search', { query })
  expect(response.status).toBe(200)
  const body = JSON.parse(response.body) as { hits: { hits: Array<{ _id: string; _score: number }> } }
  return body.hits.hits.map((hit) => [hit._id, hit._score]).sort() as Array<[string, number]>
}

async function rootCause(
  node: TestNode,
  method: 'PUT' | 'POST',
  path: string,
  body: object,
): Promise<string> {
  const response = await node.send(method, path, body)
  expect(response.status).toBe(400)
  const error = (
    JSON.parse(response.body) as { error: { root_cause: Array<{ type: string; reason: string }> } }
  ).error
  return `${error.root_cause[0]!.type}: ${error.root_cause[0]!.reason}`
}

describe('match_only_text mappings', () => {
  it('prints its meta, multi-fields and type, and refuses the parameters of text', async () => {
    const node = await indexed()
    expect((await node.send('GET', '/test/_mapping')).body).toBe(
      '{"test":{"mappings":{"properties":{"foo":{"type":"match_only_text","meta":{"unit":"words"},' +
        '"fields":{"raw":{"type":"keyword"}}}}}}}',
    )
    for (const parameter of ['analyzer', 'index', 'norms', 'store', 'index_options']) {
      const definition = {
        type: 'match_only_text',
        [parameter]: parameter === 'analyzer' ? 'english' : false,
      }
      expect(await rootCause(node, 'PUT', '/bad', { mappings: { properties: { f: definition } } })).toBe(
        `mapper_parsing_exception: unknown parameter [${parameter}] on mapper [f] of type [match_only_text]`,
      )
    }
  })

  it('field_caps names the text family, searchable and not aggregatable', async () => {
    const node = await indexed()
    const caps = JSON.parse((await node.send('GET', '/test/_field_caps?fields=foo')).body) as {
      fields: Record<string, unknown>
    }
    expect(caps.fields).toEqual({
      foo: {
        text: {
          type: 'text',
          metadata_field: false,
          searchable: true,
          aggregatable: false,
          meta: { unit: ['words'] },
        },
      },
    })
  })
})

describe('match_only_text queries', () => {
  it('scores every match a constant, matching as text does', async () => {
    const node = await indexed()
    expect(await hits(node, { exists: { field: 'foo' } })).toEqual([
      ['2', 1],
      ['3', 1],
      ['4', 1],
    ])
    expect(await hits(node, { match: { foo: 'powers' } })).toEqual([['2', 1]])
    expect(await hits(node, { term: { foo: { value: 'lucene', boost: 2 } } })).toEqual([
      ['2', 2],
      ['3', 2],
      ['4', 2],
    ])
    // each term of a match is a ConstantScoreQuery: a document scores the terms it matches
    expect(await hits(node, { match: { foo: 'powers apache' } })).toEqual([
      ['2', 2],
      ['3', 1],
      ['4', 1],
    ])
    expect(await hits(node, { match_phrase: { foo: 'lucene powers' } })).toEqual([['2', 1]])
    expect(await hits(node, { match_phrase: { foo: { query: 'apache lucene', slop: 0 } } })).toEqual([
      ['2', 1],
      ['3', 1],
    ])
    expect(await hits(node, { match_phrase_prefix: { foo: 'lucene pow' } })).toEqual([['2', 1]])
    expect(await hits(node, { query_string: { query: '"lucene powers"', default_field: 'foo' } })).toEqual([
      ['2', 1],
    ])
    for (const query of [
      { regexp: { foo: 'lu.*ne' } },
      { wildcard: { foo: 'lu*ne' } },
      { prefix: { foo: 'luc' } },
      { fuzzy: { foo: 'lucane' } },
    ])
      expect(await hits(node, query)).toEqual([
        ['2', 1],
        ['3', 1],
        ['4', 1],
      ])
  })

  it('explains a term as ConstantScore', async () => {
    const node = await indexed()
    const response = await node.send('POST', '/test/_explain/2', {
      query: { match_phrase: { foo: 'lucene powers' } },
    })
    expect(JSON.parse(response.body)).toMatchObject({
      matched: true,
      explanation: { value: 1, description: 'ConstantScore(foo:"lucene powers")', details: [] },
    })
  })

  it('runs intervals and refuses span queries for want of positions', async () => {
    const node = await indexed()
    const intervals = { intervals: { foo: { match: { query: 'apache lucene', max_gaps: 1 } } } }
    expect((await hits(node, intervals)).map(([id]) => id)).toEqual(['2', '3'])
    expect(await rootCause(node, 'POST', '/test/_search', { query: { span_term: { foo: 'lucene' } } })).toBe(
      'query_shard_exception: failed to create query: Span term query requires position data, but field foo was ' +
        'indexed without position data',
    )
  })

  it('refuses sorting and aggregations', async () => {
    const node = await indexed()
    const reason =
      'illegal_argument_exception: match_only_text fields do not support sorting and aggregations'
    expect(await rootCause(node, 'POST', '/test/_search', { sort: ['foo'] })).toBe(reason)
    expect(await rootCause(node, 'POST', '/test/_search', { aggs: { t: { terms: { field: 'foo' } } } })).toBe(
      reason,
    )
  })
})
