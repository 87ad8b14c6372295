// The task management APIs over the by-query tasks, as exact compact JSON from Elasticsearch 8.17: RestListTasksAction
// (`nodes`, `actions`, `detailed`, `group_by` and its error), ListTasksResponse (groupedByNode: name,
// transport_address, host, ip, roles, tasks; groupedByParent; groupedByNone; node_failures first), TaskInfo.toXContent
// (status and description only when detailed; cancelled after cancellable), RestCancelTasksAction and
// TransportCancelTasksAction.processTasks ("task [x] is not found", "doesn't support this operation"),
// TransportTasksAction (FailedNodeException "Failed node [x]" with node_id, NoSuchNodeException), BaseTasksRequest's
// validation, TaskId ("malformed task id x"), BulkByScrollTask.Status (`canceled` between requests_per_second and
// throttled_until_millis), WorkerBulkByScrollTaskState (the throttle wait of batch size / requests_per_second,
// handleCancel's rethrottle to unlimited), AbstractAsyncBulkByScrollAction (a cancelled run finishes at the batch boundary) and
// AbstractBaseReindexRestHandler.parseRequestsPerSecond.
import { beforeEach, describe, expect, it } from 'vitest'
import type { TestNode } from '../node/es-node-fixture.ts'
import { startNodeWithDocs } from './tasks-fixture.ts'
import { clusterWithIndex } from '../cluster-admin/cluster-admin-fixture.ts'
import { javaHashOrder, javaStringHashCode } from '../../../../workers/net/java-hash.ts'

let node: TestNode

beforeEach(async () => {
  node = await startNodeWithDocs()
}, 60_000)

/** Starts a throttled _delete_by_query (one document a batch, two a second) as a task; its `<node>:<id>`. */
async function startThrottled(): Promise<{ task: string; nodeId: string }> {
  const response = await node.send(
    'POST',
    '/t/_delete_by_query?wait_for_completion=false&requests_per_second=2&scroll_size=1',
    { query: { match_all: {} } },
  )
  expect(response.status).toBe(200)
  const task = (JSON.parse(response.body) as { task: string }).task
  return { task, nodeId: task.split(':')[0]! }
}

/** The body with the task's times (which follow the clock) as placeholders. */
function timesOut(body: string): string {
  return body.replace(
    /"start_time_in_millis":\d+,"running_time_in_nanos":\d+/g,
    '"start_time_in_millis":S,"running_time_in_nanos":R',
  )
}

const ROLES =
  '["data","data_cold","data_content","data_frozen","data_hot","data_warm","ingest","master","ml","remote_cluster_client","transform"]'

/** The task's status; cancelled, it is unthrottled (handleCancel rethrottles to unlimited: -1.0). */
const status = (deleted: number, canceled: string, throttledUntil: number): string =>
  `{"total":3,"updated":0,"created":0,"deleted":${deleted},"batches":1,"version_conflicts":0,"noops":0,` +
  `"retries":{"bulk":0,"search":0},"throttled_millis":0,"requests_per_second":${canceled === '' ? '2.0' : '-1.0'},` +
  `${canceled}"throttled_until_millis":${throttledUntil}}`

describe('GET _tasks/<id>', () => {
  it('waits for a task that stores no result and answers the snapshot taken while it ran, completed', async () => {
    const running = node.send('POST', '/t/_delete_by_query?requests_per_second=2&scroll_size=1', {
      query: { match_all: {} },
    })
    await node.clock.sleep(200)
    const listed = JSON.parse((await node.send('GET', '/_tasks?group_by=none&actions=*byquery')).body) as {
      tasks: Array<{ node: string; id: number }>
    }
    const { node: nodeId, id } = listed.tasks[0]!
    const waited = await node.send('GET', `/_tasks/${nodeId}:${id}?wait_for_completion=true`)
    expect(waited.status).toBe(200)
    expect(timesOut(waited.body)).toMatch(
      new RegExp(
        `^\\{"completed":true,"task":\\{"node":"${nodeId}","id":${id},"type":"transport",` +
          '"action":"indices:data/write/delete/byquery",',
      ),
    )
    expect((await running).status).toBe(200)
  })
})

