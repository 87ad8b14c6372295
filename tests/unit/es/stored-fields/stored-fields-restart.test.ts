// Stored fields (`store: true`) survive a node restart over its storage: a committed segment's stored fields bytes
// (versions 5 and 6 of stored-fields.ts) load with them, and the documents the translog replays above the commit
// are parsed again into them, as ES's translog holds the source only. With `_source` disabled they are all GET and
// search can return.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function read(node: TestNode): Promise<string[]> {
  const gets = await Promise.all(
    ['1', '2'].map(async (id) => (await node.send('GET', `/idx/_doc/${id}?stored_fields=title,n`)).body),
  )
  const search = await node.send('POST', '/idx/_search', { stored_fields: ['title'], sort: ['n'] })
  return [...gets, JSON.stringify((JSON.parse(search.body) as { hits: { hits: unknown[] } }).hits.hits)]
}

describe('stored fields across a restart', () => {
  it('load from the commit and from the translog replay', async () => {
    const node = await startNode()
    await node.send('PUT', '/idx', {
      settings: { number_of_shards: 1, number_of_replicas: 0 },
      mappings: {
        _source: { enabled: false },
        properties: { title: { type: 'text', store: true }, n: { type: 'long', store: true } },
      },
    })
    await node.send('PUT', '/idx/_doc/1', { title: 'committed', n: 1 })
    expect((await node.send('POST', '/idx/_flush')).status).toBe(200)
    await node.send('PUT', '/idx/_doc/2?refresh=true', { title: 'in the translog', n: 2 })
    const before = await read(node)
    expect(before.slice(0, 2)).toEqual([
      '{"_index":"idx","_id":"1","_version":1,"_seq_no":0,"_primary_term":1,"found":true,"fields":{"title":["committed"],"n":[1]}}',
      '{"_index":"idx","_id":"2","_version":1,"_seq_no":1,"_primary_term":1,"found":true,"fields":{"title":["in the translog"],"n":[2]}}',
    ])
    expect(before[2]).toBe(
      '[{"_index":"idx","_id":"1","_score":null,"fields":{"title":["committed"]},"sort":[1]},' +
        '{"_index":"idx","_id":"2","_score":null,"fields":{"title":["in the translog"]},"sort":[2]}]',
    )
    const restarted = await node.restart()
    await restarted.send('POST', '/idx/_refresh')
    expect(await read(restarted)).toEqual(before)
  })
})
