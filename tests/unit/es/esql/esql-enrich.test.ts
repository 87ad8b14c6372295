// ENRICH through POST /_query, against ES 8.17: enrich.csv-spec's outputs (languages_policy, shadowing, WITH
// aliases, multi-valued keys and matches), the Analyzer's and EnrichPolicyResolver's error texts, and the
// enrich index mapping EnrichPolicyRunner.createEnrichMapping builds (its enrich fields' types are ENRICH's).
import { beforeEach, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

const esql = async (query: string, format = 'txt') => node.send('POST', `/_query?format=${format}`, { query })

/** The verification_exception's reason of a failed query. */
const failure = async (query: string) => {
  const response = await esql(query, 'json')
  expect(response.status).toBe(400)
  return (JSON.parse(response.body) as { error: { type: string; reason: string } }).error
}

beforeEach(async () => {
  node = await startNode()
  await node.send('PUT', '/languages', {
    mappings: {
      properties: {
        language_code: { type: 'keyword' },
        language_name: { type: 'keyword' },
        speakers: { type: 'long' },
        since: { type: 'date', format: 'yyyy' },
      },
    },
  })
  const bulk = [
    { index: { _id: '1' } },
    { language_code: '1', language_name: 'English', speakers: 1500, since: '1500' },
    { index: { _id: '2' } },
    { language_code: '2', language_name: 'French', speakers: 300 },
    { index: { _id: '3' } },
    { language_code: ['3', '1'], language_name: ['Spanish', 'Castilian'], speakers: 500 },
  ]
    .map((line) => JSON.stringify(line))
    .join('\n')
  await node.send('POST', '/languages/_bulk?refresh=true', `${bulk}\n`)
  await node.send('PUT', '/_enrich/policy/languages_policy', {
    match: { indices: 'languages', match_field: 'language_code', enrich_fields: ['language_name', 'since'] },
  })
  await node.send('POST', '/_enrich/policy/languages_policy/_execute')
})

describe('the enrich index', () => {
  test('maps the enrich fields with their source types and index: false (createEnrichMapping)', async () => {
    const response = await node.send('GET', '/.enrich-languages_policy/_mapping')
    const [mapping] = Object.values(JSON.parse(response.body) as Record<string, unknown>)
    expect(mapping).toEqual({
      mappings: {
        dynamic: 'false',
        properties: {
          language_code: { type: 'keyword', doc_values: false },
          language_name: { type: 'keyword', index: false },
          since: { type: 'date', format: 'yyyy', index: false },
        },
      },
    })
  })
})

describe('ENRICH', () => {
  test('the policy match field and enrich fields by default (enrich.csv-spec simple)', async () => {
    const response = await esql('ROW language_code = "2" | ENRICH languages_policy', 'json')
    expect(JSON.parse(response.body)).toMatchObject({
      columns: [
        { name: 'language_code', type: 'keyword' },
        { name: 'language_name', type: 'keyword' },
        { name: 'since', type: 'date' },
      ],
      values: [['2', 'French', null]],
    })
  })

  test('ON and WITH aliases (enrich_on, enrich_rename); an unmatched key gives nulls', async () => {
    const response = await esql(
      'ROW a = "2", b = "10" | ENRICH languages_policy ON a WITH name = language_name ' +
        '| ENRICH languages_policy ON b WITH b_lang = language_name',
    )
    expect(response.body).toBe(
      '       a       |       b       |     name      |    b_lang     \n' +
        '---------------+---------------+---------------+---------------\n' +
        '2              |10             |French         |null           \n',
    )
  })

  test('every matching document adds its values, in index order; a multi-valued key matches any value', async () => {
    const one = await esql(
      'ROW a = "1" | ENRICH _any:languages_policy ON a WITH language_name, since',
      'json',
    )
    expect(JSON.parse(one.body)).toMatchObject({
      values: [['1', ['English', 'Castilian', 'Spanish'], '1500-01-01T00:00:00.000Z']],
    })
    const many = await esql('ROW a = ["2", "3"] | ENRICH languages_policy ON a WITH language_name', 'json')
    expect(JSON.parse(many.body)).toMatchObject({
      values: [
        [
          ['2', '3'],
          ['French', 'Castilian', 'Spanish'],
        ],
      ],
    })
  })

  test('a numeric key matches as its text; the enrich columns replace input columns of their names, last WITH item wins', async () => {
    const response = await esql(
      'ROW left = "l", language_name = "x", code = 2, right = "r" ' +
        '| ENRICH languages_policy ON code WITH language_name, language_name = since, code = language_name',
      'json',
    )
    expect(JSON.parse(response.body)).toMatchObject({
      columns: [
        { name: 'left', type: 'keyword' },
        { name: 'right', type: 'keyword' },
        { name: 'language_name', type: 'date' },
        { name: 'code', type: 'keyword' },
      ],
      values: [['l', 'r', null, 'French']],
    })
  })
})

describe('errors', () => {
  test('an unknown policy, with a hint (EnrichPolicyResolver)', async () => {
    expect(await failure('ROW a = "1" | ENRICH language_policy ON a')).toMatchObject({
      type: 'verification_exception',
      reason:
        'Found 1 problem\nline 1:22: cannot find enrich policy [language_policy], did you mean [languages_policy]?',
    })
  })

  test('a policy never executed has no enrich index', async () => {
    await node.send('PUT', '/_enrich/policy/idle', {
      match: { indices: 'languages', match_field: 'language_code', enrich_fields: ['speakers'] },
    })
    expect((await failure('ROW a = "1" | ENRICH idle ON a')).reason).toBe(
      'Found 1 problem\nline 1:22: failed to resolve enrich policy [idle]; reason [Unknown index [.enrich-idle]]',
    )
  })

  test('the ON field must exist (the default one is reported at ENRICH) and have a type the policy takes', async () => {
    expect((await failure('ROW a = "1" | ENRICH languages_policy ON b')).reason).toBe(
      'Found 1 problem\nline 1:42: Unknown column [b]',
    )
    expect((await failure('ROW a = "1" | ENRICH languages_policy')).reason).toBe(
      'Found 1 problem\nline 1:15: Unknown column [language_code]',
    )
    expect((await failure('ROW a = true | ENRICH languages_policy ON a')).reason).toBe(
      'Found 1 problem\nline 1:43: Unsupported type [boolean] for enrich matching field [a]; ' +
        'only [keyword, text, ip, long, integer, float, double, datetime] allowed for type [match]',
    )
  })

  test('a WITH field must be an enrich field of the policy, not its match field', async () => {
    expect((await failure('ROW a = "1" | ENRICH languages_policy ON a WITH x = language_nam')).reason).toBe(
      'Found 1 problem\nline 1:15: Enrich field [language_nam] not found in enrich policy [languages_policy], ' +
        'did you mean [language_name]?',
    )
    expect((await failure('ROW a = "1" | ENRICH languages_policy ON a WITH language_code')).reason).toBe(
      'Found 1 problem\nline 1:15: Enrich field [language_code] not found in enrich policy [languages_policy], ' +
        'did you mean [language_name]?',
    )
  })

  test('a _remote: ENRICH after STATS or a _coordinator: ENRICH (Verifier.checkRemoteEnrich; csv-spec statsAfterRemoteEnrich)', async () => {
    const ok = await esql(
      'ROW a = "1" | ENRICH _remote:languages_policy ON a | ENRICH _COORDINATOR:languages_policy ON a ' +
        '| STATS n = COUNT(*) BY language_name | SORT language_name',
      'json',
    )
    expect(JSON.parse(ok.body)).toMatchObject({
      values: [
        [1, 'Castilian'],
        [1, 'English'],
        [1, 'Spanish'],
      ],
    })
    expect(
      (
        await failure(
          'ROW a = "1" | STATS a = MIN(a) | ENRICH _coordinator:languages_policy ON a ' +
            '| ENRICH _remote:languages_policy ON a WITH x = language_name',
        )
      ).reason,
    ).toBe(
      'Found 2 problems\n' +
        "line 1:78: ENRICH with remote policy can't be executed after STATS\n" +
        "line 1:78: ENRICH with remote policy can't be executed after another ENRICH with coordinator policy",
    )
  })

  test('parsing: the qualifier, wildcards and a missing policy name (LogicalPlanBuilder, EsqlBaseLexer)', async () => {
    expect(await failure('ROW a = "1" | ENRICH _foo:languages_policy')).toMatchObject({
      type: 'parsing_exception',
      reason:
        'line 1:22: Unrecognized value [_foo], ENRICH policy qualifier needs to be one of [_ANY, _COORDINATOR, _REMOTE]',
    })
    expect((await failure('ROW a = "1" | ENRICH languages_policy ON a WITH x*')).reason).toBe(
      'line 1:15: Using wildcards [*] in ENRICH WITH projections is not allowed [x*]',
    )
    expect((await failure('ROW a = "1" | ENRICH | LIMIT 1')).reason).toBe(
      "line 1:22: mismatched input '|' expecting ENRICH_POLICY_NAME",
    )
  })
})
