// `rescore` with the query rescorer on _search, as ES 8.17's QueryRescorer: the top window_size hits of each shard
// scored again (score_mode over score x query_weight and rescore score x rescore_query_weight, float arithmetic),
// hits beyond the window multiplied by query_weight, rescorers applied in order, and the errors ES gives.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex, errorOf } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

const TITLES = [
  'brown fox',
  'brown dog and a fox',
  'the brown brown bear',
  'a fox that is brown',
  'quick brown fox jumps',
  'lazy dog',
]

async function corpus(): Promise<TestCluster> {
  const { cluster } = await clusterWithIndex(1, {
    settings: { number_of_shards: 1, number_of_replicas: 0 },
    mappings: { properties: { title: { type: 'text' }, n: { type: 'integer' } } },
  })
  for (const [i, title] of TITLES.entries())
    await cluster.json(1, 'PUT', `/idx/_doc/${i + 1}`, { title, n: i })
  await cluster.json(1, 'POST', '/idx/_refresh')
  return cluster
}

interface Hits {
  max_score: number | null
  hits: Array<{ _id: string; _score: number }>
}

/** The hits, each `_score` read back as the Java float it printed. */
const f = Math.fround

async function search(cluster: TestCluster, body: object): Promise<Hits> {
  const { hits } = (await cluster.json(1, 'GET', '/idx/_search', body)) as { hits: Hits }
  return {
    max_score: hits.max_score === null ? null : Math.fround(hits.max_score),
    hits: hits.hits.map((h) => ({ ...h, _score: Math.fround(h._score) })),
  }
}

/** Each matching document's score for a query alone. */
async function scores(cluster: TestCluster, query: object): Promise<Map<string, number>> {
  const hits = await search(cluster, { query, size: 100 })
  return new Map(hits.hits.map((h) => [h._id, h._score]))
}

const QUERY = { match: { title: 'brown' } }
const PHRASE = { match_phrase: { title: 'brown fox' } }

function ranked(expected: Map<string, number>): Array<[string, number]> {
  return [...expected].sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0]))
}

describe('query rescorer', () => {
  it('combines the first and second pass scores of the window (total by default)', async () => {
    const cluster = await corpus()
    const first = await scores(cluster, QUERY)
    const second = await scores(cluster, PHRASE)
    const hits = await search(cluster, {
      query: QUERY,
      rescore: {
        window_size: 50,
        query: { rescore_query: PHRASE, query_weight: 0.7, rescore_query_weight: 1.2 },
      },
    })
    const expected = new Map(
      [...first].map(([id, score]) => {
        const phrase = second.get(id)
        return [id, phrase === undefined ? f(score * f(0.7)) : f(f(score * f(0.7)) + f(phrase * f(1.2)))]
      }),
    )
    expect(hits.hits.map((h) => [h._id, h._score])).toEqual(ranked(expected))
    expect(hits.max_score).toBe(hits.hits[0]!._score)
    // the phrase lifts the two "brown fox" documents above "the brown brown bear", the best first pass match
    expect(hits.hits.slice(0, 2).map((h) => h._id)).toEqual(['1', '5'])
    expect((await search(cluster, { query: QUERY })).hits[0]!._id).toBe('3')
  })

  it('applies each score_mode', async () => {
    const cluster = await corpus()
    const second = (await scores(cluster, PHRASE)).get('1')!
    // an ids query scores 1: the first pass score of document 1
    const modes: Record<string, number> = {
      total: f(1 + second),
      multiply: second,
      avg: f(f(1 + second) / 2),
      max: Math.max(1, second),
      min: Math.min(1, second),
    }
    for (const [mode, expected] of Object.entries(modes)) {
      const hits = await search(cluster, {
        query: { ids: { values: ['1'] } },
        rescore: { query: { rescore_query: PHRASE, score_mode: mode } },
      })
      expect([mode, hits.hits[0]!._score]).toEqual([mode, expected])
    }
  })

  it('rescores only the window; the rest keep score x query_weight and all are sorted again', async () => {
    const cluster = await corpus()
    const fox = { match: { title: 'fox' } }
    const first = await scores(cluster, fox)
    const second = await scores(cluster, PHRASE)
    // "brown fox" (1) is the best first pass match; "quick brown fox jumps" (5) also has the phrase
    expect((await search(cluster, { query: fox })).hits[0]!._id).toBe('1')
    const hits = await search(cluster, {
      query: fox,
      rescore: {
        window_size: 1,
        query: { rescore_query: PHRASE, query_weight: 2, rescore_query_weight: 10 },
      },
    })
    const expected = new Map([...first].map(([id, score]) => [id, f(score * 2)]))
    expected.set('1', f(f(first.get('1')! * 2) + f(second.get('1')! * 10)))
    expect(hits.hits.map((h) => [h._id, h._score])).toEqual(ranked(expected))
  })

  it('runs an array of rescorers in order', async () => {
    const cluster = await corpus()
    const first = await scores(cluster, QUERY)
    const phrase = await scores(cluster, PHRASE)
    const dog = await scores(cluster, { match: { title: 'dog' } })
    const hits = await search(cluster, {
      query: QUERY,
      rescore: [
        { query: { rescore_query: PHRASE, score_mode: 'multiply' } },
        { query: { rescore_query: { match: { title: 'dog' } }, query_weight: 0.5 } },
      ],
    })
    const expected = new Map(
      [...first].map(([id, score]) => {
        const afterPhrase = phrase.has(id) ? f(score * phrase.get(id)!) : score
        const half = f(afterPhrase * 0.5)
        return [id, dog.has(id) ? f(half + dog.get(id)!) : half]
      }),
    )
    expect(hits.hits.map((h) => [h._id, h._score])).toEqual(ranked(expected))
  })

  it('refuses a field sort, collapse, and malformed rescorers', async () => {
    const cluster = await corpus()
    const failure = async (body: object) => {
      const response = await cluster.send(1, 'GET', '/idx/_search', body)
      return { status: response.status, error: errorOf(response.body) }
    }
    const rescore = { query: { rescore_query: PHRASE } }
    const sorted = await failure({ query: QUERY, rescore, sort: [{ n: 'asc' }] })
    expect(sorted.status).toBe(400)
    expect(sorted.error.type).toBe('search_phase_execution_exception')
    expect(sorted.error.root_cause[0]).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'Cannot use [sort] option in conjunction with [rescore].',
    })
    const collapsed = await failure({ query: QUERY, rescore, collapse: { field: 'n' } })
    expect(collapsed.error).toMatchObject({
      type: 'action_request_validation_exception',
      reason: 'Validation Failed: 1: cannot use `collapse` in conjunction with `rescore`;',
    })
    const mode = await failure({ rescore: { query: { rescore_query: PHRASE, score_mode: 'sum' } } })
    expect(mode.error).toMatchObject({
      type: 'x_content_parse_exception',
      caused_by: { type: 'illegal_argument_exception', reason: 'illegal score_mode [sum]' },
    })
    const other = await failure({ rescore: { window_size: 5, learning_to_rank: {} } })
    expect(other.error.root_cause[0]!.type).toBe('named_object_not_found_exception')
    const empty = await failure({ rescore: { window_size: 5 } })
    expect(empty.error).toMatchObject({ type: 'parsing_exception', reason: 'missing rescore type' })
    const bad = await failure({ rescore: { query: { rescore_query: { nope: {} } } } })
    expect(bad.error).toMatchObject({ type: 'parsing_exception', reason: 'unknown query [nope]' })
  })
})
