// ES SQL's FIRST/LAST and Statistics aggregates: computed through the metric aggregations ES's QueryTranslator
// asks for (top_hits, extended_stats, matrix_stats, percentiles, percentile_ranks, median_absolute_deviation) and,
// for a grouping ES sends as a script, on the node, with the same results; `_sql/translate`'s requests; the
// Verifier's messages (VerifierErrorMessagesTests, PercentileAggregate, TopHits).
import { beforeEach, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

const send = async (path: string, query: string) => (await node.send('POST', path, { query })).body
const rows = async (query: string) =>
  (JSON.parse(await send('/_sql?format=json', query)) as { rows: unknown[][] }).rows

const COLUMNS =
  'FIRST(amount, date), LAST_VALUE(amount, date), FIRST(date), STDDEV_POP(amount), STDDEV_SAMP(amount), ' +
  'VAR_POP(amount), VAR_SAMP(amount), SUM_OF_SQUARES(amount), PERCENTILE(amount, 50), ' +
  'PERCENTILE_RANK(amount, 50), MAD(amount), KURTOSIS(amount), SKEWNESS(amount)'

beforeEach(async () => {
  node = await startNode()
  await node.send('PUT', '/orders', {
    settings: { number_of_shards: 2 },
    mappings: {
      properties: { product: { type: 'keyword' }, date: { type: 'date' }, amount: { type: 'long' } },
    },
  })
  const docs = [
    { product: 'hat', date: '2024-03-01T17:30:00Z', amount: 25 },
    { product: 'hat', date: '2024-03-01T09:00:00Z', amount: 20 },
    { product: 'bag', date: '2024-03-01T12:00:00Z', amount: 120 },
    { product: 'shoe', date: '2024-03-02T10:00:00Z', amount: 75 },
  ]
  const bulk = docs.map((d, i) => `{"index":{"_id":"${i + 1}"}}\n${JSON.stringify(d)}`).join('\n')
  await node.send('POST', '/orders/_bulk?refresh=true', `${bulk}\n`)
})

describe('FIRST, LAST and the statistics', () => {
  test('per group, through the aggregations and on the node alike', async () => {
    const hat = [
      20,
      25,
      '2024-03-01T09:00:00.000Z',
      2.5,
      3.5355339059327378,
      6.25,
      12.5,
      1025.0,
      22.5,
      100.0,
      2.5,
      1.0,
      0.0,
    ]
    const shoe = [
      75,
      75,
      '2024-03-02T10:00:00.000Z',
      0.0,
      null,
      0.0,
      null,
      5625.0,
      75.0,
      0.0,
      0.0,
      null,
      null,
    ]
    const composite = await rows(`SELECT product, ${COLUMNS} FROM orders GROUP BY product`)
    expect(composite[1]).toEqual(['hat', ...hat])
    expect(composite[2]).toEqual(['shoe', ...shoe])
    // a GROUP BY on a computed value (ES: a script source) is grouped here
    const local = await rows(`SELECT UCASE(product) p, ${COLUMNS} FROM orders GROUP BY p`)
    expect(local[1]).toEqual(['HAT', ...hat])
    expect(local[2]).toEqual(['SHOE', ...shoe])
  })

  test('_sql/translate prints the metrics ES asks for', async () => {
    expect(
      await send(
        '/_sql/translate',
        "SELECT LAST(date), PERCENTILE(amount, 95), PERCENTILE_RANK(amount, 10, 'hdr'), STDDEV_POP(amount), " +
          'KURTOSIS(amount), MAD(amount) FROM orders',
      ),
    ).toBe(
      '{"size":0,"_source":false,"track_total_hits":-1,"aggregations":{"LAST(date)":{"top_hits":{"from":0,"size":1,' +
        '"version":false,"seq_no_primary_term":false,"explain":false,"docvalue_fields":[{"field":"date","format":"strict_date_optional_time_nanos"}],' +
        '"sort":[{"date":{"order":"desc","missing":"_last","unmapped_type":"date"}}]}},' +
        '"PERCENTILES(amount)":{"percentiles":{"field":"amount","percents":[95.0],"keyed":true,"tdigest":{"compression":100.0}}},' +
        '"PERCENTILE_RANKS(amount, hdr, 3)":{"percentile_ranks":{"field":"amount","values":[10.0],"keyed":true,"hdr":{"number_of_significant_value_digits":3}}},' +
        '"EXT_STATS(amount)":{"extended_stats":{"field":"amount","sigma":2.0}},' +
        '"MATRIX(amount)":{"matrix_stats":{"fields":["amount"],"mode":"AVG"}},' +
        '"MAD(amount)":{"median_absolute_deviation":{"field":"amount","compression":1000.0}}}}',
    )
  })

  test("one field's statistics share one metric, as the Optimizer's ReplaceAggsWith* rules merge them", async () => {
    expect(
      await send(
        '/_sql/translate',
        'SELECT MIN(amount), MAX(amount), SKEWNESS(amount), KURTOSIS(amount), VAR_POP(amount), STDDEV_SAMP(amount), ' +
          'SUM(amount), product FROM orders GROUP BY product',
      ),
    ).toBe(
      '{"size":0,"_source":false,"track_total_hits":-1,"aggregations":{"groupby":{"composite":{"size":1000,' +
        '"sources":[{"product":{"terms":{"field":"product","missing_bucket":true,"order":"asc"}}}]},"aggregations":{' +
        '"EXT_STATS(amount)":{"extended_stats":{"field":"amount","sigma":2.0}},' +
        '"MATRIX(amount)":{"matrix_stats":{"fields":["amount"],"mode":"AVG"}}}}}}',
    )
    expect(await send('/_sql/translate', 'SELECT AVG(amount), MAX(amount), MIN(date) FROM orders')).toBe(
      '{"size":0,"_source":false,"track_total_hits":-1,"aggregations":{' +
        '"STATS(amount)":{"stats":{"field":"amount"}},"MIN(date)":{"min":{"field":"date"}}}}',
    )
    expect(
      await rows(
        'SELECT product, MIN(amount), MAX(amount), AVG(amount), SUM(amount), VAR_POP(amount), KURTOSIS(amount) ' +
          'FROM orders GROUP BY product',
      ),
    ).toEqual([
      ['bag', 120, 120, 120.0, 120, 0.0, null],
      ['hat', 20, 25, 22.5, 45, 6.25, 1.0],
      ['shoe', 75, 75, 75.0, 75, 0.0, null],
    ])
  })

  test("one field's PERCENTILEs (PERCENTILE_RANKs) of one configuration share one metric (ReplaceAggsWithPercentiles)", async () => {
    const query =
      "SELECT product, PERCENTILE(amount, 90), PERCENTILE(amount, 10), PERCENTILE(amount, 90, 'tdigest', 100), " +
      "PERCENTILE(amount, 50, 'tdigest', 200), PERCENTILE_RANK(amount, 100), PERCENTILE_RANK(amount, 30) " +
      'FROM orders GROUP BY product'
    expect(await send('/_sql/translate', query)).toBe(
      '{"size":0,"_source":false,"track_total_hits":-1,"aggregations":{"groupby":{"composite":{"size":1000,' +
        '"sources":[{"product":{"terms":{"field":"product","missing_bucket":true,"order":"asc"}}}]},"aggregations":{' +
        '"PERCENTILES(amount)":{"percentiles":{"field":"amount","percents":[10.0,90.0],"keyed":true,"tdigest":{"compression":100.0}}},' +
        '"PERCENTILES(amount, tdigest, 200)":{"percentiles":{"field":"amount","percents":[50.0],"keyed":true,"tdigest":{"compression":200.0}}},' +
        '"PERCENTILE_RANKS(amount)":{"percentile_ranks":{"field":"amount","values":[30.0,100.0],"keyed":true,"tdigest":{"compression":100.0}}}}}}}',
    )
    expect(await rows(query)).toEqual([
      ['bag', 120.0, 120.0, 120.0, 120.0, 0.0, 0.0],
      ['hat', 24.5, 20.5, 24.5, 22.5, 100.0, 100.0],
      ['shoe', 75.0, 75.0, 75.0, 75.0, 100.0, 0.0],
    ])
  })

  test('a SUM is read from a stats metric, so a group without values sums to null (ReplaceSumWithStats)', async () => {
    await node.send('POST', '/orders/_doc?refresh=true', { product: 'box' })
    expect(await send('/_sql/translate', 'SELECT SUM(amount) FROM orders')).toBe(
      '{"size":0,"_source":false,"track_total_hits":-1,"aggregations":{"STATS(amount)":{"stats":{"field":"amount"}}}}',
    )
    expect(await rows('SELECT product, SUM(amount) AS s FROM orders GROUP BY product')).toEqual([
      ['bag', 120],
      ['box', null],
      ['hat', 45],
      ['shoe', 75],
    ])
  })

  test("the Verifier's and the builders' messages", async () => {
    const reason = async (query: string) =>
      (JSON.parse(await send('/_sql?format=json', query)) as { error: { reason: string } }).error.reason
    expect(
      await reason(
        "SELECT PERCENTILE(amount, ABS(amount)), FIRST('foo', amount), LAST(amount, 10), STDDEV_POP(product), " +
          "PERCENTILE(product, 50), PERCENTILE(amount, 50, 'x') FROM orders",
      ),
    ).toBe(
      'Found 6 problems\n' +
        'line 1:8: second argument of [PERCENTILE(amount, ABS(amount))] must be a constant, received [ABS(amount)]\n' +
        "line 1:41: first argument of [FIRST('foo', amount)] must be a table column, found constant ['foo']\n" +
        'line 1:63: second argument of [LAST(amount, 10)] must be a table column, found constant [10]\n' +
        'line 1:81: argument of [STDDEV_POP(product)] must be [numeric], found value [product] type [keyword]\n' +
        'line 1:102: argument of [PERCENTILE(product, 50)] must be [numeric], found value [product] type [keyword]\n' +
        "line 1:127: third argument of [PERCENTILE(amount, 50, 'x')] must be one of [tdigest, hdr], received [x]",
    )
    expect(await reason('SELECT PERCENTILE(amount) FROM orders')).toBe(
      'line 1:8: error building [PERCENTILE]: expects minimum two, maximum four arguments',
    )
  })

  test('SHOW FUNCTIONS lists them in SqlFunctionRegistry order', async () => {
    expect(
      (await node.send('POST', '/_sql?format=csv', { query: "SHOW FUNCTIONS LIKE '%T%'" })).body,
    ).toContain(
      'name,type\r\nCOUNT,AGGREGATE\r\nFIRST,AGGREGATE\r\nFIRST_VALUE,AGGREGATE\r\nLAST,AGGREGATE\r\nLAST_VALUE,AGGREGATE\r\n' +
        'KURTOSIS,AGGREGATE\r\nPERCENTILE,AGGREGATE\r\nPERCENTILE_RANK,AGGREGATE\r\nSTDDEV_POP,AGGREGATE\r\nSTDDEV_SAMP,AGGREGATE\r\n' +
        'HISTOGRAM,SCALAR\r\n',
    )
  })
})
