// _sql, _sql/translate and _sql/close through EsNode, against ES 8.17's documented outputs: the txt table
// of BasicFormatter (columns at least 15 wide, names centred, `-`/`+` rule, values padded, `~` when cut),
// the json body (columns with ES SQL types, rows, cursor), columnar values, csv (CRLF, quoting) and tsv,
// cursor paging (later pages have no header or columns, the last one no cursor) and the Verifier's errors.
import { beforeEach, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { createLibrary, LIBRARY_BOOKS } from '../library-fixture.ts'

let node: TestNode

const sql = async (query: string, format = 'txt', extra: object = {}) =>
  node.send('POST', `/_sql?format=${format}`, { query, ...extra })

beforeEach(async () => {
  node = await startNode()
  const ratings = [4.5, 4, 4.25, null]
  await createLibrary(
    node,
    'long',
    { rating: { type: 'double' } },
    LIBRARY_BOOKS.map((book, i) => ({
      ...book,
      id: book.name,
      extra: ratings[i] === null ? {} : { rating: ratings[i] },
    })),
  )
})

describe('SELECT', () => {
  test('txt: the table, datetimes in ISO form, null printed as null', async () => {
    const response = await sql(
      'SELECT name, rating, release_date FROM library WHERE page_count < 600 ORDER BY name.keyword',
    )
    expect(response).toMatchObject({ status: 200, contentType: 'text/plain' })
    expect(response.body).toBe(
      '     name      |    rating     |      release_date      \n' +
        '---------------+---------------+------------------------\n' +
        'Dune Messiah   |null           |1969-10-15T00:00:00.000Z\n' +
        'Hyperion       |4.0            |1989-05-26T00:00:00.000Z\n' +
        'Leviathan Wakes|4.5            |2011-06-02T00:00:00.000Z\n',
    )
  })

  test('json: columns with ES SQL types, then rows', async () => {
    const response = await sql("SELECT author, page_count, rating FROM library WHERE name = 'Dune'", 'json')
    expect(response.body).toBe(
      '{"columns":[{"name":"author","type":"text"},{"name":"page_count","type":"long"},{"name":"rating","type":"double"}],' +
        '"rows":[["Frank Herbert",604,4.25]]}',
    )
  })

  test('columnar json: one array per column', async () => {
    const response = await sql('SELECT name, page_count FROM library ORDER BY page_count LIMIT 2', 'json', {
      columnar: true,
    })
    expect(response.body).toBe(
      '{"columns":[{"name":"name","type":"text"},{"name":"page_count","type":"long"}],"values":[["Dune Messiah","Hyperion"],[331,482]]}',
    )
  })

  test('csv quotes what needs it and ends rows in CRLF; tsv uses tabs and LF; null is empty', async () => {
    const query =
      "SELECT CONCAT(name, ', a novel') AS title, rating FROM library WHERE author = 'Frank Herbert' ORDER BY page_count"
    expect((await sql(query, 'csv')).body).toBe(
      'title,rating\r\n"Dune Messiah, a novel",\r\n"Dune, a novel",4.25\r\n',
    )
    expect((await sql(query, 'tsv')).body).toBe(
      'title\trating\nDune Messiah, a novel\t\nDune, a novel\t4.25\n',
    )
    expect((await node.send('POST', '/_sql?format=csv&delimiter=%3B&header=absent', { query })).body).toBe(
      'Dune Messiah, a novel;\r\nDune, a novel;4.25\r\n',
    )
  })

  test('expressions, functions and a WHERE the query cannot express', async () => {
    const response = await sql(
      'SELECT UCASE(name) AS n, page_count / 100 AS hundreds, YEAR(release_date) AS y, LENGTH(author) FROM library ' +
        'WHERE YEAR(release_date) > 1980 ORDER BY y',
    )
    expect(response.body).toBe(
      '       n       |   hundreds    |       y       |LENGTH(author) \n' +
        '---------------+---------------+---------------+---------------\n' +
        'HYPERION       |4              |1989           |11             \n' +
        'LEVIATHAN WAKES|5              |2011           |16             \n',
    )
  })

  test('GROUP BY with COUNT, AVG, SUM, MIN, MAX and HAVING; groups in key order', async () => {
    const response = await sql(
      'SELECT author, COUNT(*) c, AVG(page_count) avg, SUM(page_count) s, MAX(release_date) latest FROM library ' +
        'GROUP BY author HAVING COUNT(*) >= 1 ORDER BY author',
    )
    expect(response.body).toBe(
      '     author     |       c       |      avg      |       s       |         latest         \n' +
        '----------------+---------------+---------------+---------------+------------------------\n' +
        'Dan Simmons     |1              |482.0          |482            |1989-05-26T00:00:00.000Z\n' +
        'Frank Herbert   |2              |467.5          |935            |1969-10-15T00:00:00.000Z\n' +
        'James S.A. Corey|1              |561.0          |561            |2011-06-02T00:00:00.000Z\n',
    )
    const json = await sql('SELECT COUNT(*), COUNT(rating), COUNT(DISTINCT author) FROM library', 'json')
    expect(json.body).toBe(
      '{"columns":[{"name":"COUNT(*)","type":"long"},{"name":"COUNT(rating)","type":"long"},' +
        '{"name":"COUNT(DISTINCT author)","type":"long"}],"rows":[[4,3,3]]}',
    )
  })

  test('params fill the ? placeholders', async () => {
    const response = await sql('SELECT name FROM library WHERE page_count > ? AND author = ?', 'json', {
      params: [500, 'James S.A. Corey'],
    })
    expect(response.body).toBe('{"columns":[{"name":"name","type":"text"}],"rows":[["Leviathan Wakes"]]}')
  })

  test('time_zone: datetimes print in the zone', async () => {
    const response = await sql("SELECT release_date FROM library WHERE name = 'Dune'", 'json', {
      time_zone: '+01:00',
    })
    expect(response.body).toBe(
      '{"columns":[{"name":"release_date","type":"datetime"}],"rows":[["1965-06-01T01:00:00.000+01:00"]]}',
    )
  })
})

describe('cursors', () => {
  test('pages of fetch_size; later pages keep the txt widths without a header; the last has no cursor', async () => {
    const first = await sql('SELECT name FROM library ORDER BY page_count', 'txt', { fetch_size: 3 })
    expect(first.body).toBe(
      '     name      \n---------------\nDune Messiah   \nHyperion       \nLeviathan Wakes\n',
    )
    const json = await sql('SELECT name FROM library ORDER BY page_count', 'json', { fetch_size: 3 })
    const cursor = (JSON.parse(json.body) as { cursor: string }).cursor
    expect(typeof cursor).toBe('string')
    const next = await node.send('POST', '/_sql?format=json', { cursor })
    expect(next.body).toBe('{"rows":[["Dune"]]}')
    const closed = await node.send('POST', '/_sql/close', { cursor })
    expect(closed.body).toBe('{"succeeded":false}')
  })

  test('_sql/close frees an open cursor', async () => {
    const json = await sql('SELECT name FROM library', 'json', { fetch_size: 1 })
    const cursor = (JSON.parse(json.body) as { cursor: string }).cursor
    expect((await node.send('POST', '/_sql/close', { cursor })).body).toBe('{"succeeded":true}')
  })
})

describe('SHOW and DESCRIBE', () => {
  test('SHOW TABLES lists aliases as views; LIKE and index patterns filter', async () => {
    await node.send('PUT', '/books')
    await node.send('POST', '/_aliases', { actions: [{ add: { index: 'library', alias: 'catalogue' } }] })
    const all = await sql('SHOW TABLES', 'csv')
    expect(all.body).toBe(
      'catalog,name,type,kind\r\ndocker-cluster,books,TABLE,INDEX\r\ndocker-cluster,catalogue,VIEW,ALIAS\r\n' +
        'docker-cluster,library,TABLE,INDEX\r\n',
    )
    expect((await sql("SHOW TABLES LIKE 'b%'", 'csv')).body).toBe(
      'catalog,name,type,kind\r\ndocker-cluster,books,TABLE,INDEX\r\n',
    )
    expect((await sql('SHOW TABLES "*,-b*"', 'csv')).body).toBe(
      'catalog,name,type,kind\r\ndocker-cluster,catalogue,VIEW,ALIAS\r\ndocker-cluster,library,TABLE,INDEX\r\n',
    )
  })

  test('DESCRIBE: every field with its JDBC type and ES SQL type', async () => {
    expect((await sql('DESCRIBE library', 'tsv')).body).toBe(
      'column\ttype\tmapping\nauthor\tVARCHAR\ttext\nauthor.keyword\tVARCHAR\tkeyword\nname\tVARCHAR\ttext\n' +
        'name.keyword\tVARCHAR\tkeyword\npage_count\tBIGINT\tlong\nrating\tDOUBLE\tdouble\nrelease_date\tTIMESTAMP\tdatetime\n',
    )
  })

  test('SHOW FUNCTIONS LIKE', async () => {
    expect((await sql("SHOW FUNCTIONS LIKE 'CO%'", 'csv')).body).toBe(
      'name,type\r\nCOUNT,AGGREGATE\r\nCOALESCE,SCALAR\r\nCOS,SCALAR\r\nCOSH,SCALAR\r\nCOT,SCALAR\r\nCONCAT,SCALAR\r\n',
    )
  })

  test('SHOW TABLES', async () => {
    expect((await sql('SHOW TABLES')).body).toBe(
      '    catalog    |     name      |     type      |     kind      \n' +
        '---------------+---------------+---------------+---------------\n' +
        'docker-cluster |library        |TABLE          |INDEX          \n',
    )
  })
})

describe('_sql/translate', () => {
  test('a grouped SELECT is a composite aggregation', async () => {
    const response = await node.send('POST', '/_sql/translate', {
      query: "SELECT author, AVG(page_count) FROM library WHERE name LIKE 'Dune%' GROUP BY author",
    })
    expect(response.body).toBe(
      '{"size":0,"query":{"wildcard":{"name.keyword":{"wildcard":"Dune*","boost":1.0}}},"_source":false,"track_total_hits":-1,' +
        '"aggregations":{"groupby":{"composite":{"size":1000,"sources":[{"author":{"terms":{"field":"author.keyword","missing_bucket":true,"order":"asc"}}}]},' +
        '"aggregations":{"AVG(page_count)":{"avg":{"field":"page_count"}}}}}}',
    )
  })

  test('two bounds on one field are one range; dates carry time_zone and format', async () => {
    const response = await node.send('POST', '/_sql/translate', {
      query:
        "SELECT name FROM library WHERE release_date >= '1960-01-01' AND release_date < '1970-01-01' ORDER BY name.keyword LIMIT 5",
    })
    expect(response.body).toBe(
      '{"size":5,"query":{"range":{"release_date":{"gte":"1960-01-01T00:00:00.000Z","lt":"1970-01-01T00:00:00.000Z",' +
        '"time_zone":"Z","format":"strict_date_optional_time_nanos","boost":1.0}}},"_source":false,' +
        '"fields":[{"field":"name"}],' +
        '"sort":[{"name.keyword":{"order":"asc","missing":"_last","unmapped_type":"keyword"}}],"track_total_hits":-1}',
    )
    expect(
      (
        await sql(
          "SELECT name FROM library WHERE release_date >= '1960-01-01' AND release_date < '1970-01-01' ORDER BY name.keyword",
        )
      ).body,
    ).toBe('     name      \n---------------\nDune           \nDune Messiah   \n')
  })

  test('COUNT(*) of the table tracks total hits; `filter` joins the query as a bool filter', async () => {
    const response = await node.send('POST', '/_sql/translate', {
      query: 'SELECT COUNT(*) FROM library WHERE page_count > 400',
      filter: { term: { 'author.keyword': 'Frank Herbert' } },
    })
    expect(response.body).toBe(
      '{"size":0,"query":{"bool":{"must":[{"range":{"page_count":{"gt":400,"boost":1.0}}}],' +
        '"filter":[{"term":{"author.keyword":"Frank Herbert"}}],"adjust_pure_negative":true,"boost":1.0}},' +
        '"_source":false,"track_total_hits":2147483647}',
    )
    const counted = await node.send('POST', '/_sql?format=txt', {
      query: 'SELECT COUNT(*) FROM library WHERE page_count > 400',
      filter: { term: { 'author.keyword': 'Frank Herbert' } },
    })
    expect(counted.body).toBe('   COUNT(*)    \n---------------\n1              \n')
  })

  test('bool queries and an unordered SELECT sorted by _doc', async () => {
    const response = await node.send('POST', '/_sql/translate', {
      query: 'SELECT name FROM library WHERE page_count >= 400 AND NOT rating IS NULL',
    })
    expect(response.body).toBe(
      '{"size":1000,"query":{"bool":{"must":[{"range":{"page_count":{"gte":400,"boost":1.0}}},' +
        '{"exists":{"field":"rating","boost":1.0}}],' +
        '"adjust_pure_negative":true,"boost":1.0}},"_source":false,"fields":[{"field":"name"}],' +
        '"sort":[{"_doc":{"order":"asc"}}],"track_total_hits":-1}',
    )
  })
})

describe('errors', () => {
  test('every Verifier failure at once, with hints', async () => {
    const response = await sql(
      'SELECT nme, pages FROM library WHERE AVG(page_count) > 1 ORDER BY xyz',
      'json',
    )
    expect(response.status).toBe(400)
    expect(JSON.parse(response.body)).toEqual({
      error: {
        root_cause: [
          {
            type: 'verification_exception',
            reason:
              'Found 3 problems\nline 1:8: Unknown column [nme], did you mean [name]?\nline 1:13: Unknown column [pages]\n' +
              'line 1:67: Unknown column [xyz]',
          },
        ],
        type: 'verification_exception',
        reason:
          'Found 3 problems\nline 1:8: Unknown column [nme], did you mean [name]?\nline 1:13: Unknown column [pages]\n' +
          'line 1:67: Unknown column [xyz]',
      },
      status: 400,
    })
  })

  test.each([
    [
      'SELECT COONT(*) FROM library',
      'Found 1 problem\nline 1:8: Unknown function [COONT], did you mean any of [COUNT, COT, CONCAT]?',
    ],
    ['SELECT * FROM missing', 'Found 1 problem\nline 1:15: Unknown index [missing]'],
    [
      'SELECT name FROM library WHERE MAX(page_count) > 1',
      'Found 1 problem\nline 1:32: Cannot use WHERE filtering on aggregate function [MAX(page_count)], use HAVING instead',
    ],
    [
      'SELECT name, COUNT(*) FROM library GROUP BY author',
      'Found 1 problem\nline 1:8: Cannot use non-grouped column [name], expected [author]',
    ],
    [
      'SELECT name, SCORE(), COUNT(*) FROM library GROUP BY author ORDER BY page_count',
      'Found 2 problems\nline 1:8: Cannot use non-grouped columns [name, SCORE()], expected [author]\n' +
        'line 1:70: Cannot order by non-grouped column [page_count], expected [author]',
    ],
  ])('%s', async (query, reason) => {
    const response = await sql(query, 'json')
    expect(response.status).toBe(400)
    expect((JSON.parse(response.body) as { error: { reason: string } }).error.reason).toBe(reason)
  })

  test('no body', async () => {
    const response = await node.send('POST', '/_sql?format=txt')
    expect(response.status).toBe(400)
    expect((JSON.parse(response.body) as { error: { type: string; reason: string } }).error).toMatchObject({
      type: 'parse_exception',
      reason: 'request body or source parameter is required',
    })
  })

  test('an unknown request field and a missing query', async () => {
    const unknown = await node.send('POST', '/_sql', { query: 'SELECT 1', size: 3 })
    expect(unknown.status).toBe(400)
    expect((JSON.parse(unknown.body) as { error: { reason: string } }).error.reason).toBe(
      '[1:21] [sql/query] unknown field [size]',
    )
    const missing = await node.send('POST', '/_sql', { fetch_size: 3 })
    expect((JSON.parse(missing.body) as { error: { reason: string } }).error.reason).toBe(
      'Validation Failed: 1: one of [query] or [cursor] is required;',
    )
  })
})

describe('without a table', () => {
  test('SELECT of expressions answers one row', async () => {
    const response = await sql("SELECT 1 + 2 * 3 AS n, UCASE('abc'), 7 / 2, 7 / 2.0", 'json')
    expect(response.body).toBe(
      '{"columns":[{"name":"n","type":"integer"},{"name":"UCASE(\'abc\')","type":"keyword"},' +
        '{"name":"7 / 2","type":"integer"},{"name":"7 / 2.0","type":"double"}],"rows":[[7,"ABC",3,3.5]]}',
    )
  })
})

describe('formats', () => {
  test('an unknown format and columnar text are refused before the statement runs', async () => {
    const unknown = await node.send('POST', '/_sql?format=xml', { query: 'SELECT nope FROM nowhere' })
    expect(unknown.status).toBe(400)
    expect((JSON.parse(unknown.body) as { error: { type: string; reason: string } }).error).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'Invalid request content type: Accept=[null], Content-Type=[application/json], format=[xml]',
    })
    const columnar = await node.send('POST', '/_sql?format=txt', { query: 'SELECT 1', columnar: true })
    expect((JSON.parse(columnar.body) as { error: { reason: string } }).error.reason).toBe(
      'Invalid use of [columnar] argument: cannot be used in combination with txt, csv or tsv formats',
    )
  })
})

