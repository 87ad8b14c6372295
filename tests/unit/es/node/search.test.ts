// _search and _count through EsNode: near-real-time visibility (refresh), the Query DSL subset, BM25
// `_score`s and hit order, in Elasticsearch 8.17's response shape (search API reference, 8.17).
// Scores: the small corpora with `_score`s Elasticsearch printed that engine-wasm's bm25.test.ts cites
// (1 shard, default BM25 = LegacyBM25Similarity, weight 2.2 * idf), and idf = ln(1 + 0.5 / 1.5) = 0.2876821
// for one matching document among one, whose length equals the average.
import { describe, expect, it } from 'vitest'
import { shardId } from '../../../../workers/es/cluster/routing/operation-routing.ts'
import { startNode, type TestNode } from './es-node-fixture.ts'

const oneShard = '"_shards":{"total":1,"successful":1,"skipped":0,"failed":0}'

function hitIds(body: string): string[] {
  return [...body.matchAll(/"_id":"([^"]+)"/g)].map((m) => m[1]!)
}

async function indexAll(node: TestNode, index: string, docs: Array<[string, object]>): Promise<void> {
  for (const [id, doc] of docs) await node.send('PUT', `/${index}/_doc/${id}`, doc)
  await node.send('POST', `/${index}/_refresh`)
}

describe('refresh semantics', () => {
  it('a write is invisible to search until a refresh, while GET by id is realtime', async () => {
    const node = await startNode()
    await node.send('PUT', '/idx/_doc/1', { msg: 'hello' })
    expect((await node.send('GET', '/idx/_doc/1')).status).toBe(200)
    expect((await node.send('GET', '/idx/_search')).body).toBe(
      `{"took":0,"timed_out":false,${oneShard},"hits":{"total":{"value":0,"relation":"eq"},"max_score":null,"hits":[]}}`,
    )
    expect((await node.send('GET', '/idx/_count')).body).toBe(`{"count":0,${oneShard}}`)
    const refreshed = await node.send('POST', '/idx/_refresh')
    expect(refreshed.body).toBe('{"_shards":{"total":2,"successful":1,"failed":0}}')
    expect((await node.send('GET', '/idx/_search')).body).toBe(
      `{"took":0,"timed_out":false,${oneShard},"hits":{"total":{"value":1,"relation":"eq"},"max_score":1.0,` +
        '"hits":[{"_index":"idx","_id":"1","_score":1.0,"_source":{"msg":"hello"}}]}}',
    )
    expect((await node.send('GET', '/idx/_count')).body).toBe(`{"count":1,${oneShard}}`)
  })

  it('the scheduled refresh (index.refresh_interval 1s) makes a write visible within 1 s of clock time', async () => {
    const node = await startNode()
    await node.send('PUT', '/idx', undefined)
    await node.send('PUT', '/idx/_doc/1', { msg: 'hello' })
    expect((await node.send('GET', '/idx/_count')).body).toBe(`{"count":0,${oneShard}}`)
    await node.clock.sleep(1000)
    expect((await node.send('GET', '/idx/_count')).body).toBe(`{"count":1,${oneShard}}`)
  })

  it('?refresh=true makes the write visible at once; an unrefreshed delete still shows the document', async () => {
    const node = await startNode()
    await node.send('PUT', '/idx/_doc/1?refresh=true', { msg: 'hello' })
    expect((await node.send('GET', '/idx/_count')).body).toBe(`{"count":1,${oneShard}}`)
    await node.send('DELETE', '/idx/_doc/1')
    expect((await node.send('GET', '/idx/_count')).body).toBe(`{"count":1,${oneShard}}`)
    await node.send('POST', '/idx/_refresh')
    expect((await node.send('GET', '/idx/_count')).body).toBe(`{"count":0,${oneShard}}`)
  })

  it('documents replaced or deleted before a refresh are never counted (hits.total equals the hits)', async () => {
    const node = await startNode()
    await node.send('PUT', '/idx/_doc/1', { a: 'v1' })
    await node.send('PUT', '/idx/_doc/1?refresh=true', { a: 'v2' })
    await node.send('PUT', '/idx/_doc/2', { a: 'gone' })
    await node.send('DELETE', '/idx/_doc/2')
    await node.send('DELETE', '/idx/_doc/1')
    await node.send('PUT', '/idx/_doc/3', { a: 'v3' })
    await node.send('POST', '/idx/_refresh')
    const all = await node.send('GET', '/idx/_search')
    expect(all.body).toBe(
      `{"took":0,"timed_out":false,${oneShard},"hits":{"total":{"value":1,"relation":"eq"},"max_score":1.0,` +
        '"hits":[{"_index":"idx","_id":"3","_score":1.0,"_source":{"a":"v3"}}]}}',
    )
    expect((await node.send('GET', '/idx/_count')).body).toBe(`{"count":1,${oneShard}}`)
    const notV3 = await node.send('GET', '/idx/_count', {
      query: { bool: { must_not: { term: { 'a.keyword': 'v3' } } } },
    })
    expect(notV3.body).toBe(`{"count":0,${oneShard}}`)
  })
})

