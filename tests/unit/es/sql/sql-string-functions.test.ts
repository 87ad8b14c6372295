// ES SQL's string functions against the examples of ES 8.17's docs (docs/reference/sql/functions/string.asciidoc,
// docs.csv-spec) and their processors' edge cases (StringProcessor, InsertFunctionProcessor,
// LocateFunctionProcessor, BinaryStringNumericProcessor, SubstringFunctionProcessor, Check's range message).
import { beforeEach, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

const sql = async (query: string, format = 'json') =>
  (await node.send('POST', `/_sql?format=${format}`, { query })).body

const row = async (query: string): Promise<unknown> =>
  (JSON.parse(await sql(query)) as { rows: unknown[][] }).rows[0]

beforeEach(async () => {
  node = await startNode()
})

describe('string functions', () => {
  test('the docs examples', async () => {
    expect(
      await sql(
        "SELECT ASCII('Elastic') a, BIT_LENGTH('Elastic') b, CHAR(69) c, CHAR_LENGTH('Elastic') cl, " +
          "CHARACTER_LENGTH('Elastic') chl, INSERT('something', 1, 2, 'n') i, LOCATE('a', 'Elasticsearch') l1, " +
          "LOCATE('a', 'Elasticsearch', 5) l2, OCTET_LENGTH('Elastic') o, POSITION('Elastic', 'Elasticsearch') p, " +
          "REPEAT('La', 3) r, SPACE(3) s, STARTS_WITH('Elasticsearch', 'Elastic') sw",
      ),
    ).toBe(
      '{"columns":[{"name":"a","type":"integer"},{"name":"b","type":"integer"},{"name":"c","type":"keyword"},' +
        '{"name":"cl","type":"integer"},{"name":"chl","type":"integer"},{"name":"i","type":"keyword"},' +
        '{"name":"l1","type":"integer"},{"name":"l2","type":"integer"},{"name":"o","type":"integer"},' +
        '{"name":"p","type":"integer"},{"name":"r","type":"keyword"},{"name":"s","type":"keyword"},' +
        '{"name":"sw","type":"boolean"}],' +
        '"rows":[[69,56,"E",7,7,"nmething",3,10,7,1,"LaLaLa","   ",true]]}',
    )
  })

  test('edge cases of the processors', async () => {
    expect(
      await row("SELECT ASCII(''), CHAR(256), SPACE(-1), REPEAT('a', 0), STARTS_WITH('abc', null)"),
    ).toEqual([null, null, null, null, null])
    // UTF-8 bytes, not UTF-16 units
    expect(await row("SELECT OCTET_LENGTH('été'), BIT_LENGTH('€'), CHAR_LENGTH('été')")).toEqual([5, 24, 3])
    expect(
      await row("SELECT INSERT('abc', 5, 1, 'x'), INSERT('abc', -3, 1, 'x'), INSERT('abc', 2, 10, null)"),
    ).toEqual(['abc', 'xbc', 'abc'])
    expect(await row("SELECT LOCATE('z', 'abc'), LOCATE('', 'abc', 9), POSITION('c', 'abc')")).toEqual([
      0, 4, 3,
    ])
    expect(
      await row("SELECT SUBSTRING('Elasticsearch', -1, 3), SUBSTRING('abc', 4, 1), LEFT('abc', -1)"),
    ).toEqual(['Ela', '', ''])
    // Character.isWhitespace trims tabs and newlines too
    expect(await row("SELECT LENGTH('ab\t '), LTRIM('\n ab'), RTRIM('ab\t'), TRIM('\tab\n')")).toEqual([
      2,
      'ab',
      'ab',
      'ab',
    ])
  })

  test("Check.isFixedNumberAndInRange's failures", async () => {
    expect(await sql("SELECT INSERT('abc', 1, -1, 'x')")).toBe(
      '{"error":{"root_cause":[{"type":"sql_illegal_argument_exception","reason":"[length] out of the allowed range [0, 2147483647], received [-1]"}],' +
        '"type":"sql_illegal_argument_exception","reason":"[length] out of the allowed range [0, 2147483647], received [-1]"},"status":400}',
    )
  })

  test('argument checks', async () => {
    const error = async (query: string) => JSON.parse(await sql(query)) as { error: { reason: string } }
    expect((await error("SELECT INSERT('abc', 1, 2)")).error.reason).toBe(
      'line 1:8: error building [INSERT]: expects exactly four arguments',
    )
    expect((await error("SELECT LOCATE('a')")).error.reason).toBe(
      'line 1:8: error building [LOCATE]: expects two or three arguments',
    )
    expect((await error("SELECT CHAR('a'), REPEAT('a', 'b'), STARTS_WITH(1, 'a')")).error.reason).toBe(
      'Found 3 problems\n' +
        "line 1:8: argument of [CHAR('a')] must be [integer], found value ['a'] type [keyword]\n" +
        "line 1:19: second argument of [REPEAT('a', 'b')] must be [integer], found value ['b'] type [keyword]\n" +
        "line 1:37: first argument of [STARTS_WITH(1, 'a')] must be [string], found value [1] type [integer]",
    )
  })
})