describe('GET _tasks', () => {
  it('lists a running by-query task grouped by nodes (default), parents or none; detailed adds its status', async () => {
    const { task, nodeId } = await startThrottled()
    await node.clock.sleep(200)
    const info = (cancelled: boolean, detail = ''): string =>
      `{"node":"${nodeId}","id":1,"type":"transport","action":"indices:data/write/delete/byquery",${detail}` +
      `"start_time_in_millis":S,"running_time_in_nanos":R,"cancellable":true,"cancelled":${cancelled},"headers":{}}`
    // GET _tasks lists itself too: its task (2) and, run here without the transport, its node-level child (3)
    const listing =
      `"${nodeId}:2":{"node":"${nodeId}","id":2,"type":"transport","action":"cluster:monitor/tasks/lists",` +
      '"start_time_in_millis":S,"running_time_in_nanos":R,"cancellable":false,"headers":{}},' +
      `"${nodeId}:3":{"node":"${nodeId}","id":3,"type":"direct","action":"cluster:monitor/tasks/lists[n]",` +
      `"start_time_in_millis":S,"running_time_in_nanos":R,"cancellable":false,"parent_task_id":"${nodeId}:2","headers":{}}`
    const byNodes = await node.send('GET', '/_tasks')
    expect(byNodes.status).toBe(200)
    expect(timesOut(byNodes.body)).toBe(
      `{"nodes":{"${nodeId}":{"name":"es01","transport_address":"127.0.0.1:9300","host":"127.0.0.1",` +
        `"ip":"127.0.0.1:9300","roles":${ROLES},"tasks":{"${task}":${info(false)},${listing}}}}}`,
    )
    expect(
      timesOut((await node.send('GET', '/_tasks?group_by=parents&actions=indices:data/write/*')).body),
    ).toBe(`{"tasks":{"${task}":${info(false)}}}`)
    const detailed = await node.send('GET', '/_tasks?group_by=none&detailed=true&actions=*byquery')
    // Half a second of wait after the first document, 200 ms of it gone (and the requests' own time).
    const until = Number(/"throttled_until_millis":(\d+)/.exec(detailed.body)?.[1])
    expect(until).toBeGreaterThan(250)
    expect(until).toBeLessThan(300)
    expect(timesOut(detailed.body)).toBe(
      `{"tasks":[${info(false, `"status":${status(1, '', until)},"description":"delete-by-query [t]",`)}]}`,
    )
    expect((await node.send('GET', '/_tasks?actions=*reindex')).body).toBe('{"nodes":{}}')
    expect((await node.send('GET', '/_tasks?actions=*reindex&group_by=none')).body).toBe('{"tasks":[]}')
    expect((await node.send('GET', '/_tasks?nodes=nobody')).body).toBe('{"nodes":{}}')
    // A running task from GET _tasks/<id>: not completed, its detailed TaskInfo.
    expect(timesOut((await node.send('GET', `/_tasks/${task}`)).body)).toMatch(
      new RegExp(
        `^\\{"completed":false,"task":\\{"node":"${nodeId}","id":1,.*"status":\\{"total":3,.*"cancelled":false,"headers":\\{\\}\\}\\}$`,
      ),
    )
  })

  it('refuses an unknown group_by and a malformed parent_task_id', async () => {
    const groupBy = await node.send('GET', '/_tasks?group_by=x')
    expect(groupBy.status).toBe(400)
    expect(groupBy.body).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"[group_by] must be one of [nodes], [parents] or [none] but was [x]"}],' +
        '"type":"illegal_argument_exception","reason":"[group_by] must be one of [nodes], [parents] or [none] but was [x]"},"status":400}',
    )
    expect((await node.send('GET', '/_tasks?parent_task_id=-1')).body).toContain(
      '"reason":"malformed task id -1"',
    )
    expect((await node.send('GET', '/_tasks?detailed=yes')).body).toContain(
      '"reason":"Failed to parse value [yes] as only [true] or [false] are allowed."',
    )
  })
})

