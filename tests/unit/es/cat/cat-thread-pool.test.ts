// `_cat/thread_pool` (RestThreadPoolAction): the default columns node_name name active queue rejected, one row per
// node and pool sorted by pool name, the path's patterns, and the pools' configuration columns.
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

describe('_cat/thread_pool', () => {
  it('lists every built-in pool of an idle node, by name', async () => {
    const { send } = await startNode()
    const body = (await send('GET', '/_cat/thread_pool?v')).body
    const lines = body.trimEnd().split('\n')
    expect(lines[0]).toBe('node_name name                  active queue rejected')
    expect(lines[1]).toBe('es01      analyze                    0     0        0')
    expect(lines.map((line) => line.split(/ +/)[1])).toEqual([
      'name',
      'analyze',
      'auto_complete',
      'cluster_coordination',
      'fetch_shard_started',
      'fetch_shard_store',
      'flush',
      'force_merge',
      'generic',
      'get',
      'management',
      'refresh',
      'search',
      'search_coordination',
      'search_throttled',
      'snapshot',
      'snapshot_meta',
      'system_critical_read',
      'system_critical_write',
      'system_read',
      'system_write',
      'warmer',
      'write',
    ])
  })

  it('keeps the pools the patterns name, with the columns h= asks for', async () => {
    const { send } = await startNode()
    const body = (
      await send('GET', '/_cat/thread_pool/write,search*?v&h=name,type,size,queue_size,core,max,keep_alive')
    ).body
    expect(body).toBe(
      'name                type  size queue_size core max keep_alive\n' +
        'search              fixed    2       1000                    \n' +
        'search_coordination fixed    1       1000                    \n' +
        'search_throttled    fixed    1        100                    \n' +
        'write               fixed    1      10000                    \n',
    )
    const generic = (await send('GET', '/_cat/thread_pool/generic?h=n,t,cr,mx,ka,qs')).body
    expect(generic).toBe('generic scaling 4 128 30s -1\n')
  })
})
