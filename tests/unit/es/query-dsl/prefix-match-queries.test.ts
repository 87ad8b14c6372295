// match_phrase_prefix, match_bool_prefix and multi_match types phrase_prefix / bool_prefix through the REST layer,
// scored as ES 8.17 scores them (checked against hand-computed BM25). The index: four titles of three terms each,
// so every length equals the average (3) and a term or phrase matching once scores 2.2 * idf * 1 / 2.2 = its idf,
// with N = 4 and idf(n) = ln(1 + (4 - n + 0.5) / (n + 0.5)): quick (n 3) 0.35667494, brown (2) 0.6931472,
// brownie (1) 1.2039728, fox (2) 0.6931472.
// - match_phrase_prefix rewrites as ES's MultiPhrasePrefixQuery: the last term expands to at most max_expansions
//   index terms with that prefix; several positions score as one MultiPhraseQuery whose idf sums every term's, one
//   position as a BooleanQuery of the expanded TermQuerys.
// - match_bool_prefix is a bool of the terms, the last one a constant-score prefix query, unless the text ends
//   after it (then it is a plain term).
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const IDF_QUICK = Math.log(1 + 1.5 / 3.5)
const IDF_BROWN = Math.log(2)
const IDF_BROWNIE = Math.log(1 + 3.5 / 1.5)

interface Hit {
  _id: string
  _score: number
}

let node: TestNode

async function search(query: object): Promise<Hit[]> {
  const response = await node.send('POST', '/idx/_search', { query })
  expect(response.status).toBe(200)
  return (JSON.parse(response.body) as { hits: { hits: Hit[] } }).hits.hits
}

/** The status and the first root cause of a failed search. */
async function failure(query: object): Promise<{ status: number; reason: string; type: string }> {
  const response = await node.send('POST', '/idx/_search', { query })
  type Cause = { type: string; reason: string }
  const cause = (JSON.parse(response.body) as { error: { root_cause: Cause[] } }).error.root_cause[0]!
  return { status: response.status, reason: cause.reason, type: cause.type }
}

function scores(hits: Hit[]): Array<[string, number]> {
  return hits.map((h) => [h._id, h._score])
}

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/idx', {
    mappings: { properties: { title: { type: 'text' }, tag: { type: 'keyword' } } },
  })
  const docs: Array<[string, object]> = [
    ['1', { title: 'quick brown fox', tag: 'brown' }],
    ['2', { title: 'quick brownie recipe', tag: 'brownie' }],
    ['3', { title: 'quick blue fox', tag: 'blue' }],
    ['4', { title: 'slow brown dog', tag: 'brown' }],
  ]
  for (const [id, doc] of docs) await node.send('PUT', `/idx/_doc/${id}`, doc)
  await node.send('POST', '/idx/_refresh')
})