describe('POST _tasks/_cancel', () => {
  it('stops the run at its next batch boundary: the documents done stay, the stored result says canceled', async () => {
    const { task, nodeId } = await startThrottled()
    await node.clock.sleep(200)
    const cancelled = await node.send('POST', `/_tasks/${task}/_cancel?group_by=parents`)
    expect(cancelled.status).toBe(200)
    expect(timesOut(cancelled.body)).toBe(
      `{"tasks":{"${task}":{"node":"${nodeId}","id":1,"type":"transport","action":"indices:data/write/delete/byquery",` +
        '"start_time_in_millis":S,"running_time_in_nanos":R,"cancellable":true,"cancelled":true,"headers":{}}}}',
    )
    const result = await node.send('GET', `/_tasks/${task}?wait_for_completion=true`)
    const canceled = '"canceled":"by user request",'
    expect(timesOut(result.body)).toBe(
      `{"completed":true,"task":{"node":"${nodeId}","id":1,"type":"transport","action":"indices:data/write/delete/byquery",` +
        `"status":${status(1, canceled, 0)},"description":"delete-by-query [t]","start_time_in_millis":S,"running_time_in_nanos":R,` +
        `"cancellable":true,"cancelled":false,"headers":{}},"response":{"took":0,"timed_out":false,` +
        `${status(1, canceled, 0).slice(1, -1)},"failures":[]}}`,
    )
    await node.send('POST', '/t/_refresh')
    expect((await node.send('GET', '/t/_count')).body).toBe(
      '{"count":2,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0}}',
    )
    // Over: no longer listed, nothing to cancel.
    expect((await node.send('GET', '/_tasks?actions=*byquery')).body).toBe('{"nodes":{}}')
  })

  it('cancels the tasks of the actions given; a task not running, on no node or of another action fails its node', async () => {
    const { task, nodeId } = await startThrottled()
    expect((await node.send('POST', '/_tasks/_cancel?actions=*reindex')).body).toBe('{"nodes":{}}')
    const failedNode = (id: string, cause: string): string =>
      `{"node_failures":[{"type":"failed_node_exception","reason":"Failed node [${id}]","node_id":"${id}","caused_by":${cause}}],"nodes":{}}`
    expect((await node.send('POST', `/_tasks/${nodeId}:9/_cancel`)).body).toBe(
      failedNode(
        nodeId,
        `{"type":"resource_not_found_exception","reason":"task [${nodeId}:9] is not found"}`,
      ),
    )
    expect((await node.send('POST', '/_tasks/nobody:1/_cancel')).body).toBe(
      failedNode(
        'nobody',
        '{"type":"no_such_node_exception","reason":"No such node [nobody]","node_id":"nobody"}',
      ),
    )
    expect((await node.send('POST', `/_tasks/${task}/_cancel?actions=*reindex`)).body).toBe(
      failedNode(
        nodeId,
        `{"type":"illegal_argument_exception","reason":"task [${task}] doesn't support this operation"}`,
      ),
    )
    const all = await node.send('POST', '/_tasks/_cancel?actions=*byquery&group_by=none')
    expect(timesOut(all.body)).toBe(
      `{"tasks":[{"node":"${nodeId}","id":1,"type":"transport","action":"indices:data/write/delete/byquery",` +
        '"start_time_in_millis":S,"running_time_in_nanos":R,"cancellable":true,"cancelled":true,"headers":{}}]}',
    )
    expect((await node.send('GET', `/_tasks/${task}?wait_for_completion=true`)).body).toContain(
      '"canceled":"by user request"',
    )
  })

  it('refuses a malformed task id and a task id with nodes', async () => {
    expect((await node.send('POST', '/_tasks/x/_cancel')).body).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"malformed task id x"}],"type":"illegal_argument_exception","reason":"malformed task id x"},"status":400}',
    )
    const both = await node.send('POST', '/_tasks/a:1/_cancel?nodes=_local')
    expect(both.status).toBe(400)
    expect(both.body).toBe(
      '{"error":{"root_cause":[{"type":"action_request_validation_exception","reason":"Validation Failed: 1: task id cannot be used together with node ids;"}],' +
        '"type":"action_request_validation_exception","reason":"Validation Failed: 1: task id cannot be used together with node ids;"},"status":400}',
    )
  })
})

describe('requests_per_second', () => {
  it('waits each batch size / requests_per_second before the next batch and once more at the end', async () => {
    const response = await node.send('POST', '/t/_update_by_query?requests_per_second=2&scroll_size=1', {})
    expect(response.status).toBe(200)
    expect(response.body).toBe(
      '{"took":0,"timed_out":false,"total":3,"updated":3,"deleted":0,"batches":3,"version_conflicts":0,"noops":0,' +
        '"retries":{"bulk":0,"search":0},"throttled_millis":1500,"requests_per_second":2.0,"throttled_until_millis":0,"failures":[]}',
    )
  })

  it('takes a float above 0 or -1', async () => {
    const refused = (cause: string): string =>
      '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"[requests_per_second] must be a float greater than 0. Use -1 to disable throttling."}],' +
      `"type":"illegal_argument_exception","reason":"[requests_per_second] must be a float greater than 0. Use -1 to disable throttling."${cause}},"status":400}`
    expect((await node.send('POST', '/t/_update_by_query?requests_per_second=0', {})).body).toBe(refused(''))
    expect((await node.send('POST', '/t/_update_by_query?requests_per_second=abc', {})).body).toBe(
      refused(',"caused_by":{"type":"number_format_exception","reason":"For input string: \\"abc\\""}'),
    )
    expect((await node.send('POST', '/t/_update_by_query?requests_per_second=-1', {})).body).toContain(
      '"throttled_millis":0,"requests_per_second":-1.0,',
    )
  })
})

