// _rethrottle over the by-query tasks, as exact compact JSON from Elasticsearch 8.17: RestRethrottleAction (its three
// routes, any by-query task on each; "requests_per_second is a required parameter"; the TaskId and group_by checks;
// the parameters it reads), AbstractBaseReindexRestHandler.parseRequestsPerSecond, TransportRethrottleAction (a
// worker's detailed TaskInfo; a leader's running slices rethrottled to an equal share, its status built from theirs),
// TransportTasksAction.processTasks ("task [x] is missing" as a node failure), ListTasksResponse grouped by nodes,
// WorkerBulkByScrollTaskState.rethrottle and DelayedPrepareBulkRequest (a faster rate rescales the wait under way by
// Math.round(float), a slower one leaves it; only the rescaled wait counts in throttled_millis), and the YAML REST
// tests update_by_query/60_throttle.yml and reindex/80_slices.yml ("Multiple slices with rethrottle").
import { beforeEach, describe, expect, it } from 'vitest'
import type { TestNode } from '../node/es-node-fixture.ts'
import { startNodeWithDocs } from './tasks-fixture.ts'

let node: TestNode

beforeEach(async () => {
  node = await startNodeWithDocs()
}, 60_000)

/** Starts a throttled run as a task (`<node>:<id>`), one document a batch, and lets 200 ms pass. */
async function startThrottled(path: string): Promise<{ task: string; nodeId: string }> {
  const response = await node.send('POST', `${path}&wait_for_completion=false&scroll_size=1`, {
    query: { match_all: {} },
  })
  expect(response.status).toBe(200)
  const task = (JSON.parse(response.body) as { task: string }).task
  await node.clock.sleep(200)
  return { task, nodeId: task.split(':')[0]! }
}

/** The body with the task's times (which follow the clock) as placeholders. */
function timesOut(body: string): string {
  return body.replace(
    /"start_time_in_millis":\d+,"running_time_in_nanos":\d+/g,
    '"start_time_in_millis":S,"running_time_in_nanos":R',
  )
}

/** The task's stored response, once it finished (within GET _tasks' 30 s wait). */
async function finished(task: string): Promise<string> {
  const done = await node.send('GET', `/_tasks/${task}?wait_for_completion=true`)
  expect(done.status).toBe(200)
  return done.body.slice(done.body.indexOf('"response":'))
}

const ROLES =
  '["data","data_cold","data_content","data_frozen","data_hot","data_warm","ingest","master","ml","remote_cluster_client","transform"]'
const retries = '"retries":{"bulk":0,"search":0}'

function throttledUntil(body: string): number {
  return Number(/"throttled_until_millis":(\d+)/.exec(body)?.[1])
}

