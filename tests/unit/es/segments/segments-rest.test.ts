// _segments, _cat/segments, _forcemerge and _flush on a started cluster: a refresh writes a segment, an update
// marks the old copy deleted in its segment (and the idf shifts), _forcemerge merges and drops the deleted copy
// (and the idf comes back), _flush commits. Bodies as IndicesSegmentResponse and RestSegmentsAction write them.
import { describe, expect, it } from 'vitest'
import { startCluster } from '../cluster/es-cluster-fixture.ts'

const segment = (generation: number, numDocs: number, deleted: number, size: number, committed: boolean) => ({
  generation,
  num_docs: numDocs,
  deleted_docs: deleted,
  size_in_bytes: size,
  committed,
  search: true,
  version: '9.12.0',
  compound: true,
  attributes: { 'Lucene90StoredFieldsFormat.mode': 'BEST_SPEED' },
})

describe('segment APIs', () => {
  it('show flushed, deleted, merged and committed segments', async () => {
    const c = await startCluster(1)
    await c.json(1, 'PUT', '/books', { settings: { number_of_shards: 1, number_of_replicas: 0 } })
    const nodeId = (
      (await c.json(1, 'GET', '/_cat/nodes?format=json&h=id&full_id')) as Array<{ id: string }>
    )[0]!.id
    // _id "1" + {"t":"a b"} = 1 + 11 bytes; _id "2" + {"t":"a"} = 1 + 9 bytes
    await c.json(1, 'PUT', '/books/_doc/1', { t: 'a b' })
    await c.json(1, 'PUT', '/books/_doc/2?refresh=true', { t: 'a' })
    const score = async (): Promise<number> => {
      const body = (await c.json(1, 'GET', '/books/_search', { query: { match: { t: 'b' } } })) as {
        hits: { hits: Array<{ _score: number }> }
      }
      return body.hits.hits[0]!._score
    }
    const before = await score()
    await c.json(1, 'PUT', '/books/_doc/1?refresh=true', { t: 'a b' })
    const routing = { state: 'STARTED', primary: true, node: nodeId }
    expect(await c.json(1, 'GET', '/books/_segments')).toEqual({
      _shards: { total: 1, successful: 1, failed: 0 },
      indices: {
        books: {
          shards: {
            '0': [
              {
                routing,
                num_committed_segments: 0,
                num_search_segments: 2,
                segments: {
                  _0: segment(0, 1, 1, 22, false),
                  _1: segment(1, 1, 0, 12, false),
                },
              },
            ],
          },
        },
      },
    })
    expect(await score()).not.toBe(before)
    expect((await c.send(1, 'GET', '/_cat/indices/books?h=dc,dd,ss&bytes=b')).body).toBe('2 1 283\n')
    expect((await c.send(1, 'GET', '/_cat/segments?v')).body).toBe(
      [
        'index shard prirep ip        segment generation docs.count docs.deleted size size.memory committed searchable version compound',
        'books 0     p      127.0.0.1 _0               0          1            1  22b           0 false     true       9.12.0  true',
        'books 0     p      127.0.0.1 _1               1          1            0  12b           0 false     true       9.12.0  true',
        '',
      ].join('\n'),
    )
    expect(await c.json(1, 'POST', '/books/_forcemerge?max_num_segments=1')).toEqual({
      _shards: { total: 1, successful: 1, failed: 0 },
    })
    expect(await score()).toBe(before)
    const merged = (await c.json(1, 'GET', '/books/_segments')) as {
      indices: { books: { shards: { '0': Array<{ segments: object; num_committed_segments: number }> } } }
    }
    // the merge wrote _2 without the deleted copy; the flush that follows committed it
    expect(merged.indices.books.shards['0'][0]!.segments).toEqual({ _2: segment(2, 2, 0, 22, true) })
    expect((await c.send(1, 'GET', '/_cat/indices/books?h=dc,dd,ss&bytes=b')).body).toBe('2 0 271\n')
    await c.json(1, 'DELETE', '/books/_doc/2?refresh=true')
    expect(await c.json(1, 'POST', '/books/_flush')).toEqual({
      _shards: { total: 1, successful: 1, failed: 0 },
    })
    expect((await c.send(1, 'GET', '/_cat/segments/books?h=seg,dc,dd,ic,is')).body).toBe('_2 1 1 true true\n')
    const conflict = await c.send(
      1,
      'POST',
      '/books/_forcemerge?only_expunge_deletes=true&max_num_segments=1',
    )
    expect(conflict.status).toBe(400)
    expect(JSON.parse(conflict.body)).toMatchObject({
      error: {
        type: 'action_request_validation_exception',
        reason:
          'Validation Failed: 1: cannot set only_expunge_deletes and max_num_segments at the same time, those two parameters are mutually exclusive;',
      },
    })
    await c.json(1, 'POST', '/books/_forcemerge?only_expunge_deletes=true&flush=false')
    expect((await c.send(1, 'GET', '/_cat/segments/books?h=seg,dc,dd,ic,is')).body).toBe(
      '_2 1 1 true  false\n_3 1 0 false true\n',
    )
  }, 60_000)
})