describe('scores and order', () => {
  it('one matching document among one scores idf = 0.2876821', async () => {
    const node = await startNode()
    await node.send('PUT', '/idx/_doc/1?refresh=true', { message: 'hello world' })
    const body = (await node.send('GET', '/idx/_search', { query: { match: { message: 'hello' } } })).body
    expect(body).toBe(
      `{"took":0,"timed_out":false,${oneShard},"hits":{"total":{"value":1,"relation":"eq"},"max_score":0.2876821,` +
        '"hits":[{"_index":"idx","_id":"1","_score":0.2876821,"_source":{"message":"hello world"}}]}}',
    )
  })

  it('match "hello" over Hello, Hello World, Hello Tom, Hello John: 0.12776 then three ties in doc order', async () => {
    const node = await startNode()
    await indexAll(node, 'idx', [
      ['a', { title: 'Hello World' }],
      ['b', { title: 'Hello' }],
      ['c', { title: 'Hello Tom' }],
      ['d', { title: 'Hello John' }],
    ])
    const body = (
      await node.send('GET', '/idx/_search', { query: { match: { title: 'hello' } }, _source: false })
    ).body
    expect(body).toBe(
      `{"took":0,"timed_out":false,${oneShard},"hits":{"total":{"value":4,"relation":"eq"},"max_score":0.12776,"hits":[` +
        '{"_index":"idx","_id":"b","_score":0.12776},{"_index":"idx","_id":"a","_score":0.099543065},' +
        '{"_index":"idx","_id":"c","_score":0.099543065},{"_index":"idx","_id":"d","_score":0.099543065}]}}',
    )
  })

  it('match "fox": "brown fox playing with fox" 0.25069216, "brown fox playing with box" 0.18232156', async () => {
    const node = await startNode()
    await indexAll(node, 'idx', [
      ['1', { text: 'brown fox playing with box' }],
      ['2', { text: 'Brown fox playing with FOX' }],
    ])
    const body = (
      await node.send('POST', '/idx/_search', { query: { match: { text: 'fox' } }, _source: false })
    ).body
    expect(body).toContain(
      '"hits":[{"_index":"idx","_id":"2","_score":0.25069216},{"_index":"idx","_id":"1","_score":0.18232156}]',
    )
  })

  it('from/size page the merged hits; max_score stays the top score', async () => {
    const node = await startNode()
    await indexAll(node, 'idx', [
      ['a', { title: 'Hello World' }],
      ['b', { title: 'Hello' }],
      ['c', { title: 'Hello Tom' }],
    ])
    const body = (
      await node.send('GET', '/idx/_search', { query: { match: { title: 'hello' } }, from: 1, size: 1 })
    ).body
    expect(hitIds(body)).toEqual(['a'])
    expect(body).toContain('"total":{"value":3,"relation":"eq"}')
  })

  it('from/size: the URL overrides the body, a string or decimal is read as an int, a negative one is refused', async () => {
    const node = await startNode()
    await indexAll(node, 'idx', [
      ['a', { n: 1 }],
      ['b', { n: 2 }],
      ['c', { n: 3 }],
    ])
    const sorted = { sort: ['n'], from: 0, size: 3 }
    expect(hitIds((await node.send('GET', '/idx/_search?size=1&from=1', sorted)).body)).toEqual(['b'])
    expect(
      hitIds((await node.send('GET', '/idx/_search', { ...sorted, from: '1', size: 1.9 })).body),
    ).toEqual(['b'])
    const refused = async (path: string, body: object) => {
      const response = await node.send('GET', path, body)
      const { error } = JSON.parse(response.body) as { error: { reason: string } }
      return [response.status, error.reason]
    }
    expect(await refused('/idx/_search', { size: -1 })).toEqual([
      400,
      '[size] parameter cannot be negative, found [-1]',
    ])
    expect(await refused('/idx/_search?from=-2', {})).toEqual([
      400,
      '[from] parameter cannot be negative but was [-2]',
    ])
    // the body's value is checked as it is read, before the URL's replaces it
    expect(await refused('/idx/_search?size=5', { size: -3 })).toEqual([
      400,
      '[size] parameter cannot be negative, found [-3]',
    ])
  })

  it('over several shards, equal scores order by shard then doc', async () => {
    const node = await startNode()
    await node.send('PUT', '/idx', { settings: { number_of_shards: 3 } })
    const ids = ['1', '2', '3', '4', '5', '6', '7', '8']
    for (const id of ids) await node.send('PUT', `/idx/_doc/${id}`, { n: 1 })
    await node.send('POST', '/idx/_refresh')
    const body = (await node.send('GET', '/idx/_search', { size: 20 })).body
    expect(body).toContain('"_shards":{"total":3,"successful":3,"skipped":0,"failed":0}')
    // shard of each id by murmur3(id) with routing_num_shards 768 (see routing.test.ts), then indexing order.
    expect(hitIds(body)).toEqual(expectedShardOrder(ids, 3, 768))
  })

  it('track_total_hits caps the count with relation gte', async () => {
    const node = await startNode()
    await indexAll(node, 'idx', [
      ['1', { a: 'x' }],
      ['2', { a: 'x' }],
      ['3', { a: 'x' }],
    ])
    const body = (await node.send('GET', '/idx/_search', { track_total_hits: 2, size: 0 })).body
    expect(body).toBe(
      `{"took":0,"timed_out":false,${oneShard},"hits":{"total":{"value":2,"relation":"gte"},"max_score":null,"hits":[]}}`,
    )
  })
})