describe('tasks across nodes', () => {
  it('lists and cancels a task of node 1 from the other nodes', async () => {
    const { cluster, ids } = await clusterWithIndex(
      3,
      { settings: { number_of_shards: 1, number_of_replicas: 0 } },
      't',
    )
    await cluster.send(
      1,
      'POST',
      '/t/_bulk?refresh=true',
      '{"index":{"_id":"1"}}\n{"n":1}\n{"index":{"_id":"2"}}\n{"n":2}\n',
    )
    const started = await cluster.send(
      1,
      'POST',
      '/t/_update_by_query?wait_for_completion=false&requests_per_second=1&scroll_size=1',
      {},
    )
    const task = (JSON.parse(started.body) as { task: string }).task
    const nodeId = ids.get('es-node-1')!
    expect(task).toBe(`${nodeId}:1`)
    // Only node 1 holds it: asking node 2 alone lists nothing, asking from node 2 with no filter finds it.
    expect((await cluster.send(2, 'GET', '/_tasks?nodes=_local&actions=*byquery')).body).toBe('{"nodes":{}}')
    const listed = await cluster.send(2, 'GET', '/_tasks?group_by=none&actions=*byquery')
    expect(timesOut(listed.body)).toBe(
      `{"tasks":[{"node":"${nodeId}","id":1,"type":"transport","action":"indices:data/write/update/byquery",` +
        '"start_time_in_millis":S,"running_time_in_nanos":R,"cancellable":true,"cancelled":false,"headers":{}}]}',
    )
    expect((await cluster.send(3, 'POST', `/_tasks/${task}/_cancel?group_by=none`)).body).toContain(
      '"cancelled":true',
    )
    const result = await cluster.send(2, 'GET', `/_tasks/${task}?wait_for_completion=true`)
    expect(result.body).toContain('"response":{"took":')
    expect(result.body).toContain(
      '"total":2,"updated":1,"created":0,"deleted":0,"batches":1,"version_conflicts":0,"noops":0,' +
        '"retries":{"bulk":0,"search":0},"throttled_millis":0,"requests_per_second":-1.0,"canceled":"by user request",' +
        '"throttled_until_millis":0,"failures":[]}}',
    )
  })

  it("lists its own task with each node's child under it: direct on the coordinating node, transport elsewhere", async () => {
    const { cluster, ids } = await clusterWithIndex(3, { settings: { number_of_replicas: 0 } }, 'x')
    const [one, two, three] = ['es-node-1', 'es-node-2', 'es-node-3'].map((name) => ids.get(name)!)
    const child = (node: string, id: number, type: string, parent: string) =>
      `{"node":"${node}","id":${id},"type":"${type}","action":"cluster:monitor/tasks/lists[n]",` +
      `"start_time_in_millis":S,"running_time_in_nanos":R,"cancellable":false,"parent_task_id":"${parent}","headers":{}}`
    // node 2's first task is this listing (1), its own child the second (2); the other nodes' children are their first
    const parent = `${two}:1`
    const children = new Map([
      [`${one}:1`, child(one!, 1, 'transport', parent)],
      [`${two}:2`, child(two!, 2, 'direct', parent)],
      [`${three}:1`, child(three!, 1, 'transport', parent)],
    ])
    // children in the HashMap order of their TaskIds (31 × node id's hash + number)
    const order = javaHashOrder(
      [...children.keys()],
      (id) => (Math.imul(31, javaStringHashCode(id.split(':')[0]!)) + Number(id.split(':')[1])) | 0,
    )
    expect(timesOut((await cluster.send(2, 'GET', '/_tasks?group_by=parents')).body)).toBe(
      `{"tasks":{"${parent}":{"node":"${two}","id":1,"type":"transport","action":"cluster:monitor/tasks/lists",` +
        '"start_time_in_millis":S,"running_time_in_nanos":R,"cancellable":false,"headers":{},' +
        `"children":[${order.map((id) => children.get(id)).join(',')}]}}}`,
    )
    // the next listing (3 on node 2) asks for its own children only
    const own = await cluster.send(2, 'GET', `/_tasks?group_by=none&parent_task_id=${two}:3`)
    expect(
      (JSON.parse(own.body) as { tasks: { parent_task_id: string }[] }).tasks.map((t) => t.parent_task_id),
    ).toEqual([`${two}:3`, `${two}:3`, `${two}:3`])
  })
})
