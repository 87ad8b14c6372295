// A keyword's `split_queries_on_whitespace` (KeywordFieldMapper): its search analyzer becomes the whitespace
// tokenizer followed by the normalizer, so match, match_bool_prefix and multi_match split their text into terms,
// each normalized; term-level queries and keywords without the flag keep the whole value.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/i', {
    settings: {
      number_of_shards: 1,
      analysis: { normalizer: { lc: { type: 'custom', filter: ['lowercase'] } } },
    },
    mappings: {
      properties: {
        kw: { type: 'keyword', split_queries_on_whitespace: 'true' },
        low: { type: 'keyword', normalizer: 'lc', split_queries_on_whitespace: true },
        plain: { type: 'keyword' },
      },
    },
  })
  await node.send(
    'POST',
    '/i/_bulk?refresh=true',
    '{"index":{"_id":"1"}}\n{"kw":"Foo","low":"foo","plain":"Foo Bar"}\n' +
      '{"index":{"_id":"2"}}\n{"kw":"Bar","low":"BAR","plain":"Foo"}\n',
  )
})

async function explained(query: object): Promise<string> {
  const response = await node.send('GET', '/i/_validate/query?explain=true', { query })
  return (JSON.parse(response.body) as { explanations: Array<{ explanation: string }> }).explanations[0]!
    .explanation
}

async function ids(query: object): Promise<string[]> {
  const response = await node.send('POST', '/i/_search?filter_path=hits.hits._id', { query })
  const body = JSON.parse(response.body) as { hits?: { hits: Array<{ _id: string }> } }
  return (body.hits?.hits ?? []).map((hit) => hit._id)
}

describe('keyword split_queries_on_whitespace', () => {
  it('is kept in the mapping', async () => {
    expect((await node.send('GET', '/i/_mapping/field/kw')).body).toBe(
      '{"i":{"mappings":{"kw":{"full_name":"kw","mapping":{"kw":{"type":"keyword","split_queries_on_whitespace":true}}}}}}',
    )
  })

  it('splits match queries into whitespace terms, each normalized', async () => {
    expect(await explained({ match: { kw: 'Foo Bar' } })).toBe('kw:Foo kw:Bar')
    expect(await ids({ match: { kw: 'Foo Bar' } })).toEqual(['1', '2'])
    expect(await explained({ match: { kw: { query: 'Foo Bar', operator: 'and' } } })).toBe('+kw:Foo +kw:Bar')
    expect(await ids({ match: { kw: { query: 'Foo Bar', operator: 'and' } } })).toEqual([])
    expect(await explained({ match: { low: 'FOO \t bar' } })).toBe('low:foo low:bar')
    expect(await explained({ match_bool_prefix: { low: 'fo BA' } })).toBe('low:fo low:ba*')
    expect(await ids({ match_bool_prefix: { low: 'fo BA' } })).toEqual(['2'])
    expect(await explained({ multi_match: { query: 'Foo Bar', fields: ['kw', 'plain'] } })).toBe(
      '((kw:Foo kw:Bar) | plain:Foo Bar)',
    )
  })

  it('leaves term queries and keywords without the flag whole', async () => {
    expect(await explained({ term: { kw: 'Foo Bar' } })).toBe('kw:Foo Bar')
    expect(await explained({ match: { plain: 'Foo Bar' } })).toBe('plain:Foo Bar')
    expect(await ids({ match: { plain: 'Foo Bar' } })).toEqual(['1'])
  })
})
