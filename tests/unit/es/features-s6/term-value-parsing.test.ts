// term / terms / range values that do not parse for a numeric, date or boolean field: ES 8.17's
// MappedFieldType.termQuery parses the value (NumberFieldMapper: hasDecimalPart / objectToDouble with
// Double.parseDouble, whose NumberFormatException says `For input string: "abc"` or `empty String`;
// DateFieldType.termQuery: the range from the value to itself; BooleanFieldMapper: "Can't parse boolean
// value"), and SearchExecutionContext.toQuery wraps the failure in query_shard_exception "failed to create
// query: ...", which fails the shard (search_phase_execution_exception "all shards failed", 400).
// _validate/query answers valid:false, with the error under explain=true.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

const MAPPINGS = {
  mappings: {
    properties: {
      n: { type: 'integer' },
      l: { type: 'long' },
      f: { type: 'float' },
      d: { type: 'date' },
      b: { type: 'boolean' },
    },
  },
}

interface Ids {
  uuid: string
  node: string
}

async function setup(): Promise<{ cluster: TestCluster; ids: Ids }> {
  const { cluster, ids } = await clusterWithIndex(1, MAPPINGS)
  const settings = (await cluster.json(1, 'GET', '/idx/_settings')) as {
    idx: { settings: { index: { uuid: string } } }
  }
  await cluster.json(1, 'PUT', '/idx/_doc/1?refresh', {
    n: 5,
    l: 7,
    f: 1.5,
    d: '2024-03-01T10:00:00Z',
    b: true,
  })
  return { cluster, ids: { uuid: settings.idx.settings.index.uuid, node: ids.get('es-node-1')! } }
}

/**
 * The body of a search whose only shard failed with query_shard_exception caused by `cause`. The root cause
 * is the deepest ElasticsearchException: the query_shard_exception itself (with its index metadata) when its
 * cause is a plain Java exception, else that cause, which is then also the response's `caused_by`.
 */
function shardFailure(
  ids: Ids,
  reason: string,
  cause: { type: string; reason: string; caused_by?: object },
  esCause = false,
): object {
  const failure = { type: 'query_shard_exception', reason, index_uuid: ids.uuid, index: 'idx' }
  return {
    error: {
      root_cause: [esCause ? { type: cause.type, reason: cause.reason } : failure],
      type: 'search_phase_execution_exception',
      reason: 'all shards failed',
      phase: 'query',
      grouped: true,
      failed_shards: [{ shard: 0, index: 'idx', node: ids.node, reason: { ...failure, caused_by: cause } }],
      ...(esCause ? { caused_by: cause } : {}),
    },
    status: 400,
  }
}

async function expectFailure(cluster: TestCluster, query: object, expected: object): Promise<void> {
  const response = await cluster.send(1, 'GET', '/idx/_search', { query })
  expect(response.status).toBe(400)
  expect(response.body).toBe(JSON.stringify(expected))
}

const NFE = (reason: string) => ({ type: 'number_format_exception', reason })

describe('term-level values that do not parse for the field type', () => {
  it('fails the shard with the number format error for numeric fields', async () => {
    const { cluster, ids } = await setup()
    const abc = 'failed to create query: For input string: "abc"'
    await expectFailure(
      cluster,
      { term: { n: 'abc' } },
      shardFailure(ids, abc, NFE('For input string: "abc"')),
    )
    await expectFailure(
      cluster,
      { term: { l: 'abc' } },
      shardFailure(ids, abc, NFE('For input string: "abc"')),
    )
    await expectFailure(
      cluster,
      { term: { f: { value: 'abc' } } },
      shardFailure(ids, abc, NFE('For input string: "abc"')),
    )
    const x = 'failed to create query: For input string: "x"'
    await expectFailure(
      cluster,
      { terms: { n: [5, 'x'] } },
      shardFailure(ids, x, NFE('For input string: "x"')),
    )
    await expectFailure(
      cluster,
      { range: { n: { gte: 'abc' } } },
      shardFailure(ids, abc, NFE('For input string: "abc"')),
    )
    // Double.parseDouble trims before it reports; blank text is "empty String".
    await expectFailure(
      cluster,
      { term: { n: ' 0x1 ' } },
      shardFailure(ids, 'failed to create query: For input string: "0x1"', NFE('For input string: "0x1"')),
    )
    await expectFailure(
      cluster,
      { term: { n: '  ' } },
      shardFailure(ids, 'failed to create query: empty String', NFE('empty String')),
    )
  })

  it('fails the shard for a boolean field, and for a date field as its range does', async () => {
    const { cluster, ids } = await setup()
    const bool = "Can't parse boolean value [abc], expected [true] or [false]"
    await expectFailure(
      cluster,
      { term: { b: 'abc' } },
      shardFailure(ids, `failed to create query: ${bool}`, {
        type: 'illegal_argument_exception',
        reason: bool,
      }),
    )
    const date = 'failed to parse date field [abc] with format [strict_date_optional_time||epoch_millis]'
    const parse = `${date}: [${date}]`
    await expectFailure(
      cluster,
      { term: { d: 'abc' } },
      shardFailure(
        ids,
        `failed to create query: ${parse}`,
        {
          type: 'parse_exception',
          reason: parse,
          caused_by: {
            type: 'illegal_argument_exception',
            reason: date,
            caused_by: {
              type: 'date_time_parse_exception',
              reason: 'Failed to parse with all enclosed parsers',
            },
          },
        },
        true,
      ),
    )
  })

  it('still finds documents by values that parse, as the field type reads them', async () => {
    const { cluster } = await setup()
    const count = async (query: object): Promise<number> =>
      ((await cluster.json(1, 'GET', '/idx/_count', { query })) as { count: number }).count
    expect(await count({ term: { n: '5' } })).toBe(1)
    expect(await count({ term: { n: ' 5.0 ' } })).toBe(1)
    expect(await count({ term: { n: 5.5 } })).toBe(0)
    expect(await count({ terms: { l: ['7', 8] } })).toBe(1)
    expect(await count({ term: { b: 'true' } })).toBe(1)
    expect(await count({ term: { b: false } })).toBe(0)
    // A date term is the day's range: 2024-03-01 rounds up to the day's last millisecond.
    expect(await count({ term: { d: '2024-03-01' } })).toBe(1)
    expect(await count({ term: { d: '2024-03-02' } })).toBe(0)
  })

  it('answers _validate/query with valid:false, and the error under explain', async () => {
    const { cluster, ids } = await setup()
    const query = { query: { term: { n: 'abc' } } }
    const plain = await cluster.send(1, 'GET', '/idx/_validate/query', query)
    expect(plain.body).toBe(JSON.stringify({ _shards: { total: 1, successful: 1, failed: 0 }, valid: false }))
    const explained = await cluster.send(1, 'GET', '/idx/_validate/query?explain=true', query)
    expect(explained.body).toBe(
      JSON.stringify({
        _shards: { total: 1, successful: 1, failed: 0 },
        valid: false,
        explanations: [
          {
            index: 'idx',
            valid: false,
            error:
              `[idx/${ids.uuid}] org.elasticsearch.index.query.QueryShardException: failed to create query: ` +
              'For input string: "abc"; java.lang.NumberFormatException: For input string: "abc"',
          },
        ],
      }),
    )
  })
})
