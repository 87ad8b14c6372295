// A text field's `index_phrases` (TextFieldMapper's PhraseFieldMapper and PhraseWrappedAnalyzer): the
// `._index_phrase` subfield's two-word shingles, and the match_phrase TextFieldType.phraseQuery turns into a phrase
// of shingles on it (slop 0, no gaps), with the YAML REST test search/200_index_phrase_search's expected hits.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/test', {
    settings: { number_of_shards: 1 },
    mappings: {
      properties: {
        text: { type: 'text', index_phrases: true },
        stopped: { type: 'text', analyzer: 'stop', index_phrases: true },
      },
    },
  })
  await node.send('PUT', '/test/_doc/1?refresh=true', {
    text: 'peter piper picked a peck of pickled peppers',
    stopped: 'peter piper picked a peck of pickled peppers',
  })
})

async function explained(query: object): Promise<string> {
  const response = await node.send('GET', '/test/_validate/query?explain=true', { query })
  return (JSON.parse(response.body) as { explanations: Array<{ explanation: string }> }).explanations[0]!
    .explanation
}

async function total(path: string, body?: object): Promise<number> {
  const response = await node.send(body === undefined ? 'GET' : 'POST', path, body)
  return (JSON.parse(response.body) as { hits: { total: number } }).hits.total
}

describe('text index_phrases', () => {
  it('finds the YAML test phrases (200_index_phrase_search)', async () => {
    const search = '/test/_search?rest_total_hits_as_int=true'
    expect(await total(search, { query: { match_phrase: { text: { query: 'peter piper' } } } })).toBe(1)
    expect(await total(`${search}&q=${encodeURIComponent('"peter piper"~1')}&df=text`)).toBe(1)
    expect(await total(search, { query: { match_phrase: { text: 'peter piper picked' } } })).toBe(1)
    expect(await total(search, { query: { match_phrase: { text: 'piper' } } })).toBe(1)
    expect(await total(search, { query: { match_phrase: { text: 'piper peter' } } })).toBe(0)
  })

  it('indexes two-word shingles into ._index_phrase', async () => {
    const search = '/test/_search?rest_total_hits_as_int=true'
    expect(await total(search, { query: { term: { 'text._index_phrase': 'peter piper' } } })).toBe(1)
    expect(await total(search, { query: { term: { 'text._index_phrase': 'pickled peppers' } } })).toBe(1)
    expect(await total(search, { query: { term: { 'text._index_phrase': 'peter' } } })).toBe(0)
    expect(await total(search, { query: { term: { 'stopped._index_phrase': 'picked _' } } })).toBe(1)
  })

  it('explains the phrase of shingles on ._index_phrase, the field itself with slop or gaps', async () => {
    expect(await explained({ match_phrase: { text: 'peter piper' } })).toMatchInlineSnapshot(
      `"text._index_phrase:"peter piper""`,
    )
    expect(await explained({ match_phrase: { text: 'peter piper picked' } })).toMatchInlineSnapshot(
      `"text._index_phrase:"peter piper piper picked""`,
    )
    expect(
      await explained({ match_phrase: { text: { query: 'peter piper picked', slop: 1 } } }),
    ).toMatchInlineSnapshot(`"text:"peter piper picked"~1"`)
    expect(await explained({ match_phrase: { text: 'piper' } })).toMatchInlineSnapshot(`"text:piper"`)
    expect(await explained({ match_phrase: { stopped: 'picked a peck' } })).toMatchInlineSnapshot(
      `"stopped:"picked ? peck""`,
    )
    expect(
      await explained({ query_string: { default_field: 'text', query: '"peter piper"' } }),
    ).toMatchInlineSnapshot(`"text._index_phrase:"peter piper""`)
  })

  it('refuses aggregations on the subfields as PhraseFieldType and PrefixFieldType do', async () => {
    const response = await node.send('POST', '/test/_search', {
      size: 0,
      aggs: { shingles: { terms: { field: 'text._index_phrase' } } },
    })
    expect(response.body).toContain(
      'Fielddata is not supported on field [text._index_phrase] of type [phrase]',
    )
  })

  it('refuses index_phrases without positions or index', async () => {
    const error = async (mapping: object): Promise<string> => {
      const response = await node.send('PUT', '/bad', { mappings: { properties: { f: mapping } } })
      return (JSON.parse(response.body) as { error: { reason: string } }).error.reason
    }
    expect(await error({ type: 'text', index_phrases: true, index_options: 'freqs' })).toBe(
      'Failed to parse mapping: Cannot set index_phrases on field [f] if positions are not enabled',
    )
    expect(await error({ type: 'text', index_phrases: true, index: false })).toBe(
      'Failed to parse mapping: Cannot set index_phrases on unindexed field [f]',
    )
  })
})
