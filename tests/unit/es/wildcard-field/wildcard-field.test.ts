// wildcard fields over REST, as ES 8.17's x-pack wildcard plugin answers them (WildcardFieldMapper): the YAML REST
// tests' cases (x-pack/plugin/src/yamlRestTest/.../test/wildcard/10_wildcard_basic.yml and 20_ignore_above_stored_source.yml,
// x-pack/plugin/wildcard/src/yamlRestTest/.../test/20_regexp.yml) first, then its parameters, its constant scores
// (BinaryDvConfirmedQuery's ConstantScoreWeight) and its doc values.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

interface Hit {
  _id: string
  _score: number | null
  _source: Record<string, unknown>
  fields?: Record<string, unknown[]>
  sort?: unknown[]
  highlight?: Record<string, string[]>
}

interface SearchBody {
  hits: { total: { value: number }; hits: Hit[] }
  aggregations?: Record<string, { buckets: Array<{ key: string; doc_count: number }> }>
}

/** The first root cause of an error response. */
function rootCause(body: string): unknown {
  return (JSON.parse(body) as { error: { root_cause: unknown[] } }).error.root_cause[0]
}

/** 10_wildcard_basic.yml's setup. */
async function basic(): Promise<TestNode> {
  const node = await startNode()
  const created = await node.send('PUT', '/test-index', {
    mappings: {
      properties: {
        my_wildcard: { type: 'wildcard' },
        null_wildcard: { type: 'wildcard', null_value: 'BLANK' },
      },
    },
  })
  expect(created.status).toBe(200)
  await node.send('PUT', '/test-index/_doc/1', { my_wildcard: 'hello world', null_wildcard: null })
  await node.send('PUT', '/test-index/_doc/2', { my_wildcard: 'goodbye world' })
  await node.send('PUT', '/test-index/_doc/3', {
    my_wildcard: 'cAsE iNsEnSiTiVe World',
    null_wildcard: 'HAS_VALUE',
  })
  await node.send('POST', '/test-index/_refresh')
  return node
}

async function search(node: TestNode, body: object, index = 'test-index'): Promise<SearchBody> {
  const response = await node.send('POST', `/${index}/_search`, body)
  expect(response.status, response.body).toBe(200)
  return JSON.parse(response.body) as SearchBody
}

async function total(node: TestNode, query: object, index = 'test-index'): Promise<number> {
  return (await search(node, { track_total_hits: true, query }, index)).hits.total.value
}

describe('10_wildcard_basic.yml', () => {
  it('answers each query with the YAML test’s hit count', async () => {
    const node = await basic()
    const cases: Array<[object, number]> = [
      [{ wildcard: { my_wildcard: { value: 'hel*' } } }, 1],
      [{ wildcard: { my_wildcard: { value: 'hello wor*' } } }, 1],
      [{ wildcard: { my_wildcard: { value: '*ello*' } } }, 1],
      [{ wildcard: { my_wildcard: { value: '*ello worl*' } } }, 1],
      [{ wildcard: { my_wildcard: { value: '*Worl*' } } }, 1],
      [{ regexp: { my_wildcard: { value: '.*Worl.*', case_insensitive: true } } }, 3],
      [{ wildcard: { null_wildcard: { value: '*BLANK*' } } }, 1],
      [{ wildcard: { my_wildcard: { value: '*ld' } } }, 3],
      [{ wildcard: { my_wildcard: { value: '*ello world' } } }, 1],
      [{ wildcard: { my_wildcard: { value: 'hello world' } } }, 1],
      [{ query_string: { query: 'hello*', default_field: 'my_wildcard' } }, 1],
      [{ query_string: { query: '*orld', default_field: 'my_wildcard' } }, 3],
      [{ query_string: { query: '/hello.*/', default_field: 'my_wildcard' } }, 1],
      [{ term: { my_wildcard: 'hello world' } }, 1],
      [{ terms: { my_wildcard: ['hello world', 'does not exist'] } }, 1],
      [{ prefix: { my_wildcard: { value: 'hell' } } }, 1],
      [{ wildcard: { my_wildcard: { value: '*world*hello*' } } }, 0],
    ]
    for (const [query, hits] of cases) expect([query, await total(node, query)]).toEqual([query, hits])
  })

  it('aggregates and sorts on its doc values', async () => {
    const node = await basic()
    const aggs = await search(node, {
      track_total_hits: true,
      query: { wildcard: { my_wildcard: { value: '*world*' } } },
      aggs: { top_vals: { terms: { field: 'my_wildcard' } } },
    })
    expect(aggs.hits.total.value).toBe(2)
    expect(aggs.aggregations!.top_vals!.buckets).toEqual([
      { key: 'goodbye world', doc_count: 1 },
      { key: 'hello world', doc_count: 1 },
    ])
    const scripted = await search(node, {
      query: { wildcard: { my_wildcard: { value: '*goodbye*' } } },
      aggs: { top_vals: { terms: { script: "doc['my_wildcard']" } } },
    })
    expect(scripted.aggregations!.top_vals!.buckets).toEqual([{ key: 'goodbye world', doc_count: 1 }])
    const desc = await search(node, { sort: [{ my_wildcard: 'desc' }] })
    expect(desc.hits.hits.map((hit) => [hit._id, hit._score, hit.sort])).toEqual([
      ['1', null, ['hello world']],
      ['2', null, ['goodbye world']],
      ['3', null, ['cAsE iNsEnSiTiVe World']],
    ])
    const asc = await search(node, { sort: [{ my_wildcard: 'asc' }] })
    expect(asc.hits.hits.map((hit) => hit._id)).toEqual(['3', '2', '1'])
  })
})

