// GET and _mget with `realtime=false` read the shard's last refreshed searcher (ShardGetService), and `refresh=true`
// refreshes the copy first; realtime reads (the default) see a write at once. YAML REST test
// get/60_realtime_refresh ("Realtime Refresh").
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

const found = (version: number, seqNo: number, source: string): string =>
  `{"_index":"test_1","_id":"1","_version":${version},"_seq_no":${seqNo},"_primary_term":1,"found":true,"_source":${source}}`

describe('GET with realtime=false', () => {
  it('sees only what a refresh made searchable; refresh=true refreshes first', async () => {
    const { send } = await startNode()
    await send('PUT', '/test_1', { settings: { index: { refresh_interval: -1 } } })
    await send('PUT', '/test_1/_doc/1', { foo: 'bar' })
    const missing = await send('GET', '/test_1/_doc/1?realtime=false')
    expect([missing.status, missing.body]).toEqual([404, '{"_index":"test_1","_id":"1","found":false}'])
    expect((await send('HEAD', '/test_1/_doc/1?realtime=false')).status).toBe(404)
    expect((await send('GET', '/test_1/_doc/1?realtime=true')).body).toBe(found(1, 0, '{"foo":"bar"}'))
    // refresh without realtime=false changes nothing.
    expect((await send('GET', '/test_1/_doc/1?refresh=true')).status).toBe(200)
    expect((await send('GET', '/test_1/_doc/1?realtime=false')).status).toBe(404)
    expect((await send('GET', '/test_1/_doc/1?realtime=false&refresh=true')).body).toBe(
      found(1, 0, '{"foo":"bar"}'),
    )
    // An update not yet refreshed: the searcher still has the old version.
    await send('PUT', '/test_1/_doc/1', { foo: 'baz' })
    expect((await send('GET', '/test_1/_doc/1?realtime=false')).body).toBe(found(1, 0, '{"foo":"bar"}'))
    expect((await send('GET', '/test_1/_source/1?realtime=false')).body).toBe('{"foo":"bar"}')
    expect((await send('GET', '/test_1/_doc/1')).body).toBe(found(2, 1, '{"foo":"baz"}'))
  })

  it('_mget reads the searcher for every item with realtime=false', async () => {
    const { send } = await startNode()
    await send('PUT', '/test_1', { settings: { index: { refresh_interval: -1 } } })
    await send('PUT', '/test_1/_doc/1', { foo: 'bar' })
    const body = { docs: [{ _index: 'test_1', _id: '1' }] }
    expect((await send('POST', '/_mget?realtime=false', body)).body).toBe(
      '{"docs":[{"_index":"test_1","_id":"1","found":false}]}',
    )
    expect((await send('POST', '/_mget', body)).body).toBe(`{"docs":[${found(1, 0, '{"foo":"bar"}')}]}`)
    expect((await send('POST', '/_mget?realtime=false&refresh', body)).body).toBe(
      `{"docs":[${found(1, 0, '{"foo":"bar"}')}]}`,
    )
  })
})
