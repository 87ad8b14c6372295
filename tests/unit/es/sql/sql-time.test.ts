// ES SQL's TIME type (CAST AS TIME, CURRENT_TIME/CURTIME, TIME_PARSE, a time ± an INTERVAL, the time fields)
// and TO_CHAR, against ES 8.17's qa specs (time.csv-spec: timeAndInterval, selectTimeParse, timeParseGroupBy),
// the docs examples (date-time.asciidoc) and the rules of SqlDataTypeConverter, IntervalArithmetics,
// DateTimeParseProcessor, TimeFunction and ToCharFormatter.
import { beforeEach, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

const sql = async (query: string, format = 'txt', extra: object = {}) =>
  (await node.send('POST', `/_sql?format=${format}`, { query, ...extra })).body

const row = async (query: string, extra: object = {}): Promise<unknown> =>
  (JSON.parse(await sql(query, 'json', extra)) as { rows: unknown[][] }).rows[0]

const reason = async (query: string): Promise<string> =>
  (JSON.parse(await sql(query, 'json')) as { error: { reason: string } }).error.reason

const DT = "CAST('2020-04-05T11:22:33.987Z' AS DATETIME)"

beforeEach(async () => {
  node = await startNode()
})

describe('the TIME type', () => {
  test('time.csv-spec timeAndInterval: a day-time interval wraps around midnight', async () => {
    expect(
      await sql(
        "SELECT HOUR(CAST('10:11:12.345' AS TIME) + INTERVAL '20' HOURS) AS h, " +
          "SECOND(INTERVAL '40' SECONDS + CAST('10:11:12.345' AS TIME)) AS m",
      ),
    ).toBe(
      '       h       |       m       \n---------------+---------------\n6              |52             \n',
    )
  })

  test('a time prints as HH:mm:ss.SSS and its offset, typed time', async () => {
    expect(
      await sql(
        "SELECT CAST('10:11:12.345' AS TIME) AS t, '21:15:39'::time - INTERVAL 2 YEARS AS y, " +
          "CAST(CAST('23:59:00+01:00' AS TIME) + INTERVAL 3 DAYS AS VARCHAR) AS s",
        'json',
      ),
    ).toBe(
      '{"columns":[{"name":"t","type":"time"},{"name":"y","type":"time"},{"name":"s","type":"keyword"}],' +
        '"rows":[["10:11:12.345Z","21:15:39.000Z","23:59:00.000+01:00"]]}',
    )
  })

  test('a datetime cast to TIME keeps its wall clock and offset; the time fields read it in the zone', async () => {
    // OffsetTime.compareTo: the same instant at another offset is not equal
    expect(
      await row(
        `SELECT CAST(${DT} AS TIME), ${DT}::time = CAST('12:22:33.987+01:00' AS TIME), ` +
          `${DT}::time = CAST('11:22:33.987' AS TIME), ` +
          "CAST(CAST('12:00:00' AS TIME) AS BIGINT), MINUTE_OF_DAY(CAST('01:02:03' AS TIME))",
        { time_zone: '+01:00' },
      ),
    ).toEqual(['12:22:33.987+01:00', true, false, 43_200_000, 122])
  })

  test('time.csv-spec selectTimeParse and timeParseGroupBy: TIME_PARSE moves an offset to the request zone', async () => {
    expect(
      await sql(
        "SELECT TIME_PARSE('11:22:33', 'HH:mm:ss') AS tp_time1, " +
          "TIME_PARSE('11:22:33 -05:33', 'HH:mm:ss XXX') AS tp_time2, " +
          "CAST(TIME_PARSE('20:35:57', 'HH:mm:ss') AS VARCHAR) AS df_tp_time",
      ),
    ).toBe(
      '   tp_time1    |   tp_time2    |  df_tp_time   \n' +
        '---------------+---------------+---------------\n' +
        '11:22:33.000Z  |16:55:33.000Z  |20:35:57.000Z  \n',
    )
    expect(await row("SELECT TIME_PARSE('11:22', 'HH:mm')", { time_zone: '-02:00' })).toEqual([
      '11:22:00.000-02:00',
    ])
    expect(await reason("SELECT TIME_PARSE('2020-01-01', 'yyyy-MM-dd')")).toBe(
      'Invalid time string [2020-01-01] or pattern [yyyy-MM-dd] is received; Unable to convert parsed text into [time]',
    )
  })

  test('CURRENT_TIME and CURTIME are the statement start at the request offset', async () => {
    const [current, curtime, same, bare] = (await row(
      'SELECT CURRENT_TIME, CURTIME(0), CURTIME() = CAST(NOW() AS TIME), CURRENT_TIME = CURRENT_TIME()',
      { time_zone: '+02:00' },
    )) as [string, string, boolean, boolean]
    expect(current).toMatch(/^\d\d:\d\d:\d\d\.\d{3}\+02:00$/)
    expect(curtime).toMatch(/^\d\d:\d\d:\d\d\.000\+02:00$/)
    expect([same, bare]).toEqual([true, true])
  })

  test('the Verifier: a time is no date, and is not subtracted from an interval', async () => {
    expect(await reason("SELECT YEAR(CAST('10:00' AS TIME)) AS y")).toBe(
      "Found 1 problem\nline 1:8: argument of [YEAR(CAST('10:00' AS TIME))] must be [date or datetime], " +
        "found value [CAST('10:00' AS TIME)] type [time]",
    )
    expect(await reason("SELECT INTERVAL 1 HOUR - CAST('10:00' AS TIME) AS x")).toBe(
      "Found 1 problem\nline 1:8: Cannot subtract a time[CAST('10:00' AS TIME)] from an interval[INTERVAL 1 HOUR]; " +
        'do you mean the reverse?',
    )
  })
})

describe('TO_CHAR', () => {
  test('the docs examples', async () => {
    expect(
      await row(
        "SELECT TO_CHAR(CAST('2020-04-05' AS DATE), 'DD/MM/YYYY'), " +
          `TO_CHAR(${DT}, 'DD/MM/YYYY HH24:MI:SS.FF2'), ` +
          "TO_CHAR(CAST('23:22:33.987' AS TIME), 'HH12 MI SS.FF1')",
      ),
    ).toEqual(['05/04/2020', '05/04/2020 11:22:33.98', '11 22 33.9'])
  })

  test('names, fill mode and ordinal suffixes', async () => {
    expect(
      await row(
        `SELECT TO_CHAR(${DT}, 'FMDay, DDth FMMonth YYYY HH12:MI:SS AM'), ` +
          `TO_CHAR(${DT}, 'MONTH|Mon|mon|DAY|Dy|dy|RM|FMrm|'), ` +
          `TO_CHAR(${DT}, 'a.m. A.D. bc P.M. pm'), ` +
          `TO_CHAR(${DT}, 'YYYYth MMth DDTH xTH FMDDth Y,YYY YYY YY Y'), ` +
          `TO_CHAR(${DT}, 'hh24:mi:ss ms us ff1 ssss sssss')`,
      ),
    ).toEqual([
      'Sunday, 05th April 2020 11:22:33 AM',
      'APRIL    |Apr|apr|SUNDAY   |Sun|sun|IV  |iv|',
      'a.m. A.D. ad A.M. am',
      '2020th 04th 05TH xTH 5th 2,020 020 20 0',
      '11:22:33 987 987000 9 40953 40953',
    ])
  })

  test('weeks, days, century, Julian day and zones', async () => {
    expect(
      await row(
        `SELECT TO_CHAR(${DT}, 'IYYY-IW-ID IDDD DDD D W WW Q CC J'), TO_CHAR(${DT}, 'TZ tz OF FMOF TZH:TZM')`,
      ),
    ).toEqual(['2020-14-7 098 096 1 1 14 2 21 2458945', 'UTC utc +00 +0 +00:00'])
    expect(await row(`SELECT TO_CHAR(${DT}, 'TZ OF TZH TZM HH24')`, { time_zone: '+05:30' })).toEqual([
      '+05:30 +05:30 +05 30 16',
    ])
    expect(
      await row(`SELECT TO_CHAR(${DT}, 'OF FMOF'), TO_CHAR(${DT}, '')`, { time_zone: '-01:00' }),
    ).toEqual(['-01 -1', null])
  })
})