describe('20_ignore_above_stored_source.yml', () => {
  it('leaves values over ignore_above out of `fields` and lists the field in _ignored', async () => {
    const node = await startNode()
    await node.send('PUT', '/test', {
      mappings: {
        properties: {
          b_wildcard: { type: 'wildcard', ignore_above: 20 },
          d_wildcard: { type: 'wildcard', ignore_above: 5 },
        },
      },
    })
    const doc = { b_wildcard: 'the quick brown', d_wildcard: ['foo', 'bar', 'the quick'] }
    await node.send('PUT', '/test/_doc/1?refresh=true', doc)
    const body = await search(
      node,
      { fields: ['b_wildcard', 'd_wildcard'], query: { match_all: {} } },
      'test',
    )
    const hit = body.hits.hits[0]!
    expect(hit._source).toEqual(doc)
    expect(hit.fields).toEqual({ b_wildcard: ['the quick brown'], d_wildcard: ['foo', 'bar'] })
    expect((hit as unknown as { _ignored: string[] })._ignored).toEqual(['d_wildcard'])
    expect(await total(node, { exists: { field: 'd_wildcard' } }, 'test')).toBe(1)
    const ignored = await search(node, { query: { term: { d_wildcard: 'the quick' } } }, 'test')
    expect(ignored.hits.total.value).toBe(0)
  })
})

describe('20_regexp.yml', () => {
  it('matches the predefined classes \\w \\W \\s \\S \\d \\D and prints docvalue_fields', async () => {
    const node = await startNode()
    await node.send('PUT', '/test', { mappings: { properties: { test_prop: { type: 'wildcard' } } } })
    const values = ['foo.bar', 'foobar', 'this.that', 'this that', 'number42', 'numberfourtytwo']
    for (const [i, value] of values.entries())
      await node.send('PUT', `/test/_doc/${i + 1}`, { test_prop: value })
    await node.send('POST', '/test/_refresh')
    const cases: Array<[string, string]> = [
      ['foo\\w+', 'foobar'],
      ['foo\\W+bar', 'foo.bar'],
      ['this\\sthat', 'this that'],
      ['this\\Sthat', 'this.that'],
      ['number\\d+', 'number42'],
      ['number\\D+', 'numberfourtytwo'],
    ]
    for (const [regexp, value] of cases) {
      const body = await search(
        node,
        { query: { regexp: { test_prop: { value: regexp } } }, docvalue_fields: ['test_prop'] },
        'test',
      )
      expect([regexp, body.hits.total.value, body.hits.hits[0]!.fields]).toEqual([
        regexp,
        1,
        { test_prop: [value] },
      ])
    }
  })
})

/** An index with one wildcard field `w` (and a text field `t`), its documents' `w` values given. */
async function indexed(mapping: object, values: unknown[]): Promise<TestNode> {
  const node = await startNode()
  const created = await node.send('PUT', '/w', {
    mappings: { properties: { w: { type: 'wildcard', ...mapping }, t: { type: 'text' } } },
  })
  expect(created.status, created.body).toBe(200)
  for (const [i, w] of values.entries()) await node.send('PUT', `/w/_doc/${i + 1}`, { w, t: 'hello world' })
  await node.send('POST', '/w/_refresh')
  return node
}

/** The ids and scores of a query's hits on index `w`. */
async function scored(node: TestNode, query: object): Promise<Array<[string, number | null]>> {
  const body = await search(node, { query }, 'w')
  return body.hits.hits.map((hit) => [hit._id, hit._score])
}

