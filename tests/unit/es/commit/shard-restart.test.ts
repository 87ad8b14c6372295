// A node restarted over its storage recovers each primary from its last commit plus the translog above it
// (StoreRecovery): `_flush` stores a commit and trims the translog it holds; writes after it stay in the
// translog; after a restart GET, search, `_seq_no`, `_version` and delete tombstones (index.gc_deletes) continue
// exactly as before, the recovery that replayed operations flushes again, and a store written before commits
// existed (translog only) still loads every document.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const json = (body: string): Record<string, unknown> => JSON.parse(body) as Record<string, unknown>

async function uuidOf(node: TestNode, index: string): Promise<string> {
  const body = json((await node.send('GET', `/${index}/_settings`)).body) as Record<
    string,
    { settings: { index: { uuid: string } } }
  >
  return body[index]!.settings.index.uuid
}

async function keysUnder(node: TestNode, uuid: string, folder: 'index' | 'translog'): Promise<string[]> {
  const prefix = `indices/${uuid}/shards/0/${folder}/`
  return (await node.storage.keys('es', prefix)).map((key) => key.slice(prefix.length))
}

async function get(node: TestNode, id: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await node.send('GET', `/idx/_doc/${id}`)
  return { status: response.status, body: json(response.body) }
}

const SEARCH = { query: { match: { text: 'quick fox' } } }

async function loaded(): Promise<{ node: TestNode; uuid: string }> {
  const node = await startNode()
  await node.send('PUT', '/idx', { settings: { number_of_shards: 1, number_of_replicas: 0 } })
  const bulk = ['1', '2', '3', '4', '5']
    .flatMap((id) => [{ index: { _id: id } }, { text: `the quick brown fox number ${id}` }])
    .map((line) => JSON.stringify(line))
  await node.send('POST', '/idx/_bulk', bulk.join('\n') + '\n')
  await node.send('DELETE', '/idx/_doc/2')
  await node.send('PUT', '/idx/_doc/3', { text: 'a quick fox, updated' })
  return { node, uuid: await uuidOf(node, 'idx') }
}

describe('a shard restarted from its last commit', () => {
  it('serves what it held: committed documents, the translog above the commit, tombstones and sequence numbers', async () => {
    const { node, uuid } = await loaded()
    expect((await node.send('POST', '/idx/_flush')).status).toBe(200)
    await node.clock.sleep(10)
    expect(await keysUnder(node, uuid, 'index')).toEqual(['_0.cfs.0000', '_0.fdt.0000', 'segments_1'])
    expect(await keysUnder(node, uuid, 'translog')).toEqual([])
    await node.send('PUT', '/idx/_doc/6', { text: 'quick fox six' })
    await node.send('PUT', '/idx/_doc/1', { text: 'one quick fox, updated' })
    await node.send('DELETE', '/idx/_doc/4')
    expect(await keysUnder(node, uuid, 'translog')).toHaveLength(3)
    await node.send('POST', '/idx/_refresh')
    const searched = (await node.send('POST', '/idx/_search', SEARCH)).body
    const docs = await Promise.all(['1', '2', '3', '4', '5', '6'].map((id) => get(node, id)))

    const restarted = await node.restart()
    expect(await Promise.all(['1', '2', '3', '4', '5', '6'].map((id) => get(restarted, id)))).toEqual(docs)
    expect(docs.map(({ body }) => [body['_version'], body['_seq_no']])).toEqual([
      [2, 8],
      [undefined, undefined],
      [2, 6],
      [undefined, undefined],
      [1, 4],
      [1, 7],
    ])
    expect((await restarted.send('POST', '/idx/_search', SEARCH)).body).toBe(searched)
    const next = json((await restarted.send('PUT', '/idx/_doc/7', { text: 'seven' })).body)
    expect([next['_seq_no'], next['_version'], next['result']]).toEqual([10, 1, 'created'])
    // Both tombstones are younger than index.gc_deletes: versions continue from the deletes.
    const again2 = json((await restarted.send('PUT', '/idx/_doc/2', { text: 'two' })).body)
    const again4 = json((await restarted.send('PUT', '/idx/_doc/4', { text: 'four' })).body)
    expect([again2['_version'], again2['result'], again4['_version'], again4['result']]).toEqual([
      3,
      'created',
      3,
      'created',
    ])
  })

  it('flushes after replaying operations, so the next start replays none; _segments shows the commit', async () => {
    const { node, uuid } = await loaded()
    expect(await keysUnder(node, uuid, 'index')).toEqual([])
    const restarted = await node.restart()
    await restarted.clock.sleep(10)
    expect(await keysUnder(restarted, uuid, 'translog')).toEqual([])
    expect(await keysUnder(restarted, uuid, 'index')).toEqual(['_0.cfs.0000', '_0.fdt.0000', 'segments_1'])
    const segments = json((await restarted.send('GET', '/idx/_segments')).body) as {
      indices: { idx: { shards: { '0': Array<{ segments: Record<string, { committed: boolean }> }> } } }
    }
    const listed = segments.indices.idx.shards['0'][0]!.segments
    expect(Object.entries(listed).map(([name, s]) => [name, s.committed])).toEqual([['_0', true]])
    const third = await restarted.restart()
    expect((await get(third, '3')).body['_source']).toEqual({ text: 'a quick fox, updated' })
    expect((await get(third, '2')).status).toBe(404)
  })

  it('flushes by itself once the copy had no write for the inactive time (5 s here)', async () => {
    const { node, uuid } = await loaded()
    await node.clock.sleep(4_000)
    expect(await keysUnder(node, uuid, 'index')).toEqual([])
    await node.clock.sleep(1_500)
    expect(await keysUnder(node, uuid, 'index')).toEqual(['_0.cfs.0000', '_0.fdt.0000', 'segments_1'])
    expect(await keysUnder(node, uuid, 'translog')).toEqual([])
  })

  it('keeps the last commit and ignores the files of a commit whose point was never written', async () => {
    const { node, uuid } = await loaded()
    await node.send('POST', '/idx/_flush')
    await node.clock.sleep(10)
    const prefix = `indices/${uuid}/shards/0/index/`
    // A crash between a commit's two writes: its segment files are there, its commit point is not; the segment
    // name comes again after the restart (the counter is the last commit's) with fewer chunks.
    await node.storage.write(
      ['_1.cfs.0000', '_1.cfs.0001', '_1.fdt.0000', '_7.cfs.0000'].map((name) => ({
        store: 'es',
        key: prefix + name,
        value: new Uint8Array([1, 2, 3]),
      })),
    )
    const restarted = await node.restart()
    expect((await get(restarted, '5')).body['_version']).toBe(1)
    await restarted.send('PUT', '/idx/_doc/8', { text: 'eight' })
    await restarted.send('POST', '/idx/_flush')
    await restarted.clock.sleep(10)
    expect(await keysUnder(restarted, uuid, 'index')).toEqual([
      '_0.cfs.0000',
      '_0.fdt.0000',
      '_1.cfs.0000',
      '_1.fdt.0000',
      'segments_2',
    ])
  })
})
