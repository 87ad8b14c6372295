// The index's runtime fields in the APIs that build their query outside a search (ES's SearchExecutionContext has
// them there too): _explain, _validate/query, _count (which takes no runtime_mappings: RestCountAction reads the body's
// `query` only), _update_by_query and _delete_by_query (whose body, a search source, may add `runtime_mappings`),
// _reindex (whose `source` is a search source too); and runtime fields in highlighting, where ES highlights their values (DocValueFetcher) analyzed with the keyword
// analyzer.
import { beforeEach, describe, expect, it } from 'vitest'
import { clusterWithIndex, errorBody, errorOf, expectBody } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

const INDEX = {
  settings: { number_of_shards: 1, number_of_replicas: 0 },
  mappings: {
    runtime: {
      day: { type: 'keyword', script: "emit(doc['weekday'].value.substring(0, 3))" },
      double_n: { type: 'long', script: "emit(doc['n'].value * 2)" },
    },
    properties: { weekday: { type: 'keyword' }, n: { type: 'long' }, msg: { type: 'text' } },
  },
}

let cluster: TestCluster

beforeEach(async () => {
  cluster = (await clusterWithIndex(1, INDEX, 'logs')).cluster
  await cluster.json(1, 'PUT', '/logs/_doc/1', { weekday: 'Monday', n: 1, msg: 'hello Mon' })
  await cluster.json(1, 'PUT', '/logs/_doc/2?refresh=true', { weekday: 'Tuesday', n: 2, msg: 'hello Tue' })
}, 60_000)

describe('runtime fields outside _search', () => {
  it('_explain matches a document by its runtime value (its explanation names the matched _id, see DEVIATIONS)', async () => {
    const query = { query: { term: { day: 'Mon' } } }
    const response = await cluster.send(1, 'GET', '/logs/_explain/1', query)
    expect(response.status).toBe(200)
    expect(response.body).toBe(
      '{"_index":"logs","_id":"1","matched":true,' +
        '"explanation":{"value":1.0,"description":"ConstantScore(_id:1)","details":[]}}',
    )
    const other = await cluster.json(1, 'GET', '/logs/_explain/2', query)
    expect(other).toMatchObject({ _index: 'logs', _id: '2', matched: false })
  })

  it('_validate/query builds queries on runtime fields as on fields of their type', async () => {
    const body = {
      query: { bool: { must: [{ term: { day: 'Mon' } }, { range: { double_n: { gte: 2, lte: 10 } } }] } },
    }
    await expectBody(cluster, 'GET', '/logs/_validate/query?explain=true', body, 200, {
      _shards: { total: 1, successful: 1, failed: 0 },
      valid: true,
      explanations: [{ index: 'logs', valid: true, explanation: '+day:Mon +double_n:[2 TO 10]' }],
    })
  })

  it('_count sees the index runtime fields but refuses runtime_mappings in its body', async () => {
    const shards = { total: 1, successful: 1, skipped: 0, failed: 0 }
    await expectBody(cluster, 'GET', '/logs/_count', { query: { range: { double_n: { gt: 2 } } } }, 200, {
      count: 1,
      _shards: shards,
    })
    // every document selected: the index is given the root documents but none
    await expectBody(cluster, 'GET', '/logs/_count', { query: { exists: { field: 'day' } } }, 200, {
      count: 2,
      _shards: shards,
    })
    const response = await cluster.send(1, 'GET', '/logs/_count', { runtime_mappings: {} })
    expect(response.status).toBe(400)
    expect(JSON.parse(response.body)).toEqual(
      errorBody('parsing_exception', 'request does not support [runtime_mappings]', 400, { line: 1, col: 2 }),
    )
  })

  it('_update_by_query and _delete_by_query select documents by runtime values', async () => {
    await expectBody(
      cluster,
      'POST',
      '/logs/_update_by_query?refresh=true&filter_path=total,updated',
      { query: { range: { double_n: { gte: 4 } } } },
      200,
      {
        total: 1,
        updated: 1,
      },
    )
    await expectBody(
      cluster,
      'POST',
      '/logs/_delete_by_query?refresh=true&filter_path=total,deleted',
      { query: { term: { day: 'Mon' } } },
      200,
      {
        total: 1,
        deleted: 1,
      },
    )
    await expectBody(cluster, 'GET', '/logs/_search?filter_path=hits.hits._id', {}, 200, {
      hits: { hits: [{ _id: '2' }] },
    })
  })
})

