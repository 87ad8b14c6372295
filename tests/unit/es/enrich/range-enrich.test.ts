// A range enrich policy and its processor (EnrichPolicyRunner.mappingForMatchField, MatchProcessor's term query on
// the enrich index's range field): the reference's networks-policy walkthrough, the enrich index's mapping, numeric
// and date ranges, lists, and the failures of a value that does not parse and of sources that disagree.
import { expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { jsonAt } from '../indices/json-at.ts'

async function networksPolicy(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/networks', {
    mappings: {
      properties: {
        range: { type: 'ip_range' },
        name: { type: 'keyword' },
        department: { type: 'keyword' },
      },
    },
  })
  await node.send('PUT', '/networks/_doc/1?refresh=wait_for', {
    range: '10.100.0.0/16',
    name: 'production',
    department: 'OPS',
  })
  const policy = await node.send('PUT', '/_enrich/policy/networks-policy', {
    range: { indices: 'networks', match_field: 'range', enrich_fields: ['name', 'department'] },
  })
  expect(policy.body).toBe('{"acknowledged":true}')
  expect((await node.send('POST', '/_enrich/policy/networks-policy/_execute')).body).toBe(
    '{"status":{"phase":"COMPLETE"}}',
  )
  const pipeline = await node.send('PUT', '/_ingest/pipeline/networks_lookup', {
    processors: [
      {
        enrich: {
          description: "Add 'network' data based on 'ip'",
          policy_name: 'networks-policy',
          field: 'ip',
          target_field: 'network',
          max_matches: '10',
        },
      },
    ],
  })
  expect(pipeline.body).toBe('{"acknowledged":true}')
  return node
}

function errorOf(body: string): unknown {
  return jsonAt(body, 'error')
}

it('the reference walkthrough: an IP inside the network gets its name and department', async () => {
  const node = await networksPolicy()
  const put = await node.send('PUT', '/my-index-000001/_doc/my_id?pipeline=networks_lookup', {
    ip: '10.100.34.1',
  })
  expect(put.status).toBe(201)
  expect((await node.send('GET', '/my-index-000001/_doc/my_id')).body).toBe(
    '{"_index":"my-index-000001","_id":"my_id","_version":1,"_seq_no":0,"_primary_term":1,"found":true,' +
      '"_source":{"ip":"10.100.34.1","network":[{"name":"production","range":"10.100.0.0/16","department":"OPS"}]}}',
  )
  // an address outside 10.100.0.0/16 matches nothing and leaves the document as it is
  await node.send('PUT', '/my-index-000001/_doc/2?pipeline=networks_lookup', { ip: '10.101.0.1' })
  expect((await node.send('GET', '/my-index-000001/_doc/2')).body).toContain('"_source":{"ip":"10.101.0.1"}')
})

it('the enrich index maps the match field with its range type and no doc values', async () => {
  const node = await networksPolicy()
  const mapping = await node.send('GET', '/.enrich-networks-policy/_mapping')
  expect(jsonAt(mapping.body, Object.keys(JSON.parse(mapping.body) as object)[0]!, 'mappings')).toEqual({
    dynamic: 'false',
    properties: {
      department: { type: 'keyword', index: false },
      name: { type: 'keyword', index: false },
      range: { type: 'ip_range', doc_values: false },
    },
  })
})

it('a value that is not an address fails the document with the term query parse failure', async () => {
  const node = await networksPolicy()
  const put = await node.send('PUT', '/my-index-000001/_doc/1?pipeline=networks_lookup', { ip: 'not-an-ip' })
  expect(put.status).toBe(400)
  expect(errorOf(put.body)).toEqual({
    root_cause: [{ type: 'illegal_argument_exception', reason: "'not-an-ip' is not an IP string literal." }],
    type: 'illegal_argument_exception',
    reason: "'not-an-ip' is not an IP string literal.",
  })
  expect((await node.send('GET', '/my-index-000001/_doc/1')).status).toBe(404)
})

async function agesPolicy(node: TestNode, field: object): Promise<void> {
  await node.send('PUT', '/ages', { mappings: { properties: { years: field, group: { type: 'keyword' } } } })
  await node.send(
    'POST',
    '/ages/_bulk?refresh=true',
    [
      '{"index":{"_id":"1"}}',
      '{"years":{"gte":0,"lt":18},"group":"minor"}',
      '{"index":{"_id":"2"}}',
      '{"years":{"gte":18,"lte":64},"group":"adult"}',
      '{"index":{"_id":"3"}}',
      '{"years":{"gt":60},"group":"senior"}',
      '',
    ].join('\n'),
  )
  await node.send('PUT', '/_enrich/policy/ages-policy', {
    range: { indices: 'ages', match_field: 'years', enrich_fields: ['group'] },
  })
  expect((await node.send('POST', '/_enrich/policy/ages-policy/_execute')).status).toBe(200)
  await node.send('PUT', '/_ingest/pipeline/ages', {
    processors: [
      { enrich: { policy_name: 'ages-policy', field: 'age', target_field: 'groups', max_matches: 3 } },
    ],
  })
}

