// ES SQL's datetime formatting and parsing functions against ES 8.17's docs examples
// (docs/reference/sql/functions/date-time.asciidoc, docs.csv-spec) and DateTimeFormatProcessor's,
// DateFormatter's and DateTimeParseProcessor's rules and failure texts.
import { beforeEach, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

const sql = async (query: string, extra: Record<string, unknown> = {}) =>
  (await node.send('POST', '/_sql?format=json', { query, ...extra })).body

const row = async (query: string, extra: Record<string, unknown> = {}): Promise<unknown> =>
  (JSON.parse(await sql(query, extra)) as { rows: unknown[][] }).rows[0]

const reason = async (query: string): Promise<string> =>
  (JSON.parse(await sql(query)) as { error: { reason: string } }).error.reason

const DT = "CAST('2020-04-05T11:22:33.987Z' AS DATETIME)"

beforeEach(async () => {
  node = await startNode()
})

describe('formatting', () => {
  test('the docs examples', async () => {
    expect(
      await row(
        "SELECT DATETIME_FORMAT(CAST('2020-04-05' AS DATE), 'dd/MM/yyyy'), " +
          `DATETIME_FORMAT(${DT}, 'dd/MM/yyyy HH:mm:ss.SS'), ` +
          "DATE_FORMAT(CAST('2020-04-05' AS DATE), '%d/%m/%Y'), " +
          `DATE_FORMAT(${DT}, '%d/%m/%Y %H:%i:%s.%f'), ` +
          "FORMAT(CAST('2020-04-05' AS DATE), 'dd/MM/yyyy'), " +
          `FORMAT(${DT}, 'dd/MM/yyyy HH:mm:ss.ff')`,
      ),
    ).toEqual([
      '05/04/2020',
      '05/04/2020 11:22:33.98',
      '05/04/2020',
      '05/04/2020 11:22:33.987000',
      '05/04/2020',
      '05/04/2020 11:22:33.98',
    ])
  })

  test('MySQL specifiers, literals and weeks', async () => {
    expect(
      await row(
        `SELECT DATE_FORMAT(${DT}, '%a %b %c %D %e %j %k %l %M %p %r %T %W %w %y 100%% %Q x%'), ` +
          "DATE_FORMAT(CAST('2021-01-02' AS DATE), '%U %u %V %v %X %x')",
      ),
    ).toEqual([
      'Sun Apr 4 5th 5 096 11 11 April AM 11:22:33 AM 11:22:33 Sunday 0 20 100% Q x%',
      '00 00 52 01 2020 2021',
    ])
  })

  test('MS patterns are translated to java.time ones', async () => {
    expect(
      await row(`SELECT FORMAT(${DT}, 'dddd, MMM d yyyy h:mm tt "at" z \\Z'), FORMAT(${DT}, 'HH%mm')`),
    ).toEqual(['Sunday, Apr 5 2020 11:22 AM at Z Z', '11%22'])
  })

  test('the request time_zone, nulls and empty patterns', async () => {
    expect(
      await row(`SELECT DATETIME_FORMAT(${DT}, 'HH:mm XXX'), DATE_FORMAT(NULL, '%d'), FORMAT(${DT}, '')`, {
        time_zone: '+05:30',
      }),
    ).toEqual(['16:52 +05:30', null, null])
  })

  test('failures', async () => {
    expect(await reason(`SELECT DATETIME_FORMAT(${DT}, 'bb')`)).toBe(
      'Invalid pattern [bb] is received for formatting date/time [2020-04-05T11:22:33.987Z]; Unknown pattern letter: b',
    )
    expect(await reason("SELECT DATE_FORMAT(1, '%d'), FORMAT(CAST('2020-04-05' AS DATE), 1)")).toBe(
      'Found 2 problems\n' +
        "line 1:8: first argument of [DATE_FORMAT(1, '%d')] must be [date, time or datetime], found value [1] type [integer]\n" +
        "line 1:30: second argument of [FORMAT(CAST('2020-04-05' AS DATE), 1)] must be [string], found value [1] type [integer]",
    )
  })
})

describe('parsing', () => {
  test('the docs examples', async () => {
    expect(
      await row(
        "SELECT DATETIME_PARSE('07/04/2020 10:20:30.123', 'dd/MM/yyyy HH:mm:ss.SSS'), " +
          "DATETIME_PARSE('10:20:30 07/04/2020 +02:00', 'HH:mm:ss dd/MM/yyyy VV'), DATE_PARSE('07/04/2020', 'dd/MM/yyyy')",
      ),
    ).toEqual(['2020-04-07T10:20:30.123Z', '2020-04-07T08:20:30.000Z', '2020-04-07T00:00:00.000Z'])
    expect(
      await row(
        "SELECT DATETIME_PARSE('10:20:30 07/04/2020', 'HH:mm:ss dd/MM/yyyy'), DATE_PARSE('31/04/2020', 'dd/MM/yyyy')",
        { time_zone: '+03:00' },
      ),
    ).toEqual(['2020-04-07T10:20:30.000+03:00', '2020-04-30T00:00:00.000+03:00'])
  })

  test('failures', async () => {
    expect(await reason("SELECT DATETIME_PARSE('07/04/2020', 'dd/MM/yyyy')")).toBe(
      'Invalid datetime string [07/04/2020] or pattern [dd/MM/yyyy] is received; Unable to convert parsed text into [datetime]',
    )
    expect(await reason("SELECT DATE_PARSE('07-04-2020', 'dd/MM/yyyy')")).toBe(
      "Invalid date string [07-04-2020] or pattern [dd/MM/yyyy] is received; Text '07-04-2020' could not be parsed at index 2",
    )
    expect(await reason("SELECT DATE_PARSE('07/13/2020', 'dd/MM/yyyy')")).toBe(
      "Invalid date string [07/13/2020] or pattern [dd/MM/yyyy] is received; Text '07/13/2020' could not be parsed: Invalid value for MonthOfYear (valid values 1 - 12): 13",
    )
  })
})
