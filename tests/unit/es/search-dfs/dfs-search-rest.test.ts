// `search_type` on _search through EsNode. The lesson examples/why-bm25-ranks-this-way.txt's five documents in an
// index of 2 shards (documents 1, 2, 3 and 5 on shard 0, 4 on shard 1): query_then_fetch scores with each shard's
// statistics (0.5287634, 0.4530513, 0.3022669), dfs_query_then_fetch with the sums, which ES 8 prints as the
// one-shard scores 0.7833252, 0.6716402, 0.43974394, and its explanation shows n = 3, N = 5, avgdl = 5.8.
// Any other value is refused as SearchType.fromString does (ES 8 has no query_and_fetch / dfs_query_and_fetch),
// before the indices are resolved.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const MESSAGES = [
  'quick brown fox',
  'the quick brown fox jumps over the lazy dog',
  'a fox is a fox is a fox',
  'the lazy dog sleeps',
  'brown bread and brown rice',
]

async function lesson(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/one', undefined)
  await node.send('PUT', '/two', { settings: { number_of_shards: 2 } })
  for (const index of ['one', 'two']) {
    for (const [i, message] of MESSAGES.entries())
      await node.send('PUT', `/${index}/_doc/${i + 1}`, { message })
    await node.send('POST', `/${index}/_refresh`)
  }
  return node
}

const FOX = { query: { match: { message: 'fox' } }, _source: false }

function scores(body: string): Array<[string, number]> {
  const parsed = JSON.parse(body) as { hits: { hits: Array<{ _id: string; _score: number }> } }
  return parsed.hits.hits.map((hit) => [hit._id, hit._score])
}

function explanation(body: string): string {
  const at = body.indexOf('"_explanation":')
  return body.slice(at, body.lastIndexOf('}]}}'))
}

describe('search_type', () => {
  it('dfs_query_then_fetch scores two shards as one; query_then_fetch (the default) per shard', async () => {
    const node = await lesson()
    const dfs = await node.send('POST', '/two/_search?search_type=dfs_query_then_fetch', FOX)
    expect(dfs.status).toBe(200)
    expect(dfs.body).toContain('"_shards":{"total":2,"successful":2,"skipped":0,"failed":0}')
    expect(dfs.body).toContain('"max_score":0.7833252')
    expect(scores(dfs.body)).toEqual([
      ['3', 0.7833252],
      ['1', 0.6716402],
      ['2', 0.43974394],
    ])
    expect(scores((await node.send('POST', '/one/_search', FOX)).body)).toEqual(scores(dfs.body))
    const perShard = [
      ['3', 0.5287634],
      ['1', 0.4530513],
      ['2', 0.3022669],
    ]
    expect(scores((await node.send('POST', '/two/_search', FOX)).body)).toEqual(perShard)
    expect(scores((await node.send('POST', '/two/_search?search_type=query_then_fetch', FOX)).body)).toEqual(
      perShard,
    )
  })

  it('a bool of match and match_phrase scores as in one shard', async () => {
    const node = await lesson()
    const body = {
      query: {
        bool: {
          should: [{ match: { message: 'lazy brown' } }, { match_phrase: { message: 'quick brown' } }],
          filter: [{ match: { message: 'the fox brown' } }],
        },
      },
      _source: false,
    }
    const one = await node.send('POST', '/one/_search', body)
    const two = await node.send('POST', '/two/_search?search_type=dfs_query_then_fetch', body)
    expect(scores(two.body)).toEqual(scores(one.body))
    // the filter matches all five documents; document 3 matches no should clause and scores 0
    expect(scores(two.body).map(([id]) => id)).toEqual(['1', '2', '4', '5', '3'])
    expect(scores((await node.send('POST', '/two/_search', body)).body)).not.toEqual(scores(one.body))
  })

  it('explain under dfs_query_then_fetch shows the global n, N and avgdl', async () => {
    const node = await lesson()
    const request = { ...FOX, explain: true, size: 1 }
    const two = await node.send('POST', '/two/_search?search_type=dfs_query_then_fetch', request)
    expect(two.body).toContain('"_shard":"[two][0]"')
    const dfs = explanation(two.body)
    expect(dfs).toContain(
      '{"value":3,"description":"n, number of documents containing term","details":[]},' +
        '{"value":5,"description":"N, total number of documents with field","details":[]}',
    )
    expect(dfs).toContain('{"value":5.8,"description":"avgdl, average length of field","details":[]}')
    expect(dfs).toBe(explanation((await node.send('POST', '/one/_search', request)).body))
    const perShard = explanation((await node.send('POST', '/two/_search', request)).body)
    expect(perShard).toContain(
      '{"value":4,"description":"N, total number of documents with field","details":[]}',
    )
    expect(perShard).toContain('{"value":6.25,"description":"avgdl, average length of field","details":[]}')
  })

  it('a shard whose DFS phase fails is a shard failure, as in its query phase; the others still answer', async () => {
    const node = await lesson()
    await node.send('PUT', '/numbers', { mappings: { properties: { message: { type: 'long' } } } })
    await node.send('PUT', '/numbers/_doc/1?refresh=true', { message: 7 })
    // a prefix query on a long field fails on the shard of `numbers` (the field has no string terms)
    const body = {
      query: { bool: { should: [{ match: { message: 'fox' } }, { prefix: { message: 'fo' } }] } },
      _source: false,
    }
    const dfs = await node.send('POST', '/two,numbers/_search?search_type=dfs_query_then_fetch', body)
    const plain = await node.send('POST', '/two,numbers/_search', body)
    expect(dfs.status).toBe(200)
    const shards = (text: string): string => text.slice(text.indexOf('"_shards"'), text.indexOf(',"hits"'))
    expect(shards(dfs.body)).toContain('"total":3,"successful":2,"skipped":0,"failed":1,"failures":[')
    expect(shards(dfs.body)).toBe(shards(plain.body))
    expect(scores(dfs.body)).toEqual(scores((await node.send('POST', '/one/_search', body)).body))
    expect(scores(dfs.body)[0]).toEqual(['3', 1.7833252])
  })

  it('an unknown search type is refused with SearchType.fromString message, even for a missing index', async () => {
    const node = await startNode()
    await node.send('PUT', '/idx/_doc/1?refresh=true', { message: 'fox' })
    for (const [path, value] of [
      ['/idx/_search?search_type=foo', 'foo'],
      ['/idx/_search?search_type=query_and_fetch', 'query_and_fetch'],
      ['/idx/_search?search_type=dfs_query_and_fetch', 'dfs_query_and_fetch'],
      ['/idx/_search?search_type=DFS_QUERY_THEN_FETCH', 'DFS_QUERY_THEN_FETCH'],
      ['/missing/_search?search_type=count', 'count'],
    ]) {
      const response = await node.send('GET', path!)
      const reason = `No search type for [${value}]`
      expect(response.status).toBe(400)
      expect(response.body).toBe(
        `{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"${reason}"}],` +
          `"type":"illegal_argument_exception","reason":"${reason}"},"status":400}`,
      )
    }
  })

  it('a bad body is reported before a bad search type, as RestSearchAction parses the body first', async () => {
    const node = await startNode()
    const response = await node.send('POST', '/idx/_search?search_type=foo', { nope: 1 })
    expect(response.status).toBe(400)
    expect(response.body).toContain('"type":"parsing_exception"')
  })
})
