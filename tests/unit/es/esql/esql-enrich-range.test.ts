// ENRICH with range and geo_match policies through POST /_query, against ES 8.17: enrich.csv-spec's range examples
// (enrichCidr's ip_range with several matches, enrichAgesStatsYear's integer_range, enrichDecadesStats'
// date_range), EnrichLookupService.validateTypes' error, the lookup's runtime warnings, geo_match's intersects
// lookup (QueryList.GeoShapeQueryList, its multi-value failure), and the Analyzer's allowed ON types per policy type.
import { beforeAll, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

const esql = async (query: string) => {
  const response = await node.send('POST', '/_query?format=json', { query })
  return { status: response.status, body: JSON.parse(response.body) as Record<string, unknown>, response }
}

const values = async (query: string) => {
  const { status, body } = await esql(query)
  expect(status).toBe(200)
  return body.values
}

const bulk = async (index: string, docs: readonly object[]) => {
  const lines = docs.flatMap((doc) => [{ index: {} }, doc]).map((line) => JSON.stringify(line))
  await node.send('POST', `/${index}/_bulk?refresh=true`, `${lines.join('\n')}\n`)
}

const policy = async (name: string, type: string, body: object) => {
  await node.send('PUT', `/_enrich/policy/${name}`, { [type]: body })
  await node.send('POST', `/_enrich/policy/${name}/_execute`)
}

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/networks', {
    mappings: { properties: { cidr: { type: 'ip_range' }, env: { type: 'keyword' } } },
  })
  await bulk('networks', [
    { cidr: '10.0.0.0/8', env: 'Development' },
    { cidr: '10.1.0.0/16', env: 'QA' },
    { cidr: { gte: '192.168.0.1', lte: '192.168.0.10' }, env: 'Production' },
  ])
  await policy('client_cidr', 'range', { indices: 'networks', match_field: 'cidr', enrich_fields: ['env'] })
  await node.send('PUT', '/ages', {
    mappings: { properties: { age_range: { type: 'integer_range' }, description: { type: 'keyword' } } },
  })
  await bulk('ages', [
    { age_range: { gte: 0, lt: 40 }, description: 'Young' },
    { age_range: { gte: 40, lt: 60 }, description: 'Middle-aged' },
    { age_range: { gte: 60, lt: 150 }, description: 'Senior' },
  ])
  await policy('ages_policy', 'range', {
    indices: 'ages',
    match_field: 'age_range',
    enrich_fields: ['description'],
  })
  await node.send('PUT', '/decades', {
    mappings: {
      properties: {
        years: { type: 'date_range', format: 'yyyy' },
        decade: { type: 'long' },
        description: { type: 'keyword' },
      },
    },
  })
  await bulk('decades', [
    { years: { gte: '1950', lt: '1960' }, decade: 1950, description: 'Nifty Fifties' },
    { years: { gte: '1960', lt: '1970' }, decade: 1960, description: 'Swinging Sixties' },
    { years: { gte: '1969', lte: '1969' }, decade: 1969, description: 'Moon landing' },
  ])
  await policy('decades_policy', 'range', {
    indices: 'decades',
    match_field: 'years',
    enrich_fields: ['decade', 'description'],
  })
  await node.send('PUT', '/cities', {
    mappings: { properties: { boundary: { type: 'geo_shape' }, city: { type: 'keyword' } } },
  })
  await bulk('cities', [{ boundary: 'POLYGON ((12 55, 13 55, 13 56, 12 56, 12 55))', city: 'Copenhagen' }])
  await policy('city_boundaries', 'geo_match', {
    indices: 'cities',
    match_field: 'boundary',
    enrich_fields: ['city'],
  })
})

describe('ip_range (enrichCidr)', () => {
  test('every range holding the address adds its values in index order; none gives null', async () => {
    expect(
      await values(
        'ROW ip = TO_IP("10.1.2.3") | ENRICH client_cidr ON ip WITH env ' +
          '| EVAL count_env = MV_COUNT(env), max_env = MV_MAX(env)',
      ),
    ).toEqual([['10.1.2.3', ['Development', 'QA'], 2, 'QA']])
    expect(await values('ROW ip = TO_IP("172.21.0.5") | ENRICH client_cidr ON ip')).toEqual([
      ['172.21.0.5', null],
    ])
  })

  test('a keyword key is parsed as an address; a multi-valued key matches any of its values', async () => {
    expect(await values('ROW ip = "192.168.0.10" | ENRICH client_cidr ON ip')).toEqual([
      ['192.168.0.10', 'Production'],
    ])
    expect(await values('ROW ip = ["192.168.0.2", "10.200.0.1"] | ENRICH client_cidr ON ip')).toEqual([
      [
        ['192.168.0.2', '10.200.0.1'],
        ['Development', 'Production'],
      ],
    ])
  })

  test('a keyword that is no address finds nothing and warns at the command', async () => {
    const { status, body, response } = await esql('ROW ip = "bad" | ENRICH client_cidr ON ip')
    expect(status).toBe(200)
    expect(body.values).toEqual([['bad', null]])
    expect(response.warnings).toEqual([
      'Line 1:18: evaluation of [ENRICH client_cidr ON ip] failed, treating result as null. ' +
        'Only first 20 failures recorded.',
      "Line 1:18: java.lang.IllegalArgumentException: 'bad' is not an IP string literal.",
    ])
  })
})

