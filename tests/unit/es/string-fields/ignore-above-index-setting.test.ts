// The index setting index.mapping.ignore_above (ES 8.16, IndexSettings.IGNORE_ABOVE_SETTING): an int setting of at
// least 0, static (Property.IndexScope only), the default `ignore_above` of keyword, wildcard and flattened fields
// (their Builders read it from MappingParserContext); a mapping's own ignore_above wins. Cases from
// rest-api-spec/test/search/530_ignore_above_stored_source.yml and 550_ignore_above_invalid.yml.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

interface Hit {
  _source: Record<string, unknown>
  _ignored?: string[]
  fields?: Record<string, unknown[]>
  highlight?: Record<string, string[]>
}

interface SearchBody {
  hits: { total: { value: number }; hits: Hit[] }
  aggregations?: Record<string, { buckets: Array<{ key: string; doc_count: number }> }>
}

async function search(node: TestNode, body: object): Promise<SearchBody> {
  const response = await node.send('POST', '/test/_search', body)
  expect(response.status, response.body).toBe(200)
  return JSON.parse(response.body) as SearchBody
}

async function total(node: TestNode, query: object): Promise<number> {
  return (await search(node, { track_total_hits: true, query })).hits.total.value
}

/** An index with index.mapping.ignore_above 10 and the given fields, holding `doc` as document 1. */
async function indexed(properties: object, doc: object, ignoreAbove: unknown = 10): Promise<TestNode> {
  const node = await startNode()
  const created = await node.send('PUT', '/test', {
    settings: { index: { mapping: { ignore_above: ignoreAbove } } },
    mappings: { properties },
  })
  expect(created.status, created.body).toBe(200)
  expect((await node.send('PUT', '/test/_doc/1?refresh=true', doc)).status).toBe(201)
  return node
}

/** An error response's `error` object. */
function errorOf(body: string): { reason: string; caused_by?: { reason: string } } {
  return (JSON.parse(body) as { error: { reason: string; caused_by?: { reason: string } } }).error
}

function illegalArgument(reason: string): string {
  const cause = `{"type":"illegal_argument_exception","reason":${JSON.stringify(reason)}}`
  return `{"error":{"root_cause":[${cause}],"type":"illegal_argument_exception","reason":${JSON.stringify(reason)}},"status":400}`
}

