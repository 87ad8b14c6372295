// Index options and norms as ES 8.17 indexes each field: a keyword is IndexOptions.DOCS without norms by default
// (KeywordFieldMapper.Defaults.FIELD_TYPE), so a value repeated in its array scores as freq 1 in BM25, and with
// `index_options: freqs` as its count; a boolean and a flattened field are DOCS-only too; a keyword with
// `norms: true` has norms (each value one token of its length), a text field with `norms: false` has none, and
// a text field with `index_options: docs` counts a repeated token once.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/i', {
    settings: { number_of_shards: 1 },
    mappings: {
      properties: {
        tags: { type: 'keyword' },
        counted: { type: 'keyword', index_options: 'freqs' },
        normed: { type: 'keyword', norms: true },
        flag: { type: 'boolean' },
        flat: { type: 'flattened' },
        docs_text: { type: 'text', index_options: 'docs' },
        unnormed: { type: 'text', norms: false },
      },
    },
  })
  await node.send(
    'POST',
    '/i/_bulk?refresh=true',
    '{"index":{"_id":"1"}}\n' +
      '{"tags":["a","a"],"counted":["a","a"],"normed":["a","b","c"],"flag":[true,true],' +
      '"flat":{"k":["a","a"]},"docs_text":"a a b","unnormed":"a b c d"}\n' +
      '{"index":{"_id":"2"}}\n' +
      '{"tags":["a","b"],"counted":["a","b"],"normed":"a","flag":true,' +
      '"flat":{"k":["a","b"]},"docs_text":"a b","unnormed":"a"}\n',
  )
})

interface Explanation {
  value: number
  description: string
  details: Explanation[]
}
interface Hit {
  _id: string
  _score: number
  _explanation: Explanation
}

async function hits(query: object): Promise<Hit[]> {
  const response = await node.send('POST', '/i/_search', { query, explain: true, sort: ['_score', '_doc'] })
  return (JSON.parse(response.body) as { hits: { hits: Hit[] } }).hits.hits
}

/** The value of the explanation's first node whose description starts with `prefix`. */
function detail(e: Explanation, prefix: string): number | undefined {
  if (e.description.startsWith(prefix)) return e.value
  for (const d of e.details) {
    const found = detail(d, prefix)
    if (found !== undefined) return found
  }
  return undefined
}

const scores = (found: Hit[]): Record<string, number> =>
  Object.fromEntries(found.map((hit) => [hit._id, hit._score]))
const freqs = (found: Hit[]): Record<string, number | undefined> =>
  Object.fromEntries(found.map((hit) => [hit._id, detail(hit._explanation, 'freq,')]))
const lengths = (found: Hit[]): Record<string, number | undefined> =>
  Object.fromEntries(found.map((hit) => [hit._id, detail(hit._explanation, 'dl,')]))

describe('keyword index_options and norms', () => {
  it('counts a repeated keyword value once (index_options docs), its dl 1 and avgdl from its doc freqs', async () => {
    for (const query of [{ term: { tags: 'a' } }, { match: { tags: 'a' } }]) {
      const found = await hits(query)
      expect(freqs(found)).toEqual({ '1': 1, '2': 1 })
      expect(lengths(found)).toEqual({ '1': 1, '2': 1 })
      expect(detail(found[0]!._explanation, 'avgdl,')).toBe(1.5)
      expect(scores(found)['1']).toBe(scores(found)['2'])
    }
  })

  it('counts a repeated value with index_options freqs', async () => {
    const found = await hits({ term: { counted: 'a' } })
    expect(freqs(found)).toEqual({ '1': 2, '2': 1 })
    expect(detail(found[0]!._explanation, 'avgdl,')).toBe(2)
    expect(found[0]!._id).toBe('1')
  })

  it('gives a keyword with norms: true each value as one token of its length', async () => {
    const found = await hits({ term: { normed: 'a' } })
    expect(lengths(found)).toEqual({ '1': 3, '2': 1 })
    expect(found[0]!._id).toBe('2')
  })

  it('counts a repeated boolean or flattened value once', async () => {
    for (const query of [{ term: { flag: true } }, { term: { flat: 'a' } }, { term: { 'flat.k': 'a' } }]) {
      const found = await hits(query)
      expect(freqs(found)).toEqual({ '1': 1, '2': 1 })
      expect(scores(found)['1']).toBe(scores(found)['2'])
    }
  })

  it('counts a repeated token once in a text field with index_options docs, and keeps its length', async () => {
    const found = await hits({ match: { docs_text: 'a' } })
    expect(freqs(found)).toEqual({ '1': 1, '2': 1 })
    expect(lengths(found)).toEqual({ '1': 3, '2': 2 })
    expect(found[0]!._id).toBe('2')
  })

  it('gives a text field with norms: false no length', async () => {
    const found = await hits({ match: { unnormed: 'a' } })
    expect(lengths(found)).toEqual({ '1': 1, '2': 1 })
    expect(scores(found)['1']).toBe(scores(found)['2'])
  })
})
