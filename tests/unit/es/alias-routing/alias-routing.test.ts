// Routing through aliases, as Elasticsearch 8.17 resolves it: IndexNameExpressionResolver.resolveSearchRouting
// (alias search_routing, the request's `routing`, their intersection), OperationRouting.searchShards (only the
// routed shards are searched: `_shards.total`), and Metadata.resolveIndexRouting for GET and writes (the
// alias's index_routing, and the messages AliasValidator and resolveIndexRouting give).
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { jsonAt } from '../indices/json-at.ts'
import { shardId, defaultRoutingNumShards } from '../../../../workers/es/cluster/routing/operation-routing.ts'
import { searchTargets } from '../../../../workers/es/cluster/metadata/search-targets.ts'
import type { IndexMetadata } from '../../../../workers/es/index/index-metadata.ts'

const SHARDS = 5
const shardOf = (routing: string): number =>
  shardId(routing, routing, SHARDS, defaultRoutingNumShards(SHARDS))

/** Routing values 0..9, one document each (`_id` = `r`+value), on a five-shard index with routing aliases. */
async function routedIndex(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/routed', { settings: { number_of_shards: SHARDS } })
  await node.send('POST', '/_aliases', {
    actions: [
      { add: { index: 'routed', alias: 'one', routing: '1' } },
      { add: { index: 'routed', alias: 'some', search_routing: '1,2,4' } },
      { add: { index: 'routed', alias: 'plain' } },
    ],
  })
  for (let value = 0; value < 10; value++) {
    await node.send('PUT', `/routed/_doc/r${value}?routing=${value}`, { value })
  }
  await node.send('POST', '/routed/_refresh')
  return node
}

async function search(node: TestNode, path: string): Promise<{ total: number; ids: string[] }> {
  const response = await node.send('GET', path)
  expect(response.status).toBe(200)
  const hits = jsonAt(response.body, 'hits', 'hits') as Array<{ _id: string }>
  return {
    total: jsonAt(response.body, '_shards', 'total') as number,
    ids: hits.map((hit) => hit._id).sort(),
  }
}

/** The ids of the documents whose routing value lands on one of `shards`. */
function idsOnShards(shards: Iterable<number>): string[] {
  const set = new Set(shards)
  return Array.from({ length: 10 }, (_, value) => value)
    .filter((value) => set.has(shardOf(String(value))))
    .map((value) => `r${value}`)
    .sort()
}

describe('search routing', () => {
  it("an alias's search_routing searches only the shards its values hash to", async () => {
    const node = await routedIndex()
    const shards = new Set(['1', '2', '4'].map(shardOf))
    expect(await search(node, '/some/_search?size=20')).toEqual({
      total: shards.size,
      ids: idsOnShards(shards),
    })
    expect(await search(node, '/one/_search?size=20')).toEqual({ total: 1, ids: idsOnShards([shardOf('1')]) })
  })

  it("the request's routing is intersected with the alias's; an empty intersection searches every shard", async () => {
    const node = await routedIndex()
    expect(await search(node, '/some/_search?size=20&routing=2,3')).toEqual({
      total: 1,
      ids: idsOnShards([shardOf('2')]),
    })
    expect((await search(node, '/some/_search?size=20&routing=7')).total).toBe(SHARDS)
  })

  it('an index, or an alias without routing, takes the request routing; without one every shard', async () => {
    const node = await routedIndex()
    expect(await search(node, '/routed/_search?size=20&routing=3')).toEqual({
      total: 1,
      ids: idsOnShards([shardOf('3')]),
    })
    expect((await search(node, '/plain/_search?size=20')).total).toBe(SHARDS)
    // Named directly as well, the index is searched unrouted.
    expect((await search(node, '/one,routed/_search?size=20')).total).toBe(SHARDS)
    const counted = await node.send('GET', '/one/_count')
    expect(JSON.parse(counted.body)).toEqual({
      count: idsOnShards([shardOf('1')]).length,
      _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
    })
  })

  it('searchTargets against a naive reading of resolveSearchRouting', () => {
    const metadata = (name: string, aliases: IndexMetadata['aliases']): IndexMetadata =>
      ({ name, numberOfShards: 2, routingNumShards: defaultRoutingNumShards(2), aliases }) as IndexMetadata
    const indices = [
      metadata('i1', { r: { searchRouting: 'a' }, f: { filter: '{"term":{"k":"x"}}' } }),
      metadata('i2', { r: { searchRouting: 'b,c' }, f: { filter: '{"term":{"k":"y"}}' }, g: {} }),
    ]
    const shard = (value: string): number => shardId(value, value, 2, defaultRoutingNumShards(2))
    expect(searchTargets(indices, 'r', null)).toEqual([
      { index: 'i1', shards: [shard('a')], filter: null },
      { index: 'i2', shards: [...new Set([shard('b'), shard('c')])].sort(), filter: null },
    ])
    expect(searchTargets(indices, 'f', 'b')).toEqual([
      { index: 'i1', shards: [shard('b')], filter: '{"term":{"k":"x"}}' },
      { index: 'i2', shards: [shard('b')], filter: '{"term":{"k":"y"}}' },
    ])
    expect(searchTargets(indices, 'f,r', null)).toEqual([
      { index: 'i1', shards: [0, 1], filter: null },
      { index: 'i2', shards: [0, 1], filter: null },
    ])
    expect(searchTargets(indices, 'f,g', null)[1]).toEqual({ index: 'i2', shards: [0, 1], filter: null })
    expect(searchTargets(indices, '_all', 'a')).toEqual([
      { index: 'i1', shards: [shard('a')], filter: null },
      { index: 'i2', shards: [shard('a')], filter: null },
    ])
  })
})

describe('index routing of single-document operations through an alias', () => {
  it('GET through an alias uses its index routing; a conflicting routing is refused', async () => {
    const node = await routedIndex()
    const found = await node.send('GET', '/one/_doc/r1')
    expect(JSON.parse(found.body)).toEqual({
      _index: 'routed',
      _id: 'r1',
      _version: 1,
      _seq_no: 0,
      _primary_term: 1,
      _routing: '1',
      found: true,
      _source: { value: 1 },
    })
    const refused = await node.send('GET', '/one/_doc/r1?routing=2')
    expect(refused.status).toBe(400)
    expect(jsonAt(refused.body, 'error', 'reason')).toBe(
      'Alias [one] has index routing associated with it [1], and was provided with routing value [2], rejecting operation',
    )
  })

  it('a write through the alias is routed by it; the document is found where the alias routes', async () => {
    const node = await routedIndex()
    const written = await node.send('PUT', '/one/_doc/new?refresh=true', { value: 99 })
    expect(written.status).toBe(201)
    expect(jsonAt(written.body, '_index')).toBe('routed')
    expect(jsonAt((await node.send('GET', '/routed/_doc/new?routing=1')).body, '_routing')).toBe('1')
    expect((await search(node, '/one/_search?q=value:99')).ids).toEqual(['new'])
  })

  it('an alias may not have several index routing values (AliasValidator)', async () => {
    const node = await routedIndex()
    const refused = await node.send('POST', '/_aliases', {
      actions: [{ add: { index: 'routed', alias: 'many', routing: '1,2' } }],
    })
    expect(refused.status).toBe(400)
    expect(JSON.parse(refused.body)).toEqual({
      error: {
        root_cause: [
          {
            type: 'illegal_argument_exception',
            reason: 'alias [many] has several index routing values associated with it',
          },
        ],
        type: 'illegal_argument_exception',
        reason: 'alias [many] has several index routing values associated with it',
      },
      status: 400,
    })
  })
})
