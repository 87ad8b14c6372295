// A `_search` body's `slice` as ES 8.17 runs it (SliceBuilder): each slice of a scroll or point in time reads its
// share of the hits (shards split by place, then by TermsSliceQuery on `_id`, DocIdSliceQuery, or a numeric field's
// DocValuesSliceQuery), the slices' hits disjoint and together every hit; SliceBuilder's parse errors,
// SearchSourceBuilder.validate's refusal without scroll or pit, and index.max_slices_per_scroll on scrolls only.
import { describe, expect, it } from 'vitest'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'
import { numbers } from './numbers-index.ts'
import { clusterWithIndex } from '../cluster-admin/cluster-admin-fixture.ts'

interface Page {
  _scroll_id?: string
  hits: { total: { value: number }; hits: Array<{ _id: string }> }
}

/** Every hit of one sliced scroll, paging 3 at a time. */
async function scrollSlice(cluster: TestCluster, slice: object): Promise<{ total: number; ids: string[] }> {
  let page = (await cluster.json(1, 'POST', '/idx/_search?scroll=1m', { size: 3, slice })) as Page
  const total = page.hits.total.value
  const ids: string[] = []
  while (page.hits.hits.length > 0) {
    ids.push(...page.hits.hits.map((hit) => hit._id))
    page = (await cluster.json(1, 'POST', '/_search/scroll', {
      scroll: '1m',
      scroll_id: page._scroll_id,
    })) as Page
  }
  return { total, ids }
}

async function pitSlice(
  cluster: TestCluster,
  pit: string,
  slice: object,
): Promise<{ total: number; ids: string[] }> {
  const page = (await cluster.json(1, 'POST', '/_search', { size: 100, slice, pit: { id: pit } })) as Page
  return { total: page.hits.total.value, ids: page.hits.hits.map((hit) => hit._id) }
}

/** The slices' totals and ids: each total its hit count, the ids disjoint and together all of 1..count. */
function expectPartition(slices: ReadonlyArray<{ total: number; ids: string[] }>, count: number): void {
  for (const { total, ids } of slices) expect(ids).toHaveLength(total)
  const all = slices.flatMap(({ ids }) => ids)
  expect(all).toHaveLength(count)
  expect(new Set(all).size).toBe(count)
  expect([...all].map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i + 1))
  // more than one slice has hits: the filter splits, it does not give one slice everything
  expect(slices.filter(({ total }) => total > 0).length).toBeGreaterThan(1)
}

function errorOf(response: { status: number; body: string }): unknown {
  return { status: response.status, ...(JSON.parse(response.body) as object) }
}

const ids = (max: number) => Array.from({ length: max }, (_, id) => id)