describe('queries', () => {
  async function corpus(): Promise<TestNode> {
    const node = await startNode()
    await indexAll(node, 'idx', [
      ['1', { message: 'The quick brown fox jumps over the lazy dog', tag: 'Animal', n: 5, ok: true }],
      ['2', { message: 'The lazy brown dog', tag: 'animal', n: 7, ok: false }],
      ['3', { message: 'A quick dog', tag: 'other', n: 5, ok: true }],
      ['4', { message: 'lazy sleepy fox dog', tag: 'Animal', n: 9, ok: false }],
    ])
    return node
  }
  const ids = async (node: TestNode, query: object): Promise<string[]> =>
    hitIds((await node.send('GET', '/idx/_search', { query, _source: false })).body).sort()

  it('match is OR by default, AND with operator and, and honours minimum_should_match', async () => {
    const node = await corpus()
    expect(await ids(node, { match: { message: 'quick fox' } })).toEqual(['1', '3', '4'])
    expect(await ids(node, { match: { message: { query: 'quick fox', operator: 'and' } } })).toEqual(['1'])
    expect(
      await ids(node, { match: { message: { query: 'quick lazy fox', minimum_should_match: 2 } } }),
    ).toEqual(['1', '4'])
    expect(
      await ids(node, { match: { message: { query: 'quick lazy fox', minimum_should_match: '67%' } } }),
    ).toEqual(['1', '4'])
    expect(
      await ids(node, { match: { message: { query: 'quick lazy fox', minimum_should_match: -1 } } }),
    ).toEqual(['1', '4'])
  })

  it('match_phrase needs the terms in order, or within slop moves', async () => {
    const node = await corpus()
    expect(await ids(node, { match_phrase: { message: 'lazy dog' } })).toEqual(['1'])
    expect(await ids(node, { match_phrase: { message: { query: 'lazy dog', slop: 1 } } })).toEqual(['1', '2'])
    expect(await ids(node, { match_phrase: { message: { query: 'lazy dog', slop: 2 } } })).toEqual([
      '1',
      '2',
      '4',
    ])
    expect(await ids(node, { match_phrase: { message: { query: 'dog lazy', slop: 1 } } })).toEqual([])
    expect(await ids(node, { match_phrase: { message: { query: 'dog lazy', slop: 2 } } })).toEqual(['1'])
  })

  it('term is exact: keyword sub-field, long and boolean fields; text holds lower-cased tokens', async () => {
    const node = await corpus()
    expect(await ids(node, { term: { 'tag.keyword': 'Animal' } })).toEqual(['1', '4'])
    expect(await ids(node, { term: { tag: 'Animal' } })).toEqual([])
    expect(await ids(node, { term: { tag: 'animal' } })).toEqual(['1', '2', '4'])
    expect(await ids(node, { term: { n: 5 } })).toEqual(['1', '3'])
    expect(await ids(node, { term: { ok: { value: true } } })).toEqual(['1', '3'])
    expect(await ids(node, { term: { missing_field: 'x' } })).toEqual([])
  })

  it('bool combines must, should, must_not and filter', async () => {
    const node = await corpus()
    const query = {
      bool: {
        must: [{ match: { message: 'dog' } }],
        must_not: { term: { n: 9 } },
        filter: { term: { ok: false } },
      },
    }
    expect(await ids(node, query)).toEqual(['2'])
    expect(
      await ids(node, {
        bool: { should: [{ term: { n: 5 } }, { term: { n: 7 } }], minimum_should_match: 1 },
      }),
    ).toEqual(['1', '2', '3'])
    expect(await ids(node, { match_all: {} })).toEqual(['1', '2', '3', '4'])
  })

  it('a filter scores 0 and match_all scores 1.0', async () => {
    const node = await corpus()
    const filtered = await node.send('GET', '/idx/_search', {
      query: { bool: { filter: { term: { n: 7 } } } },
    })
    expect(filtered.body).toContain('"max_score":0.0,"hits":[{"_index":"idx","_id":"2","_score":0.0,')
  })

  it('searching a missing index is index_not_found (404); a wildcard matching nothing is an empty result', async () => {
    const node = await corpus()
    expect((await node.send('GET', '/nope/_search')).status).toBe(404)
    const none = await node.send('GET', '/nope*/_search')
    expect(none.body).toBe(
      '{"took":0,"timed_out":false,"_shards":{"total":0,"successful":0,"skipped":0,"failed":0},' +
        '"hits":{"total":{"value":0,"relation":"eq"},"max_score":null,"hits":[]}}',
    )
  })
})

/** Ids grouped by shard (murmur3 routing), each group in the given (indexing) order. */
function expectedShardOrder(ids: string[], shards: number, routingNumShards: number): string[] {
  return [...ids].sort((a, b) => shardOf(a, shards, routingNumShards) - shardOf(b, shards, routingNumShards))
}

function shardOf(id: string, shards: number, routingNumShards: number): number {
  return shardId(id, null, shards, routingNumShards)
}