describe('runtime_mappings in the by-query APIs (their body is a search source)', () => {
  it('selects documents by a runtime field of the request', async () => {
    const runtime = { triple_n: { type: 'long', script: "emit(doc['n'].value * 3)" } }
    await expectBody(
      cluster,
      'POST',
      '/logs/_delete_by_query?refresh=true&filter_path=total,deleted',
      { runtime_mappings: runtime, query: { range: { triple_n: { gte: 6 } } } },
      200,
      { total: 1, deleted: 1 },
    )
    await expectBody(cluster, 'GET', '/logs/_search?filter_path=hits.hits._id', {}, 200, {
      hits: { hits: [{ _id: '1' }] },
    })
  })

  it("_reindex's source query reads the index's runtime fields and the source's runtime_mappings", async () => {
    await expectBody(
      cluster,
      'POST',
      '/_reindex?refresh=true&filter_path=total,created',
      { source: { index: 'logs', query: { term: { day: 'Tue' } } }, dest: { index: 'tuesdays' } },
      200,
      { total: 1, created: 1 },
    )
    await expectBody(
      cluster,
      'POST',
      '/_reindex?refresh=true&filter_path=total,created',
      {
        source: {
          index: 'logs',
          runtime_mappings: { triple_n: { type: 'long', script: "emit(doc['n'].value * 3)" } },
          query: { range: { triple_n: { lte: 3 } } },
        },
        dest: { index: 'small' },
      },
      200,
      { total: 1, created: 1 },
    )
    await expectBody(
      cluster,
      'GET',
      '/tuesdays,small/_search?filter_path=hits.hits._index,hits.hits._id',
      {},
      200,
      {
        hits: {
          hits: [
            { _index: 'small', _id: '1' },
            { _index: 'tuesdays', _id: '2' },
          ],
        },
      },
    )
    const response = await cluster.send(1, 'POST', '/_reindex', {
      source: { index: 'logs', runtime_mappings: 7 },
      dest: { index: 'other' },
    })
    expect(response.status).toBe(400)
    // the search source's failure, as the `source` field's (ReindexRequest.PARSER)
    expect(errorOf(response.body)).toMatchObject({
      type: 'x_content_parse_exception',
      caused_by: {
        type: 'parsing_exception',
        reason: 'Unknown key for a VALUE_NUMBER in [runtime_mappings].',
      },
    })
  })

  it('refuses runtime_mappings that are not an object as SearchSourceBuilder does', async () => {
    const response = await cluster.send(1, 'POST', '/logs/_update_by_query', { runtime_mappings: 'x' })
    expect(response.status).toBe(400)
    expect(errorOf(response.body)).toMatchObject({
      type: 'parsing_exception',
      reason: 'Unknown key for a VALUE_STRING in [runtime_mappings].',
    })
  })
})

describe('highlighting runtime fields', () => {
  it('highlights the values of a runtime keyword field its query matched, a pattern taking it as a keyword field', async () => {
    const search = (body: object) =>
      cluster.send(1, 'GET', '/logs/_search?filter_path=hits.hits._id,hits.hits.highlight', body)
    const pattern = await search({ query: { term: { day: 'Mon' } }, highlight: { fields: { '*': {} } } })
    expect(pattern.body).toBe(
      JSON.stringify({ hits: { hits: [{ _id: '1', highlight: { day: ['<em>Mon</em>'] } }] } }),
    )
    const inBool = await search({
      query: { bool: { should: [{ term: { day: 'Mon' } }, { match: { msg: 'hello' } }] } },
      highlight: { fields: { day: {}, msg: {} } },
    })
    expect(inBool.body).toBe(
      JSON.stringify({
        hits: {
          hits: [
            { _id: '1', highlight: { msg: ['<em>hello</em> Mon'], day: ['<em>Mon</em>'] } },
            { _id: '2', highlight: { msg: ['<em>hello</em> Tue'] } },
          ],
        },
      }),
    )
  })

  it("highlights a search's runtime_mappings field by its values; a named numeric one shows them with no_match_size", async () => {
    const response = await cluster.send(1, 'GET', '/logs/_search?filter_path=hits.hits.highlight', {
      runtime_mappings: { label: { type: 'keyword', script: "emit('day ' + doc['weekday'].value)" } },
      query: { prefix: { label: 'day M' } },
      highlight: { fields: { label: {}, double_n: { no_match_size: 10 } } },
    })
    expect(response.body).toBe(
      JSON.stringify({
        hits: { hits: [{ highlight: { double_n: ['2'], label: ['<em>day Monday</em>'] } }] },
      }),
    )
  })
})