describe('match_phrase_prefix', () => {
  it('expands the last term and scores the MultiPhraseQuery with the idf of every term', async () => {
    const hits = await search({ match_phrase_prefix: { title: 'quick bro' } })
    expect(hits.map((h) => h._id)).toEqual(['1', '2'])
    const sum = IDF_QUICK + IDF_BROWN + IDF_BROWNIE
    for (const hit of hits) expect(hit._score).toBeCloseTo(sum, 5)
  })

  it('max_expansions bounds the expansion, in term order', async () => {
    const hits = await search({ match_phrase_prefix: { title: { query: 'quick bro', max_expansions: 1 } } })
    expect(hits.map((h) => h._id)).toEqual(['1'])
    expect(hits[0]!._score).toBeCloseTo(IDF_QUICK + IDF_BROWN, 5)
  })

  it('one term is a BooleanQuery of the expanded terms, each with its own idf', async () => {
    const hits = scores(await search({ match_phrase_prefix: { title: 'bro' } }))
    expect(hits.map(([id]) => id)).toEqual(['2', '1', '4'])
    expect(hits[0]![1]).toBeCloseTo(IDF_BROWNIE, 5)
    expect(hits[1]![1]).toBeCloseTo(IDF_BROWN, 5)
  })

  it('slop lets the phrase stretch, the sloppy frequency 1 / (1 + distance)', async () => {
    expect(await search({ match_phrase_prefix: { title: 'quick fo' } })).toEqual([])
    const hits = await search({ match_phrase_prefix: { title: { query: 'quick fo', slop: 1 } } })
    expect(hits.map((h) => h._id)).toEqual(['1', '3'])
    // tf = 0.5 / (0.5 + 1.2) with dl = avgdl; score = 2.2 * idf * tf
    expect(hits[0]!._score).toBeCloseTo(2.2 * (IDF_QUICK + IDF_BROWN) * (0.5 / 1.7), 5)
  })

  it('a prefix no term has matches nothing; zero_terms_query applies to text with no tokens', async () => {
    expect(await search({ match_phrase_prefix: { title: 'quick zzz' } })).toEqual([])
    const all = await search({ match_phrase_prefix: { title: { query: '!!', zero_terms_query: 'all' } } })
    expect(all).toHaveLength(4)
  })

  it('explains the rewritten MultiPhraseQuery', async () => {
    const response = await node.send('GET', '/idx/_explain/2', {
      query: { match_phrase_prefix: { title: 'quick bro' } },
    })
    const explanation = (
      JSON.parse(response.body) as {
        explanation: {
          description: string
          details: Array<{ details: Array<{ description: string; details: unknown[] }> }>
        }
      }
    ).explanation
    expect(explanation.description).toBe(
      'weight(title:"quick (brown brownie)" in 1) [PerFieldSimilarity], result of:',
    )
    const idf = explanation.details[0]!.details[1]!
    expect(idf.description).toBe('idf, sum of:')
    expect(idf.details).toHaveLength(3)
  })

  it('highlights each phrase match as one span (Weight#matches mode), its prefix taking any term', async () => {
    const response = await node.send('POST', '/idx/_search', {
      query: { match_phrase_prefix: { title: 'quick bro' } },
      highlight: { fields: { title: {} } },
    })
    type Highlighted = { _id: string; highlight: { title: string[] } }
    const hits = (JSON.parse(response.body) as { hits: { hits: Highlighted[] } }).hits.hits
    expect(hits.map((h) => h.highlight.title)).toEqual([
      ['<em>quick brown</em> fox'],
      ['<em>quick brownie</em> recipe'],
    ])
  })

  it('_validate/query prints MultiPhrasePrefixQuery as built', async () => {
    const query = { match_phrase_prefix: { title: { query: 'quick bro', slop: 2 } } }
    const response = await node.send('POST', '/idx/_validate/query?explain=true', { query })
    const body = JSON.parse(response.body) as { explanations: Array<{ explanation: string }> }
    expect(body.explanations[0]!.explanation).toBe('title:"quick bro*"~2')
  })

  it('refuses options it does not take, and keyword fields', async () => {
    expect(await failure({ match_phrase_prefix: { title: { query: 'a', fuzziness: 1 } } })).toEqual({
      status: 400,
      type: 'parsing_exception',
      reason: '[match_phrase_prefix] query does not support [fuzziness]',
    })
    expect(await failure({ match_phrase_prefix: { tag: 'bro' } })).toMatchObject({
      status: 400,
      type: 'query_shard_exception',
      reason:
        'failed to create query: Can only use phrase prefix queries on text fields - not on [tag] which is of type [keyword]',
    })
  })
})

describe('dfs_query_then_fetch', () => {
  it('collects the statistics of the expanded and blended terms on every shard', async () => {
    const properties = { title: { type: 'text' }, other: { type: 'text' } }
    const settings = { number_of_shards: 2 }
    await node.send('PUT', '/two', { settings, mappings: { properties } })
    const docs = ['quick brown fox', 'quick brownie recipe', 'quick blue fox', 'slow brown dog']
    for (const [i, title] of docs.entries())
      await node.send('PUT', `/two/_doc/${i + 1}`, { title, other: title })
    await node.send('POST', '/two/_refresh')
    const ids = async (query: object): Promise<string[]> => {
      const response = await node.send('POST', '/two/_search?search_type=dfs_query_then_fetch', { query })
      expect(response.status).toBe(200)
      return (JSON.parse(response.body) as { hits: { hits: Hit[] } }).hits.hits.map((h) => h._id).sort()
    }
    expect(await ids({ match_phrase_prefix: { title: 'quick bro' } })).toEqual(['1', '2'])
    const crossFields = { query: 'slow fox', type: 'cross_fields', fields: ['title', 'other'] }
    expect(await ids({ multi_match: crossFields })).toEqual(['1', '3', '4'])
  })
})