describe('wildcard mappings', () => {
  it('prints ignore_above, null_value and meta in the Builder’s order, defaults left out', async () => {
    const node = await indexed({ meta: { a: 'b' }, null_value: 7, ignore_above: 15 }, [])
    expect((await node.send('GET', '/w/_mapping')).body).toBe(
      '{"w":{"mappings":{"properties":{"t":{"type":"text"},' +
        '"w":{"type":"wildcard","ignore_above":15,"null_value":"7","meta":{"a":"b"}}}}}}',
    )
    await node.send('PUT', '/d', {
      mappings: { properties: { w: { type: 'wildcard', ignore_above: 2147483647 } } },
    })
    expect((await node.send('GET', '/d/_mapping')).body).toBe(
      '{"d":{"mappings":{"properties":{"w":{"type":"wildcard"}}}}}',
    )
  })

  it('refuses the parameters it does not have and a negative ignore_above', async () => {
    const node = await startNode()
    const refusal = async (field: object) => {
      const response = await node.send('PUT', '/bad', { mappings: { properties: { w: field } } })
      expect(response.status).toBe(400)
      return rootCause(response.body)
    }
    expect(await refusal({ type: 'wildcard', doc_values: false })).toEqual({
      type: 'mapper_parsing_exception',
      reason: 'unknown parameter [doc_values] on mapper [w] of type [wildcard]',
    })
    expect(await refusal({ type: 'wildcard', normalizer: 'lowercase' })).toEqual({
      type: 'mapper_parsing_exception',
      reason: 'unknown parameter [normalizer] on mapper [w] of type [wildcard]',
    })
    expect(await refusal({ type: 'wildcard', ignore_above: -1 })).toEqual({
      type: 'mapper_parsing_exception',
      reason: 'Failed to parse mapping: [ignore_above] must be positive, got [-1]',
    })
  })

  it('updates ignore_above but not null_value', async () => {
    const node = await indexed({}, [])
    const update = (field: object) => node.send('PUT', '/w/_mapping', { properties: { w: field } })
    expect((await update({ type: 'wildcard', ignore_above: 5 })).status).toBe(200)
    const refused = await update({ type: 'wildcard', null_value: 'x' })
    expect(rootCause(refused.body)).toEqual({
      type: 'illegal_argument_exception',
      reason:
        'Mapper for [w] conflicts with existing mapper:\n\tCannot update parameter [null_value] from [null] to [x]',
    })
    expect((await node.send('GET', '/w/_mapping')).body).toBe(
      '{"w":{"mappings":{"properties":{"t":{"type":"text"},"w":{"type":"wildcard","ignore_above":5}}}}}',
    )
  })

  it('reports the keyword family in _field_caps', async () => {
    const node = await indexed({}, [])
    expect(JSON.parse((await node.send('GET', '/w/_field_caps?fields=w')).body)).toEqual({
      indices: ['w'],
      fields: {
        w: { keyword: { type: 'keyword', metadata_field: false, searchable: true, aggregatable: true } },
      },
    })
  })
})