describe('index.mapping.ignore_above', () => {
  it('is the default ignore_above of a keyword field: a longer value is not indexed, listed in _ignored', async () => {
    const node = await indexed(
      { keyword: { type: 'keyword' } },
      { keyword: ['foo bar', 'the quick brown fox'] },
    )
    const body = await search(node, {
      fields: ['keyword'],
      query: { match_all: {} },
      aggs: { k: { terms: { field: 'keyword' } } },
    })
    const hit = body.hits.hits[0]!
    expect(hit._source).toEqual({ keyword: ['foo bar', 'the quick brown fox'] })
    expect(hit.fields).toEqual({ keyword: ['foo bar'] })
    expect(hit._ignored).toEqual(['keyword'])
    expect(body.aggregations!.k!.buckets).toEqual([{ key: 'foo bar', doc_count: 1 }])
    expect(await total(node, { term: { keyword: 'the quick brown fox' } })).toBe(0)
    expect(await total(node, { term: { keyword: 'foo bar' } })).toBe(1)
    expect(await total(node, { term: { _ignored: 'keyword' } })).toBe(1)
    const ignoredValues = await search(node, { fields: [{ field: 'keyword' }], _source: false })
    expect(ignoredValues.hits.hits[0]!.fields).toEqual({ keyword: ['foo bar'] })
  })

  it('gives way to the mapping’s own ignore_above', async () => {
    const node = await indexed(
      {
        keyword: { type: 'keyword', ignore_above: 100 },
        flattened: { type: 'flattened', ignore_above: 100 },
      },
      { keyword: 'foo bar baz foo bar baz', flattened: { value: 'the quick brown fox' } },
    )
    const hit = (await search(node, { fields: ['keyword'], query: { match_all: {} } })).hits.hits[0]!
    expect(hit.fields).toEqual({ keyword: ['foo bar baz foo bar baz'] })
    expect(hit._ignored).toBeUndefined()
    expect(await total(node, { term: { keyword: 'foo bar baz foo bar baz' } })).toBe(1)
    expect(await total(node, { term: { 'flattened.value': 'the quick brown fox' } })).toBe(1)
    // GET _mapping prints the mapping's ignore_above, not the setting
    const mapping = JSON.parse((await node.send('GET', '/test/_mapping')).body) as {
      test: { mappings: { properties: Record<string, { ignore_above?: number }> } }
    }
    expect(mapping.test.mappings.properties.keyword!.ignore_above).toBe(100)
  })

  it('applies to a wildcard field and a keyword multi-field, not to the dynamic .keyword’s 256 nor to a date', async () => {
    const node = await indexed(
      {
        wild: { type: 'wildcard' },
        title: { type: 'text', fields: { raw: { type: 'keyword' } } },
        date: { type: 'date', format: "yyyy-MM-dd'T'HH:mm:ss" },
      },
      {
        wild: 'hello wildcard world',
        title: 'a longer title',
        date: '2023-09-17T15:30:00',
        other: 'dynamic string',
      },
    )
    const hit = (await search(node, { fields: ['wild', 'title.raw', 'date', 'other.keyword'] })).hits.hits[0]!
    expect(hit.fields).toEqual({ date: ['2023-09-17T15:30:00'], 'other.keyword': ['dynamic string'] })
    expect([...hit._ignored!].sort()).toEqual(['title.raw', 'wild'])
    expect(await total(node, { wildcard: { wild: 'hello*' } })).toBe(0)
    expect(await total(node, { term: { 'other.keyword': 'dynamic string' } })).toBe(1)
    const mapping = JSON.parse((await node.send('GET', '/test/_mapping')).body) as {
      test: { mappings: { properties: Record<string, { fields?: Record<string, object> }> } }
    }
    expect(mapping.test.mappings.properties.other!.fields).toEqual({
      keyword: { type: 'keyword', ignore_above: 256 },
    })
  })

  it('drops a flattened field’s longer leaves from its terms and doc values, without _ignored', async () => {
    const node = await indexed(
      { flattened: { type: 'flattened' } },
      { flattened: { value: ['the quick brown fox', 'jumps over'] } },
    )
    const body = await search(node, {
      query: { match_all: {} },
      aggs: { v: { terms: { field: 'flattened.value' } } },
    })
    expect(body.hits.hits[0]!._source).toEqual({
      flattened: { value: ['the quick brown fox', 'jumps over'] },
    })
    expect(body.hits.hits[0]!._ignored).toBeUndefined()
    expect(body.aggregations!.v!.buckets).toEqual([{ key: 'jumps over', doc_count: 1 }])
    expect(await total(node, { term: { 'flattened.value': 'the quick brown fox' } })).toBe(0)
    expect(await total(node, { term: { flattened: 'jumps over' } })).toBe(1)
  })

  it('is refused below 0, past Integer.MAX_VALUE and when not an integer, with Setting.parseInt’s text', async () => {
    const node = await startNode()
    for (const [value, reason] of [
      [-1, 'Failed to parse value [-1] for setting [index.mapping.ignore_above] must be >= 0'],
      ['2147483648', 'Failed to parse value [2147483648] for setting [index.mapping.ignore_above]'],
      ['ten', 'Failed to parse value [ten] for setting [index.mapping.ignore_above]'],
    ] as const) {
      const response = await node.send('PUT', '/test', { settings: { 'index.mapping.ignore_above': value } })
      expect(response.status).toBe(400)
      expect(errorOf(response.body).reason).toBe(reason)
    }
    expect((await node.send('GET', '/test')).status).toBe(404)
    const negative = await node.send('PUT', '/test', {
      mappings: { properties: { f: { type: 'flattened', ignore_above: -2 } } },
    })
    expect(negative.status).toBe(400)
    expect(errorOf(negative.body).caused_by?.reason).toBe('[ignore_above] must be positive, got [-2]')
  })

  it('is static: refused on an open index, taken on a closed one and read again when it opens', async () => {
    const node = await indexed({ keyword: { type: 'keyword' } }, { keyword: 'twelve chars' }, '256')
    const settings = (
      JSON.parse((await node.send('GET', '/test/_settings')).body) as {
        test: { settings: { index: { uuid: string; mapping: { ignore_above: string } } } }
      }
    ).test.settings.index
    expect(settings.mapping.ignore_above).toBe('256')
    expect((await node.send('PUT', '/test/_settings', { 'index.mapping.ignore_above': 5 })).body).toBe(
      illegalArgument(
        `Can't update non dynamic settings [[index.mapping.ignore_above]] for open indices [[test/${settings.uuid}]]`,
      ),
    )
    expect((await node.send('POST', '/test/_close')).status).toBe(200)
    expect((await node.send('PUT', '/test/_settings', { 'index.mapping.ignore_above': 5 })).status).toBe(200)
    expect((await node.send('POST', '/test/_open')).status).toBe(200)
    await node.send('PUT', '/test/_doc/2?refresh=true', { keyword: 'more than five' })
    expect(await total(node, { term: { keyword: 'more than five' } })).toBe(0)
    expect(await total(node, { term: { _ignored: 'keyword' } })).toBe(1)
  })

  it('passes from an index template to the index it creates', async () => {
    const node = await startNode()
    const template = await node.send('PUT', '/_index_template/t', {
      index_patterns: ['test*'],
      template: { settings: { index: { mapping: { ignore_above: 3 } } } },
    })
    expect(template.status, template.body).toBe(200)
    await node.send('PUT', '/test', { mappings: { properties: { k: { type: 'keyword' } } } })
    await node.send('PUT', '/test/_doc/1?refresh=true', { k: 'four' })
    expect(await total(node, { term: { k: 'four' } })).toBe(0)
    expect((await search(node, {})).hits.hits[0]!._ignored).toEqual(['k'])
  })
})

