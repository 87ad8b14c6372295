// wrapper (ES's WrapperQueryBuilder): a query given as base64 bytes, parsed when the query is rewritten and run in
// its place, so its hits, scores and descriptions are the wrapped query's; and the builder's errors.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

async function indexed(): Promise<TestCluster> {
  const { cluster } = await clusterWithIndex(1, { mappings: { properties: { user: { type: 'keyword' } } } })
  for (const [id, user] of [
    ['1', 'kimchy'],
    ['2', 'elastic'],
  ]) {
    await cluster.json(1, 'PUT', `/idx/_doc/${id}`, { user, message: 'hello' })
  }
  await cluster.json(1, 'POST', '/idx/_refresh')
  return cluster
}

const base64 = (text: string): string => Buffer.from(text).toString('base64')

interface SearchBody {
  hits: { hits: Array<{ _id: string; _score: number }> }
}

async function reason(cluster: TestCluster, wrapper: object): Promise<{ type: string; reason: string }> {
  const response = await cluster.send(1, 'POST', '/idx/_search', { query: { wrapper } })
  expect(response.status).toBe(400)
  return (JSON.parse(response.body) as { error: { root_cause: Array<{ type: string; reason: string }> } })
    .error.root_cause[0]!
}

describe('wrapper query', () => {
  it('runs the decoded query in its place', async () => {
    const cluster = await indexed()
    const query = (q: object) => cluster.json(1, 'POST', '/idx/_search', { query: q }) as Promise<SearchBody>
    const wrapped = await query({ wrapper: { query: base64('{"term" : { "user" : "kimchy" }}') } })
    const plain = await query({ term: { user: 'kimchy' } })
    expect(wrapped.hits.hits).toEqual(plain.hits.hits)
    expect(wrapped.hits.hits.map((h) => h._id)).toEqual(['1'])
    const validate = (await cluster.json(1, 'POST', '/idx/_validate/query?explain=true', {
      query: { bool: { must: { wrapper: { query: base64(' {"match":{"message":"hello"}}') } } } },
    })) as { explanations: Array<{ explanation: string }> }
    expect(validate.explanations[0]!.explanation).toBe('+message:hello')
  })

  it('fails as the builder and the wrapped query parse fail', async () => {
    const cluster = await indexed()
    expect(await reason(cluster, {})).toMatchObject({
      type: 'parsing_exception',
      reason: '[wrapper] query malformed',
    })
    expect((await reason(cluster, { source: 'x' })).reason).toBe(
      '[wrapper] query malformed, expected `query` but was source',
    )
    expect((await reason(cluster, { query: '' })).reason).toBe('query source text cannot be null or empty')
    expect((await reason(cluster, { query: base64('{"term":{"user":"x"}}'), boost: 2 })).reason).toBe(
      '[wrapper] malformed query, expected [END_OBJECT] but found [FIELD_NAME]',
    )
    expect(await reason(cluster, { query: base64('user:kimchy') })).toMatchObject({
      type: 'x_content_parse_exception',
      reason: 'Failed to derive xcontent',
    })
    expect(await reason(cluster, { query: base64('{"nope":{}}') })).toMatchObject({
      type: 'parsing_exception',
      reason: 'unknown query [nope]',
    })
    expect((await reason(cluster, { query: base64('{}') })).reason).toBe(
      'query malformed, empty clause found at [1:2]',
    )
    expect((await reason(cluster, { query: 'e30' })).reason).toMatch(
      /Failed to decode VALUE_STRING as base64 \(MIME-NO-LINEFEEDS\): Unexpected end of base64-encoded String/,
    )
    expect((await reason(cluster, { query: 5 })).reason).toMatch(
      /Current token \(VALUE_NUMBER_INT\) not VALUE_STRING or VALUE_EMBEDDED_OBJECT, can not access as binary/,
    )
  })
})