describe('match_bool_prefix', () => {
  it('a bool of term queries and a constant-score prefix query on the last term', async () => {
    const hits = scores(await search({ match_bool_prefix: { title: 'quick bro' } }))
    expect(hits.map(([id]) => id)).toEqual(['1', '2', '4', '3'])
    expect(hits[0]![1]).toBeCloseTo(IDF_QUICK + 1, 5)
    expect(hits[2]![1]).toBe(1)
    expect(hits[3]![1]).toBeCloseTo(IDF_QUICK, 5)
  })

  it('text ending after the last term makes it a term; operator and requires every clause', async () => {
    expect((await search({ match_bool_prefix: { title: 'quick bro ' } })).map((h) => h._id)).toEqual([
      '1',
      '2',
      '3',
    ])
    const and = await search({ match_bool_prefix: { title: { query: 'quick bro', operator: 'and' } } })
    expect(and.map((h) => h._id)).toEqual(['1', '2'])
  })

  it('fuzziness applies to the terms before the last; minimum_should_match counts the clauses', async () => {
    const fuzzy = await search({
      match_bool_prefix: { title: { query: 'quikc bro', fuzziness: 1, operator: 'and' } },
    })
    expect(fuzzy.map((h) => h._id)).toEqual(['1', '2'])
    const msm = await search({
      match_bool_prefix: { title: { query: 'slow quick bro', minimum_should_match: 2 } },
    })
    expect(msm.map((h) => h._id).sort()).toEqual(['1', '2', '4'])
  })

  it('on a keyword field is one prefix query of the whole text', async () => {
    expect((await search({ match_bool_prefix: { tag: 'bro' } })).map((h) => h._id)).toEqual(['1', '2', '4'])
  })

  it('refuses options it does not take', async () => {
    expect(await failure({ match_bool_prefix: { title: { query: 'a', slop: 1 } } })).toMatchObject({
      reason: '[match_bool_prefix] query does not support [slop]',
    })
  })
})

describe('multi_match phrase_prefix and bool_prefix', () => {
  it('phrase_prefix runs on each field, the best one scoring', async () => {
    const hits = await search({
      multi_match: { query: 'quick bro', type: 'phrase_prefix', fields: ['title'] },
    })
    expect(hits.map((h) => h._id)).toEqual(['1', '2'])
    // the all-fields default is lenient: the keyword field matches nothing instead of failing
    const all = await search({ multi_match: { query: 'quick bro', type: 'phrase_prefix' } })
    expect(all.map((h) => h._id)).toEqual(['1', '2'])
    expect(
      await failure({ multi_match: { query: 'bro', type: 'phrase_prefix', fields: ['title', 'tag'] } }),
    ).toMatchObject({ type: 'query_shard_exception' })
  })

  it('bool_prefix sums the fields (tie_breaker 1)', async () => {
    const hits = scores(
      await search({ multi_match: { query: 'bro', type: 'bool_prefix', fields: ['title', 'tag'] } }),
    )
    expect(hits.map(([id]) => id)).toEqual(['1', '2', '4'])
    expect(hits[0]![1]).toBe(2)
  })

  it('refuses fuzziness with phrase_prefix and slop with bool_prefix, as ES does', async () => {
    expect(await failure({ multi_match: { query: 'a', type: 'phrase_prefix', fuzziness: 1 } })).toMatchObject(
      {
        type: 'parsing_exception',
        reason: 'Fuzziness not allowed for type [phrase_prefix]',
      },
    )
    expect(await failure({ multi_match: { query: 'a', type: 'bool_prefix', slop: 2 } })).toMatchObject({
      type: 'parsing_exception',
      reason: '[slop] not allowed for type [bool_prefix]',
    })
  })
})

