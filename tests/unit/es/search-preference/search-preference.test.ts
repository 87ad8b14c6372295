// A search's `preference` (OperationRouting.preferenceActiveShardIterator): `_shards:` reads only the shards it
// lists (the `_shards` section counts them), the copy forms pick among a shard's copies, and bad preferences fail
// the request with ES's errors before any shard is asked.
import { describe, expect, it } from 'vitest'
import { shardId } from '../../../../workers/es/cluster/routing/operation-routing.ts'
import { searchPreference, type PreferenceNodes } from '../../../../workers/es/cluster/routing/preference.ts'
import type { ShardRouting } from '../../../../workers/es/cluster/state/shard-routing.ts'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const IDS = ['1', '2', '3', '4', '5', '6']

/** Two shards, no replicas, the six documents spread by their ids. */
async function indexed(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/p', { settings: { number_of_shards: 2, number_of_replicas: 0 } })
  const lines = IDS.map((id) => `{"index":{"_id":"${id}"}}\n{"n":${id}}\n`).join('')
  await node.send('POST', '/p/_bulk?refresh=true', lines)
  return node
}

/** The ids routing puts on `shard` of index p (2 shards, routing shards 1024). */
function idsOn(shard: number): string[] {
  return IDS.filter((id) => shardId(id, null, 2, 1024) === shard)
}

async function search(
  node: TestNode,
  preference: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await node.send('GET', `/p/_search?size=10&preference=${encodeURIComponent(preference)}`)
  return { status: response.status, body: JSON.parse(response.body) as Record<string, unknown> }
}

function hitIds(body: Record<string, unknown>): string[] {
  const hits = (body.hits as { hits: Array<{ _id: string }> }).hits
  return hits.map((hit) => hit._id).sort()
}

describe('preference on a search', () => {
  it('_shards reads only the shards listed, and the _shards section counts them', async () => {
    const node = await indexed()
    expect(idsOn(0).length).toBeGreaterThan(0)
    expect(idsOn(1).length).toBeGreaterThan(0)
    for (const shard of [0, 1]) {
      const { status, body } = await search(node, `_shards:${shard}`)
      expect(status).toBe(200)
      expect(body._shards).toEqual({ total: 1, successful: 1, skipped: 0, failed: 0 })
      expect(hitIds(body)).toEqual(idsOn(shard))
    }
    const both = await search(node, '_shards:1,0|_local')
    expect(both.body._shards).toMatchObject({ total: 2, successful: 2 })
    expect(hitIds(both.body)).toEqual([...IDS].sort())
    const none = await search(node, '_shards:7')
    expect(none.body._shards).toEqual({ total: 0, successful: 0, skipped: 0, failed: 0 })
    expect(hitIds(none.body)).toEqual([])
    const msearch = await node.send('POST', '/p/_msearch', '{"preference":"_shards:1"}\n{}\n{}\n{}\n')
    const [first, second] = (JSON.parse(msearch.body) as { responses: Array<Record<string, unknown>> })
      .responses
    expect([hitIds(first!), hitIds(second!)]).toEqual([idsOn(1), [...IDS].sort()])
    const count = await node.send('GET', '/p/_count?preference=_shards:0')
    expect(JSON.parse(count.body)).toMatchObject({ count: idsOn(0).length, _shards: { total: 1 } })
  })

  it('the copy forms answer from the node that holds the copies', async () => {
    const node = await indexed()
    for (const preference of [
      '_local',
      '_only_local',
      '_prefer_nodes:x',
      'my-session',
      '_only_nodes:_local',
      '_only_nodes:*',
    ]) {
      const { status, body } = await search(node, preference)
      expect({ preference, status, total: body._shards }).toEqual({
        preference,
        status: 200,
        total: { total: 2, successful: 2, skipped: 0, failed: 0 },
      })
    }
  })

  it('refuses a bad preference with the exception ES throws', async () => {
    const node = await indexed()
    const failures: Array<[string, number, string, string]> = [
      ['_shards:x', 400, 'number_format_exception', 'For input string: "x"'],
      ['_shards:0,,1', 400, 'number_format_exception', 'For input string: ""'],
      ['_primary', 400, 'illegal_argument_exception', 'no Preference for [_primary]'],
      ['_shards:0|_shards:1', 400, 'illegal_argument_exception', 'unknown preference [SHARDS]'],
      [
        '_only_nodes:nope',
        400,
        'illegal_argument_exception',
        'no data nodes with criteria [nope] found for shard: [p][0]',
      ],
      [
        '_only_nodes:a,b',
        400,
        'illegal_argument_exception',
        'no data nodes with criterion [a,b] found for shard: [p][0]',
      ],
    ]
    for (const [preference, status, type, reason] of failures) {
      const response = await search(node, preference)
      expect({ preference, status: response.status, error: response.body.error }).toMatchObject({
        preference,
        status,
        error: { type, reason, root_cause: [{ type, reason }] },
      })
    }
    // Each shard's check parses the ids until it finds its own: one shard, found first, never parses the bad id
    await node.send('PUT', '/q', { settings: { number_of_shards: 1 } })
    const one = async (preference: string) =>
      (await node.send('GET', `/q/_search?preference=${preference}`)).status
    expect(await one('_shards:0,x')).toBe(200)
    expect(await one('_shards:1,x')).toBe(400)
  })
})

describe('searchPreference copies', () => {
  const copy = (nodeId: string, primary: boolean): ShardRouting => ({
    index: 'i',
    shard: 0,
    primary,
    state: 'STARTED',
    nodeId,
    relocatingNodeId: null,
    allocationId: nodeId,
    relocationId: null,
    recoverySource: null,
    unassignedInfo: null,
  })
  const active = [copy('n1', true), copy('n2', false), copy('n3', false)]
  const nodes: PreferenceNodes = {
    localNodeId: 'n3',
    resolveNodeIds: (specs) => new Set(specs.split(',').filter((spec) => spec.startsWith('n'))),
  }
  const order = (preference: string, shard = 0): string[] =>
    searchPreference(preference, nodes)
      .copies('i', shard, active)
      .map((c) => c.nodeId!)

  it('orders or filters a shard copies as each form says', () => {
    expect(order('')).toEqual(['n1', 'n2', 'n3'])
    expect(order('_local')).toEqual(['n3', 'n1', 'n2'])
    expect(order('_only_local')).toEqual(['n3'])
    expect(order('_prefer_nodes:n2,n3')).toEqual(['n2', 'n3', 'n1'])
    expect(order('_only_nodes:n2')).toEqual(['n2'])
    expect(order('_shards:0|_only_local')).toEqual(['n3'])
  })

  it('a custom key always picks the same copy, and keys spread over the copies', () => {
    const firsts = new Set<string>()
    for (let k = 0; k < 30; k++) {
      const key = `session-${k}`
      expect(order(key)).toEqual(order(key))
      expect([...order(key)].sort()).toEqual(['n1', 'n2', 'n3'])
      firsts.add(order(key)[0]!)
    }
    expect(firsts.size).toBe(3)
  })
})