describe('wildcard queries', () => {
  const VALUES = ['Hello World', null, ['Hallo', 'hello world'], 42]

  it('scores every query a constant: its boost', async () => {
    const node = await indexed({ null_value: 'BLANK' }, VALUES)
    expect(await scored(node, { term: { w: { value: 'Hello World', boost: 2 } } })).toEqual([['1', 2]])
    expect(await scored(node, { match: { w: 'hello world' } })).toEqual([['3', 1]])
    expect(await scored(node, { terms: { w: ['42', 'BLANK'], boost: 3 } })).toEqual([
      ['2', 3],
      ['4', 3],
    ])
    expect(await scored(node, { fuzzy: { w: { value: 'hallo', boost: 3 } } })).toEqual([['3', 3]])
    expect(await scored(node, { range: { w: { gte: 'H', lt: 'I' } } })).toEqual([
      ['1', 1],
      ['3', 1],
    ])
    expect(await scored(node, { regexp: { w: { value: 'H.*', boost: 1.5 } } })).toEqual([
      ['1', 1.5],
      ['3', 1.5],
    ])
  })

  it('matches case-insensitively where asked, and an empty regexp matches nothing', async () => {
    const node = await indexed({}, VALUES)
    const ids = async (query: object) => (await scored(node, query)).map(([id]) => id)
    expect(await ids({ term: { w: { value: 'hello WORLD', case_insensitive: true } } })).toEqual(['1', '3'])
    expect(await ids({ prefix: { w: { value: 'HEL', case_insensitive: true } } })).toEqual(['1', '3'])
    expect(await ids({ wildcard: { w: { value: '*WORLD', case_insensitive: true } } })).toEqual(['1', '3'])
    expect(await ids({ prefix: { w: 'hel' } })).toEqual(['3'])
    expect(await ids({ regexp: { w: '' } })).toEqual([])
    expect(await ids({ wildcard: { w: '?' } })).toEqual([])
    expect(await ids({ wildcard: { w: '??' } })).toEqual(['4'])
    expect(await ids({ exists: { field: 'w' } })).toEqual(['1', '3', '4'])
    expect(await ids({ simple_query_string: { query: 'Hel*', fields: ['w'] } })).toEqual(['1'])
    expect(await ids({ query_string: { query: 'w:Hallo~1' } })).toEqual(['3'])
  })

  it('finds a boolean or number value by its JSON text, as keyword does', async () => {
    const node = await startNode()
    await node.send('PUT', '/b', {
      mappings: { properties: { k: { type: 'keyword' }, w: { type: 'wildcard' } } },
    })
    await node.send('PUT', '/b/_doc/1?refresh=true', { k: true, w: true })
    await node.send('PUT', '/b/_doc/2?refresh=true', { k: 1.5, w: 1.5 })
    const ids = async (query: object) => (await search(node, { query }, 'b')).hits.hits.map((hit) => hit._id)
    expect(await ids({ term: { w: true } })).toEqual(['1'])
    expect(await ids({ term: { k: true } })).toEqual(['1'])
    expect(await ids({ terms: { w: [false, 1.5] } })).toEqual(['2'])
  })

  it('stays out of a cross_fields blend: its term query is not a TermQuery', async () => {
    const node = await startNode()
    await node.send('PUT', '/x', {
      mappings: { properties: { k: { type: 'keyword' }, w: { type: 'wildcard' } } },
    })
    await node.send('PUT', '/x/_doc/1', { k: 'abc', w: 'zzz' })
    await node.send('PUT', '/x/_doc/2', { k: 'zzz', w: 'abc' })
    await node.send('POST', '/x/_refresh')
    const query = { multi_match: { query: 'abc', type: 'cross_fields', fields: ['k', 'w^2'] } }
    const hits = (await search(node, { query }, 'x')).hits.hits
    // w's constant score (its boost, 2) beside k's term, which BM25 scores over the one document holding it
    expect(hits.map((hit) => [hit._id, hit._score])).toEqual([
      ['2', 2],
      ['1', 0.6931471],
    ])
  })

  it('takes every value within the fuzzy edits, whatever max_expansions says', async () => {
    const node = await indexed({}, ['abcd', 'abce', 'abcf', 'xyz'])
    expect(await scored(node, { fuzzy: { w: { value: 'abcx', max_expansions: 1 } } })).toEqual([
      ['1', 1],
      ['2', 1],
      ['3', 1],
    ])
  })
})

describe('wildcard values', () => {
  it('prints `fields` from _source with null_value, and docvalue_fields from its doc values', async () => {
    const node = await indexed({ null_value: 'BLANK' }, ['b', null, ['c', 'a', 'c'], 42])
    const fetched = async (option: 'fields' | 'docvalue_fields') => {
      const body = await search(node, { [option]: ['w'], _source: false }, 'w')
      return body.hits.hits.map((hit) => hit.fields)
    }
    // `fields` reads _source (an explicit null as null_value); docvalue_fields the sorted, deduplicated doc values
    expect(await fetched('fields')).toEqual([
      { w: ['b'] },
      { w: ['BLANK'] },
      { w: ['c', 'a', 'c'] },
      { w: ['42'] },
    ])
    expect(await fetched('docvalue_fields')).toEqual([
      { w: ['b'] },
      { w: ['BLANK'] },
      { w: ['a', 'c'] },
      { w: ['42'] },
    ])
    const refused = await node.send('POST', '/w/_search', { fields: [{ field: 'w', format: 'x' }] })
    expect(rootCause(refused.body)).toEqual({
      type: 'illegal_argument_exception',
      reason: "Field [w] of type [wildcard] doesn't support formats.",
    })
  })

  it('highlights nothing on a named wildcard field but its no_match_size fragment', async () => {
    const node = await indexed({}, ['Hello World'])
    const highlighted = async (field: object) => {
      const body = await search(
        node,
        { query: { wildcard: { w: 'Hello*' } }, highlight: { fields: field } },
        'w',
      )
      return body.hits.hits[0]!.highlight
    }
    expect(await highlighted({ w: {} })).toBeUndefined()
    expect(await highlighted({ w: { no_match_size: 5 } })).toEqual({ w: ['Hello'] })
    expect(await highlighted({ '*': {} })).toBeUndefined()
  })
})