describe('a flattened field’s fields values', () => {
  /** 600_flattened_ignore_above.yml's mapping, with `ignore_above` 5 on the field or from the index setting. */
  async function flat(onIndex: boolean): Promise<TestNode> {
    const node = await startNode()
    const created = await node.send('PUT', '/test', {
      ...(onIndex ? { settings: { 'index.mapping.ignore_above': 5 } } : {}),
      mappings: {
        properties: {
          name: { type: 'keyword' },
          flat: { type: 'flattened', ...(onIndex ? {} : { ignore_above: 5 }) },
        },
      },
    })
    expect(created.status, created.body).toBe(200)
    await node.send('PUT', '/test/_doc/1', {
      name: 'A',
      flat: { value: ['foo', 'bar'], key: 'foo bar array key' },
    })
    await node.send('PUT', '/test/_doc/2', {
      name: 'B',
      flat: { value: ['foobar', 'foo'], key: ['foo key', 'bar key'] },
    })
    await node.send('PUT', '/test/_doc/3', { name: 'C', flat: { value: 'foo bar', key: 'foo bar key' } })
    await node.send('POST', '/test/_refresh')
    return node
  }

  it('leave out the strings over ignore_above (600_flattened_ignore_above.yml), its own or the index’s', async () => {
    for (const onIndex of [false, true]) {
      const node = await flat(onIndex)
      const body = await search(node, { sort: ['name'], fields: ['flat', 'flat.key'], _source: false })
      expect(body.hits.hits.map((hit) => hit.fields)).toEqual([
        { flat: [{ value: ['foo', 'bar'] }], 'flat.key': ['foo bar array key'] },
        { flat: [{ value: 'foo' }], 'flat.key': ['foo key', 'bar key'] },
        { 'flat.key': ['foo bar key'] },
      ])
    }
  })

  it('print the kept keys in Java HashMap order, a one-element list as its element, nulls dropped', async () => {
    const node = await startNode()
    await node.send('PUT', '/test', { mappings: { properties: { flat: { type: 'flattened' } } } })
    await node.send('PUT', '/test/_doc/1?refresh=true', { flat: { b: 1, a: ['only'], n: null, zz: 'z' } })
    const response = await node.send('POST', '/test/_search', { fields: ['flat'], _source: false })
    // String.hashCode: "zz" 3904 (bucket 0 of 16), "a" 97 (1), "b" 98 (2)
    expect(response.body).toContain('"fields":{"flat":[{"zz":"z","a":"only","b":1}]}')
  })
})
