// GET _recovery on a three-node cluster (RecoveryState.toXContent as ES 8.17 writes it): each copy's type, stage,
// primary flag, times, source and target nodes and phase sections in ES's field order; `?human` text before each
// raw time and size; `active_only` and `detailed`; an unknown index and a bad parameter refused as ES refuses them.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex, errorBody } from './cluster-admin-fixture.ts'

interface NodeJson {
  id: string
  host: string
  transport_address: string
  ip: string
  name: string
}

interface CopyJson {
  id: number
  type: string
  stage: string
  primary: boolean
  start_time_in_millis: number
  stop_time_in_millis: number
  total_time_in_millis: number
  source: NodeJson | Record<string, never>
  target: NodeJson
}

const PHASES = {
  index: {
    size: {
      total_in_bytes: 0,
      reused_in_bytes: 0,
      recovered_in_bytes: 0,
      recovered_from_snapshot_in_bytes: 0,
      percent: '0.0%',
    },
    files: { total: 0, reused: 0, recovered: 0, percent: '0.0%' },
    total_time_in_millis: 0,
    source_throttle_time_in_millis: 0,
    target_throttle_time_in_millis: 0,
  },
  translog: { recovered: 0, total: 0, percent: '100.0%', total_on_start: 0, total_time_in_millis: 0 },
  verify_index: { check_index_time_in_millis: 0, total_time_in_millis: 0 },
}

describe('GET _recovery', () => {
  it('writes every copy: an EMPTY_STORE primary and PEER replicas from its node', async () => {
    const { cluster, ids } = await clusterWithIndex(3, {
      settings: { number_of_shards: 1, number_of_replicas: 2 },
    })
    const response = await cluster.send(1, 'GET', '/idx/_recovery')
    expect(response.status).toBe(200)
    const body = JSON.parse(response.body) as { idx: { shards: CopyJson[] } }
    const copies = body.idx.shards
    expect(copies.map((copy) => [copy.id, copy.type, copy.stage, copy.primary])).toEqual([
      [0, 'EMPTY_STORE', 'DONE', true],
      [0, 'PEER', 'DONE', false],
      [0, 'PEER', 'DONE', false],
    ])
    const [primary, ...replicas] = copies
    const nodeJson = (name: string): NodeJson => ({
      id: ids.get(name)!,
      host: '127.0.0.1',
      transport_address: `127.0.0.1:${9299 + Number(name.slice(-1))}`,
      ip: '127.0.0.1',
      name,
    })
    expect(primary!.source).toEqual({})
    for (const copy of copies) {
      expect(Object.keys(copy)).toEqual([
        'id',
        'type',
        'stage',
        'primary',
        'start_time_in_millis',
        'stop_time_in_millis',
        'total_time_in_millis',
        'source',
        'target',
        'index',
        'translog',
        'verify_index',
      ])
      expect(copy.target).toEqual(nodeJson(copy.target.name))
      expect(copy.total_time_in_millis).toBe(copy.stop_time_in_millis - copy.start_time_in_millis)
      expect(copy).toMatchObject(PHASES)
    }
    for (const replica of replicas) expect(replica.source).toEqual(primary!.target)
    expect(new Set(copies.map((copy) => copy.target.name)).size).toBe(3)
    // The text is ES's: raw fields only, in this order.
    expect(response.body).toContain(`"source":{},"target":${JSON.stringify(primary!.target)},"index":`)
  })

  it('writes human-readable times and sizes before the raw ones with ?human', async () => {
    const { cluster } = await clusterWithIndex(1)
    const body = JSON.parse((await cluster.send(1, 'GET', '/_recovery?human')).body) as {
      idx: { shards: Array<Record<string, unknown>> }
    }
    const [copy] = body.idx.shards
    expect(Object.keys(copy!).slice(4, 10)).toEqual([
      'start_time',
      'start_time_in_millis',
      'stop_time',
      'stop_time_in_millis',
      'total_time',
      'total_time_in_millis',
    ])
    expect(copy!.start_time).toBe(new Date(copy!.start_time_in_millis as number).toISOString())
    expect(copy!.total_time).toBe('0s')
    expect(copy!.index).toEqual({
      size: {
        total: '0b',
        total_in_bytes: 0,
        reused: '0b',
        reused_in_bytes: 0,
        recovered: '0b',
        recovered_in_bytes: 0,
        recovered_from_snapshot: '0b',
        recovered_from_snapshot_in_bytes: 0,
        percent: '0.0%',
      },
      files: { total: 0, reused: 0, recovered: 0, percent: '0.0%' },
      total_time: '0s',
      total_time_in_millis: 0,
      source_throttle_time: '-1',
      source_throttle_time_in_millis: 0,
      target_throttle_time: '-1',
      target_throttle_time_in_millis: 0,
    })
  })

  it('leaves finished recoveries out with active_only and lists file details with detailed', async () => {
    const { cluster } = await clusterWithIndex(1)
    expect((await cluster.send(1, 'GET', '/_recovery?active_only=true')).body).toBe('{}')
    const detailed = JSON.parse(
      (await cluster.send(1, 'GET', '/_recovery?detailed&filter_path=*.shards.index.files')).body,
    ) as unknown
    expect(detailed).toEqual({
      idx: {
        shards: [{ index: { files: { total: 0, reused: 0, recovered: 0, percent: '0.0%', details: [] } } }],
      },
    })
  })

  it('refuses a missing index and an unknown parameter', async () => {
    const { cluster } = await clusterWithIndex(1)
    const missing = await cluster.send(1, 'GET', '/nope/_recovery')
    expect(missing.status).toBe(404)
    expect(JSON.parse(missing.body)).toMatchObject({
      error: { type: 'index_not_found_exception' },
      status: 404,
    })
    const unknown = await cluster.send(1, 'GET', '/_recovery?verbose=true')
    expect(JSON.parse(unknown.body)).toEqual(
      errorBody(
        'illegal_argument_exception',
        'request [/_recovery] contains unrecognized parameter: [verbose]',
        400,
      ),
    )
  })
})