describe('HISTOGRAM', () => {
  test('of a datetime by a one-year INTERVAL: calendar years, a date_histogram source', async () => {
    const query =
      'SELECT HISTOGRAM(release_date, INTERVAL 1 YEAR) AS y, COUNT(*) AS c FROM library ' +
      "WHERE author = 'Frank Herbert' GROUP BY y"
    expect((await sql(query)).body).toBe(
      '           y            |       c       \n' +
        '------------------------+---------------\n' +
        '1965-01-01T00:00:00.000Z|1              \n' +
        '1969-01-01T00:00:00.000Z|1              \n',
    )
    const translated = await node.send('POST', '/_sql/translate', { query })
    expect(translated.body).toContain(
      '"sources":[{"HISTOGRAM(release_date, INTERVAL 1 YEAR)":{"date_histogram":{"field":"release_date","missing_bucket":true,' +
        '"value_type":"date","order":"asc","calendar_interval":"1y","time_zone":"Z"}}}]',
    )
  })

  test('of a number: the bucket lower bounds', async () => {
    const response = await sql('SELECT HISTOGRAM(page_count, 100) AS p, COUNT(*) FROM library GROUP BY p')
    expect(response.body).toBe(
      '       p       |   COUNT(*)    \n' +
        '---------------+---------------\n' +
        '300            |1              \n' +
        '400            |1              \n' +
        '500            |1              \n' +
        '600            |1              \n',
    )
  })
})
