// version fields over REST, as ES 8.17's x-pack mapper-version answers them (VersionStringFieldMapper): values sort,
// range and aggregate by version precedence with illegal versions after the legal ones, term queries take the
// version text, prefix/wildcard/regexp/fuzzy match the decoded text, and sort values, terms keys and docvalue_fields
// print the version text.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

/** The first root cause of an error response. */
function rootCause(body: string): unknown {
  return (JSON.parse(body) as { error: { root_cause: unknown[] } }).error.root_cause[0]
}

const VERSIONS = ['1.10.0', '1.2.0', '2.0.0-rc.1', 'invalid', '1.0.0', '1.0.0-beta', '2.0.0', '1.0.0+build7']

async function indexed(): Promise<TestNode> {
  const node = await startNode()
  const created = await node.send('PUT', '/v', {
    mappings: { properties: { version: { type: 'version', meta: { origin: 'npm' } } } },
  })
  expect(created.status).toBe(200)
  for (const [i, version] of VERSIONS.entries()) await node.send('PUT', `/v/_doc/${i + 1}`, { version })
  await node.send('POST', '/v/_refresh')
  return node
}

async function search(node: TestNode, body: object): Promise<Record<string, unknown>> {
  const response = await node.send('POST', '/v/_search', body)
  expect(response.status).toBe(200)
  return JSON.parse(response.body) as Record<string, unknown>
}

async function matching(node: TestNode, query: object): Promise<string[]> {
  const body = await search(node, { query, size: 20, sort: ['version'] })
  const hits = (body.hits as { hits: Array<{ _source: { version: string } }> }).hits
  return hits.map((hit) => hit._source.version)
}

describe('version mappings', () => {
  it('prints meta and refuses other parameters', async () => {
    const node = await indexed()
    expect((await node.send('GET', '/v/_mapping')).body).toBe(
      '{"v":{"mappings":{"properties":{"version":{"type":"version","meta":{"origin":"npm"}}}}}}',
    )
    const response = await node.send('PUT', '/bad', {
      mappings: { properties: { v: { type: 'version', index: false } } },
    })
    expect(response.status).toBe(400)
    expect(rootCause(response.body)).toEqual({
      type: 'mapper_parsing_exception',
      reason: 'unknown parameter [index] on mapper [v] of type [version]',
    })
  })
})

describe('version sorting and aggregations', () => {
  it('sorts by version precedence, illegal versions last, and prints sort values as versions', async () => {
    const node = await indexed()
    const body = await search(node, { sort: [{ version: 'asc' }], size: 3 })
    const hits = (body.hits as { hits: Array<{ _id: string; sort: string[] }> }).hits
    expect(hits.map((hit) => hit.sort[0])).toEqual(['1.0.0-beta', '1.0.0', '1.0.0+build7'])
    const after = await search(node, { sort: [{ version: 'asc' }], search_after: ['1.10.0'], size: 10 })
    const rest = (after.hits as { hits: Array<{ sort: string[] }> }).hits.map((hit) => hit.sort[0])
    expect(rest).toEqual(['2.0.0-rc.1', '2.0.0', 'invalid'])
  })

  it('keys terms buckets by the version text, in version order', async () => {
    const node = await indexed()
    const body = await search(node, {
      size: 0,
      aggs: { versions: { terms: { field: 'version', order: { _key: 'asc' }, size: 4 } } },
    })
    expect(body.aggregations).toEqual({
      versions: {
        doc_count_error_upper_bound: 0,
        sum_other_doc_count: 4,
        buckets: [
          { key: '1.0.0-beta', doc_count: 1 },
          { key: '1.0.0', doc_count: 1 },
          { key: '1.0.0+build7', doc_count: 1 },
          { key: '1.2.0', doc_count: 1 },
        ],
      },
    })
  })

  it('prints docvalue_fields as versions and refuses a format', async () => {
    const node = await indexed()
    const body = await search(node, { query: { ids: { values: ['3'] } }, docvalue_fields: ['version'] })
    const hit = (body.hits as { hits: Array<{ fields: unknown }> }).hits[0]!
    expect(hit.fields).toEqual({ version: ['2.0.0-rc.1'] })
    const refused = await node.send('POST', '/v/_search', {
      docvalue_fields: [{ field: 'version', format: 'x' }],
    })
    expect(refused.status).toBe(400)
    expect(rootCause(refused.body)).toMatchObject({
      type: 'illegal_argument_exception',
      reason: "Field [version] of type [version] doesn't support formats.",
    })
  })
})

describe('version queries', () => {
  it('matches terms and ranges by version precedence', async () => {
    const node = await indexed()
    expect(await matching(node, { term: { version: '1.0.0' } })).toEqual(['1.0.0'])
    expect(await matching(node, { terms: { version: ['2.0.0', 'invalid'] } })).toEqual(['2.0.0', 'invalid'])
    expect(await matching(node, { match: { version: '1.2.0' } })).toEqual(['1.2.0'])
    expect(await matching(node, { range: { version: { gte: '1.0.0', lt: '2.0.0' } } })).toEqual([
      '1.0.0',
      '1.0.0+build7',
      '1.2.0',
      '1.10.0',
      '2.0.0-rc.1',
    ])
    expect(await matching(node, { range: { version: { gt: '2.0.0' } } })).toEqual(['invalid'])
  })

  it('matches prefix, wildcard, regexp and fuzzy queries against the version text', async () => {
    const node = await indexed()
    expect(await matching(node, { prefix: { version: '1.' } })).toEqual([
      '1.0.0-beta',
      '1.0.0',
      '1.0.0+build7',
      '1.2.0',
      '1.10.0',
    ])
    expect(await matching(node, { wildcard: { version: '2.*' } })).toEqual(['2.0.0-rc.1', '2.0.0'])
    expect(await matching(node, { regexp: { version: '1\\.[0-9]+\\.0' } })).toEqual([
      '1.0.0',
      '1.2.0',
      '1.10.0',
    ])
    expect(await matching(node, { fuzzy: { version: 'invalit' } })).toEqual(['invalid'])
    expect(
      await matching(node, { term: { version: { value: '1.0.0-BETA', case_insensitive: true } } }),
    ).toEqual(['1.0.0-beta'])
  })

  it('explains a prefix query with the version field and the wildcard it is', async () => {
    const node = await indexed()
    const response = await node.send('POST', '/v/_explain/5', { query: { prefix: { version: '1.0' } } })
    expect(JSON.parse(response.body)).toMatchObject({
      matched: true,
      explanation: { value: 1, description: 'version:1.0*', details: [] },
    })
  })
})

describe('version in query_string', () => {
  it('takes terms, ranges and prefixes as versions', async () => {
    const node = await indexed()
    const query = (text: string): object => ({ query_string: { query: text, default_field: 'version' } })
    expect(await matching(node, query('"1.0.0"'))).toEqual(['1.0.0'])
    expect(await matching(node, query('[1.2.0 TO 2.0.0}'))).toEqual(['1.2.0', '1.10.0', '2.0.0-rc.1'])
    expect(await matching(node, query('2.0*'))).toEqual(['2.0.0-rc.1', '2.0.0'])
  })
})

describe('version in _disk_usage', () => {
  it('counts the decoded values under the version field itself', async () => {
    const node = await indexed()
    const response = await node.send('POST', '/v/_disk_usage?run_expensive_tasks=true')
    expect(response.status).toBe(200)
    const fields = (JSON.parse(response.body) as { v: { fields: Record<string, unknown> } }).v.fields
    expect(Object.keys(fields).filter((name) => name.startsWith('version'))).toEqual(['version'])
  })
})
