// GET _cluster/health through EsNode: ClusterHealthResponse's fields in ES 8.17's order (with
// unassigned_primary_shards, 8.16+), levels, the wait_for_* conditions and the timed-out answer (408),
// following the cluster.health YAML REST tests (10_basic.yml) and the cluster health docs example.
import { beforeEach, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { jsonAt, jsonKeysAt } from './json-at.ts'

let node: TestNode

beforeEach(async () => {
  node = await startNode()
})

const health = (over: Record<string, unknown>) => ({
  cluster_name: 'docker-cluster',
  status: 'green',
  timed_out: false,
  number_of_nodes: 1,
  number_of_data_nodes: 1,
  active_primary_shards: 0,
  active_shards: 0,
  relocating_shards: 0,
  initializing_shards: 0,
  unassigned_shards: 0,
  unassigned_primary_shards: 0,
  delayed_unassigned_shards: 0,
  number_of_pending_tasks: 0,
  number_of_in_flight_fetch: 0,
  task_max_waiting_in_queue_millis: 0,
  active_shards_percent_as_number: 100.0,
  ...over,
})

describe('_cluster/health', () => {
  test('an empty cluster is green, every count 0, the percentage a Java double', async () => {
    const response = await node.send('GET', '/_cluster/health')
    expect(response.status).toBe(200)
    expect(response.body).toBe(
      '{"cluster_name":"docker-cluster","status":"green","timed_out":false,"number_of_nodes":1,' +
        '"number_of_data_nodes":1,"active_primary_shards":0,"active_shards":0,"relocating_shards":0,' +
        '"initializing_shards":0,"unassigned_shards":0,"unassigned_primary_shards":0,' +
        '"delayed_unassigned_shards":0,"number_of_pending_tasks":0,"number_of_in_flight_fetch":0,' +
        '"task_max_waiting_in_queue_millis":0,"active_shards_percent_as_number":100.0}',
    )
  })

  test('replicas that cannot be assigned make it yellow; number_of_replicas 0 makes it green', async () => {
    await node.send('PUT', '/my-index', { settings: { number_of_shards: 3 } })
    expect(jsonAt((await node.send('GET', '/_cluster/health')).body)).toEqual(
      health({
        status: 'yellow',
        active_primary_shards: 3,
        active_shards: 3,
        unassigned_shards: 3,
        active_shards_percent_as_number: 50.0,
      }),
    )
    await node.send('PUT', '/my-index/_settings', { index: { number_of_replicas: 0 } })
    expect(jsonAt((await node.send('GET', '/_cluster/health')).body)).toEqual(
      health({ active_primary_shards: 3, active_shards: 3 }),
    )
  })

  test('/{index} narrows to those indices; a missing index times out red with 408', async () => {
    await node.send('PUT', '/index-1', { settings: { number_of_replicas: 0 } })
    await node.send('PUT', '/index-2', { settings: { number_of_replicas: 50 } })
    const status = async (path: string) => jsonAt((await node.send('GET', path)).body, 'status')
    expect(await status('/_cluster/health/index-*')).toBe('yellow')
    expect(await status('/_cluster/health/index-1')).toBe('green')
    expect(await status('/_cluster/health/index-2')).toBe('yellow')
    const missing = await node.send('GET', '/_cluster/health/nope')
    expect(missing.status).toBe(408)
    expect(jsonAt(missing.body)).toEqual(health({ status: 'red', timed_out: true }))
  })

  test('wait_for_status answers at once when met, with timed_out and 408 when not', async () => {
    await node.send('PUT', '/test_index')
    expect((await node.send('GET', '/_cluster/health?wait_for_status=yellow')).status).toBe(200)
    const waited = await node.send('GET', '/_cluster/health?wait_for_status=green&timeout=1s')
    expect(waited.status).toBe(408)
    expect(jsonAt(waited.body)).toMatchObject({ status: 'yellow', timed_out: true })
    expect((await node.send('GET', '/_cluster/health?wait_for_active_shards=all')).status).toBe(408)
    expect((await node.send('GET', '/_cluster/health?wait_for_active_shards=1')).status).toBe(200)
    expect((await node.send('GET', '/_cluster/health?wait_for_nodes=>=1')).status).toBe(200)
    expect((await node.send('GET', '/_cluster/health?wait_for_nodes=2')).status).toBe(408)
    expect((await node.send('GET', '/_cluster/health?wait_for_no_relocating_shards=true')).status).toBe(200)
  })

  test('level=indices adds the indices, level=shards their shards', async () => {
    await node.send('PUT', '/test_index', { settings: { number_of_shards: 2 } })
    const indices = (await node.send('GET', '/_cluster/health?level=indices')).body
    expect(jsonAt(indices, 'indices')).toEqual({
      test_index: {
        status: 'yellow',
        number_of_shards: 2,
        number_of_replicas: 1,
        active_primary_shards: 2,
        active_shards: 2,
        relocating_shards: 0,
        initializing_shards: 0,
        unassigned_shards: 2,
        unassigned_primary_shards: 0,
      },
    })
    const shards = await node.send('GET', '/_cluster/health?level=shards')
    const shard =
      '{"status":"yellow","primary_active":true,"active_shards":1,"relocating_shards":0,' +
      '"initializing_shards":0,"unassigned_shards":1,"unassigned_primary_shards":0}'
    expect(shards.body).toContain(`"shards":{"0":${shard},"1":${shard}}`)
  })

  test('indices print in the order of the HashMap ES keeps them in', async () => {
    for (const name of ['my-index', 'other']) await node.send('PUT', `/${name}`)
    const body = (await node.send('GET', '/_cluster/health?level=indices')).body
    expect(jsonKeysAt(body, 'indices')).toEqual(['other', 'my-index'])
  })

  test('a bad level or status is illegal_argument_exception', async () => {
    const level = await node.send('GET', '/_cluster/health?level=nodes')
    expect(level.status).toBe(400)
    expect(jsonAt(level.body, 'error', 'reason')).toBe(
      'level parameter must be one of [cluster] or [indices] or [shards] but was [nodes]',
    )
    expect((await node.send('GET', '/_cluster/health?wait_for_status=blue')).status).toBe(400)
  })
})

test('GET _cluster/settings: nothing persistent or transient', async () => {
  expect((await node.send('GET', '/_cluster/settings')).body).toBe('{"persistent":{},"transient":{}}')
})
