// GET|POST [/{index}]/_validate/query with exact bodies, following ES 8.17's indices.validate_query YAML tests
// (10_basic.yml): valid queries with and without `explain` (Lucene's Query.toString), a query that does not
// parse (`{"valid":false}`, and ParsingException's detailed message under `explain`), a body without `query`,
// a shard-level failure (QueryShardException with its index and cause), `all_shards`, and request errors.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex, errorBody, expectBody } from './cluster-admin-fixture.ts'

const MAPPINGS = { mappings: { properties: { title: { type: 'text' }, n: { type: 'integer' } } } }
const SHARDS_1 = { total: 1, successful: 1, failed: 0 }

describe('_validate/query', () => {
  it('validates a query, and explains it as Lucene prints it', async () => {
    const { cluster } = await clusterWithIndex(1, MAPPINGS)
    const query = { query: { match: { title: 'Quick Fox' } } }
    await expectBody(cluster, 'POST', '/idx/_validate/query', query, 200, { _shards: SHARDS_1, valid: true })
    await expectBody(cluster, 'GET', '/idx/_validate/query?explain', query, 200, {
      _shards: SHARDS_1,
      valid: true,
      explanations: [{ index: 'idx', valid: true, explanation: 'title:quick title:fox' }],
    })
    await expectBody(cluster, 'GET', '/_validate/query?explain=true', undefined, 200, {
      _shards: SHARDS_1,
      valid: true,
      explanations: [{ index: 'idx', valid: true, explanation: '*:*' }],
    })
    await expectBody(cluster, 'GET', '/idx/_validate/query?q=title:fox&explain', undefined, 200, {
      _shards: SHARDS_1,
      valid: true,
      explanations: [{ index: 'idx', valid: true, explanation: 'title:fox' }],
    })
  })

  it('answers valid:false for a query that does not parse, with the error only under explain', async () => {
    const { cluster } = await clusterWithIndex(1, MAPPINGS)
    const invalid = { query: { invalid_query: {} } }
    await expectBody(cluster, 'GET', '/_validate/query', invalid, 200, { valid: false })
    await expectBody(cluster, 'GET', '/_validate/query?explain', invalid, 200, {
      valid: false,
      error:
        'org.elasticsearch.common.ParsingException: unknown query [invalid_query]; ' +
        'org.elasticsearch.xcontent.NamedObjectNotFoundException: [1:27] unknown field [invalid_query]',
    })
    await expectBody(cluster, 'GET', '/_validate/query', { match_all: {} }, 200, { valid: false })
    await expectBody(cluster, 'GET', '/_validate/query?explain', { match_all: {} }, 200, {
      valid: false,
      error: 'org.elasticsearch.common.ParsingException: request does not support [match_all]',
    })
  })

  it('reports a query that fails on the shard per index, with the index and the cause', async () => {
    const { cluster } = await clusterWithIndex(1, MAPPINGS)
    const settings = (await cluster.json(1, 'GET', '/idx/_settings')) as {
      idx: { settings: { index: { uuid: string } } }
    }
    const uuid = settings.idx.settings.index.uuid
    await expectBody(cluster, 'GET', '/idx/_validate/query?q=title:(', undefined, 200, {
      _shards: SHARDS_1,
      valid: false,
    })
    const response = await cluster.send(1, 'GET', '/idx/_validate/query?q=title:(&explain')
    const body = JSON.parse(response.body) as { valid: boolean; explanations: Array<{ error: string }> }
    expect(Object.keys(body)).toEqual(['_shards', 'valid', 'explanations'])
    expect(Object.keys(body.explanations[0]!)).toEqual(['index', 'valid', 'error'])
    expect(body.explanations[0]!.error).toMatch(
      new RegExp(
        `^\\[idx/${uuid}\\] org\\.elasticsearch\\.index\\.query\\.QueryShardException: Failed to parse query \\[title:\\(\\]; ` +
          'org\\.apache\\.lucene\\.queryparser\\.classic\\.ParseException: Cannot parse \'title:\\(\': Encountered "<EOF>" at line 1, column 7\\.',
      ),
    )
  })

  it('validates on every shard with all_shards, naming each', async () => {
    const { cluster } = await clusterWithIndex(1, {
      settings: { number_of_shards: 2, number_of_replicas: 0 },
    })
    await expectBody(cluster, 'GET', '/idx/_validate/query?all_shards&explain', undefined, 200, {
      _shards: { total: 2, successful: 2, failed: 0 },
      valid: true,
      explanations: [
        { index: 'idx', shard: 0, valid: true, explanation: '*:*' },
        { index: 'idx', shard: 1, valid: true, explanation: '*:*' },
      ],
    })
  })

  it('fails for a missing index and a malformed flag', async () => {
    const { cluster } = await clusterWithIndex(1)
    const missing = await cluster.send(1, 'GET', '/nope/_validate/query')
    expect(missing.status).toBe(404)
    expect((JSON.parse(missing.body) as { error: { type: string; reason: string } }).error.type).toBe(
      'index_not_found_exception',
    )
    await expectBody(
      cluster,
      'GET',
      '/idx/_validate/query?explain=yes',
      undefined,
      400,
      errorBody(
        'illegal_argument_exception',
        'Failed to parse value [yes] as only [true] or [false] are allowed.',
        400,
      ),
    )
  })
})
