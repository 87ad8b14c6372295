// The index options and norms of a text field's `._index_phrase` and a search_as_you_type field's shingle subfields
// follow their parent's, as their FieldTypes copy the parent's (TextFieldMapper.buildPhraseInfo's
// `new FieldType(fieldType)`, SearchAsYouTypeFieldMapper's shingle FieldType); the prefix subfields never keep
// norms. Seen in the scores: without norms two documents of different lengths score the same, and with
// `index_options: docs` a shingle repeated in a document counts once.
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

/** The scores by id of `query` over an index with `field` mapped as given, holding `texts` as documents 1, 2, ... */
async function scores(
  field: object,
  texts: readonly string[],
  query: object,
): Promise<Record<string, number>> {
  const node = await startNode()
  const created = await node.send('PUT', '/test', { mappings: { properties: { f: field } } })
  expect(created.status, created.body).toBe(200)
  for (const [i, text] of texts.entries()) await node.send('PUT', `/test/_doc/${i + 1}`, { f: text })
  await node.send('POST', '/test/_refresh')
  const response = await node.send('POST', '/test/_search', { query })
  expect(response.status, response.body).toBe(200)
  const hits = (JSON.parse(response.body) as { hits: { hits: Array<{ _id: string; _score: number }> } }).hits
    .hits
  return Object.fromEntries(hits.map((hit) => [hit._id, hit._score]))
}

const SHORT_AND_LONG = ['quick brown fox', 'quick brown fox jumps over the lazy dog once again']

describe('derived subfields', () => {
  it('an _index_phrase under norms: false has no norms', async () => {
    const phrase = { match_phrase: { f: 'quick brown' } }
    const withNorms = await scores({ type: 'text', index_phrases: true }, SHORT_AND_LONG, phrase)
    expect(withNorms['1']!).toBeGreaterThan(withNorms['2']!)
    const without = await scores({ type: 'text', index_phrases: true, norms: false }, SHORT_AND_LONG, phrase)
    expect(without['1']).toBe(without['2'])
  })

  it('search_as_you_type shingles under norms: false have no norms', async () => {
    const shingle = { match: { 'f._2gram': 'quick brown' } }
    const without = await scores({ type: 'search_as_you_type', norms: false }, SHORT_AND_LONG, shingle)
    expect(without['1']).toBe(without['2'])
  })

  it('search_as_you_type shingles under index_options: docs count a repeated shingle once', async () => {
    const texts = ['quick brown quick brown', 'quick brown red fox']
    const shingle = { match: { 'f._2gram': 'quick brown' } }
    const freqs = await scores({ type: 'search_as_you_type' }, texts, shingle)
    expect(freqs['1']!).toBeGreaterThan(freqs['2']!)
    const docs = await scores({ type: 'search_as_you_type', index_options: 'docs' }, texts, shingle)
    expect(docs['1']).toBe(docs['2'])
  })
})
