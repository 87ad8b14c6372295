// STATS's MEDIAN_ABSOLUTE_DEVIATION, TOP and WEIGHTED_AVG through POST /_query, against ES 8.17's documented
// examples (the stats / stats_top / median_absolute_deviation csv-spec tags over the employees data set), the
// VerifierTests texts of Top.resolveType and WeightedAvg.resolveType, and the "Unknown function" message, which
// names the function as written.
import { beforeEach, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { createEmployees } from '../employees-fixture.ts'

let node: TestNode

const esql = async (query: string) => node.send('POST', '/_query', { query })
const problem = (line: string) => {
  const reason = `Found 1 problem\n${line}`
  const type = 'verification_exception'
  return JSON.stringify({ error: { root_cause: [{ type, reason }], type, reason }, status: 400 })
}

beforeEach(async () => {
  node = await startNode()
  await createEmployees(node)
})

describe('MEDIAN_ABSOLUTE_DEVIATION', () => {
  test('the docs example: beside MEDIAN over the salaries', async () => {
    const response = await esql('FROM employees | STATS MEDIAN(salary), MEDIAN_ABSOLUTE_DEVIATION(salary)')
    expect(response.body).toBe(
      '{"took":0,"columns":[{"name":"MEDIAN(salary)","type":"double"},' +
        '{"name":"MEDIAN_ABSOLUTE_DEVIATION(salary)","type":"double"}],"values":[[47003.0,10096.5]]}',
    )
  })

  test('every value of a multi-value counts; no values is null; a constant is taken once per group', async () => {
    const response = await esql(
      'ROW v = [1, 1, 2, 2, 4, 6, 9], e = TO_INTEGER(null) | ' +
        'STATS m = MEDIAN_ABSOLUTE_DEVIATION(v), n = MEDIAN_ABSOLUTE_DEVIATION(e), c = MEDIAN_ABSOLUTE_DEVIATION(3)',
    )
    expect(response.body).toBe(
      '{"took":0,"columns":[{"name":"m","type":"double"},{"name":"n","type":"double"},{"name":"c","type":"double"}],' +
        '"values":[[1.0,null,0.0]]}',
    )
  })

  test('NumericAggregate refuses other types', async () => {
    expect((await esql('ROW s = "a" | STATS MEDIAN_ABSOLUTE_DEVIATION(s)')).body).toBe(
      problem(
        'line 1:21: argument of [MEDIAN_ABSOLUTE_DEVIATION(s)] must be [numeric except unsigned_long or counter types], found value [s] type [keyword]',
      ),
    )
  })
})

describe('TOP', () => {
  test('the docs example: the three highest salaries, beside MAX', async () => {
    const response = await esql(
      'FROM employees | STATS top_salaries = TOP(salary, 3, "desc"), top_salary = MAX(salary)',
    )
    expect(response.body).toBe(
      '{"took":0,"columns":[{"name":"top_salaries","type":"integer"},{"name":"top_salary","type":"integer"}],' +
        '"values":[[[74999,74970,74572],74999]]}',
    )
  })

  test('repeats kept, multi-values counted, one value as itself, per group; ips by address', async () => {
    const response = await esql(
      'FROM employees | WHERE emp_no < 10006 | EVAL h = ROUND(height, 1) | ' +
        'STATS low = TOP(h, 3, "ASC"), one = TOP(emp_no, 1, "asc") BY languages | SORT languages',
    )
    expect(response.body).toBe(
      '{"took":0,"columns":[{"name":"low","type":"double"},{"name":"one","type":"integer"},' +
        '{"name":"languages","type":"integer"}],' +
        '"values":[[2.1,10005,1],[2.0,10001,2],[1.8,10003,4],[[1.8,2.1],10002,5]]}',
    )
    const mv = await esql(
      'ROW a = [3, 1, 3, 2], ip = TO_IP(["10.0.0.2", "9.0.0.1", "::1"]) | ' +
        'STATS t = TOP(a, 3, "desc"), i = TOP(ip, 2, "asc"), c = TOP([5, 4, 6], 2, "asc")',
    )
    expect(mv.body).toBe(
      '{"took":0,"columns":[{"name":"t","type":"integer"},{"name":"i","type":"ip"},{"name":"c","type":"integer"}],' +
        '"values":[[[3,3,2],["::1","9.0.0.1"],[4,5]]]}',
    )
  })

  test("Top.resolveType's checks, the first failure only", async () => {
    const cases: [string, string][] = [
      [
        'TOP(salary, languages, "asc")',
        'second argument of [TOP(salary, languages, "asc")] must be a constant, received [languages]',
      ],
      [
        'TOP(salary, null, "asc")',
        'second argument of [TOP(salary, null, "asc")] cannot be null, received [null]',
      ],
      [
        'TOP(salary, 2.5, "asc")',
        'second argument of [TOP(salary, 2.5, "asc")] must be [integer], found value [2.5] type [double]',
      ],
      [
        'TOP(salary, 2, 1)',
        'third argument of [TOP(salary, 2, 1)] must be [string], found value [1] type [integer]',
      ],
      ['TOP(salary, 0, "asc")', 'Limit must be greater than 0 in [TOP(salary, 0, "asc")], found [0]'],
      [
        'TOP(salary, 1, "up")',
        'Invalid order value in [TOP(salary, 1, "up")], expected [ASC, DESC] but got [up]',
      ],
      [
        'TOP(TO_VERSION("1.0"), 1, "asc")',
        'first argument of [TOP(TO_VERSION("1.0"), 1, "asc")] must be [boolean, date, ip, string or ' +
          'numeric except unsigned_long or counter types], found value [TO_VERSION("1.0")] type [version]',
      ],
    ]
    for (const [call, message] of cases) {
      expect((await esql(`FROM employees | STATS ${call}`)).body).toBe(problem(`line 1:24: ${message}`))
    }
  })
})

describe('WEIGHTED_AVG', () => {
  test('the docs example: salaries weighted by height, per language count', async () => {
    const response = await esql(
      'FROM employees | STATS w_avg = WEIGHTED_AVG(salary, height) BY languages | ' +
        'EVAL w_avg = ROUND(w_avg) | KEEP w_avg, languages | SORT languages',
    )
    expect(response.body).toBe(
      '{"took":0,"columns":[{"name":"w_avg","type":"double"},{"name":"languages","type":"integer"}],' +
        '"values":[[51464.0,1],[48477.0,2],[52379.0,3],[47990.0,4],[42119.0,5],[52142.0,null]]}',
    )
  })

  test('the surrogates: a constant weight is AVG, a constant number MV_AVG; a multi-value warns', async () => {
    const response = await esql(
      'ROW v = [1, 2, 6], w = 2 | STATS a = WEIGHTED_AVG(v, 5), b = WEIGHTED_AVG([1, 2, 6], w), c = WEIGHTED_AVG(v, w)',
    )
    expect(response.body).toBe(
      '{"took":0,"columns":[{"name":"a","type":"double"},{"name":"b","type":"double"},{"name":"c","type":"double"}],' +
        '"values":[[3.0,3.0,null]]}',
    )
    expect(response.warnings).toEqual([
      'Line 1:94: evaluation of [WEIGHTED_AVG(v, w)] failed, treating result as null. Only first 20 failures recorded.',
      'Line 1:94: java.lang.IllegalArgumentException: single-value function encountered multi-value',
    ])
  })

  test("WeightedAvg.resolveType: VerifierTests' texts", async () => {
    const cases: [string, string][] = [
      [
        'row v = [1, 2, 3] | stats w_avg = weighted_avg(v, null)',
        'line 1:35: SECOND argument of [weighted_avg(v, null)] cannot be null or 0, received [null]',
      ],
      [
        'row v = [1, 2, 3], w = null | stats w_avg = weighted_avg(v, w)',
        'line 1:45: SECOND argument of [weighted_avg(v, w)] cannot be null or 0, received [null]',
      ],
      [
        'from employees | eval w = null + null |  stats w_avg = weighted_avg(salary, w)',
        'line 1:56: SECOND argument of [weighted_avg(salary, w)] cannot be null or 0, received [null]',
      ],
      [
        'row v = [1, 2, 3] | stats w_avg = weighted_avg(v, 0)',
        'line 1:35: SECOND argument of [weighted_avg(v, 0)] cannot be null or 0, received [0]',
      ],
      [
        'from employees | stats w_avg = weighted_avg(salary, 0.0)',
        'line 1:32: SECOND argument of [weighted_avg(salary, 0.0)] cannot be null or 0, received [0.0]',
      ],
      [
        'row v = "x" | stats weighted_avg(v, 1)',
        'line 1:21: first argument of [weighted_avg(v, 1)] must be [numeric except unsigned_long or counter types], ' +
          'found value [v] type [keyword]',
      ],
    ]
    for (const [query, line] of cases) expect((await esql(query)).body).toBe(problem(line))
  })
})

test('an unknown function is named as written, its suggestions in lower case', async () => {
  expect((await esql('FROM employees | STATS MEDIAN_ABSOLUTE_DEVIATON(salary)')).body).toBe(
    problem(
      'line 1:24: Unknown function [MEDIAN_ABSOLUTE_DEVIATON], did you mean any of [median_absolute_deviation, mv_median_absolute_deviation]?',
    ),
  )
})