// cross_fields: first_name / last_name share the standard analyzer, so each term is one BlendedTermQuery over both.
// N = 3, every length 1. smith: docFreq 1 in first_name, 2 in last_name; blended, last_name keeps 2 and first_name
// gets 3 (one more than the previous, capped by docCount 3), so first_name:smith scores idf(3) instead of idf(1).
describe('multi_match cross_fields', () => {
  const idf = (n: number): number => Math.log(1 + (3 - n + 0.5) / (n + 0.5))
  let people: TestNode

  async function peopleSearch(query: object): Promise<Hit[]> {
    const response = await people.send('POST', '/people/_search', { query })
    expect(response.status).toBe(200)
    return (JSON.parse(response.body) as { hits: { hits: Hit[] } }).hits.hits
  }

  beforeAll(async () => {
    people = await startNode()
    const properties = { first_name: { type: 'text' }, last_name: { type: 'text' } }
    await people.send('PUT', '/people', { mappings: { properties } })
    const docs: Array<[string, string, string]> = [
      ['1', 'john', 'smith'],
      ['2', 'smith', 'jones'],
      ['3', 'will', 'smith'],
    ]
    for (const [id, first, last] of docs) {
      await people.send('PUT', `/people/_doc/${id}`, { first_name: first, last_name: last })
    }
    await people.send('POST', '/people/_refresh')
  })

  const query = (operator: string): object => ({
    multi_match: { query: 'will smith', type: 'cross_fields', fields: ['first_name', 'last_name'], operator },
  })

  it('blends each term over the fields: the rare field scores with the common field docFreq', async () => {
    const hits = scores(await peopleSearch(query('or')))
    expect(hits.map(([id]) => id)).toEqual(['3', '1', '2'])
    expect(hits[0]![1]).toBeCloseTo(idf(1) + idf(2), 5)
    expect(hits[1]![1]).toBeCloseTo(idf(2), 5)
    expect(hits[2]![1]).toBeCloseTo(idf(3), 5)
  })

  it('operator and requires every term in some field', async () => {
    expect((await peopleSearch(query('and'))).map((h) => h._id)).toEqual(['3'])
  })

  it('explains the blended docFreq', async () => {
    const response = await people.send('GET', '/people/_explain/2', { query: query('or') })
    type Node = { description: string; details: Node[]; value: number }
    const explanation = (JSON.parse(response.body) as { explanation: Node }).explanation
    // the bool's matching clause is smith's DisjunctionMaxQuery, where first_name:smith alone matches
    const disMax = explanation.details[0]!
    expect(disMax.description).toBe('max of:')
    const weight = disMax.details[0]!
    expect(weight.description).toBe('weight(first_name:smith in 1) [PerFieldSimilarity], result of:')
    const n = weight.details[0]!.details[1]!.details[0]!
    expect(n).toMatchObject({ value: 3, description: 'n, number of documents containing term' })
  })

  it('_validate/query prints each BlendedTermQuery as built', async () => {
    const body = {
      query: {
        multi_match: { query: 'will smith', type: 'cross_fields', fields: ['first_name^2', 'last_name'] },
      },
    }
    const response = await people.send('POST', '/people/_validate/query?explain=true', body)
    const parsed = JSON.parse(response.body) as { explanations: Array<{ explanation: string }> }
    expect(parsed.explanations[0]!.explanation).toBe(
      'blended(terms:[first_name:will^2.0, last_name:will]) blended(terms:[first_name:smith^2.0, last_name:smith])',
    )
  })

  it('refuses fuzziness, as ES does', async () => {
    const response = await people.send('POST', '/people/_search', {
      query: { multi_match: { query: 'a', type: 'cross_fields', fuzziness: 1 } },
    })
    expect(response.body).toContain('Fuzziness not allowed for type [cross_fields]')
  })
})
