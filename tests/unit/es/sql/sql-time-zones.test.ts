// ES SQL's `time_zone` with region ids (java.time ZoneId.of in AbstractSqlQueryRequest's parser): datetimes seen
// at the zone's offset of their instant, the datetime fields, DATE_TRUNC and DATE_ADD across a DST change
// (ZonedDateTime.resolveLocal), CAST to DATE, DATETIME_FORMAT, HISTOGRAM pushed to a date_histogram in the zone,
// the range query's `time_zone` (ExpressionTranslators.BinaryComparisons: the comparison's zone) and the
// ObjectParser's failure for an unknown zone.
import { beforeEach, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

const send = async (path: string, query: string, extra: object = {}) =>
  (await node.send('POST', path, { query, ...extra })).body

const rows = async (query: string, time_zone: string): Promise<unknown> =>
  (JSON.parse(await send('/_sql?format=json', query, { time_zone })) as { rows: unknown[][] }).rows

beforeEach(async () => {
  node = await startNode()
  await node.send('PUT', '/events', {
    mappings: { properties: { at: { type: 'date' }, n: { type: 'long' } } },
  })
  // Paris leaves winter time at 2024-03-31T01:00:00Z (+01:00 → +02:00)
  const docs = [
    '2024-03-30T22:30:00Z',
    '2024-03-31T00:30:00Z',
    '2024-03-31T21:59:00Z',
    '2024-07-01T12:00:00Z',
  ]
  const bulk = docs.map((at, i) => `{"index":{"_id":"${i + 1}"}}\n{"at":"${at}","n":${i + 1}}`).join('\n')
  await node.send('POST', '/events/_bulk?refresh=true', `${bulk}\n`)
})

describe('time_zone: a region id', () => {
  test('datetimes print at the offset of their instant; the fields are read in the zone', async () => {
    expect(
      await rows(
        "SELECT at, HOUR(at) AS h, DAY_OF_WEEK(at) AS d, DATE_PART('tzoffset', at) AS o FROM events ORDER BY at",
        'Europe/Paris',
      ),
    ).toEqual([
      ['2024-03-30T23:30:00.000+01:00', 23, 7, 60],
      ['2024-03-31T01:30:00.000+01:00', 1, 1, 60],
      ['2024-03-31T23:59:00.000+02:00', 23, 1, 120],
      ['2024-07-01T14:00:00.000+02:00', 14, 2, 120],
    ])
  })

  test('DATE_TRUNC, DATE_ADD of days and CAST to DATE resolve the local time in the zone', async () => {
    expect(
      await rows(
        "SELECT DATE_TRUNC('day', at) AS t, DATE_ADD('day', 1, at) AS a, CAST(at AS DATE) AS c, " +
          "at + INTERVAL 1 DAY AS i, DATETIME_FORMAT(at, 'HH:mm VV xxx') AS f FROM events WHERE n = 1",
        'Europe/Paris',
      ),
    ).toEqual([
      [
        '2024-03-30T00:00:00.000+01:00',
        '2024-03-31T23:30:00.000+02:00',
        '2024-03-30T00:00:00.000+01:00',
        '2024-04-01T00:30:00.000+02:00',
        '23:30 Europe/Paris +01:00',
      ],
    ])
  })

  test('HISTOGRAM of a datetime runs as a date_histogram in the zone', async () => {
    const query = 'SELECT HISTOGRAM(at, INTERVAL 1 DAY) AS day, COUNT(*) AS c FROM events GROUP BY day'
    expect(await rows(query, 'Europe/Paris')).toEqual([
      ['2024-03-30T00:00:00.000+01:00', 1],
      ['2024-03-31T00:00:00.000+01:00', 2],
      ['2024-07-01T00:00:00.000+02:00', 1],
    ])
    expect(await send('/_sql/translate', query, { time_zone: 'Europe/Paris' })).toContain(
      '{"date_histogram":{"field":"at","missing_bucket":true,"value_type":"date","order":"asc",' +
        '"calendar_interval":"1d","time_zone":"Europe/Paris"}}',
    )
  })

  test("a range on a datetime carries the request's zone as java.time names it", async () => {
    const range = async (time_zone: string) =>
      (
        JSON.parse(
          await send('/_sql/translate', "SELECT n FROM events WHERE at > '2024-03-31'", { time_zone }),
        ) as { query: unknown }
      ).query
    expect(await range('Europe/Paris')).toEqual({
      range: {
        at: {
          gt: '2024-03-31T00:00:00.000Z',
          time_zone: 'Europe/Paris',
          format: 'strict_date_optional_time_nanos',
          boost: 1,
        },
      },
    })
    expect(await range('UTC')).toMatchObject({ range: { at: { time_zone: 'UTC' } } })
    expect(await range('GMT+1')).toMatchObject({ range: { at: { time_zone: 'GMT+01:00' } } })
    expect(await rows("SELECT n FROM events WHERE at > '2024-03-31' ORDER BY n", 'Europe/Paris')).toEqual([
      [2],
      [3],
      [4],
    ])
  })

  test('an unknown zone fails as the ObjectParser wraps ZoneId.of', async () => {
    const response = await node.send('POST', '/_sql', { query: 'SELECT 1', time_zone: 'Europe/Pari' })
    expect(response.status).toBe(400)
    expect(JSON.parse(response.body)).toMatchObject({
      error: {
        type: 'x_content_parse_exception',
        reason: '[1:33] [sql/query] failed to parse field [time_zone]',
        caused_by: { type: 'zone_rules_exception', reason: 'Unknown time-zone ID: Europe/Pari' },
      },
      status: 400,
    })
  })
})
