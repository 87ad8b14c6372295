// wait_for_completion=false on the by-query APIs and _reindex, and GET _tasks/<id>, as exact compact JSON from
// Elasticsearch 8.17: AbstractBaseReindexRestHandler (`{"task":"<node>:<id>"}`), TaskResultsService (the
// `.tasks` document: TaskResult.toXContent without `cancelled`, the index's strict mapping),
// TransportGetTaskAction ("task [x] isn't running and hasn't stored its results", 404, wrapped when the node is
// not in the cluster), TaskId ("malformed task
// id x"), TaskInfo.toXContent (field order), BulkByScrollTask.Status (every counter, `updated` and `created`
// included), the requests' toString ("update-by-query [twitter]", "reindex from [twitter] to [copy]") and
// AbstractBaseReindexRestHandler.parseSlices.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const counters = (total: number, updated: number, created: number): string =>
  `"total":${total},"updated":${updated},"created":${created},"deleted":0,"batches":1,"version_conflicts":0,"noops":0,` +
  '"retries":{"bulk":0,"search":0},"throttled_millis":0,"requests_per_second":-1.0,"throttled_until_millis":0'

async function seed(node: TestNode): Promise<void> {
  await node.send(
    'POST',
    '/twitter/_bulk?refresh=true',
    '{"index":{"_id":"1"}}\n{"user":"kimchy"}\n{"index":{"_id":"2"}}\n{"user":"foo"}\n',
  )
}

/** The task id the request answered, checked to be `<node id>:<number>`. */
async function startTask(node: TestNode, path: string, body: object): Promise<string> {
  const response = await node.send('POST', path, body)
  expect(response.status).toBe(200)
  const match = /^\{"task":"([A-Za-z0-9_-]{22}:\d+)"\}$/.exec(response.body)
  expect(match).not.toBeNull()
  return match![1]!
}

/** The body with the task's times (which follow the clock) as placeholders. */
function timesOut(body: string): string {
  return body.replace(
    /"start_time_in_millis":\d+,"running_time_in_nanos":\d+/,
    '"start_time_in_millis":S,"running_time_in_nanos":R',
  )
}

describe('wait_for_completion=false', () => {
  it('answers the task id; GET _tasks/<id> prints the stored result with every counter', async () => {
    const node = await startNode()
    await seed(node)
    const task = await startTask(node, '/twitter/_update_by_query?wait_for_completion=false', {
      script: 'ctx._source.x = 1',
    })
    const [nodeId, id] = task.split(':')
    const got = await node.send('GET', `/_tasks/${task}?wait_for_completion=true`)
    expect(got.status).toBe(200)
    expect(timesOut(got.body)).toBe(
      `{"completed":true,"task":{"node":"${nodeId}","id":${id},"type":"transport","action":"indices:data/write/update/byquery",` +
        `"status":{${counters(2, 2, 0)}},"description":"update-by-query [twitter]","start_time_in_millis":S,"running_time_in_nanos":R,` +
        `"cancellable":true,"cancelled":false,"headers":{}},"response":{"took":0,"timed_out":false,${counters(2, 2, 0)},"failures":[]}}`,
    )
    // The work is done and the result is a document of .tasks, stored without `cancelled`.
    expect((await node.send('GET', '/twitter/_source/1')).body).toBe('{"x":1,"user":"kimchy"}')
    const stored = await node.send('GET', `/.tasks/_source/${task}`)
    expect(stored.body).toContain('"cancellable":true,"headers":{}},"response":')
    expect((await node.send('GET', '/.tasks/_settings')).body).toContain('"hidden":"true"')
    // TaskResultsService's mapping: the task's status and headers, the response and the error are disabled objects
    const disabled = '{"type":"object","enabled":false}'
    expect((await node.send('GET', '/.tasks/_mapping')).body).toContain(
      `"response":${disabled},"task":{"properties":{"action":{"type":"keyword"},"cancellable":{"type":"boolean"},` +
        `"description":{"type":"text"},"headers":${disabled},`,
    )
  })

  it('stores a script error as the task error; _reindex and _delete_by_query describe themselves', async () => {
    const node = await startNode()
    await seed(node)
    const failed = await startTask(node, '/twitter/_update_by_query?wait_for_completion=false', {
      script: "ctx._id = 'x'",
    })
    const body = (await node.send('GET', `/_tasks/${failed}?wait_for_completion=true`)).body
    expect(body).toContain(`"status":{${counters(2, 0, 0)}},"description":"update-by-query [twitter]"`)
    expect(body).toContain(
      ',"error":{"type":"script_exception","reason":"runtime error","script_stack":["ctx._id = \'x\'","        ^---- HERE"],',
    )
    expect(body).toContain(
      '"caused_by":{"type":"illegal_argument_exception","reason":"_id cannot be updated"}}}',
    )
    const copy = await startTask(node, '/_reindex?wait_for_completion=false&refresh=true', {
      source: { index: 'twitter' },
      dest: { index: 'copy' },
    })
    const reindexed = (await node.send('GET', `/_tasks/${copy}?wait_for_completion=true`)).body
    expect(reindexed).toContain('"action":"indices:data/write/reindex",')
    expect(reindexed).toContain('"description":"reindex from [twitter] to [copy]"')
    expect(reindexed).toContain(`"response":{"took":0,"timed_out":false,${counters(2, 0, 2)},"failures":[]}}`)
    const deleted = await startTask(node, '/twitter,copy/_delete_by_query?wait_for_completion=false', {
      query: { match_all: {} },
    })
    expect((await node.send('GET', `/_tasks/${deleted}?wait_for_completion=true`)).body).toContain(
      '"action":"indices:data/write/delete/byquery","status":{"total":4,"updated":0,"created":0,"deleted":4,',
    )
    expect((await node.send('GET', `/_tasks/${deleted}?wait_for_completion=true`)).body).toContain(
      '"description":"delete-by-query [twitter, copy]"',
    )
  })

  it('a malformed id is a 400, an unknown one a 404; slices takes 1 and auto over single-shard indices', async () => {
    const node = await startNode()
    await seed(node)
    expect((await node.send('GET', '/_tasks/abc')).body).toBe(
      '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"malformed task id abc"}],"type":"illegal_argument_exception","reason":"malformed task id abc"},"status":400}',
    )
    const missing = await node.send('GET', '/_tasks/abc:99')
    expect(missing.status).toBe(404)
    // The node `abc` is not in the cluster: the stored-result failure is wrapped (TransportGetTaskAction).
    const notStored = `{"type":"resource_not_found_exception","reason":"task [abc:99] isn't running and hasn't stored its results"}`
    expect(missing.body).toBe(
      `{"error":{"root_cause":[${notStored}],"type":"resource_not_found_exception","reason":"task [abc:99] belongs to the node [abc] which isn't part of the cluster and there is no record of the task","caused_by":${notStored}},"status":404}`,
    )
    expect(
      (await node.send('POST', '/twitter/_update_by_query?slices=auto&refresh=true', {})).body,
    ).toContain('"total":2,"updated":2,')
    expect((await node.send('POST', '/twitter/_update_by_query?slices=1&refresh=true', {})).body).toContain(
      '"total":2,"updated":2,',
    )
    expect((await node.send('POST', '/twitter/_update_by_query?slices=x', {})).body).toContain(
      '"reason":"[slices] must be a positive integer or the string \\"auto\\", but was [x]"',
    )
  })
})
