// A function_score inside a bool beside other clauses is scored only for the documents Lucene's scorers lead it to
// (BooleanWeight / Boolean2ScorerSupplier): a required clause only where every required clause matches
// (ConjunctionDISI, then ConjunctionScorer.score), a should clause of a bool with required clauses only where
// they match (ReqOptSumScorer.score), nothing for a document a must_not clause excludes (ReqExclScorer), and a
// min_score's check (MinScoreScorer's two-phase matches) only where the other clauses' iterators agree. So
// field_value_factor's `Missing value for field [likes]` fails a search only for a document the whole bool can
// reach: ES 8.17 answers hits for the others. A must_not's check runs for every document the rest matches.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const LIKES = { function_score: { field_value_factor: { field: 'likes' } } }
const LIKES_AT_LEAST_1 = { function_score: { field_value_factor: { field: 'likes' }, min_score: 1 } }
const TAG_A = { term: { tag: 'a' } }
const TAG_B = { term: { tag: 'b' } }
const MISSING_LIKES = [{ type: 'exception', reason: 'Missing value for field [likes]' }]

async function shop(mappings: object = {}): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/idx', {
    settings: { number_of_shards: 1, number_of_replicas: 0 },
    mappings: { properties: { tag: { type: 'keyword' }, likes: { type: 'long' }, ...mappings } },
  })
  await node.send('PUT', '/idx/_doc/1', { tag: 'a', likes: 3 })
  await node.send('PUT', '/idx/_doc/2', { tag: 'b' })
  await node.send('PUT', '/idx/_doc/3?refresh', { tag: 'a', likes: 2 })
  return node
}

type Hit = [string, number]

async function search(node: TestNode, body: object): Promise<{ status: number; body: string }> {
  return node.send('GET', '/idx/_search', body)
}

async function hits(node: TestNode, query: object): Promise<Hit[]> {
  const answer = await search(node, { query })
  expect(answer.status, answer.body).toBe(200)
  const found = (JSON.parse(answer.body) as { hits: { hits: Array<{ _id: string; _score: number }> } }).hits
    .hits
  return found.map((hit) => [hit._id, Math.fround(hit._score)])
}

async function failure(node: TestNode, query: object): Promise<[number, unknown]> {
  const answer = await search(node, { query })
  const body = JSON.parse(answer.body) as { error: { root_cause: unknown[] } }
  return [answer.status, body.error.root_cause]
}

/** The score a term on tag `a` gives documents 1 and 3 (BM25 over this shard). */
async function tagScore(node: TestNode): Promise<number> {
  const [[, score]] = (await hits(node, TAG_A)) as [Hit]
  return score
}

/** float32 a + b, as a conjunction sums two clauses (in double, cast to float). */
function sum(a: number, b: number): number {
  return Math.fround(a + b)
}

describe('function_score beside other required clauses', () => {
  it('a must sibling keeps the function away from the documents it does not match', async () => {
    const node = await shop()
    const tag = await tagScore(node)
    expect(await hits(node, { bool: { must: [LIKES, TAG_A] } })).toEqual([
      ['1', sum(3, tag)],
      ['3', sum(2, tag)],
    ])
    expect(await hits(node, { bool: { must: [TAG_A, LIKES] } })).toEqual([
      ['1', sum(3, tag)],
      ['3', sum(2, tag)],
    ])
  })

  it('the function still fails for a document every required clause matches', async () => {
    const node = await shop()
    expect(await failure(node, { bool: { must: [LIKES, TAG_B] } })).toEqual([500, MISSING_LIKES])
    expect(await failure(node, { bool: { must: LIKES, should: TAG_B, minimum_should_match: 1 } })).toEqual([
      500,
      MISSING_LIKES,
    ])
  })

  it('a bool nested in a must is reached only where its enclosing conjunction matches', async () => {
    const node = await shop()
    const tag = await tagScore(node)
    const query = { bool: { must: [{ bool: { should: [LIKES] } }, TAG_A] } }
    expect(await hits(node, query)).toEqual([
      ['1', sum(3, tag)],
      ['3', sum(2, tag)],
    ])
    const deeper = {
      bool: { must: [{ constant_score: { filter: TAG_A } }, { dis_max: { queries: [LIKES] } }] },
    }
    expect(await hits(node, deeper)).toEqual([
      ['1', 4],
      ['3', 3],
    ])
  })

  it('a min_score is checked only where the other required clauses match', async () => {
    const node = await shop()
    const tag = await tagScore(node)
    expect(await hits(node, { bool: { must: [LIKES_AT_LEAST_1, TAG_A] } })).toEqual([
      ['1', sum(3, tag)],
      ['3', sum(2, tag)],
    ])
    expect(await hits(node, { bool: { must: TAG_A, filter: LIKES_AT_LEAST_1 } })).toEqual([
      ['1', tag],
      ['3', tag],
    ])
    // where they do match, the check fails the search even though the document would not pass it
    expect(await failure(node, { bool: { must: [LIKES_AT_LEAST_1, TAG_B] } })).toEqual([500, MISSING_LIKES])
    expect(await failure(node, { bool: { must: TAG_B, filter: LIKES_AT_LEAST_1 } })).toEqual([
      500,
      MISSING_LIKES,
    ])
  })
})