describe('sliced scroll', () => {
  for (const [shards, max] of [
    [1, 3],
    [3, 2],
    [3, 5],
    [2, 4],
  ] as const) {
    it(`splits ${shards} shard(s) into ${max} slices on _id`, async () => {
      const cluster = await numbers(shards, 30)
      const slices = []
      for (const id of ids(max)) slices.push(await scrollSlice(cluster, { id, max }))
      expectPartition(slices, 30)
    })
  }

  it('slices on a numeric field with DocValuesSliceQuery', async () => {
    const cluster = await numbers(1, 30)
    const slices = []
    for (const id of ids(3)) slices.push(await scrollSlice(cluster, { field: 'n', id, max: 3 }))
    expectPartition(slices, 30)
    const byId = []
    for (const id of ids(3)) byId.push((await scrollSlice(cluster, { id, max: 3 })).ids)
    expect(slices.map((slice) => slice.ids)).not.toEqual(byId)
  })

  it('gives each slice the shards ES assigns it (scroll/12_slices.yml)', async () => {
    const { cluster } = await clusterWithIndex(3, {
      settings: { number_of_shards: 5, number_of_routing_shards: 5, number_of_replicas: 0 },
      mappings: { properties: { foo: { type: 'integer' } } },
    })
    for (let foo = 1; foo <= 4; foo++) await cluster.json(1, 'PUT', `/idx/_doc/${foo}`, { foo })
    await cluster.json(1, 'POST', '/idx/_refresh')
    const run = async (id: string) => {
      const page = (await cluster.json(1, 'POST', '/idx/_search?scroll=1m&sort=foo', {
        slice: { id, max: 2 },
      })) as Page
      return page.hits.hits.map((hit) => hit._id)
    }
    expect(await run('0')).toEqual(['2', '3', '4'])
    expect(await run('1')).toEqual(['1'])
  })

  it('refuses a field that is not mapped or not numeric, on the shards that slice by it', async () => {
    const cluster = await numbers(1)
    const response = await cluster.send(1, 'POST', '/idx/_search?scroll=1m', {
      slice: { field: 'x', id: 0, max: 2 },
    })
    expect(errorOf(response)).toEqual({
      status: 400,
      error: {
        root_cause: [{ type: 'illegal_argument_exception', reason: 'field x not found' }],
        type: 'search_phase_execution_exception',
        reason: 'all shards failed',
        phase: 'query',
        grouped: true,
        failed_shards: [
          {
            shard: 0,
            index: 'idx',
            node: expect.any(String) as string,
            reason: { type: 'illegal_argument_exception', reason: 'field x not found' },
          },
        ],
        caused_by: {
          type: 'illegal_argument_exception',
          reason: 'field x not found',
          caused_by: { type: 'illegal_argument_exception', reason: 'field x not found' },
        },
      },
    })
    const keyword = await cluster.send(1, 'POST', '/idx/_search?scroll=1m', {
      slice: { field: '_index', id: 0, max: 2 },
    })
    expect(JSON.stringify(errorOf(keyword))).toContain('cannot load numeric doc values on _index')
  })

  it('checks index.max_slices_per_scroll on each shard (scroll/12_slices.yml)', async () => {
    const cluster = await numbers(1)
    const reason =
      'The number of slices [1025] is too large. It must be less than [1024]. This limit can be set by changing the ' +
      '[index.max_slices_per_scroll] index level setting.'
    const refused = await cluster.send(1, 'POST', '/idx/_search?scroll=1m&size=1', {
      slice: { id: '0', max: 1025 },
    })
    expect(errorOf(refused)).toMatchObject({
      status: 400,
      error: {
        root_cause: [{ type: 'illegal_argument_exception', reason }],
        type: 'search_phase_execution_exception',
        reason: 'all shards failed',
        caused_by: { type: 'illegal_argument_exception', reason },
      },
    })
    await cluster.json(1, 'PUT', '/idx/_settings', { 'index.max_slices_per_scroll': 1025 })
    const taken = await cluster.send(1, 'POST', '/idx/_search?scroll=1m&size=1', {
      slice: { id: '0', max: 1025 },
    })
    expect(taken.status).toBe(200)
  })
})

describe('sliced point in time', () => {
  for (const [shards, max] of [
    [1, 3],
    [3, 2],
    [3, 7],
  ] as const) {
    it(`splits ${shards} shard(s) into ${max} slices by doc id`, async () => {
      const cluster = await numbers(shards, 30)
      const { id: pit } = (await cluster.json(1, 'POST', '/idx/_pit?keep_alive=1m')) as { id: string }
      const slices = []
      for (const id of ids(max)) slices.push(await pitSlice(cluster, pit, { id, max }))
      expectPartition(slices, 30)
    })
  }

  it('gives a one-shard slice a contiguous range of doc ids, and has no slice limit', async () => {
    const cluster = await numbers(1, 10)
    const { id: pit } = (await cluster.json(1, 'POST', '/idx/_pit?keep_alive=1m')) as { id: string }
    const slices = []
    for (const id of ids(3)) slices.push((await pitSlice(cluster, pit, { id, max: 3 })).ids)
    // 10 doc ids: 4, 3, 3 (DocIdSliceQuery), in the order the documents were indexed
    expect(slices).toEqual([
      ['1', '2', '3', '4'],
      ['5', '6', '7'],
      ['8', '9', '10'],
    ])
    expect((await pitSlice(cluster, pit, { id: 0, max: 2000 })).total).toBe(1)
  })

  it('refuses slicing on _id', async () => {
    const cluster = await numbers(1)
    const { id: pit } = (await cluster.json(1, 'POST', '/idx/_pit?keep_alive=1m')) as { id: string }
    const response = await cluster.send(1, 'POST', '/_search', {
      slice: { field: '_id', id: 0, max: 2 },
      pit: { id: pit },
    })
    expect(errorOf(response)).toMatchObject({
      status: 400,
      error: {
        root_cause: [
          { type: 'illegal_argument_exception', reason: 'cannot slice on [_id] when using [point-in-time]' },
        ],
        type: 'search_phase_execution_exception',
      },
    })
  })
})