async function groupsOf(node: TestNode, age: unknown): Promise<unknown> {
  const put = await node.send('PUT', '/people/_doc/1?pipeline=ages', { age })
  if (put.status >= 300) return errorOf(put.body)
  const groups = jsonAt((await node.send('GET', '/people/_doc/1')).body, '_source', 'groups') as
    Array<{ group: string }> | undefined
  return groups?.map((hit) => hit.group)
}

it('an integer_range policy matches every range holding the number, bounds as the range field reads them', async () => {
  const node = await startNode()
  await agesPolicy(node, { type: 'integer_range' })
  expect(await groupsOf(node, 17)).toEqual(['minor'])
  expect(await groupsOf(node, 18)).toEqual(['adult'])
  // `gt: 60` starts at 61
  expect(await groupsOf(node, 60)).toEqual(['adult'])
  expect(await groupsOf(node, '61')).toEqual(['adult', 'senior'])
  expect(await groupsOf(node, 90)).toEqual(['senior'])
  // a list is a terms query: any member
  expect(await groupsOf(node, [5, 70])).toEqual(['minor', 'senior'])
  expect(await groupsOf(node, -1)).toBeUndefined()
  expect(await groupsOf(node, 17.5)).toEqual({
    root_cause: [{ type: 'illegal_argument_exception', reason: 'Value [17.5] has a decimal part' }],
    type: 'illegal_argument_exception',
    reason: 'Value [17.5] has a decimal part',
  })
})

it('a date_range policy reads the value with the field format, rounding a day up; now cannot be read', async () => {
  const node = await startNode()
  await node.send('PUT', '/seasons', {
    mappings: {
      properties: { span: { type: 'date_range', format: 'yyyy-MM-dd' }, season: { type: 'keyword' } },
    },
  })
  await node.send('PUT', '/seasons/_doc/1?refresh=true', {
    span: { gte: '2024-06-21', lt: '2024-09-23' },
    season: 'summer',
  })
  await node.send('PUT', '/_enrich/policy/seasons-policy', {
    range: { indices: 'seasons', match_field: 'span', enrich_fields: ['season'] },
  })
  await node.send('POST', '/_enrich/policy/seasons-policy/_execute')
  const mapping = await node.send('GET', '/.enrich-seasons-policy/_mapping')
  expect(mapping.body).toContain('"span":{"type":"date_range","doc_values":false,"format":"yyyy-MM-dd"}')
  await node.send('PUT', '/_ingest/pipeline/season', {
    processors: [{ enrich: { policy_name: 'seasons-policy', field: 'day', target_field: 'season' } }],
  })
  const season = async (day: string): Promise<unknown> => {
    const put = await node.send('PUT', '/days/_doc/1?pipeline=season', { day })
    if (put.status >= 300) return errorOf(put.body)
    return jsonAt((await node.send('GET', '/days/_doc/1')).body, '_source', 'season', 'season')
  }
  expect(await season('2024-07-01')).toBe('summer')
  // the day [2024-09-22T00:00, 2024-09-22T23:59:59.999] intersects; the 23rd starts past the range
  expect(await season('2024-09-22')).toBe('summer')
  expect(await season('2024-09-23')).toBeUndefined()
  expect(await season('now')).toEqual({
    root_cause: [{ type: 'parse_exception', reason: 'could not read the current timestamp' }],
    type: 'parse_exception',
    reason: 'could not read the current timestamp',
  })
})

it('the sources must agree on the match field type; a keyword match field is refused', async () => {
  const node = await startNode()
  await node.send('PUT', '/a', {
    mappings: { properties: { r: { type: 'long_range' }, k: { type: 'keyword' } } },
  })
  await node.send('PUT', '/b', { mappings: { properties: { r: { type: 'integer_range' } } } })
  await node.send('PUT', '/_enrich/policy/both', {
    range: { indices: ['a', 'b'], match_field: 'r', enrich_fields: ['k'] },
  })
  const both = await node.send('POST', '/_enrich/policy/both/_execute')
  expect(both.status).toBe(500)
  expect(errorOf(both.body)).toEqual({
    root_cause: [
      {
        type: 'exception',
        reason:
          "Multiple distinct mapping types for field 'r' - indices(a,b)  types(long_range,integer_range)",
      },
    ],
    type: 'exception',
    reason: "Multiple distinct mapping types for field 'r' - indices(a,b)  types(long_range,integer_range)",
  })
  await node.send('PUT', '/_enrich/policy/keyed', {
    range: { indices: 'a', match_field: 'k', enrich_fields: ['r'] },
  })
  const keyed = await node.send('POST', '/_enrich/policy/keyed/_execute')
  expect(jsonAt(keyed.body, 'error', 'reason')).toBe(
    "Field 'k' has type [keyword] which doesn't appear to be a range type",
  )
  expect((await node.send('GET', '/_cat/indices/.enrich-*?h=index')).body).toBe('')
})