describe('integer_range (enrichAgesStatsYear)', () => {
  test('integer and long keys fall in the range holding them; null keys find nothing', async () => {
    expect(
      await values(
        'ROW age = [30, 59, 200] | MV_EXPAND age | EVAL long_age = age::long ' +
          '| ENRICH ages_policy ON age WITH age_group = description ' +
          '| ENRICH ages_policy ON long_age WITH long_group = description',
      ),
    ).toEqual([
      [30, 30, 'Young', 'Young'],
      [59, 59, 'Middle-aged', 'Middle-aged'],
      [200, 200, null, null],
    ])
    expect(await values('ROW age = null::integer | ENRICH ages_policy ON age')).toEqual([[null, null]])
  })

  test('a keyword key is parsed as a number; one that is none warns with NumberFormatException', async () => {
    expect(await values('ROW age = "45" | ENRICH ages_policy ON age')).toEqual([['45', 'Middle-aged']])
    const { body, response } = await esql('ROW age = "old" | ENRICH ages_policy ON age WITH description')
    expect(body.values).toEqual([['old', null]])
    expect(response.warnings).toEqual([
      'Line 1:19: evaluation of [ENRICH ages_policy ON age WITH description] failed, treating result as null. ' +
        'Only first 20 failures recorded.',
      'Line 1:19: java.lang.NumberFormatException: For input string: "old"',
    ])
  })

  test('a key type the range cannot hold fails the lookup (validateTypes), unless every key is null', async () => {
    const { status, body } = await esql('ROW age = 45.5 | ENRICH ages_policy ON age')
    expect(status).toBe(500)
    expect(body.error).toMatchObject({
      type: 'esql_illegal_argument_exception',
      reason: 'ENRICH range and input types are incompatible: range[INTEGER], input[double]',
    })
    expect((await esql('ROW ip = TO_IP("10.0.0.1") | ENRICH ages_policy ON ip')).body.error).toMatchObject({
      reason: 'ENRICH range and input types are incompatible: range[INTEGER], input[ip]',
    })
    expect(await values('ROW age = null::double | ENRICH ages_policy ON age')).toEqual([[null, null]])
  })
})

describe('date_range (enrichDecadesStats)', () => {
  test('a datetime key is formatted with the range field format, which widens it to the whole year', async () => {
    expect(
      await values(
        'ROW born = TO_DATETIME("1955-03-01T00:00:00Z") ' +
          '| ENRICH decades_policy ON born WITH decade, description',
      ),
    ).toEqual([['1955-03-01T00:00:00.000Z', 1950, 'Nifty Fifties']])
    expect(
      await values(
        'ROW born = TO_DATETIME("1969-12-31T00:00:00Z") | ENRICH decades_policy ON born WITH decade',
      ),
    ).toEqual([['1969-12-31T00:00:00.000Z', [1960, 1969]]])
  })

  test('a datetime key on an ip_range policy is refused', async () => {
    const { status, body } = await esql('ROW d = NOW() | ENRICH client_cidr ON d')
    expect(status).toBe(500)
    expect(body.error).toMatchObject({
      reason: 'ENRICH range and input types are incompatible: range[IP], input[datetime]',
    })
  })
})

describe('geo_match (GeoShapeQueryList: intersects)', () => {
  test('a point in a polygon finds it; a point outside finds nothing', async () => {
    expect(
      await values(
        'ROW p = TO_GEOPOINT(["POINT (12.5 55.6)", "POINT (1 1)"]) | MV_EXPAND p | ENRICH city_boundaries ON p',
      ),
    ).toEqual([
      ['POINT (12.5 55.6)', 'Copenhagen'],
      ['POINT (1.0 1.0)', null],
    ])
  })

  test('a geo_point field and a geo_shape key', async () => {
    await node.send('PUT', '/stops', { mappings: { properties: { at: { type: 'geo_point' } } } })
    await bulk('stops', [{ at: { lat: 55.5, lon: 12.1 } }])
    expect(await values('FROM stops | ENRICH city_boundaries ON at WITH city')).toEqual([
      ['POINT (12.1 55.5)', 'Copenhagen'],
    ])
    expect(
      await values('ROW s = TO_GEOSHAPE("LINESTRING (10 50, 12.5 55.5)") | ENRICH city_boundaries ON s'),
    ).toEqual([['LINESTRING (10.0 50.0, 12.5 55.5)', 'Copenhagen']])
  })

  test('a multi-valued key finds nothing, with a warning', async () => {
    const { body, response } = await esql(
      'ROW p = TO_GEOPOINT(["POINT (12.5 55.6)", "POINT (1 1)"]) | ENRICH city_boundaries ON p',
    )
    expect(body.values).toEqual([[['POINT (12.5 55.6)', 'POINT (1.0 1.0)'], null]])
    expect(response.warnings).toEqual([
      'Line 1:61: evaluation of [ENRICH city_boundaries ON p] failed, treating result as null. ' +
        'Only first 20 failures recorded.',
      "Line 1:61: org.elasticsearch.xpack.esql.EsqlIllegalArgumentException: can't read multiple Geometry " +
        'values from a single position',
    ])
  })
})

describe('the ON types each policy type takes (Analyzer.resolveEnrich)', () => {
  test('range takes the match types; geo_match only geo_point and geo_shape', async () => {
    expect((await esql('ROW b = true | ENRICH ages_policy ON b')).body.error).toMatchObject({
      type: 'verification_exception',
      reason:
        'Found 1 problem\nline 1:38: Unsupported type [boolean] for enrich matching field [b]; ' +
        'only [keyword, text, ip, long, integer, float, double, datetime] allowed for type [range]',
    })
    expect(
      (await esql('ROW x = "POINT (12.5 55.6)" | ENRICH city_boundaries ON x')).body.error,
    ).toMatchObject({
      type: 'verification_exception',
      reason:
        'Found 1 problem\nline 1:57: Unsupported type [keyword] for enrich matching field [x]; ' +
        'only [geo_point, geo_shape] allowed for type [geo_match]',
    })
  })
})