describe('slice parsing and validation', () => {
  const refused = async (body: string, params = '?scroll=1m') => {
    const cluster = await numbers(1, 1)
    return errorOf(await cluster.send(1, 'POST', `/idx/_search${params}`, body))
  }

  it('refuses a slice without scroll or point in time', async () => {
    expect(await refused('{"slice":{"id":0,"max":2}}', '')).toEqual({
      status: 400,
      error: {
        root_cause: [
          {
            type: 'action_request_validation_exception',
            reason:
              'Validation Failed: 1: [slice] can only be used with [scroll] or [point-in-time] requests;',
          },
        ],
        type: 'action_request_validation_exception',
        reason: 'Validation Failed: 1: [slice] can only be used with [scroll] or [point-in-time] requests;',
      },
    })
  })

  it("fails SliceBuilder's setters as ObjectParser wraps them", async () => {
    const wrapped = (at: string, field: string, reason: string) => ({
      status: 400,
      error: {
        root_cause: [
          { type: 'x_content_parse_exception', reason: `${at} [slice] failed to parse field [${field}]` },
        ],
        type: 'x_content_parse_exception',
        reason: `${at} [slice] failed to parse field [${field}]`,
        caused_by: { type: 'illegal_argument_exception', reason },
      },
    })
    expect(await refused('{"slice":{"id":2,"max":2}}')).toEqual(
      wrapped('[1:24]', 'max', 'max must be greater than id'),
    )
    expect(await refused('{"slice":{"max":2,"id":5}}')).toEqual(
      wrapped('[1:24]', 'id', 'max must be greater than id'),
    )
    expect(await refused('{"slice":{"id":0,"max":1}}')).toEqual(
      wrapped('[1:24]', 'max', 'max must be greater than 1'),
    )
    expect(await refused('{"slice":{"id":-1}}')).toEqual(
      wrapped('[1:16]', 'id', 'id must be greater than or equal to 0'),
    )
  })

  it('refuses unknown fields and values of another kind', async () => {
    const parse = (reason: string) => ({
      status: 400,
      error: {
        root_cause: [{ type: 'x_content_parse_exception', reason }],
        type: 'x_content_parse_exception',
        reason,
      },
    })
    expect(await refused('{"slice":{"id":0,"maxx":2}}')).toEqual(
      parse('[1:18] [slice] unknown field [maxx] did you mean [max]?'),
    )
    expect(await refused('{"slice":{"id":true,"max":2}}')).toEqual(
      parse("[1:16] [slice] id doesn't support values of type: VALUE_BOOLEAN"),
    )
    expect(await refused('{"slice":{"field":1,"id":0,"max":2}}')).toEqual(
      parse("[1:19] [slice] field doesn't support values of type: VALUE_NUMBER"),
    )
  })

  it('leaves a missing id or max unset, as SliceBuilder does', async () => {
    const cluster = await numbers(1, 5)
    // id -1 of 2 selects nothing; max -1 puts every document in slice 0 (Math.floorMod(x, -1) is 0)
    expect((await scrollSlice(cluster, { max: 2 })).total).toBe(0)
    expect((await scrollSlice(cluster, { id: 0 })).total).toBe(5)
  })
})
