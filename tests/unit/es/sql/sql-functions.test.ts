// ES SQL's conditional, math and date/time functions, CASE, EXTRACT and INTERVAL arithmetic, against the outputs
// of ES 8.17's docs (docs/reference/sql/functions/*.asciidoc, their examples in docs.csv-spec) as whole txt and
// json responses, and the Verifier's and FunctionRegistry's messages for wrong arguments
// (VerifierErrorMessagesTests).
import { beforeEach, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { createLibrary, LIBRARY_BOOKS } from '../library-fixture.ts'

let node: TestNode
const BOOKS = LIBRARY_BOOKS.map((book) => ({ ...book, id: book.name }))

const sql = async (query: string, format = 'txt', extra: object = {}) =>
  (await node.send('POST', `/_sql?format=${format}`, { query, ...extra })).body

beforeEach(async () => {
  node = await startNode()
})

describe('conditional functions and CASE', () => {
  test('CASE in both forms, with and without ELSE', async () => {
    expect(
      await sql("SELECT CASE WHEN 1 > 2 THEN 'elastic' WHEN 2 <= 3 THEN 'search' END AS \"case\"", 'json'),
    ).toBe('{"columns":[{"name":"case","type":"keyword"}],"rows":[["search"]]}')
    expect(await sql("SELECT CASE WHEN 1 > 2 THEN 'elastic' WHEN 2 > 10 THEN 'search' END AS \"case\"")).toBe(
      '     case      \n---------------\nnull           \n',
    )
    expect(
      await sql(
        "SELECT CASE WHEN 1 > 2 THEN 'elastic' WHEN 2 > 10 THEN 'search' ELSE 'default' END AS \"case\"",
      ),
    ).toBe('     case      \n---------------\ndefault        \n')
    expect(
      await sql(
        "SELECT CASE 5 WHEN 1 THEN 'elastic' WHEN 2 THEN 'search' WHEN 5 THEN 'elasticsearch' END AS \"case\"",
      ),
    ).toBe('     case      \n---------------\nelasticsearch  \n')
    expect(
      await sql(
        "SELECT CASE 5 WHEN 1 THEN 'elastic' WHEN 2 THEN 'search' WHEN 3 THEN 'elasticsearch' ELSE 'default' END AS \"case\"",
      ),
    ).toBe('     case      \n---------------\ndefault        \n')
  })

  test('COALESCE, IFNULL, ISNULL, NVL, NULLIF, GREATEST, LEAST and IIF', async () => {
    expect(
      await sql(
        "SELECT COALESCE(null, 'elastic', 'search') AS c, IFNULL(null, 'search') AS i, NVL('elastic', null) AS n, " +
          "NULLIF('elastic', 'elastic') AS ni, GREATEST(null, 1, 2) AS g, LEAST(null, 2, 1) AS l, " +
          "IIF(1 < 2, 'TRUE', 'FALSE') AS r1, IIF(1 > 2, 'TRUE') AS r2, COALESCE(null, null) AS cn",
        'json',
      ),
    ).toBe(
      '{"columns":[{"name":"c","type":"keyword"},{"name":"i","type":"keyword"},{"name":"n","type":"keyword"},' +
        '{"name":"ni","type":"keyword"},{"name":"g","type":"integer"},{"name":"l","type":"integer"},' +
        '{"name":"r1","type":"keyword"},{"name":"r2","type":"keyword"},{"name":"cn","type":"null"}],' +
        '"rows":[["elastic","search","elastic",null,2,1,"TRUE",null,null]]}',
    )
  })

  test('CASE over a table column', async () => {
    await createLibrary(node, 'long', {}, BOOKS)
    expect(
      await sql(
        "SELECT name, CASE WHEN page_count > 550 THEN 'long' ELSE 'short' END AS size FROM library ORDER BY page_count",
      ),
    ).toBe(
      '     name      |     size      \n' +
        '---------------+---------------\n' +
        'Dune Messiah   |short          \n' +
        'Hyperion       |short          \n' +
        'Leviathan Wakes|long           \n' +
        'Dune           |long           \n',
    )
  })
})

describe('math functions', () => {
  test('the docs examples', async () => {
    expect(await sql('SELECT ABS(-123.5), ABS(55)')).toBe(
      '  ABS(-123.5)  |    ABS(55)    \n---------------+---------------\n123.5          |55             \n',
    )
    expect(await sql('SELECT CEIL(125.01), CEILING(-125.99), FLOOR(125.01), FLOOR(-125.99)', 'json')).toBe(
      '{"columns":[{"name":"CEIL(125.01)","type":"long"},{"name":"CEILING(-125.99)","type":"long"},' +
        '{"name":"FLOOR(125.01)","type":"long"},{"name":"FLOOR(-125.99)","type":"long"}],"rows":[[126,-125,125,-126]]}',
    )
    expect(
      await sql(
        'SELECT ROUND(-345.153, -1) AS r1, ROUND(-345.153, 1) AS r2, TRUNCATE(-345.153, -1) AS t1, TRUNC(-345.153, 1) AS t2',
      ),
    ).toBe(
      '      r1       |      r2       |      t1       |      t2       \n' +
        '---------------+---------------+---------------+---------------\n' +
        '-350.0         |-345.2         |-340.0         |-345.1         \n',
    )
    expect(
      await sql('SELECT SIGN(-123), SIGN(0), SIGN(415), POWER(3, 2), POWER(5, -2), MOD(7, 3)', 'json'),
    ).toBe(
      '{"columns":[{"name":"SIGN(-123)","type":"integer"},{"name":"SIGN(0)","type":"integer"},' +
        '{"name":"SIGN(415)","type":"integer"},{"name":"POWER(3, 2)","type":"double"},' +
        '{"name":"POWER(5, -2)","type":"double"},{"name":"MOD(7, 3)","type":"integer"}],"rows":[[-1,0,1,9.0,0.04,1]]}',
    )
    expect(await sql('SELECT EXP(1), E(), EXP(2), E() * E()')).toBe(
      '     EXP(1)      |       E()       |     EXP(2)     |    E() * E()     \n' +
        '-----------------+-----------------+----------------+------------------\n' +
        '2.718281828459045|2.718281828459045|7.38905609893065|7.3890560989306495\n',
    )
    expect(await sql('SELECT LOG10(5), LOG(5)/LOG(10), SQRT(25), PI()')).toBe(
      '     LOG10(5)     |  LOG(5)/LOG(10)  |   SQRT(25)    |      PI()       \n' +
        '------------------+------------------+---------------+-----------------\n' +
        '0.6989700043360189|0.6989700043360187|5.0            |3.141592653589793\n',
    )
    expect(
      await sql('SELECT RANDOM(123), DEGREES(PI() * 2), RADIANS(90), COSH(5), SINH(5), CBRT(-125.5)', 'json'),
    ).toBe(
      '{"columns":[{"name":"RANDOM(123)","type":"double"},{"name":"DEGREES(PI() * 2)","type":"double"},' +
        '{"name":"RADIANS(90)","type":"double"},{"name":"COSH(5)","type":"double"},{"name":"SINH(5)","type":"double"},' +
        '{"name":"CBRT(-125.5)","type":"double"}],' +
        '"rows":[[0.7231742029971469,360.0,1.5707963267948966,74.20994852478785,74.20321057778875,-5.0066577974783435]]}',
    )
  })
})

describe('date and time functions', () => {
  test('the datetime fields and EXTRACT', async () => {
    const ts = "CAST('2018-02-19T10:23:27Z' AS TIMESTAMP)"
    expect(
      await sql(
        `SELECT YEAR(${ts}) y, MONTH_OF_YEAR(${ts}) m, ISO_WEEK_OF_YEAR(${ts}) iw, DAY_OF_YEAR(${ts}) doy, ` +
          `EXTRACT(DAY_OF_YEAR FROM ${ts}) e, DAY_OF_MONTH(${ts}) dom, DAY_OF_WEEK(${ts}) dow, ISO_DAY_OF_WEEK(${ts}) idow, ` +
          `HOUR_OF_DAY(${ts}) h, MINUTE_OF_DAY(${ts}) mod, MINUTE_OF_HOUR(${ts}) mi, SECOND_OF_MINUTE(${ts}) s, ` +
          `QUARTER(${ts}) q, DAY_NAME(${ts}) dn, MONTH_NAME(${ts}) mn`,
        'json',
      ),
    ).toBe(
      '{"columns":[{"name":"y","type":"integer"},{"name":"m","type":"integer"},{"name":"iw","type":"integer"},' +
        '{"name":"doy","type":"integer"},{"name":"e","type":"integer"},{"name":"dom","type":"integer"},' +
        '{"name":"dow","type":"integer"},{"name":"idow","type":"integer"},{"name":"h","type":"integer"},' +
        '{"name":"mod","type":"integer"},{"name":"mi","type":"integer"},{"name":"s","type":"integer"},' +
        '{"name":"q","type":"integer"},{"name":"dn","type":"keyword"},{"name":"mn","type":"keyword"}],' +
        '"rows":[[2018,2,8,50,50,19,2,1,10,623,23,27,1,"Monday","February"]]}',
    )
    expect(
      await sql(
        "SELECT WEEK(CAST('1988-01-05T09:22:10Z' AS TIMESTAMP)) AS week, ISOWEEK(CAST('1988-01-05T09:22:10Z' AS TIMESTAMP)) AS isoweek",
      ),
    ).toBe(
      '     week      |    isoweek    \n---------------+---------------\n2              |1              \n',
    )
  })

  test('DATE_ADD, DATE_DIFF, DATE_PART and DATE_TRUNC', async () => {
    expect(
      await sql(
        "SELECT DATE_ADD('years', 10, '2019-09-04T11:22:33.000Z'::datetime) AS \"+10 years\", " +
          "DATE_ADD('week', 10, '2019-09-04T11:22:33.000Z'::datetime) AS w, " +
          "DATE_ADD('seconds', -1234, '2019-09-04T11:22:33.000Z'::datetime) AS s, " +
          "DATE_ADD('qq', -417, '2019-09-04'::date) AS q, DATE_ADD('minutes', 9235, '2019-09-04'::date) AS m",
        'json',
      ),
    ).toBe(
      '{"columns":[{"name":"+10 years","type":"datetime"},{"name":"w","type":"datetime"},{"name":"s","type":"datetime"},' +
        '{"name":"q","type":"datetime"},{"name":"m","type":"datetime"}],' +
        '"rows":[["2029-09-04T11:22:33.000Z","2019-11-13T11:22:33.000Z","2019-09-04T11:01:59.000Z",' +
        '"1915-06-04T00:00:00.000Z","2019-09-10T09:55:00.000Z"]]}',
    )
    expect(
      await sql(
        "SELECT DATE_DIFF('years', '2019-09-04T11:22:33.000Z'::datetime, '2032-09-04T22:33:11.000Z'::datetime) AS y, " +
          "DATE_DIFF('week', '2019-09-04T11:22:33.000Z'::datetime, '2016-12-08T22:33:11.000Z'::datetime) AS w, " +
          "DATEDIFF('hours', '2019-11-10T12:10:00.000Z'::datetime, '2019-11-10T23:59:59.999Z'::datetime) AS h, " +
          "DATEDIFF('minute', '2019-11-10T12:10:00.000Z'::datetime, '2019-11-10T12:15:59.999Z'::datetime) AS mi, " +
          "DATE_DIFF('seconds', '2019-09-04T11:22:33.123Z'::datetime, '2019-07-12T22:33:11.321Z'::datetime) AS s, " +
          "DATE_DIFF('qq', '2019-09-04'::date, '2025-04-25'::date) AS q, " +
          "DATE_DIFF('minutes', '2019-09-04'::date, '2015-08-17T22:33:11.567Z'::datetime) AS m",
        'json',
      ),
    ).toBe(
      '{"columns":[{"name":"y","type":"integer"},{"name":"w","type":"integer"},{"name":"h","type":"integer"},' +
        '{"name":"mi","type":"integer"},{"name":"s","type":"integer"},{"name":"q","type":"integer"},' +
        '{"name":"m","type":"integer"}],"rows":[[13,-143,11,5,-4625362,23,-2128407]]}',
    )
    expect(
      await sql(
        "SELECT DATE_PART('year', '2019-09-22T11:22:33.123Z'::datetime) AS years, " +
          "DATE_PART('week', '2019-09-22T11:22:33.123Z'::datetime) AS week, " +
          "DATE_PART('mi', '2019-09-04T11:22:33.123Z'::datetime) AS mins, " +
          "DATE_PART('quarters', CAST('2019-09-24' AS DATE)) AS quarter, DATE_PART('month', CAST('2019-09-24' AS DATE)) AS month",
      ),
    ).toBe(
      '     years     |     week      |     mins      |    quarter    |     month     \n' +
        '---------------+---------------+---------------+---------------+---------------\n' +
        '2019           |39             |22             |3              |9              \n',
    )
    expect(
      await sql(
        "SELECT DATE_TRUNC('millennium', '2019-09-04T11:22:33.123Z'::datetime) AS millennium, " +
          "DATETRUNC('week', '2019-08-24T11:22:33.123Z'::datetime) AS week, " +
          "DATE_TRUNC('mi', '2019-09-04T11:22:33.123Z'::datetime) AS mins, " +
          "DATE_TRUNC('decade', CAST('2019-09-04' AS DATE)) AS decades, " +
          "DATETRUNC('quarters', CAST('2019-09-04' AS DATE)) AS quarter",
        'json',
      ),
    ).toBe(
      '{"columns":[{"name":"millennium","type":"datetime"},{"name":"week","type":"datetime"},' +
        '{"name":"mins","type":"datetime"},{"name":"decades","type":"datetime"},{"name":"quarter","type":"datetime"}],' +
        '"rows":[["2000-01-01T00:00:00.000Z","2019-08-19T00:00:00.000Z","2019-09-04T11:22:00.000Z",' +
        '"2010-01-01T00:00:00.000Z","2019-07-01T00:00:00.000Z"]]}',
    )
  })

  test('NOW, CURRENT_TIMESTAMP, TODAY and INTERVAL arithmetic in WHERE', async () => {
    await createLibrary(node, 'long', {}, BOOKS)
    const now = node.clock.now()
    const body = JSON.parse(
      await sql('SELECT NOW() AS n, CURRENT_TIMESTAMP AS c, TODAY() AS t, CURRENT_DATE AS d', 'json'),
    ) as { columns: { type: string }[]; rows: string[][] }
    expect(body.columns.map((c) => c.type)).toEqual(['datetime', 'datetime', 'date', 'date'])
    expect(body.rows[0]![0]).toBe(new Date(now).toISOString())
    expect(body.rows[0]![2]).toBe(`${new Date(now).toISOString().slice(0, 10)}T00:00:00.000Z`)
    expect(
      await sql(
        'SELECT name, release_date + INTERVAL 1 YEAR AS next FROM library WHERE release_date > NOW() - INTERVAL 57 YEARS ' +
          "AND release_date < CAST('2000-01-01' AS DATETIME) - INTERVAL 1 MONTH ORDER BY release_date",
      ),
    ).toBe(
      '     name      |          next          \n' +
        '---------------+------------------------\n' +
        'Dune Messiah   |1970-10-15T00:00:00.000Z\n' +
        'Hyperion       |1990-05-26T00:00:00.000Z\n',
    )
  })
})

describe('_sql/translate', () => {
  test('a constant bound is folded into the range query', async () => {
    await createLibrary(node, 'long', {}, BOOKS)
    const response = await node.send('POST', '/_sql/translate', {
      query: 'SELECT name FROM library WHERE release_date > NOW() - INTERVAL 57 YEARS',
    })
    const bound = new Date(node.clock.now())
    bound.setUTCFullYear(bound.getUTCFullYear() - 57)
    expect(JSON.stringify((JSON.parse(response.body) as { query: unknown }).query)).toBe(
      `{"range":{"release_date":{"gt":"${bound.toISOString()}","time_zone":"Z",` +
        '"format":"strict_date_optional_time_nanos","boost":1}}}',
    )
  })
})

describe('Verifier and FunctionRegistry errors', () => {
  const error = async (query: string) => {
    const response = await node.send('POST', '/_sql?format=json', { query })
    const reason = (JSON.parse(response.body) as { error: { type: string; reason: string } }).error
    return `${response.status} ${reason.type}: ${reason.reason}`
  }

  beforeEach(async () => {
    await createLibrary(node, 'long', {}, BOOKS)
  })

  test('argument types', async () => {
    expect(await error("SELECT COS('foo')")).toBe(
      "400 verification_exception: Found 1 problem\nline 1:8: argument of [COS('foo')] must be [numeric], found value ['foo'] type [keyword]",
    )
    expect(await error("SELECT ROUND(1.2, 'bar'), LENGTH(SPACE(1)), LENGTH(1)")).toContain(
      "line 1:8: second argument of [ROUND(1.2, 'bar')] must be [integer], found value ['bar'] type [keyword]",
    )
    expect(await error("SELECT CONCAT('foo', 2), NOT 'foo', 1 OR true")).toBe(
      '400 verification_exception: Found 3 problems\n' +
        "line 1:8: second argument of [CONCAT('foo', 2)] must be [string], found value [2] type [integer]\n" +
        "line 1:26: argument of [NOT 'foo'] must be [boolean], found value ['foo'] type [keyword]\n" +
        'line 1:37: first argument of [1 OR true] must be [boolean], found value [1] type [integer]',
    )
    expect(await error('SELECT AVG(release_date) FROM library')).toBe(
      '400 verification_exception: Found 1 problem\nline 1:8: argument of [AVG(release_date)] must be [numeric], found value [release_date] type [datetime]',
    )
  })

  test('CASE, IIF and the conditionals', async () => {
    expect(
      await error(
        "SELECT CASE WHEN page_count = 1 THEN 'one' WHEN abs(page_count) THEN 'foo' END FROM library",
      ),
    ).toBe(
      "400 verification_exception: Found 1 problem\nline 1:8: condition of [WHEN abs(page_count) THEN 'foo'] must be [boolean], found value [abs(page_count)] type [long]",
    )
    expect(
      await error(
        "SELECT CASE WHEN page_count > 20 THEN 'foo' WHEN page_count > 10 THEN 10 ELSE 'bar' END FROM library",
      ),
    ).toContain(
      'line 1:8: result of [WHEN page_count > 10 THEN 10] must be [keyword], found value [10] type [integer]',
    )
    expect(
      await error("SELECT CASE WHEN page_count > 20 THEN 'foo' ELSE release_date END FROM library"),
    ).toContain(
      'line 1:8: ELSE clause of [release_date] must be [keyword], found value [release_date] type [datetime]',
    )
    expect(await error("SELECT IIF(page_count, 'one', 'zero') FROM library")).toContain(
      "line 1:8: first argument of [IIF(page_count, 'one', 'zero')] must be [boolean], found value [page_count] type [long]",
    )
    expect(await error("SELECT 1 = 1 OR COALESCE(null, 3, '4') > 1")).toContain(
      "line 1:17: 3rd argument of [COALESCE(null, 3, '4')] must be [integer], found value ['4'] type [keyword]",
    )
    expect(await error("SELECT 1 = 1 OR IFNULL(3, '4') > 1")).toContain(
      "line 1:17: 2nd argument of [IFNULL(3, '4')] must be [integer], found value ['4'] type [keyword]",
    )
  })

  test('date units, EXTRACT fields and intervals', async () => {
    expect(await error("SELECT DATE_ADD('dz', 1, release_date) FROM library")).toContain(
      "line 1:8: Unknown value ['dz'] for first argument of [DATE_ADD('dz', 1, release_date)]; did you mean [dd, dw, dy, d]?",
    )
    expect(await error("SELECT DATE_PART('dz', release_date) FROM library")).toContain(
      'did you mean [dd, tz, dw, dy, d]?',
    )
    expect(await error("SELECT DATE_TRUNC('millenioum', release_date) FROM library")).toContain(
      "line 1:8: Unknown value ['millenioum'] for first argument of [DATE_TRUNC('millenioum', release_date)]; did you mean [millennium, millennia]?",
    )
    expect(await error("SELECT DATE_DIFF('invalid', release_date, release_date) FROM library")).toContain(
      "line 1:8: first argument of [DATE_DIFF('invalid', release_date, release_date)] must be one of [YEAR, QUARTER, MONTH, " +
        'DAYOFYEAR, DAY, WEEK, WEEKDAY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, NANOSECOND] or their aliases; ' +
        "found value ['invalid']",
    )
    expect(await error("SELECT DATE_ADD('days', 1.2, release_date) FROM library")).toContain(
      "line 1:8: second argument of [DATE_ADD('days', 1.2, release_date)] must be [integer], found value [1.2] type [double]",
    )
    expect(
      await error('SELECT EXTRACT(DOP FROM release_date), EXTRACT(ABS FROM release_date) FROM library'),
    ).toBe(
      '400 verification_exception: Found 2 problems\n' +
        'line 1:8: Unknown datetime field [DOP], did you mean any of [DOM, DOW, DOY, IDOW]?\n' +
        'line 1:40: Invalid datetime field [ABS]. Use any datetime function.',
    )
    expect(await error('SELECT INTERVAL 1 DAY + 100')).toContain(
      'line 1:8: [+] has arguments with incompatible types [INTERVAL_DAY] and [INTEGER]',
    )
    expect(await error("SELECT INTERVAL 1 MONTH - CAST('2000-01-01' AS DATETIME)")).toContain(
      "line 1:8: Cannot subtract a datetime[CAST('2000-01-01' AS DATETIME)] from an interval[INTERVAL 1 MONTH]; do you mean the reverse?",
    )
  })

  test('argument counts fail as FunctionRegistry builds the function', async () => {
    expect(await error('SELECT ABS(1, 2)')).toBe(
      '400 parsing_exception: line 1:8: error building [ABS]: expects exactly one argument',
    )
    expect(await error('SELECT PI(1)')).toBe(
      '400 parsing_exception: line 1:8: error building [PI]: expects no arguments',
    )
    expect(await error("SELECT DATE_ADD('days', 1)")).toBe(
      '400 parsing_exception: line 1:8: error building [DATE_ADD]: expects three arguments',
    )
  })
})
