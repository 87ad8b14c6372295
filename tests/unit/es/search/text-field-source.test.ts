// significant_text through a node (search/text-field-source.ts): the mapped field's analyzer over the stored
// `_source`, background frequencies from the inverted index, and the refusals of fields without an analyzer
// (search.aggregation/90_significant_text.yml's goodbad index, with a custom analyzer and a copy_to field).
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/goodbad', {
    settings: {
      number_of_shards: 1,
      analysis: { analyzer: { folding: { tokenizer: 'whitespace', filter: ['lowercase'] } } },
    },
    mappings: {
      properties: {
        text: { type: 'text', analyzer: 'folding' },
        class: { type: 'keyword' },
        n: { type: 'long' },
        b: { type: 'boolean' },
        title: { type: 'keyword', index: false, doc_values: false, copy_to: 'all' },
        all: { type: 'text' },
      },
    },
  })
  const docs = [
    ['GOOD', 'good'],
    ['good', 'good'],
    ['bad', 'bad'],
    ['Bad', 'bad'],
    ['good bad', 'good'],
    ['good bad', 'bad'],
    ['bad', 'bad'],
  ]
  for (const [i, [text, cls]] of docs.entries())
    await node.send('PUT', `/goodbad/_doc/${i + 1}`, { text, class: cls, n: i, b: true, title: text })
  await node.send('POST', '/goodbad/_refresh')
})

async function sigText(body: object): Promise<{ status: number; body: string }> {
  return node.send('POST', '/goodbad/_search?filter_path=aggregations,error.root_cause', {
    size: 0,
    aggs: { class: { terms: { field: 'class' }, aggs: { sig_text: { significant_text: body } } } },
  })
}

describe('significant_text on a node', () => {
  it('re-analyzes _source with the field`s own analyzer', async () => {
    expect((await sigText({ field: 'text' })).body).toBe(
      '{"aggregations":{"class":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[' +
        '{"key":"bad","doc_count":4,"sig_text":{"doc_count":4,"bg_count":7,"buckets":[{"key":"bad","doc_count":4,"score":0.39999999999999997,"bg_count":5}]}},' +
        '{"key":"good","doc_count":3,"sig_text":{"doc_count":3,"bg_count":7,"buckets":[{"key":"good","doc_count":3,"score":0.75,"bg_count":4}]}}]}}}',
    )
  })

  it('reads a copy_to field`s source_fields (90_significant_text.yml: copy_to)', async () => {
    const { body } = await sigText({ field: 'all', source_fields: ['title'] })
    expect(body).toContain('"buckets":[{"key":"good","doc_count":3,"score":0.75,"bg_count":4}]')
  })

  it('refuses a numeric field and a boolean one on the shard', async () => {
    expect((await sigText({ field: 'n' })).body).toContain(
      '"root_cause":[{"type":"illegal_argument_exception","reason":"Field [n] has no analyzer, but SignificantText requires an analyzed field"}]',
    )
    expect((await sigText({ field: 'b' })).body).toContain('"reason":"No analyzer configured for field b"')
  })
})
