// `collapse` on _search, after ES 8.17's search/110_field_collapsing.yml: one hit per value of a keyword or numeric
// field (the best by the search's order), the value in the hit's `fields`, hits.total counting every match, inner
// hits expanded per group (ExpandSearchPhase), and the errors ES gives (text field, search_after, rescore).
import { describe, expect, it } from 'vitest'
import { clusterWithIndex, errorOf } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

async function groups(shards: number): Promise<TestCluster> {
  const { cluster } = await clusterWithIndex(1, {
    settings: { number_of_shards: shards, number_of_replicas: 0 },
    mappings: {
      properties: { numeric_group: { type: 'integer' }, tag: { type: 'keyword' }, title: { type: 'text' } },
    },
  })
  const docs: Array<[string, object]> = [
    ['1', { numeric_group: 1, tag: 'A', sort: 10, title: 'red' }],
    ['2', { numeric_group: 1, tag: 'B', sort: 6, title: 'red red' }],
    ['3', { numeric_group: 1, tag: 'A', sort: 24, title: 'blue' }],
    ['4', { numeric_group: 25, tag: 'B', sort: 10, title: 'red' }],
    ['5', { numeric_group: 25, tag: 'A', sort: 5, title: 'green' }],
    ['6', { numeric_group: 3, tag: 'B', sort: 36, title: 'red blue' }],
  ]
  for (const [id, doc] of docs) await cluster.json(1, 'PUT', `/idx/_doc/${id}`, doc)
  await cluster.json(1, 'POST', '/idx/_refresh')
  return cluster
}

interface Hit {
  _id: string
  _version?: number
  _score: number | null
  fields?: Record<string, unknown[]>
  sort?: unknown[]
  inner_hits?: Record<string, { hits: Hits }>
}
interface Hits {
  total: { value: number; relation: string }
  max_score: number | null
  hits: Hit[]
}

async function search(cluster: TestCluster, body: object): Promise<Hits> {
  return ((await cluster.json(1, 'GET', '/idx/_search', body)) as { hits: Hits }).hits
}