describe('rethrottle', () => {
  it('to -1 lets a run that would take years finish; the answer is its detailed TaskInfo by node', async () => {
    const { task, nodeId } = await startThrottled('/t/_update_by_query?requests_per_second=0.00000001')
    // any of the three paths rethrottles any by-query task
    const rethrottled = await node.send('POST', `/_reindex/${task}/_rethrottle?requests_per_second=-1`)
    expect(rethrottled.status).toBe(200)
    expect(timesOut(rethrottled.body)).toBe(
      `{"nodes":{"${nodeId}":{"name":"es01","transport_address":"127.0.0.1:9300","host":"127.0.0.1",` +
        `"ip":"127.0.0.1:9300","roles":${ROLES},"tasks":{"${task}":{"node":"${nodeId}","id":1,"type":"transport",` +
        '"action":"indices:data/write/update/byquery","status":{"total":3,"updated":1,"created":0,"deleted":0,' +
        `"batches":1,"version_conflicts":0,"noops":0,${retries},"throttled_millis":0,"requests_per_second":-1.0,` +
        '"throttled_until_millis":0},"description":"update-by-query [t]","start_time_in_millis":S,' +
        '"running_time_in_nanos":R,"cancellable":true,"cancelled":false,"headers":{}}}}}}',
    )
    // The hour's wait was dropped: nothing of it counts.
    expect(await finished(task)).toContain(
      `"total":3,"updated":3,"created":0,"deleted":0,"batches":3,"version_conflicts":0,"noops":0,${retries},` +
        '"throttled_millis":0,"requests_per_second":-1.0,"throttled_until_millis":0,"failures":[]}}',
    )
  })

  it('faster rescales the wait under way (time left × old / new); only that wait counts', async () => {
    const { task } = await startThrottled('/t/_delete_by_query?requests_per_second=1')
    const rethrottled = await node.send(
      'POST',
      `/_delete_by_query/${task}/_rethrottle?requests_per_second=2&group_by=none`,
    )
    expect(rethrottled.body).toContain(
      '"throttled_millis":0,"requests_per_second":2.0,"throttled_until_millis":',
    )
    // about 800 ms were left of the second's wait (the first batch and the requests took some): half of it
    const until = throttledUntil(rethrottled.body)
    expect(until).toBeGreaterThan(350)
    expect(until).toBeLessThan(450)
    // the rescaled wait, then 500 ms after each of the two other batches
    expect(await finished(task)).toContain(
      `"throttled_millis":${until + 1000},"requests_per_second":2.0,"throttled_until_millis":0,`,
    )
  })

  it('slower leaves the wait under way and lengthens the next ones', async () => {
    const { task } = await startThrottled('/t/_delete_by_query?requests_per_second=2')
    const rethrottled = await node.send(
      'POST',
      `/_update_by_query/${task}/_rethrottle?requests_per_second=1&group_by=parents`,
    )
    expect(rethrottled.body).toMatch(/^\{"tasks":\{"[^"]+":\{"node":/)
    expect(rethrottled.body).toContain('"requests_per_second":1.0,"throttled_until_millis":')
    expect(throttledUntil(rethrottled.body)).toBeGreaterThan(250)
    expect(throttledUntil(rethrottled.body)).toBeLessThan(350)
    expect(await finished(task)).toContain('"throttled_millis":2500,"requests_per_second":1.0,')
  })

  it('caps a rescaled wait at Math.round(float)’s Integer.MAX_VALUE nanoseconds', async () => {
    // 1,000 s a document; doubled, the 999.8 s left would be 499.9 s
    const { task } = await startThrottled('/t/_delete_by_query?requests_per_second=0.001')
    const doubled = await node.send(
      'POST',
      `/_delete_by_query/${task}/_rethrottle?requests_per_second=0.002&group_by=none`,
    )
    expect(doubled.body).toContain('"requests_per_second":0.002,"throttled_until_millis":2147}')
    await node.clock.sleep(3000)
    await node.send('POST', `/_delete_by_query/${task}/_rethrottle?requests_per_second=-1`)
    expect(await finished(task)).toContain(
      `"deleted":3,"batches":3,"version_conflicts":0,"noops":0,${retries},"throttled_millis":2147,`,
    )
  })
})

describe('a sliced task', () => {
  it('splits the new rate between its running slices; its status shows them (80_slices.yml)', async () => {
    await node.send('PUT', '/s', { settings: { number_of_shards: 2, number_of_routing_shards: 2 } })
    const lines = Array.from({ length: 6 }, (_, i) => `{"index":{"_id":"${i + 1}"}}\n{"n":${i}}\n`)
    await node.send('POST', '/s/_bulk?refresh=true', lines.join(''))
    const { task, nodeId } = await startThrottled('/s/_delete_by_query?slices=2&requests_per_second=0.5')
    type Status = {
      requests_per_second: number
      slices: Array<{ slice_id: number; requests_per_second: number }>
    }
    type Listed = { nodes: Record<string, { tasks: Record<string, { status: Status }> }> }
    const statusOf = (body: string): Status => (JSON.parse(body) as Listed).nodes[nodeId]!.tasks[task]!.status
    const split = statusOf(
      (await node.send('POST', `/_delete_by_query/${task}/_rethrottle?requests_per_second=4`)).body,
    )
    expect(split.requests_per_second).toBe(4)
    expect(split.slices.map((slice) => [slice.slice_id, slice.requests_per_second])).toEqual([
      [0, 2],
      [1, 2],
    ])
    const unlimited = await node.send('POST', `/_delete_by_query/${task}/_rethrottle?requests_per_second=-1`)
    expect(unlimited.body).toContain(`"description":"delete-by-query [s]",`)
    expect(statusOf(unlimited.body).requests_per_second).toBe(-1)
    const response = await finished(task)
    expect(response).toContain(`"total":6,"updated":0,"created":0,"deleted":6,`)
    expect(response).toContain(
      '"throttled_millis":0,"requests_per_second":-1.0,"throttled_until_millis":0,"slices":[',
    )
  })
})

describe('errors', () => {
  const refused = (type: string, reason: string, causedBy = ''): string =>
    `{"error":{"root_cause":[{"type":"${type}","reason":"${reason}"}],"type":"${type}","reason":"${reason}"${causedBy}},"status":400}`

  it('requires requests_per_second, a float above 0 or -1, before it checks the other parameters', async () => {
    const { task } = await startThrottled('/t/_delete_by_query?requests_per_second=1')
    const required = refused('illegal_argument_exception', 'requests_per_second is a required parameter')
    expect((await node.send('POST', `/_reindex/${task}/_rethrottle`)).body).toBe(required)
    expect((await node.send('POST', `/_reindex/${task}/_rethrottle?actions=x`)).body).toBe(required)
    const positive = '[requests_per_second] must be a float greater than 0. Use -1 to disable throttling.'
    expect((await node.send('POST', `/_reindex/${task}/_rethrottle?requests_per_second=0`)).body).toBe(
      refused('illegal_argument_exception', positive),
    )
    expect((await node.send('POST', `/_reindex/${task}/_rethrottle?requests_per_second=x`)).body).toBe(
      refused(
        'illegal_argument_exception',
        positive,
        ',"caused_by":{"type":"number_format_exception","reason":"For input string: \\"x\\""}',
      ),
    )
    expect((await node.send('POST', '/_reindex/abc/_rethrottle?requests_per_second=1')).body).toBe(
      refused('illegal_argument_exception', 'malformed task id abc'),
    )
    expect(
      (await node.send('POST', `/_reindex/${task}/_rethrottle?requests_per_second=1&actions=x`)).body,
    ).toBe(
      refused(
        'illegal_argument_exception',
        `request [/_reindex/${task}/_rethrottle] contains unrecognized parameter: [actions]`,
      ),
    )
    expect(
      (await node.send('POST', `/_reindex/${task}/_rethrottle?requests_per_second=1&group_by=x`)).body,
    ).toBe(
      refused(
        'illegal_argument_exception',
        '[group_by] must be one of [nodes], [parents] or [none] but was [x]',
      ),
    )
    // none of these rethrottled it
    expect((await node.send('GET', `/_tasks/${task}`)).body).toContain('"requests_per_second":1.0,')
  })

  it('a task not running, or on no node, is a node failure', async () => {
    const { nodeId } = await startThrottled('/t/_delete_by_query?requests_per_second=1')
    const failedNode = (id: string, cause: string): string =>
      `{"node_failures":[{"type":"failed_node_exception","reason":"Failed node [${id}]","node_id":"${id}","caused_by":${cause}}],"nodes":{}}`
    const missing = await node.send('POST', `/_reindex/${nodeId}:9/_rethrottle?requests_per_second=1`)
    expect(missing.status).toBe(200)
    expect(missing.body).toBe(
      failedNode(nodeId, `{"type":"resource_not_found_exception","reason":"task [${nodeId}:9] is missing"}`),
    )
    expect((await node.send('POST', '/_reindex/nobody:1/_rethrottle?requests_per_second=1')).body).toBe(
      failedNode(
        'nobody',
        '{"type":"no_such_node_exception","reason":"No such node [nobody]","node_id":"nobody"}',
      ),
    )
  })
})
