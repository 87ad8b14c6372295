// POST /_query through EsNode, against ES 8.17's documented outputs (esql-rest, esql-commands, the csv-spec
// tests): the txt table of TextFormatter, the JSON body (took, columns with ES|QL types, values; columnar;
// drop_null_columns with all_columns), csv and tsv, FROM's columns (multi-fields, metadata), STATS, SORT,
// the default LIMIT, Warning headers for multi-values, and the error bodies.
import { beforeEach, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { createLibrary, LIBRARY_BOOKS } from '../library-fixture.ts'

let node: TestNode

const esql = async (query: string, format = 'json', extra: object = {}) =>
  node.send('POST', `/_query?format=${format}`, { query, ...extra })

beforeEach(async () => {
  node = await startNode()
  const tags = [['space', 'scifi'], 'scifi', null, 'scifi']
  await createLibrary(
    node,
    'integer',
    { tags: { type: 'keyword' }, location: { type: 'geo_point' }, rating: { type: 'integer_range' } },
    LIBRARY_BOOKS.map((book, i) => ({
      ...book,
      id: String(i + 1),
      extra: tags[i] === null ? {} : { tags: tags[i] },
    })),
  )
})

describe('responses', () => {
  test('txt: the esql-rest example table', async () => {
    const response = await esql(
      'FROM library | KEEP author, name, page_count, release_date | SORT page_count DESC | LIMIT 3',
      'txt',
    )
    expect(response).toMatchObject({ status: 200, contentType: 'text/plain' })
    expect(response.body).toBe(
      '     author     |     name      |  page_count   |      release_date      \n' +
        '----------------+---------------+---------------+------------------------\n' +
        'Frank Herbert   |Dune           |604            |1965-06-01T00:00:00.000Z\n' +
        'James S.A. Corey|Leviathan Wakes|561            |2011-06-02T00:00:00.000Z\n' +
        'Dan Simmons     |Hyperion       |482            |1989-05-26T00:00:00.000Z\n',
    )
  })

  test('json: every mapped leaf in name order, multi-fields included, unsupported types null', async () => {
    const response = await esql('FROM library | WHERE name.keyword == "Dune"')
    expect(response.body).toBe(
      '{"took":0,"columns":[{"name":"author","type":"text"},{"name":"author.keyword","type":"keyword"},' +
        '{"name":"location","type":"geo_point"},{"name":"name","type":"text"},{"name":"name.keyword","type":"keyword"},' +
        '{"name":"page_count","type":"integer"},{"name":"rating","type":"unsupported"},{"name":"release_date","type":"date"},' +
        '{"name":"tags","type":"keyword"}],' +
        '"values":[["Frank Herbert","Frank Herbert",null,"Dune","Dune",604,null,"1965-06-01T00:00:00.000Z",null]]}',
    )
  })

  test('multi-values as arrays (keywords sorted as doc values), metadata columns, columnar', async () => {
    const rows = await esql(
      'FROM library METADATA _id, _index | WHERE page_count > 500 | KEEP _id, _index, tags | SORT _id',
    )
    expect(rows.body).toBe(
      '{"took":0,"columns":[{"name":"_id","type":"keyword"},{"name":"_index","type":"keyword"},{"name":"tags","type":"keyword"}],' +
        '"values":[["1","library",["scifi","space"]],["3","library",null]]}',
    )
    const columnar = await esql('FROM library | KEEP name, page_count | SORT page_count | LIMIT 2', 'json', {
      columnar: true,
    })
    expect(columnar.body).toBe(
      '{"took":0,"columns":[{"name":"name","type":"text"},{"name":"page_count","type":"integer"}],' +
        '"values":[["Dune Messiah","Hyperion"],[331,482]]}',
    )
  })

  test('multi-values read as doc values: keywords a sorted set, numbers sorted with duplicates; text in order', async () => {
    await node.send('PUT', '/mv', {
      mappings: { properties: { k: { type: 'keyword' }, n: { type: 'long' }, t: { type: 'text' } } },
    })
    await node.send('PUT', '/mv/_doc/1?refresh=true', { k: ['b', 'a', 'b'], n: [3, 1, 3], t: ['z', 'y'] })
    expect((await esql('FROM mv')).body).toBe(
      '{"took":0,"columns":[{"name":"k","type":"keyword"},{"name":"n","type":"long"},{"name":"t","type":"text"}],' +
        '"values":[[["a","b"],[1,3,3],["z","y"]]]}',
    )
  })

  test('txt prints a multi-value as a list; csv quotes and leaves null empty; tsv', async () => {
    const query = 'FROM library | EVAL t = CONCAT(name, ", ", author) | KEEP t, tags | SORT t | LIMIT 2'
    expect((await esql(query, 'txt')).body).toBe(
      '             t             |     tags      \n' +
        '---------------------------+---------------\n' +
        'Dune Messiah, Frank Herbert|scifi          \n' +
        'Dune, Frank Herbert        |null           \n',
    )
    expect((await esql(query, 'csv')).body).toBe(
      't,tags\r\n"Dune Messiah, Frank Herbert",scifi\r\n"Dune, Frank Herbert",\r\n',
    )
    expect((await esql(query, 'tsv')).body).toBe(
      't\ttags\nDune Messiah, Frank Herbert\tscifi\nDune, Frank Herbert\t\n',
    )
    const list = await esql('FROM library | WHERE page_count == 561 | KEEP tags', 'csv', {})
    expect(list.body).toBe('tags\r\n"[scifi, space]"\r\n')
    const semicolon = await node.send('POST', '/_query?format=csv&delimiter=%3B', {
      query: 'ROW a = 1, b = "x;y"',
    })
    expect(semicolon.body).toBe('a;b\r\n1;"x;y"\r\n')
  })

  test('drop_null_columns: all_columns first, then the columns with a value', async () => {
    const response = await node.send('POST', '/_query?drop_null_columns', {
      query: 'FROM library | WHERE page_count == 604 | KEEP name, tags',
    })
    expect(response.body).toBe(
      '{"took":0,"all_columns":[{"name":"name","type":"text"},{"name":"tags","type":"keyword"}],' +
        '"columns":[{"name":"name","type":"text"}],"values":[["Dune"]]}',
    )
  })

  test('params and filter', async () => {
    const response = await esql(
      'FROM library | WHERE page_count > ? AND author == ?author | KEEP name',
      'json',
      {
        params: [500, { author: 'Frank Herbert' }],
        filter: { range: { release_date: { lte: '1970-01-01' } } },
      },
    )
    expect(response.body).toBe('{"took":0,"columns":[{"name":"name","type":"text"}],"values":[["Dune"]]}')
  })

  test('no LIMIT keeps the first 1000 rows; LIMIT up to 10000', async () => {
    const values = Array.from({ length: 1200 }, (_, i) => i).join(', ')
    const all = await esql(`ROW a = [${values}] | MV_EXPAND a | STATS c = COUNT(*)`)
    expect(all.body).toContain('"values":[[1200]]')
    const cut = await esql(`ROW a = [${values}] | MV_EXPAND a`, 'csv')
    expect(cut.body.split('\r\n')).toHaveLength(1002)
    const limited = await esql(`ROW a = [${values}] | MV_EXPAND a | LIMIT 20000`, 'csv')
    expect(limited.body.split('\r\n')).toHaveLength(1202)
  })
})

describe('commands', () => {
  test('STATS: aggregates then groups, a multi-valued key in each of its groups, nulls grouped', async () => {
    const response = await esql(
      'FROM library | STATS books = COUNT(*), pages = SUM(page_count), avg = AVG(page_count) BY tags | SORT tags',
      'txt',
    )
    expect(response.body).toBe(
      '     books     |     pages     |      avg      |     tags      \n' +
        '---------------+---------------+---------------+---------------\n' +
        '3              |1374           |458.0          |scifi          \n' +
        '1              |561            |561.0          |space          \n' +
        '1              |604            |604.0          |null           \n',
    )
  })

  test('STATS without BY; MEDIAN, PERCENTILE, MIN, MAX, COUNT_DISTINCT, COUNT of the values of a field', async () => {
    const response = await esql(
      'FROM library | STATS m = MEDIAN(page_count), p = PERCENTILE(page_count, 25), lo = MIN(release_date), ' +
        'hi = MAX(page_count), d = COUNT_DISTINCT(author.keyword), n = COUNT(tags)',
    )
    expect(response.body).toBe(
      '{"took":0,"columns":[{"name":"m","type":"double"},{"name":"p","type":"double"},{"name":"lo","type":"date"},' +
        '{"name":"hi","type":"integer"},{"name":"d","type":"long"},{"name":"n","type":"long"}],' +
        '"values":[[521.5,444.25,"1965-06-01T00:00:00.000Z",604,3,4]]}',
    )
  })

  test('SORT NULLS FIRST, DROP, RENAME, EVAL replacing a column', async () => {
    const response = await esql(
      'FROM library | KEEP name, tags, page_count | SORT tags NULLS FIRST, page_count | DROP name | ' +
        'RENAME page_count AS pages | EVAL pages = pages / 100',
      'csv',
    )
    expect(response.body).toBe('tags,pages\r\n,6\r\nscifi,3\r\nscifi,4\r\n"[scifi, space]",5\r\n')
  })

  test('DISSECT and GROK add columns; date functions', async () => {
    const response = await esql(
      'FROM library | WHERE page_count > 600 | DISSECT author "%{first} %{last}" | ' +
        'GROK name "%{WORD:word}" | EVAL year = DATE_EXTRACT("year", release_date), ' +
        'decade = DATE_TRUNC(10 years, release_date), f = DATE_FORMAT("dd MMM yyyy", release_date) | ' +
        'KEEP first, last, word, year, decade, f',
    )
    expect(response.body).toBe(
      '{"took":0,"columns":[{"name":"first","type":"keyword"},{"name":"last","type":"keyword"},' +
        '{"name":"word","type":"keyword"},{"name":"year","type":"long"},{"name":"decade","type":"date"},' +
        '{"name":"f","type":"keyword"}],' +
        '"values":[["Frank","Herbert","Dune",1965,"1960-01-01T00:00:00.000Z","01 Jun 1965"]]}',
    )
  })

  test('DATE_FORMAT and DATE_PARSE take any java.time pattern of the DateFormatter', async () => {
    const response = await esql(
      'ROW d = TO_DATETIME("2024-03-05T14:07:09.123Z") | EVAL a = DATE_FORMAT("EEEE, MMM d yyyy HH:mm", d), ' +
        'b = DATE_PARSE("dd/MM/yyyy", "05/03/2024"), c = DATE_FORMAT("yy-DDD", d), e = DATE_PARSE("yyyy", "x") | ' +
        'KEEP a, b, c, e',
    )
    expect(JSON.parse(response.body)).toMatchObject({
      values: [['Tuesday, Mar 5 2024 14:07', '2024-03-05T00:00:00.000Z', '24-065', null]],
    })
  })

  test('BUCKET: a span, or a span picked for at most N buckets over a range (monthly for 20 over a year)', async () => {
    const response = await esql(
      'ROW d = TO_DATETIME("1985-07-09T10:20:30Z"), n = 1234 | EVAL m = BUCKET(d, 20, "1985-01-01T00:00:00Z", ' +
        '"1986-01-01T00:00:00Z"), w = BUCKET(d, 100, "1985-01-01T00:00:00Z", "1986-01-01T00:00:00Z"), ' +
        'h = BUCKET(d, 1 hour), x = BUCKET(n, 20, 0, 5000), y = BUCKET(n, 100.0) | KEEP m, w, h, x, y',
    )
    expect(response.body).toBe(
      '{"took":0,"columns":[{"name":"m","type":"date"},{"name":"w","type":"date"},{"name":"h","type":"date"},' +
        '{"name":"x","type":"double"},{"name":"y","type":"double"}],' +
        '"values":[["1985-07-01T00:00:00.000Z","1985-07-08T00:00:00.000Z","1985-07-09T10:00:00.000Z",1000.0,1200.0]]}',
    )
  })

  test('ROW, CASE, COALESCE, string, math and conversion functions', async () => {
    const response = await esql(
      'ROW a = 7, s = " Hello ", n = null | EVAL b = CASE(a > 5, "big", "small"), c = COALESCE(n, a), ' +
        't = TRIM(s), u = TO_UPPER(t), l = LENGTH(t), sub = SUBSTRING(t, 2, 3), r = ROUND(a / 2.0), ' +
        'p = POW(2, 10), str = TO_STRING(1.5), d = TO_DATETIME("2024-01-02"), i = a IN (1, 7), k = t LIKE "H*o"',
    )
    expect(response.body).toBe(
      '{"took":0,"columns":[{"name":"a","type":"integer"},{"name":"s","type":"keyword"},{"name":"n","type":"null"},' +
        '{"name":"b","type":"keyword"},{"name":"c","type":"integer"},{"name":"t","type":"keyword"},' +
        '{"name":"u","type":"keyword"},{"name":"l","type":"integer"},{"name":"sub","type":"keyword"},' +
        '{"name":"r","type":"double"},{"name":"p","type":"double"},{"name":"str","type":"keyword"},' +
        '{"name":"d","type":"date"},{"name":"i","type":"boolean"},{"name":"k","type":"boolean"}],' +
        '"values":[[7," Hello ",null,"big",7,"Hello","HELLO",5,"ell",4.0,1024.0,"1.5","2024-01-02T00:00:00.000Z",true,true]]}',
    )
  })

  test('DATE_DIFF in fixed and calendar units; MV functions', async () => {
    const response = await esql(
      'ROW a = TO_DATETIME("2023-01-31T10:00:00Z"), b = TO_DATETIME("2024-03-01T09:00:00Z"), v = [3, 1, 2] | ' +
        'EVAL days = DATE_DIFF("days", a, b), months = DATE_DIFF("month", a, b), years = DATE_DIFF("year", a, b), ' +
        'c = MV_COUNT(v), lo = MV_MIN(v), s = MV_SUM(v), j = MV_CONCAT(TO_STRING(v), "-") | DROP a, b, v',
    )
    expect(response.body).toBe(
      '{"took":0,"columns":[{"name":"days","type":"integer"},{"name":"months","type":"integer"},' +
        '{"name":"years","type":"integer"},{"name":"c","type":"integer"},{"name":"lo","type":"integer"},' +
        '{"name":"s","type":"integer"},{"name":"j","type":"keyword"}],"values":[[394,13,1,3,1,6,"3-1-2"]]}',
    )
  })

  test('SHOW INFO', async () => {
    expect((await esql('SHOW INFO')).body).toBe(
      '{"took":0,"columns":[{"name":"version","type":"keyword"},{"name":"date","type":"keyword"},' +
        '{"name":"hash","type":"keyword"}],' +
        '"values":[["8.17.0","2024-12-11T12:08:05.663969764Z","2b6a7fed44faa321997703718f07ee0420804b41"]]}',
    )
  })
})

describe('warnings', () => {
  test('a single-value function on a multi-value is null with the Warning header', async () => {
    const response = await esql(
      'FROM library | EVAL l = LENGTH(tags) | KEEP name, l | SORT name.keyword | LIMIT 1',
      'json',
      {},
    )
    expect(response.warnings).toBeUndefined()
    const multi = await esql('FROM library | WHERE page_count == 561 | EVAL l = LENGTH(tags) | KEEP l')
    expect(multi.body).toBe('{"took":0,"columns":[{"name":"l","type":"integer"}],"values":[[null]]}')
    expect(multi.warnings).toEqual([
      'Line 1:51: evaluation of [LENGTH(tags)] failed, treating result as null. Only first 20 failures recorded.',
      'Line 1:51: java.lang.IllegalArgumentException: single-value function encountered multi-value',
    ])
  })

  test('a pushed-down comparison still drops a multi-valued row with the warning', async () => {
    const response = await esql('FROM library | WHERE tags == "scifi" | SORT name.keyword | KEEP name')
    expect(response.body).toBe(
      '{"took":0,"columns":[{"name":"name","type":"text"}],"values":[["Dune Messiah"],["Hyperion"]]}',
    )
    expect(response.warnings).toEqual([
      'Line 1:22: evaluation of [tags == "scifi"] failed, treating result as null. Only first 20 failures recorded.',
      'Line 1:22: java.lang.IllegalArgumentException: single-value function encountered multi-value',
    ])
  })

  test('integer overflow and division by zero', async () => {
    const response = await esql('ROW a = 2147483647 | EVAL b = a + 1, c = a / 0')
    expect(response.body).toBe(
      '{"took":0,"columns":[{"name":"a","type":"integer"},{"name":"b","type":"integer"},{"name":"c","type":"integer"}],' +
        '"values":[[2147483647,null,null]]}',
    )
    expect(response.warnings).toEqual([
      'Line 1:31: evaluation of [a + 1] failed, treating result as null. Only first 20 failures recorded.',
      'Line 1:31: java.lang.ArithmeticException: integer overflow',
      'Line 1:42: evaluation of [a / 0] failed, treating result as null. Only first 20 failures recorded.',
      'Line 1:42: java.lang.ArithmeticException: / by zero',
    ])
  })
})

describe('errors', () => {
  const error = (type: string, reason: string) =>
    JSON.stringify({ error: { root_cause: [{ type, reason }], type, reason }, status: 400 })

  test('parsing_exception: an unknown source or processing command', async () => {
    const source = await esql('FORM library')
    expect(source.status).toBe(400)
    expect(source.body).toBe(
      error(
        'parsing_exception',
        "line 1:1: mismatched input 'FORM' expecting {'explain', 'from', 'row', 'show'}",
      ),
    )
    expect((await esql('FROM library | SELECT name')).body).toBe(
      error(
        'parsing_exception',
        "line 1:16: mismatched input 'SELECT' expecting {'dissect', 'drop', 'enrich', 'eval', 'grok', 'keep', " +
          "'limit', 'mv_expand', 'rename', 'sort', 'stats', 'where'}",
      ),
    )
  })

  test('verification_exception: every problem, with positions', async () => {
    const response = await esql('FROM library | WHERE nme == "Dune" | EVAL x = lenth(name), y = name + 1')
    expect(response.body).toBe(
      error(
        'verification_exception',
        'Found 3 problems\n' +
          'line 1:22: Unknown column [nme], did you mean [name]?\n' +
          'line 1:47: Unknown function [lenth], did you mean any of [length, left, bit_length]?\n' +
          'line 1:64: [+] has arguments with incompatible types [text] and [integer]',
      ),
    )
    expect((await esql('FROM library | WHERE page_count > "x" | STATS c = COUNT(*) BY nope')).body).toBe(
      error(
        'verification_exception',
        'Found 2 problems\n' +
          'line 1:22: first argument of [page_count > "x"] is [numeric] so second argument must also be [numeric] but was [keyword]\n' +
          'line 1:63: Unknown column [nope], did you mean [name]?',
      ),
    )
    expect((await esql('FROM library | WHERE LENGTH(page_count) > 1')).body).toBe(
      error(
        'verification_exception',
        'Found 1 problem\nline 1:22: argument of [LENGTH(page_count)] must be [string], found value [page_count] type [integer]',
      ),
    )
    expect((await esql('FROM library | EVAL c = COUNT(*)')).body).toBe(
      error(
        'verification_exception',
        'Found 1 problem\nline 1:25: aggregate function [COUNT(*)] not allowed outside STATS command',
      ),
    )
  })

  test('an unknown index; a missing query; an unknown field; a bad format', async () => {
    expect((await esql('FROM nope | LIMIT 1')).body).toBe(
      error('verification_exception', 'Found 1 problem\nline 1:1: Unknown index [nope]'),
    )
    const missing = await node.send('POST', '/_query', { columnar: true })
    expect(missing.body).toBe(
      error('action_request_validation_exception', 'Validation Failed: 1: [query] is required;'),
    )
    const unknown = await node.send('POST', '/_query', '{"query":"ROW a = 1","size":1}')
    expect((JSON.parse(unknown.body) as { error: { reason: string } }).error.reason).toBe(
      '[1:22] [esql/query] unknown field [size]',
    )
    expect((await esql('ROW a = 1', 'txt', { columnar: true })).body).toBe(
      error(
        'illegal_argument_exception',
        'Invalid use of [columnar] argument: cannot be used in combination with [txt, csv, tsv] formats',
      ),
    )
  })
})