describe('collapse', () => {
  for (const shards of [1, 3]) {
    it(`keeps the best hit of each group, its value in fields (${shards} shard(s))`, async () => {
      const cluster = await groups(shards)
      const hits = await search(cluster, { collapse: { field: 'numeric_group' }, sort: [{ sort: 'desc' }] })
      expect(hits.total).toEqual({ value: 6, relation: 'eq' })
      expect(hits.hits.map((h) => [h._id, h.fields, h.sort])).toEqual([
        ['6', { numeric_group: [3] }, [36]],
        ['3', { numeric_group: [1] }, [24]],
        ['4', { numeric_group: [25] }, [10]],
      ])
      expect(hits.hits.every((h) => h.inner_hits === undefined)).toBe(true)
    })

    it(`expands inner hits per group, several of them by name (${shards} shard(s))`, async () => {
      const cluster = await groups(shards)
      const hits = await search(cluster, {
        collapse: {
          field: 'numeric_group',
          inner_hits: [
            { name: 'sub_hits_asc', size: 2, sort: [{ sort: 'asc' }], version: true, fields: ['tag'] },
            { name: 'sub_hits_desc', size: 1, sort: [{ sort: 'desc' }] },
          ],
        },
        sort: [{ sort: 'desc' }],
      })
      const inner = hits.hits.map((h) => {
        const asc = h.inner_hits!['sub_hits_asc']!.hits
        const desc = h.inner_hits!['sub_hits_desc']!.hits
        return [
          h._id,
          asc.total.value,
          asc.hits.map((i) => [i._id, i._version, i.fields]),
          desc.total.value,
          desc.hits.map((i) => i._id),
        ]
      })
      expect(inner).toEqual([
        ['6', 1, [['6', 1, { tag: ['B'] }]], 1, ['6']],
        [
          '3',
          3,
          [
            ['2', 1, { tag: ['B'] }],
            ['1', 1, { tag: ['A'] }],
          ],
          3,
          ['3'],
        ],
        [
          '4',
          2,
          [
            ['5', 1, { tag: ['A'] }],
            ['4', 1, { tag: ['B'] }],
          ],
          2,
          ['4'],
        ],
      ])
    })
  }

  it("lists a hit's inner hits in the order of its HashMap, not the request's", async () => {
    const cluster = await groups(1)
    const hits = await search(cluster, {
      collapse: { field: 'numeric_group', inner_hits: [{ name: 'b' }, { name: 'a' }] },
      sort: [{ sort: 'desc' }],
    })
    // new HashMap<>(2) holding two keys grows to 4 buckets: "a" (hash 97) in bucket 1, "b" (98) in bucket 2
    for (const hit of hits.hits) expect(Object.keys(hit.inner_hits!)).toEqual(['a', 'b'])
  })

  it('collapses a search by score on a keyword, inner hits named after the field by default', async () => {
    const cluster = await groups(1)
    const hits = await search(cluster, {
      query: { match: { title: 'red' } },
      collapse: { field: 'tag', inner_hits: {} },
    })
    expect(hits.total.value).toBe(4)
    // "red red" (2, a B) scores best; the only A matching is 1
    expect(hits.hits.map((h) => [h._id, h.fields])).toEqual([
      ['2', { tag: ['B'] }],
      ['1', { tag: ['A'] }],
    ])
    expect(hits.max_score).toBe(hits.hits[0]!._score)
    const groupB = hits.hits[0]!.inner_hits!['tag']!.hits
    // the group search keeps the query: B's red documents only, best first, 3 at most
    expect(groupB.total.value).toBe(3)
    expect(groupB.hits.map((h) => h._id)).toEqual(['2', '4', '6'])
    expect(hits.hits[1]!.inner_hits!['tag']!.hits.hits.map((h) => h._id)).toEqual(['1'])
  })

  it('pages over groups with from and size', async () => {
    const cluster = await groups(2)
    const hits = await search(cluster, {
      collapse: { field: 'numeric_group' },
      sort: [{ sort: 'desc' }],
      from: 1,
      size: 1,
    })
    expect(hits.hits.map((h) => h._id)).toEqual(['3'])
  })

  it('puts the documents without a value in one group of their own', async () => {
    const cluster = await groups(1)
    await cluster.json(1, 'PUT', '/idx/_doc/7?refresh=true', { sort: 50 })
    await cluster.json(1, 'PUT', '/idx/_doc/8?refresh=true', { sort: 40 })
    const hits = await search(cluster, { collapse: { field: 'tag' }, sort: [{ sort: 'desc' }] })
    expect(hits.hits.map((h) => [h._id, h.fields])).toEqual([
      ['7', undefined],
      ['6', { tag: ['B'] }],
      ['3', { tag: ['A'] }],
    ])
  })

  it('refuses a text field, an unmapped one, search_after on another sort, and rescore', async () => {
    const cluster = await groups(1)
    const failure = async (body: object) => {
      const response = await cluster.send(1, 'GET', '/idx/_search', body)
      return { status: response.status, error: errorOf(response.body) }
    }
    const text = await failure({ collapse: { field: 'title' } })
    expect(text.status).toBe(400)
    expect(text.error.type).toBe('search_phase_execution_exception')
    expect(text.error.root_cause[0]).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'collapse is not supported on this field type [text]',
    })
    const unmapped = await failure({ collapse: { field: 'nope' } })
    expect(unmapped.error.root_cause[0]!.reason).toBe('no mapping found for `nope` in order to collapse on')
    const after = await failure({
      collapse: { field: 'numeric_group' },
      search_after: [6],
      sort: [{ sort: 'desc' }],
    })
    expect(after.error.root_cause[0]!.reason).toBe(
      'Cannot use [collapse] in conjunction with [search_after] unless the search is sorted on the same field. ' +
        'Multiple sort fields are not allowed.',
    )
    const unknown = await failure({ collapse: { field: 'tag', nope: 1 } })
    expect(unknown.error.root_cause[0]).toMatchObject({
      type: 'x_content_parse_exception',
      reason: '[1:28] [collapse] unknown field [nope]',
    })
    const concurrent = await failure({ collapse: { field: 'tag', max_concurrent_group_searches: 0 } })
    expect((concurrent.error as { caused_by?: unknown }).caused_by).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'maxConcurrentGroupRequests` must be positive',
    })
  })

  it('allows search_after sorted on the collapse field alone', async () => {
    const cluster = await groups(2)
    const hits = await search(cluster, {
      collapse: { field: 'numeric_group' },
      sort: [{ numeric_group: 'desc' }],
      search_after: [25],
      size: 2,
    })
    expect(hits.hits.map((h) => [h.fields, h.sort])).toEqual([
      [{ numeric_group: [3] }, [3]],
      [{ numeric_group: [1] }, [1]],
    ])
  })
})
