// Enrich policies and the enrich processor through EsNode, as Elasticsearch 8.17 answers: the reference's
// match-policy walkthrough (users-policy / user_lookup, its exact enriched _source), EnrichPolicy.NamedPolicy
// rendering, EnrichStore and EnrichPolicyRunner's checks, TransportDeleteEnrichPolicyAction's refusal, and
// EnrichProcessorFactory / AbstractEnrichProcessor (max_matches, override, ignore_missing, lists).
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { jsonAt, jsonKeysAt } from '../indices/json-at.ts'

const USERS_POLICY = {
  match: {
    indices: 'users',
    match_field: 'email',
    enrich_fields: ['first_name', 'last_name', 'city', 'zip', 'state'],
  },
}

async function usersPolicy(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/users/_doc/1?refresh=wait_for', {
    email: 'mardy.brown@asciidocsmith.com',
    first_name: 'Mardy',
    last_name: 'Brown',
    city: 'New Orleans',
    county: 'Orleans',
    state: 'LA',
    zip: 70116,
    web: 'mardy.asciidocsmith.com',
  })
  expect((await node.send('PUT', '/_enrich/policy/users-policy', USERS_POLICY)).body).toBe(
    '{"acknowledged":true}',
  )
  return node
}

function errorOf(body: string): { type: string; reason: string } {
  return { type: jsonAt(body, 'error', 'type') as string, reason: jsonAt(body, 'error', 'reason') as string }
}

describe('enrich policies', () => {
  it('GET renders the policy as NamedPolicy; unknown names are left out; all are sorted by name', async () => {
    const node = await usersPolicy()
    await node.send('PUT', '/_enrich/policy/another', {
      match: {
        indices: ['users'],
        match_field: 'email',
        enrich_fields: ['zip'],
        query: { term: { state: 'LA' } },
      },
    })
    expect((await node.send('GET', '/_enrich/policy/users-policy,missing')).body).toBe(
      '{"policies":[{"config":{"match":{"name":"users-policy","indices":["users"],"match_field":"email",' +
        '"enrich_fields":["first_name","last_name","city","zip","state"]}}}]}',
    )
    expect((await node.send('GET', '/_enrich/policy')).body).toBe(
      '{"policies":[{"config":{"match":{"name":"another","query":{"term":{"state":"LA"}},"indices":["users"],' +
        '"match_field":"email","enrich_fields":["zip"]}}},{"config":{"match":{"name":"users-policy",' +
        '"indices":["users"],"match_field":"email","enrich_fields":["first_name","last_name","city","zip","state"]}}}]}',
    )
  })

  it('PUT refuses an existing name, a bad name, an unknown type, a missing source index or match field', async () => {
    const node = await usersPolicy()
    const put = async (name: string, body: object) => {
      const response = await node.send('PUT', `/_enrich/policy/${name}`, body)
      return { status: response.status, ...errorOf(response.body) }
    }
    expect(await put('users-policy', USERS_POLICY)).toEqual({
      status: 400,
      type: 'resource_already_exists_exception',
      reason: 'policy [users-policy] already exists',
    })
    expect(await put('Users', USERS_POLICY)).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      reason: 'Invalid policy name [Users], must be lowercase',
    })
    expect(await put('p', { exact: USERS_POLICY.match })).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      reason: 'unsupported policy type [exact], supported types are [match, geo_match, range]',
    })
    expect(await put('p', { match: { ...USERS_POLICY.match, indices: 'nope' } })).toEqual({
      status: 404,
      type: 'index_not_found_exception',
      reason: 'no such index [nope]',
    })
    const missingField = await node.send('PUT', '/_enrich/policy/p', {
      match: { ...USERS_POLICY.match, match_field: 'user.mail' },
    })
    expect(missingField.status).toBe(500)
    expect(jsonAt(missingField.body, 'error')).toMatchObject({
      type: 'exception',
      reason: 'Enrich policy execution for [p] failed while validating field mappings for index [users]',
      caused_by: {
        type: 'exception',
        reason:
          'Could not traverse mapping to field [user.mail]. Could not find the [user] field under [root]',
      },
    })
  })

  it('executing an unknown policy is a 404; a range policy needs a range field', async () => {
    const node = await usersPolicy()
    const missing = await node.send('POST', '/_enrich/policy/nope/_execute')
    expect(missing.status).toBe(404)
    expect(errorOf(missing.body)).toEqual({
      type: 'resource_not_found_exception',
      reason: 'policy [nope] does not exist',
    })
    await node.send('PUT', '/_enrich/policy/zips', {
      range: { indices: 'users', match_field: 'zip', enrich_fields: ['city'] },
    })
    const range = await node.send('PUT', '/_enrich/policy/zips/_execute')
    expect(range.status).toBe(500)
    expect(errorOf(range.body)).toEqual({
      type: 'exception',
      reason: "Field 'zip' has type [long] which doesn't appear to be a range type",
    })
  })

  it('DELETE refuses while a pipeline names the policy, then removes the policy and its enrich index', async () => {
    const node = await usersPolicy()
    await node.send('POST', '/_enrich/policy/users-policy/_execute')
    await node.send('PUT', '/_ingest/pipeline/user_lookup', {
      processors: [{ enrich: { policy_name: 'users-policy', field: 'email', target_field: 'user' } }],
    })
    const refused = await node.send('DELETE', '/_enrich/policy/users-policy')
    expect(refused.status).toBe(409)
    expect(errorOf(refused.body)).toEqual({
      type: 'status_exception',
      reason: 'Could not delete policy [users-policy] because a pipeline is referencing it [user_lookup]',
    })
    await node.send('DELETE', '/_ingest/pipeline/user_lookup')
    expect((await node.send('DELETE', '/_enrich/policy/users-policy')).body).toBe('{"acknowledged":true}')
    expect((await node.send('GET', '/_enrich/policy')).body).toBe('{"policies":[]}')
    expect((await node.send('GET', '/.enrich-users-policy/_search')).status).toBe(404)
    const again = await node.send('DELETE', '/_enrich/policy/users-policy')
    expect(again.status).toBe(404)
    expect(errorOf(again.body)).toEqual({
      type: 'resource_not_found_exception',
      reason: 'policy [users-policy] not found',
    })
  })
})

