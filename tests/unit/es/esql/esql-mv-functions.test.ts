// ES|QL's MV_APPEND, MV_SLICE, MV_SORT, MV_ZIP, MV_MEDIAN, MV_MEDIAN_ABSOLUTE_DEVIATION, MV_PERCENTILE and
// MV_PSERIES_WEIGHTED_SUM through POST /_query: the docs examples (the ints / string / math / mv_percentile /
// mv_median_absolute_deviation / mv_pseries_weighted_sum csv-spec tags) with their documented results, and the
// warnings and Verifier failures of MvSlice, MvSort, MvPercentile and MvPSeriesWeightedSum.
import { beforeEach, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeEach(async () => {
  node = await startNode()
})

const esql = async (query: string) => {
  const response = await node.send('POST', '/_query', { query })
  return {
    status: response.status,
    body: JSON.parse(response.body) as { values: unknown[][] },
    warnings: response.warnings,
  }
}

test('the docs examples', async () => {
  const examples: [string, unknown[]][] = [
    ['ROW a = [1, 2, 2, 3] | EVAL a1 = MV_SLICE(a, 1), a2 = MV_SLICE(a, 2, 3) | KEEP a1, a2', [2, [2, 3]]],
    [
      'ROW a = [1, 2, 2, 3] | EVAL a1 = MV_SLICE(a, -2), a2 = MV_SLICE(a, -3, -1) | KEEP a1, a2',
      [2, [2, 2, 3]],
    ],
    [
      'ROW a = [4, 2, -3, 2] | EVAL sa = MV_SORT(a), sd = MV_SORT(a, "DESC") | KEEP sa, sd',
      [
        [-3, 2, 2, 4],
        [4, 2, 2, -3],
      ],
    ],
    ['ROW a = ["x", "y", "z"], b = ["1", "2"] | EVAL c = MV_ZIP(a, b, "-") | KEEP c', [['x-1', 'y-2', 'z']]],
    ['ROW a = [3, 5, 1] | EVAL m = MV_MEDIAN(a) | KEEP m', [3]],
    ['ROW a = [3, 7, 1, 6] | EVAL m = MV_MEDIAN(a) | KEEP m', [4]],
    [
      'ROW values = [0, 2, 5, 6] | EVAL mad = MV_MEDIAN_ABSOLUTE_DEVIATION(values), median = MV_MEDIAN(values) | KEEP mad, median',
      [2, 3],
    ],
    [
      'ROW values = [5, 5, 10, 12, 5000] | EVAL p50 = MV_PERCENTILE(values, 50), median = MV_MEDIAN(values) | KEEP p50, median',
      [10, 10],
    ],
    [
      'ROW a = [70.0, 45.0, 21.0, 21.0, 21.0] | EVAL sum = MV_PSERIES_WEIGHTED_SUM(a, 1.5) | KEEP sum',
      [94.45465156212452],
    ],
    ['ROW a = [1, 2], b = 3 | EVAL c = MV_APPEND(a, b), d = MV_APPEND(null, b) | KEEP c, d', [[1, 2, 3], 3]],
  ]
  for (const [query, expected] of examples) expect((await esql(query)).body.values).toEqual([expected])
})

test('ips sort by address, doubles keep their halves, percentiles interpolate', async () => {
  const { body } = await esql(
    'ROW d = [1.0, 2.0, 4.0, 8.0] | EVAL ip = MV_APPEND(TO_IP("10.0.0.9"), MV_APPEND(TO_IP("9.0.0.1"), TO_IP("::1"))) | ' +
      'EVAL s = MV_SORT(ip), m = MV_MEDIAN(d), mad = MV_MEDIAN_ABSOLUTE_DEVIATION(d), p = MV_PERCENTILE(d, 10), ' +
      'i = MV_PERCENTILE([1, 4], 50) | KEEP s, m, mad, p, i',
  )
  expect(body.values).toEqual([[['::1', '9.0.0.1', '10.0.0.9'], 3, 1.5, 1.3, 2]])
})

test('run-time refusals are null with the warning', async () => {
  const { body, warnings } = await esql(
    'ROW a = [1, 2, 3], s = 2, e = 1, p = 101 | EVAL x = MV_SLICE(a, s, e), y = MV_PERCENTILE(a, p) | KEEP x, y',
  )
  expect(body.values).toEqual([[null, null]])
  expect(warnings).toEqual([
    'Line 1:53: evaluation of [MV_SLICE(a, s, e)] failed, treating result as null. Only first 20 failures recorded.',
    'Line 1:53: org.elasticsearch.xpack.esql.core.InvalidArgumentException: Start offset is greater than end offset',
    'Line 1:76: evaluation of [MV_PERCENTILE(a, p)] failed, treating result as null. Only first 20 failures recorded.',
    'Line 1:76: java.lang.IllegalArgumentException: Percentile parameter must be a number between 0 and 100, found [101.0]',
  ])
})

test('constant offsets fail the query; MV_SORT checks its order at the order', async () => {
  const slice = await esql('ROW a = [1, 2, 3] | EVAL x = MV_SLICE(a, -1, 1)')
  expect(slice.status).toBe(400)
  expect(slice.body).toMatchObject({
    error: { type: 'invalid_argument_exception', reason: 'Start and end offset have different signs' },
  })
  const sort = await esql('ROW a = [1, 2], o = "asc" | EVAL x = MV_SORT(a, "up"), y = MV_SORT(a, o)')
  expect(sort.body).toMatchObject({
    error: {
      type: 'verification_exception',
      reason:
        'Found 2 problems\n' +
        'line 1:49: Invalid order value in [MV_SORT(a, "up")], expected one of [ASC, DESC] but got [up]\n' +
        'line 1:71: second argument of [MV_SORT(a, o)] must be a constant, received [o]',
    },
  })
  const pseries = await esql(
    'ROW a = 1.0, p = 2.0 | EVAL x = MV_PSERIES_WEIGHTED_SUM(a, p), y = MV_APPEND(1, "a")',
  )
  expect(pseries.body).toMatchObject({
    error: {
      reason:
        'Found 2 problems\n' +
        'line 1:33: second argument of [MV_PSERIES_WEIGHTED_SUM(a, p)] must be a constant, received [p]\n' +
        'line 1:68: second argument of [MV_APPEND(1, "a")] must be [integer], found value ["a"] type [keyword]',
    },
  })
})