describe('function_score as a should clause', () => {
  it('beside required clauses it is scored only where they match', async () => {
    const node = await shop()
    const tag = await tagScore(node)
    expect(await hits(node, { bool: { must: TAG_A, should: LIKES } })).toEqual([
      ['1', sum(tag, 3)],
      ['3', sum(tag, 2)],
    ])
    expect(await hits(node, { bool: { filter: TAG_A, should: [LIKES, TAG_B] } })).toEqual([
      ['1', 3],
      ['3', 2],
    ])
    expect(await failure(node, { bool: { must: TAG_B, should: LIKES } })).toEqual([500, MISSING_LIKES])
  })

  it('with minimum_should_match it is scored only where enough clauses match', async () => {
    const node = await shop()
    const tag = await tagScore(node)
    expect(await hits(node, { bool: { should: [LIKES, TAG_A], minimum_should_match: 2 } })).toEqual([
      ['1', sum(3, tag)],
      ['3', sum(2, tag)],
    ])
  })

  it('in a plain disjunction it is scored for every document it matches', async () => {
    const node = await shop()
    expect(await failure(node, { bool: { should: [LIKES, TAG_A] } })).toEqual([500, MISSING_LIKES])
  })
})

describe('function_score and must_not', () => {
  it('a document a must_not clause excludes is never scored', async () => {
    const node = await shop()
    expect(await hits(node, { bool: { must: LIKES, must_not: TAG_B } })).toEqual([
      ['1', 3],
      ['3', 2],
    ])
  })

  it('a must_not function_score with a min_score checks every document the rest matches', async () => {
    const node = await shop()
    expect(await hits(node, { bool: { must: TAG_A, must_not: LIKES_AT_LEAST_1 } })).toEqual([])
    expect(await failure(node, { bool: { must: { match_all: {} }, must_not: LIKES_AT_LEAST_1 } })).toEqual([
      500,
      MISSING_LIKES,
    ])
  })
})

describe('function_score on an index with nested fields', () => {
  it('a sibling inside a nested query keeps the function to its documents', async () => {
    const node = await shop({
      n: { type: 'nested', properties: { x: { type: 'long' }, y: { type: 'keyword' } } },
    })
    await node.send('PUT', '/idx/_doc/4?refresh', { tag: 'c', n: [{ x: 2, y: 'k' }, { y: 'z' }] })
    const nestedX = { function_score: { field_value_factor: { field: 'n.x' }, boost_mode: 'replace' } }
    const query = {
      nested: {
        path: 'n',
        score_mode: 'max',
        query: { bool: { must: [nestedX, { term: { 'n.y': 'k' } }] } },
      },
    }
    const [[id, score]] = (await hits(node, query)) as [Hit]
    expect(id).toBe('4')
    expect(score).toBeGreaterThan(2)
  })
})

describe('explain and profile of such a query', () => {
  const query = { bool: { must: [LIKES, TAG_A] } }

  it('explain: true and _explain give the hits their scores', async () => {
    const node = await shop()
    const answer = await search(node, { query, explain: true })
    expect(answer.status, answer.body).toBe(200)
    const found = (
      JSON.parse(answer.body) as {
        hits: { hits: Array<{ _id: string; _score: number; _explanation: { value: number } }> }
      }
    ).hits.hits
    expect(found.map((hit) => [hit._id, hit._explanation.value])).toEqual(
      found.map((hit) => [hit._id, hit._score]),
    )
    const explained = await node.send('GET', '/idx/_explain/1', { query })
    expect(explained.status, explained.body).toBe(200)
    const body = JSON.parse(explained.body) as { matched: boolean; explanation: { value: number } }
    expect([body.matched, body.explanation.value]).toEqual([true, found[0]!._score])
  })

  it('profile answers the same hits', async () => {
    const node = await shop()
    const answer = await search(node, { query, profile: true })
    expect(answer.status, answer.body).toBe(200)
    const body = JSON.parse(answer.body) as {
      hits: { hits: Array<{ _id: string }> }
      profile: { shards: Array<{ searches: Array<{ query: Array<{ type: string }> }> }> }
    }
    expect(body.hits.hits.map((hit) => hit._id)).toEqual(['1', '3'])
    expect(body.profile.shards[0]!.searches[0]!.query[0]!.type).toBe('BooleanQuery')
  })

  it('profile of a min_score function_score beside a sibling answers the same hits', async () => {
    const node = await shop()
    const answer = await search(node, { query: { bool: { must: [LIKES_AT_LEAST_1, TAG_A] } }, profile: true })
    expect(answer.status, answer.body).toBe(200)
  })
})
