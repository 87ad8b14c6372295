// counted_keyword fields and the counted_terms aggregation over REST, as ES 8.17 answers them
// (CountedKeywordFieldMapper, CountedTermsAggregationBuilder, CountedTermsAggregator): every value of a document is
// kept in its doc values, repeats included, and counted_terms counts each occurrence; each distinct value is one
// keyword term, searched as a keyword's.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { errorOf } from '../cluster-admin/cluster-admin-fixture.ts'

async function indexed(): Promise<TestNode> {
  const node = await startNode()
  const properties = { k: { type: 'keyword' }, n: { type: 'long' }, c: { type: 'counted_keyword' } }
  await node.send('PUT', '/c', { mappings: { properties } })
  await node.send('PUT', '/c/_doc/1', { k: ['a', 'a'], n: 1, c: ['a', 'a', 'b'] })
  await node.send('PUT', '/c/_doc/2', { k: 'a', n: 2, c: ['a', 'b', 'b', null] })
  await node.send('PUT', '/c/_doc/3?refresh', { k: 'a', c: 'a' })
  return node
}

async function search(node: TestNode, body: object, filter: string): Promise<string> {
  const response = await node.send('POST', `/c/_search?filter_path=${filter}`, body)
  return `${response.status} ${response.body}`
}

describe('counted_keyword mappings and documents', () => {
  it('maps meta and index, in that order', async () => {
    const node = await indexed()
    const mapping = { type: 'counted_keyword', index: false, meta: { unit: 'id' } }
    expect((await node.send('PUT', '/x', { mappings: { properties: { c: mapping } } })).status).toBe(200)
    expect((await node.send('GET', '/x/_mapping')).body).toBe(
      '{"x":{"mappings":{"properties":{"c":{"type":"counted_keyword","meta":{"unit":"id"},"index":false}}}}}',
    )
    const refused = await node.send('PUT', '/y', {
      mappings: { properties: { c: { type: 'counted_keyword', doc_values: false } } },
    })
    expect(errorOf(refused.body).root_cause[0]?.reason).toBe(
      'unknown parameter [doc_values] on mapper [c] of type [counted_keyword]',
    )
  })

  it('keeps index in mapping updates, meta updatable', async () => {
    const node = await indexed()
    const update = async (c: object): Promise<string> =>
      (await node.send('PUT', '/c/_mapping', { properties: { c: { type: 'counted_keyword', ...c } } })).body
    expect(errorOf(await update({ index: false })).reason).toBe(
      'Mapper for [c] conflicts with existing mapper:\n\tCannot update parameter [index] from [true] to [false]',
    )
    expect(await update({ meta: { unit: 'id' } })).toBe('{"acknowledged":true}')
  })

  it('takes strings and nulls only, an array read whole', async () => {
    const node = await indexed()
    const failure = async (value: unknown): Promise<string> => {
      const response = await node.send('PUT', '/c/_doc/9', { c: value })
      expect(response.status).toBe(400)
      const error = errorOf(response.body)
      return `${error.reason} / ${error.caused_by?.reason}`
    }
    const prefix =
      "failed to parse field [c] of type [counted_keyword] in document with id '9'. Preview of field's value:"
    expect(await failure(5)).toBe(`[1:6] ${prefix} '5' / Encountered unexpected token [VALUE_NUMBER].`)
    expect(await failure(['a', true])).toBe(
      `[1:11] ${prefix} 'true' / Encountered unexpected token [VALUE_BOOLEAN].`,
    )
    expect(await failure(['a', ['b']])).toBe(
      `[1:15] ${prefix} '[b]' / Encountered unexpected token [START_ARRAY].`,
    )
    expect(await failure(['a', { b: 1 }])).toBe(
      `[1:17] ${prefix} '{b=1}' / Encountered unexpected token [START_OBJECT].`,
    )
    expect(await failure({ b: 1 })).toBe(
      `[1:12] ${prefix} '{b=1}' / Encountered unexpected token [START_OBJECT].`,
    )
    expect((await node.send('PUT', '/c/_doc/9', { c: null })).status).toBe(201)
  })

  it('is searched as a keyword, each distinct value one term, and fetched as sent', async () => {
    const node = await indexed()
    // doc 1 holds `a` twice, yet scores as the others: the term is indexed once
    expect(await search(node, { query: { term: { c: 'a' } } }, 'hits.hits._id,hits.hits._score')).toBe(
      '200 {"hits":{"hits":[{"_id":"1","_score":0.15965708},{"_id":"2","_score":0.15965708},{"_id":"3","_score":0.15965708}]}}',
    )
    expect(
      await search(node, { query: { prefix: { c: 'b' } }, fields: ['c'] }, 'hits.hits._id,hits.hits.fields'),
    ).toBe(
      '200 {"hits":{"hits":[{"_id":"1","fields":{"c":["a","a","b"]}},{"_id":"2","fields":{"c":["a","b","b"]}}]}}',
    )
    expect((await node.send('GET', '/c/_field_caps?fields=c&filter_path=fields')).body).toBe(
      '{"fields":{"c":{"counted_keyword":{"type":"counted_keyword","metadata_field":false,"searchable":true,"aggregatable":true}}}}',
    )
    const sorted = await node.send('POST', '/c/_search', { sort: ['c'] })
    expect(sorted.status).toBe(500)
    expect(errorOf(sorted.body).root_cause).toEqual([
      { type: 'unsupported_operation_exception', reason: "can't sort on the [counted_keyword] field" },
    ])
  })
})

describe('the counted_terms aggregation', () => {
  it('counts every occurrence, sub-aggregations seeing a document once per occurrence', async () => {
    const node = await indexed()
    const aggs = {
      t: { counted_terms: { field: 'c' }, aggs: { s: { sum: { field: 'n' } } } },
      k: { counted_terms: { field: 'k', size: 1 } },
      u: { counted_terms: { field: 'nothing' } },
    }
    expect(await search(node, { size: 0, aggs }, 'aggregations&typed_keys')).toBe(
      '200 {"aggregations":{"sterms#t":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[' +
        '{"key":"a","doc_count":4,"sum#s":{"value":4.0}},{"key":"b","doc_count":3,"sum#s":{"value":5.0}}]},' +
        '"sterms#k":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"a","doc_count":3}]},' +
        '"umterms#u":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[]}}}',
    )
  })

  it('refuses what its parser and its registry refuse', async () => {
    const node = await indexed()
    const reason = async (agg: object): Promise<string> => {
      const response = await node.send('POST', '/c/_search', { size: 0, aggs: { t: { counted_terms: agg } } })
      expect(response.status).toBe(400)
      const error = errorOf(response.body)
      return error.caused_by?.reason ?? error.reason
    }
    expect(await reason({ field: 'c', size: 0 })).toBe('[size] must be greater than 0. Found [0] in [t]')
    expect(await reason({ field: 'c', order: { _key: 'asc' } })).toBe(
      '[1:53] [counted_terms] unknown field [order]',
    )
    expect(await reason({ field: 'n' })).toBe(
      'Field [n] of type [long] is not supported for aggregation [counted_terms]',
    )
  })
})
