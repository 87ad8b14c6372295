// Sliced _delete_by_query, _update_by_query and _reindex (`slices=N`, `slices=auto`), as exact compact JSON from
// Elasticsearch 8.17: BulkByScrollParallelizationHelper (auto: the fewest shards of a source index, at most 20; a
// sub-request per slice, a child task of the leader), SliceBuilder.toFilter and TermsSliceQuery (which documents a
// slice reads), LeaderBulkByScrollTaskState and BulkByScrollResponse's merge (took, summed counters, `slices` in
// slice order, each with its `slice_id`), BulkByScrollTask.Status(List<StatusOrException>) (null for a running
// slice, requests_per_second summed from 0.0), AbstractBulkByScrollRequest (setMaxDocs, validate, doForSlice's
// max_docs and requests_per_second split), AbstractBaseReindexRestHandler (parseSlices, setCommonOptions),
// ReindexRequest.validate, and the YAML REST tests delete_by_query/80_slices.yml, 20_validation.yml and
// scroll/12_slices.yml (five shards, ids 1-4: slice 0 of 2 reads ids 2, 3 and 4, slice 1 id 1).
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const retries = '"retries":{"bulk":0,"search":0}'

/** A slice's (or a run's) status printed with `deleted` only, as _delete_by_query prints it. */
function deleted(total: number, batches: number, rps = '-1.0', sliceId?: number): string {
  const id = sliceId === undefined ? '' : `"slice_id":${sliceId},`
  return (
    `${id}"total":${total},"deleted":${total},"batches":${batches},"version_conflicts":0,"noops":0,${retries},` +
    `"throttled_millis":0,"requests_per_second":${rps},"throttled_until_millis":0`
  )
}

async function seed(node: TestNode, index: string, shards: number, ids: number): Promise<void> {
  await node.send('PUT', `/${index}`, {
    settings: { number_of_shards: shards, number_of_routing_shards: shards },
  })
  const lines = Array.from({ length: ids }, (_, i) => `{"index":{"_id":"${i + 1}"}}\n{"foo":${i + 1}}\n`)
  await node.send('POST', `/${index}/_bulk?refresh=true`, lines.join(''))
}

function errorBody(type: string, reason: string, causedBy = ''): string {
  return (
    `{"error":{"root_cause":[{"type":"${type}","reason":"${reason}"}],"type":"${type}","reason":"${reason}"` +
    `${causedBy}},"status":400}`
  )
}

describe('slices', () => {
  // floorMod(murmurhash3_x86_32(Uid.encodeId(id), 7919), 5): ids 2 and 4 in slice 0, 1 in slice 2, 3 in slice 3
  it('slices=5 over one shard: each slice a TermsSliceQuery on _id; the response sums them (80_slices.yml)', async () => {
    const node = await startNode()
    await seed(node, 'test', 1, 4)
    const response = await node.send('POST', '/test/_delete_by_query?slices=5', { query: { match_all: {} } })
    expect(response.status).toBe(200)
    expect(response.body).toBe(
      `{"took":0,"timed_out":false,${deleted(4, 3)},"slices":[{${deleted(2, 1, '-1.0', 0)}},` +
        `{${deleted(0, 0, '-1.0', 1)}},{${deleted(1, 1, '-1.0', 2)}},{${deleted(1, 1, '-1.0', 3)}},` +
        `{${deleted(0, 0, '-1.0', 4)}}],"failures":[]}`,
    )
    await node.send('POST', '/test/_refresh')
    expect((await node.send('GET', '/test/_count')).body).toContain('"count":0,')
  })

  it('fewer slices than shards: whole shards by their place (12_slices.yml); auto: one per shard', async () => {
    const node = await startNode()
    await seed(node, 'test_sliced_scroll', 5, 4)
    const two = await node.send('POST', '/test_sliced_scroll/_update_by_query?slices=2', {})
    expect(two.body).toContain('"slices":[{"slice_id":0,"total":3,"updated":3,')
    expect(two.body).toContain('{"slice_id":1,"total":1,"updated":1,')
    await seed(node, 'three', 3, 4)
    const auto = JSON.parse(
      (await node.send('POST', '/three/_delete_by_query?slices=auto', { query: { match_all: {} } })).body,
    ) as { deleted: number; slices: unknown[] }
    expect([auto.deleted, auto.slices.length]).toEqual([4, 3])
    // auto over a single-shard index is one unsliced run: no slices array
    await seed(node, 'one', 1, 2)
    const single = await node.send('POST', '/one/_delete_by_query?slices=auto', { query: { match_all: {} } })
    expect(single.body).toBe(`{"took":0,"timed_out":false,${deleted(2, 1)},"failures":[]}`)
  })

  it('_reindex copies every slice; max_docs and requests_per_second are split between the slices', async () => {
    const node = await startNode()
    await seed(node, 'src', 1, 6)
    const copied = await node.send('POST', '/_reindex?slices=2&refresh=true', {
      source: { index: 'src' },
      dest: { index: 'dst' },
    })
    expect(copied.body).toContain('"total":6,"updated":0,"created":6,')
    expect((await node.send('GET', '/dst/_count')).body).toContain('"count":6,')
    // max_docs 5 over 2 slices: 2 each, rounded down; requests_per_second 3 over 2: 1.5 each, 3.0 summed
    const limited = JSON.parse(
      (
        await node.send(
          'POST',
          '/src/_update_by_query?slices=2&max_docs=5&requests_per_second=3&scroll_size=100',
          {},
        )
      ).body,
    ) as { total: number; requests_per_second: number; slices: Array<{ total: number }> }
    expect(limited.slices.map((slice) => slice.total)).toEqual([2, 2])
    expect([limited.total, limited.requests_per_second]).toEqual([4, 3])
  })
})

