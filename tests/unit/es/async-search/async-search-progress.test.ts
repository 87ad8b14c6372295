// A running async search on a cluster, as Elasticsearch 8.17 shows it (x-pack async-search: AsyncSearchTask's
// SearchProgressListener, MutableSearchResponse, QueryPhaseResultConsumer's batched reduces, TransportGetAsyncSearchAction
// and TransportGetAsyncStatusAction forwarding to the node running the search, AsyncSearchTask.checkCancellation).
// Four nodes; `data` has one shard on each, each shard one document; the shard of one node (neither the master nor a
// holder of `.async-search`) answers late: its node is paused.
import { beforeEach, describe, expect, it } from 'vitest'
import { startCluster, type TestCluster } from '../cluster/es-cluster-fixture.ts'
import { defaultRoutingNumShards, shardId } from '../../../../workers/es/cluster/routing/operation-routing.ts'
import type { EsNodeState } from '../../../../workers/protocol/es.ts'

type Json = Record<string, unknown>

let cluster: TestCluster
let paused: EsNodeState
/** The node that runs the searches, and another that is asked about them. */
let coordinator: number
let other: number

beforeEach(async () => {
  cluster = await startCluster(4)
  await cluster.json(1, 'PUT', '/data', {
    settings: {
      number_of_shards: 4,
      number_of_replicas: 0,
      'index.routing.allocation.total_shards_per_node': 1,
    },
  })
  await cluster.settle()
  for (let shard = 0; shard < 4; shard++) {
    let key = 0
    while (shardId(`k${key}`, null, 4, defaultRoutingNumShards(4)) !== shard) key++
    await cluster.json(1, 'PUT', `/data/_doc/k${key}?refresh=true`, { v: 1 })
  }
  // the first kept result makes `.async-search`
  await cluster.json(1, 'POST', '/data/_async_search?keep_on_completion=true', { size: 0 })
  await cluster.settle()
  const states = cluster.nodes.describeStates()
  paused = states.find(
    (state) => !state.master && !state.shards.some((shard) => shard.index === '.async-search'),
  )!
  const running = states.filter((state) => state !== paused).map((state) => state.address)
  ;[coordinator, other] = running as [number, number]
  await cluster.nodes.pause(paused.address)
}, 120_000)

const AGGS = { aggs: { total: { sum: { field: 'v' } } } }

async function submit(query: string): Promise<Json> {
  const response = await cluster.send(coordinator, 'POST', `/data/_async_search?${query}`, AGGS)
  return JSON.parse(response.body) as Json
}

describe('a running async search', () => {
  it('shows the shards answered, the hits counted and the aggregations of the last batched reduce', async () => {
    // batched_reduce_size 2: the third answer reduces the first two (phase 1, not printed)
    const submitted = await submit('batched_reduce_size=2&wait_for_completion_timeout=2s')
    expect(submitted.is_running).toBe(true)
    expect(submitted.is_partial).toBe(true)
    const partial: Json = {
      took: expect.any(Number) as number,
      timed_out: false,
      _shards: { total: 4, successful: 2, skipped: 0, failed: 0 },
      hits: { total: { value: 2, relation: 'eq' }, max_score: null, hits: [] },
      aggregations: { total: { value: 2 } },
    }
    expect(submitted.response).toEqual(partial)
    const id = submitted.id as string

    const status = JSON.parse(
      (await cluster.send(coordinator, 'GET', `/_async_search/status/${id}`)).body,
    ) as Json
    expect(status._shards).toEqual({ total: 4, successful: 2, skipped: 0, failed: 0 })
    expect(status.is_running).toBe(true)

    // asked of another node, the running search is read on the node that runs it, not from its stored document
    // (stored when the submit answered, before any shard had)
    const later = await submit('batched_reduce_size=2&wait_for_completion_timeout=0')
    expect((later.response as Json)._shards).toMatchObject({ successful: 0 })
    await cluster.sleep(2000)
    const elsewhere = JSON.parse(
      (await cluster.send(other, 'GET', `/_async_search/${later.id as string}`)).body,
    ) as Json
    expect(elsewhere.response).toEqual(partial)
    const statusElsewhere = JSON.parse(
      (await cluster.send(other, 'GET', `/_async_search/status/${later.id as string}`)).body,
    ) as Json
    expect(statusElsewhere._shards).toEqual(status._shards)

    await cluster.nodes.resume(paused.address)
    const done = JSON.parse(
      (await cluster.send(other, 'GET', `/_async_search/${id}?wait_for_completion_timeout=10s`)).body,
    ) as Json
    expect(done.is_running).toBe(false)
    const response = done.response as Json
    // the fourth answer reduced the third (phase 2), the final reduce is phase 3
    expect(response.num_reduce_phases).toBe(3)
    expect(response._shards).toEqual({ total: 4, successful: 4, skipped: 0, failed: 0 })
    expect((response.hits as Json).total).toEqual({ value: 4, relation: 'eq' })
    expect(response.aggregations).toEqual({ total: { value: 4 } })
  })

  it('is cancelled once expired, answers 404, and its document is deleted when it ends', async () => {
    const submitted = await submit('keep_alive=1s&wait_for_completion_timeout=0')
    const id = submitted.id as string
    const docId = Buffer.from(id, 'base64url')
      .subarray(1, 1 + Buffer.from(id, 'base64url')[0]!)
      .toString()
    await cluster.sleep(1500)
    const expired = await cluster.send(other, 'GET', `/_async_search/${id}`)
    expect(expired.status).toBe(404)
    expect((JSON.parse(expired.body) as Json).error).toMatchObject({
      type: 'resource_not_found_exception',
      reason: id,
    })
    const tasks = JSON.parse(
      (await cluster.send(coordinator, 'GET', '/_tasks?actions=indices:data/read/search&detailed')).body,
    ) as { nodes: Record<string, { tasks: Record<string, Json> }> }
    const listed = Object.values(tasks.nodes).flatMap((node) => Object.values(node.tasks))
    expect(listed.map((task) => task.cancelled)).toEqual([true])
    await cluster.nodes.resume(paused.address)
    await cluster.sleep(1000)
    expect((await cluster.send(coordinator, 'GET', `/.async-search/_doc/${docId}`)).status).toBe(404)
  })
})