describe('the enrich processor', () => {
  it('the reference walkthrough: the enriched _source is exactly as ES shows it', async () => {
    const node = await usersPolicy()
    expect((await node.send('POST', '/_enrich/policy/users-policy/_execute')).body).toBe(
      '{"status":{"phase":"COMPLETE"}}',
    )
    const pipeline = await node.send('PUT', '/_ingest/pipeline/user_lookup', {
      processors: [
        {
          enrich: {
            description: "Add 'user' data based on 'email'",
            policy_name: 'users-policy',
            field: 'email',
            target_field: 'user',
            max_matches: '1',
          },
        },
      ],
    })
    expect(pipeline.status).toBe(200)
    await node.send('PUT', '/my-index-000001/_doc/my_id?pipeline=user_lookup', {
      email: 'mardy.brown@asciidocsmith.com',
    })
    const doc = await node.send('GET', '/my-index-000001/_doc/my_id')
    expect(jsonAt(doc.body, 'found')).toBe(true)
    // The reference prints the same fields; their order is the Java HashMap order the ingested map is
    // written in (SearchHit.getSourceAsMap is a HashMap): zip (bucket 0), city (bucket 5), ...
    expect(doc.body).toContain(
      '"_source":{"user":{"zip":70116,"city":"New Orleans","last_name":"Brown","state":"LA","first_name":"Mardy",' +
        '"email":"mardy.brown@asciidocsmith.com"},"email":"mardy.brown@asciidocsmith.com"}',
    )
  })

  it('a pipeline naming a policy that was never executed is refused', async () => {
    const node = await usersPolicy()
    const refused = await node.send('PUT', '/_ingest/pipeline/p', {
      processors: [{ enrich: { policy_name: 'users-policy', field: 'email', target_field: 'user' } }],
    })
    expect(refused.status).toBe(500)
    expect(JSON.parse(refused.body)).toEqual({
      error: {
        root_cause: [
          {
            type: 'exception',
            reason:
              'java.lang.IllegalArgumentException: no enrich index exists for policy with name [users-policy]',
            processor_type: 'enrich',
          },
        ],
        type: 'exception',
        reason:
          'java.lang.IllegalArgumentException: no enrich index exists for policy with name [users-policy]',
        caused_by: {
          type: 'illegal_argument_exception',
          reason: 'no enrich index exists for policy with name [users-policy]',
        },
        processor_type: 'enrich',
      },
      status: 500,
    })
  })

  it('max_matches, override, ignore_missing, a list value, and no match, through _simulate', async () => {
    const node = await startNode()
    for (const [id, doc] of [
      ['1', { code: 'a', label: 'first' }],
      ['2', { code: 'b', label: 'second' }],
      ['3', { code: 'a', label: 'third' }],
    ] as const) {
      await node.send('PUT', `/codes/_doc/${id}`, doc)
    }
    await node.send('POST', '/codes/_refresh')
    await node.send('PUT', '/_enrich/policy/codes', {
      match: { indices: 'codes', match_field: 'code', enrich_fields: ['label'] },
    })
    await node.send('POST', '/_enrich/policy/codes/_execute')
    const simulate = async (options: object, source: object) => {
      const response = await node.send('POST', '/_ingest/pipeline/_simulate', {
        pipeline: {
          processors: [{ enrich: { policy_name: 'codes', field: 'c', target_field: 't', ...options } }],
        },
        docs: [{ _source: source }],
      })
      expect(response.status).toBe(200)
      const result = jsonAt(response.body, 'docs', '0') as { doc?: { _source: unknown }; error?: unknown }
      return result.doc ? result.doc._source : result.error
    }
    expect(await simulate({}, { c: 'a' })).toEqual({ c: 'a', t: { code: 'a', label: 'first' } })
    expect(await simulate({ max_matches: 5 }, { c: 'a' })).toEqual({
      c: 'a',
      t: [
        { code: 'a', label: 'first' },
        { code: 'a', label: 'third' },
      ],
    })
    expect(await simulate({ max_matches: 5 }, { c: ['b', 'x'] })).toEqual({
      c: ['b', 'x'],
      t: [{ code: 'b', label: 'second' }],
    })
    expect(await simulate({ override: false }, { c: 'b', t: 'kept' })).toEqual({ c: 'b', t: 'kept' })
    expect(await simulate({}, { c: 'zzz' })).toEqual({ c: 'zzz' })
    expect(await simulate({ ignore_missing: true }, { other: 1 })).toEqual({ other: 1 })
    expect(await simulate({}, { other: 1 })).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'field [c] not present as part of path [c]',
    })
    const badMax = await node.send('POST', '/_ingest/pipeline/_simulate', {
      pipeline: {
        processors: [{ enrich: { policy_name: 'codes', field: 'c', target_field: 't', max_matches: 200 } }],
      },
      docs: [{ _source: {} }],
    })
    expect(badMax.status).toBe(400)
    expect(errorOf(badMax.body)).toEqual({
      type: 'parse_exception',
      reason: '[max_matches] should be between 1 and 128',
    })
  })

  it('executing again builds a new enrich index that the processor reads from', async () => {
    const node = await startNode()
    await node.send('PUT', '/codes/_doc/1?refresh=true', { code: 'a', label: 'old' })
    await node.send('PUT', '/_enrich/policy/codes', {
      match: { indices: 'codes', match_field: 'code', enrich_fields: ['label'] },
    })
    await node.send('POST', '/_enrich/policy/codes/_execute')
    await node.send('PUT', '/_ingest/pipeline/p', {
      processors: [{ enrich: { policy_name: 'codes', field: 'c', target_field: 't' } }],
    })
    await node.send('PUT', '/codes/_doc/1?refresh=true', { code: 'a', label: 'new' })
    await node.send('PUT', '/out/_doc/1?pipeline=p', { c: 'a' })
    expect(jsonAt((await node.send('GET', '/out/_doc/1')).body, '_source', 't', 'label')).toBe('old')
    await node.clock.sleep(5)
    await node.send('POST', '/_enrich/policy/codes/_execute')
    await node.send('PUT', '/out/_doc/2?pipeline=p', { c: 'a' })
    expect(jsonAt((await node.send('GET', '/out/_doc/2')).body, '_source', 't', 'label')).toBe('new')
    const aliases = jsonKeysAt((await node.send('GET', '/_alias/.enrich-codes')).body)
    expect(aliases).toHaveLength(1)
    expect(aliases[0]).toMatch(/^\.enrich-codes-\d+$/)
  })
})