describe('slices and max_docs errors', () => {
  it('parseSlices, setMaxDocs and validate, in setCommonOptions order (20_validation.yml)', async () => {
    const node = await startNode()
    await seed(node, 'test', 2, 3)
    const dbq = (query: string, body: object = { query: { match_all: {} } }) =>
      node.send('POST', `/test/_delete_by_query?${query}`, body)
    const slicesReason = (text: string) =>
      `[slices] must be a positive integer or the string \\"auto\\", but was [${text}]`
    expect((await dbq('slices=junk')).body).toBe(
      errorBody(
        'illegal_argument_exception',
        slicesReason('junk'),
        ',"caused_by":{"type":"number_format_exception","reason":"For input string: \\"junk\\""}',
      ),
    )
    expect((await dbq('slices=0')).body).toBe(errorBody('illegal_argument_exception', slicesReason('0')))
    const iae = (reason: string) => errorBody('illegal_argument_exception', reason)
    expect((await dbq('max_docs=1&slices=2')).body).toBe(iae('[max_docs] should be >= [slices]'))
    expect((await dbq('max_docs=-4')).body).toBe(iae('[max_docs] parameter cannot be negative, found [-4]'))
    // the body's max_docs is read while the request has one slice
    expect((await dbq('', { query: { match_all: {} }, max_docs: 0 })).body).toBe(
      iae('[max_docs] should be >= [slices]'),
    )
    expect((await dbq('max_docs=4', { query: { match_all: {} }, max_docs: 3 })).body).toBe(
      iae('[max_docs] set to two different values [3] and [4]'),
    )
    // ... and split among the slices afterwards: 1 / 2 rounds down to 0 (doForSlice)
    expect((await dbq('slices=2', { query: { match_all: {} }, max_docs: 1 })).body).toBe(
      iae('[max_docs] should be >= [slices]'),
    )
    // auto is 0 slices while the request is read: max_docs=0 reaches validate()
    expect((await dbq('slices=auto&max_docs=0')).body).toBe(
      errorBody(
        'action_request_validation_exception',
        "Validation Failed: 1: maxDocs should be greater than 0 if the request is limited to some number of documents or -1 if it isn't but it was [0];",
      ),
    )
    const remote = await node.send('POST', '/_reindex?slices=auto', {
      source: { remote: { host: 'http://otherhost:9200' }, index: 'test' },
      dest: { index: 'dest' },
    })
    expect(remote.body).toBe(
      errorBody(
        'action_request_validation_exception',
        "Validation Failed: 1: reindex from remote sources doesn't support slices > 1 but was [0];",
      ),
    )
  })
})

describe('the sliced task', () => {
  it('runs each slice as a child task; GET _tasks/<id> shows finished slices, null for running ones', async () => {
    const node = await startNode()
    await seed(node, 'test', 2, 6)
    const started = await node.send(
      'POST',
      '/test/_delete_by_query?wait_for_completion=false&slices=2&requests_per_second=0.5&scroll_size=1',
      { query: { match_all: {} } },
    )
    const task = (JSON.parse(started.body) as { task: string }).task
    await node.clock.sleep(200)
    const children = JSON.parse(
      (await node.send('GET', `/_tasks?group_by=none&parent_task_id=${task}`)).body,
    ) as {
      tasks: Array<{ action: string; parent_task_id: string }>
    }
    expect(children.tasks.map((child) => [child.action, child.parent_task_id])).toEqual([
      ['indices:data/write/delete/byquery', task],
      ['indices:data/write/delete/byquery', task],
    ])
    const running = await node.send('GET', `/_tasks/${task}`)
    expect(running.body).toContain(
      `"status":{"total":0,"updated":0,"created":0,"deleted":0,"batches":0,"version_conflicts":0,"noops":0,${retries},` +
        '"throttled_millis":0,"requests_per_second":0.0,"throttled_until_millis":0,"slices":[null,null]}',
    )
    const cancelled = await node.send('POST', `/_tasks/${task}/_cancel`)
    expect(cancelled.status).toBe(200)
    const done = await node.send('GET', `/_tasks/${task}?wait_for_completion=true`)
    expect(done.body).toContain('"completed":true')
    // Each cancelled slice is unthrottled (handleCancel), so their sum is too.
    expect(done.body).toContain(
      '"requests_per_second":-1.0,"canceled":"by user request","throttled_until_millis":0,"slices":[',
    )
    expect(done.body).toContain('{"slice_id":1,"total":')
    expect(done.body).toContain('"response":{"took":')
    // Only the leader stored its result
    await node.send('POST', '/.tasks/_refresh')
    expect((await node.send('GET', '/.tasks/_count')).body).toContain('"count":1,')
  })
})
