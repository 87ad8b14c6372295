// _termvectors on a started cluster: vectors generated from the stored _source with the field's analyzer
// (positions after the position_increment_gap between array values, offsets after the offset gap), the shard's
// term and field statistics, the flags that shape the answer, and ES's errors.
import { describe, expect, it } from 'vitest'
import { startCluster, type TestCluster } from '../cluster/es-cluster-fixture.ts'

async function articles(): Promise<TestCluster> {
  const c = await startCluster(1)
  await c.json(1, 'PUT', '/articles', {
    settings: { number_of_shards: 1, number_of_replicas: 0 },
    mappings: { properties: { text: { type: 'text' }, tag: { type: 'keyword' }, n: { type: 'long' } } },
  })
  await c.json(1, 'PUT', '/articles/_doc/1', { text: 'twitter test test test', tag: ['b', 'a'], n: 3 })
  await c.json(1, 'PUT', '/articles/_doc/2?refresh=true', {
    text: ['Another twitter test', 'the end'],
    tag: 'a',
  })
  return c
}

describe('_termvectors', () => {
  it('answers term frequencies, tokens and the shard statistics of the selected fields', async () => {
    const c = await articles()
    const body = await c.json(1, 'POST', '/articles/_termvectors/1', {
      fields: ['text', 'tag', 'n'],
      term_statistics: true,
    })
    expect(body).toEqual({
      _index: 'articles',
      _id: '1',
      _version: 1,
      found: true,
      took: 0,
      term_vectors: {
        tag: {
          field_statistics: { sum_doc_freq: 3, doc_count: 2, sum_ttf: 3 },
          terms: {
            a: {
              doc_freq: 2,
              ttf: 2,
              term_freq: 1,
              tokens: [{ position: 1, start_offset: 2, end_offset: 3 }],
            },
            b: {
              doc_freq: 1,
              ttf: 1,
              term_freq: 1,
              tokens: [{ position: 0, start_offset: 0, end_offset: 1 }],
            },
          },
        },
        text: {
          field_statistics: { sum_doc_freq: 7, doc_count: 2, sum_ttf: 9 },
          terms: {
            test: {
              doc_freq: 2,
              ttf: 4,
              term_freq: 3,
              tokens: [
                { position: 1, start_offset: 8, end_offset: 12 },
                { position: 2, start_offset: 13, end_offset: 17 },
                { position: 3, start_offset: 18, end_offset: 22 },
              ],
            },
            twitter: {
              doc_freq: 2,
              ttf: 2,
              term_freq: 1,
              tokens: [{ position: 0, start_offset: 0, end_offset: 7 }],
            },
          },
        },
      },
    })
    // Fields come in name order and terms in byte order, whatever the order in the document.
    const text = (await c.send(1, 'POST', '/articles/_termvectors/1', { fields: ['text', 'tag'] })).body
    expect(text.indexOf('"tag"')).toBeLessThan(text.indexOf('"text"'))
  })

  it('continues positions and offsets across array values, as MemoryIndex does', async () => {
    const c = await articles()
    const body = (await c.json(1, 'GET', '/articles/_termvectors/2?fields=text&field_statistics=false')) as {
      term_vectors: { text: { terms: Record<string, { tokens: object[] }>; field_statistics?: object } }
    }
    const terms = body.term_vectors.text.terms
    expect(Object.keys(terms)).toEqual(['another', 'end', 'test', 'the', 'twitter'])
    // "Another twitter test" ends at position 2 and offset 20: the next value starts at 2 + 100 + 1 and 20 + 1.
    expect(terms.the!.tokens).toEqual([{ position: 103, start_offset: 21, end_offset: 24 }])
    expect(terms.end!.tokens).toEqual([{ position: 104, start_offset: 25, end_offset: 28 }])
    expect(body.term_vectors.text.field_statistics).toBeUndefined()
  })

  it('leaves out what the flags turn off, and statistics of terms the shard does not have', async () => {
    const c = await articles()
    await c.json(1, 'PUT', '/articles/_doc/3', { text: 'brand new words' })
    const body = await c.json(
      1,
      'GET',
      '/articles/_termvectors/3?fields=te*&positions=false&offsets=false&term_statistics=true',
    )
    // Not refreshed: the document is read in real time, the statistics are the searcher's (no such terms yet).
    expect(body).toMatchObject({
      found: true,
      term_vectors: {
        text: {
          field_statistics: { sum_doc_freq: 7, doc_count: 2, sum_ttf: 9 },
          terms: { brand: { term_freq: 1 }, new: { term_freq: 1 }, words: { term_freq: 1 } },
        },
      },
    })
    expect(JSON.stringify(body)).not.toMatch(/tokens|"doc_freq"/)
  })

  it('answers found false for a missing document and no vectors without fields', async () => {
    const c = await articles()
    expect(await c.json(1, 'GET', '/articles/_termvectors/9?fields=text')).toEqual({
      _index: 'articles',
      _id: '9',
      _version: 0,
      found: false,
      took: 0,
    })
    const none = await c.send(1, 'GET', '/articles/_termvectors/1')
    expect(JSON.parse(none.body)).toEqual({
      _index: 'articles',
      _id: '1',
      _version: 1,
      found: true,
      took: 0,
      term_vectors: {},
    })
  })

  it('reads the body first, as TermVectorsRequest.parseRequest does: its _id replaces the path id', async () => {
    const c = await articles()
    expect(await c.json(1, 'POST', '/articles/_termvectors/9', { _id: '1' })).toMatchObject({
      _id: '1',
      found: true,
    })
    const unknown = await c.send(1, 'POST', '/articles/_termvectors/1', { id: '1' })
    expect(JSON.parse(unknown.body)).toMatchObject({
      status: 400,
      error: { type: 'parse_exception', reason: 'failed to parse term vectors request. unknown field [id]' },
    })
  })

  it('refuses bad requests with ES errors', async () => {
    const c = await articles()
    const error = async (path: string, body?: object): Promise<unknown> => {
      const response = await c.send(1, 'POST', path, body)
      return { status: response.status, error: (JSON.parse(response.body) as { error: object }).error }
    }
    expect(await error('/nope/_termvectors/1')).toMatchObject({
      status: 404,
      error: { type: 'index_not_found_exception', reason: 'no such index [nope]' },
    })
    expect(await error('/articles/_termvectors/1', { bogus: 1 })).toMatchObject({
      status: 400,
      error: {
        type: 'parse_exception',
        reason: 'failed to parse term vectors request. unknown field [bogus]',
      },
    })
    expect(await error('/articles/_termvectors/1', { fields: 'text' })).toMatchObject({
      status: 400,
      error: {
        type: 'parse_exception',
        reason: 'failed to parse term vectors request. field [fields] must be an array',
      },
    })
    expect(await error('/articles/_termvectors/1?offsets=maybe')).toMatchObject({
      status: 400,
      error: {
        type: 'illegal_argument_exception',
        reason: 'Failed to parse value [maybe] as only [true] or [false] are allowed.',
      },
    })
  })
})
