// DisjunctionMaxQuery.toString as _validate/query explanations print it (Lucene 9.12): the disjuncts joined by " | "
// in parentheses, a disjunct that is a BooleanQuery wrapped in its own parentheses ("wrap sub-bools in parens"), a
// boosted one printed as its BoostQuery `(q)^2.0`, then `~tie` when the tie breaker is not 0. multi_match builds
// one for best_fields, most_fields (tie 1.0), bool_prefix (tie 1.0) and cross_fields over several analyzer groups.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex, validateExplanation } from '../cluster-admin/cluster-admin-fixture.ts'

async function explained(query: object): Promise<string> {
  const properties = { title: { type: 'text' }, body: { type: 'text' }, tag: { type: 'keyword' } }
  const { cluster } = await clusterWithIndex(1, { mappings: { properties } })
  return validateExplanation(cluster, query)
}

describe('dis_max descriptions', () => {
  it('wrap a disjunct that is a bool in parentheses', async () => {
    const fields = ['title^2', 'body']
    expect(await explained({ multi_match: { query: 'quick brown', fields, tie_breaker: 0.3 } })).toBe(
      '((title:quick title:brown)^2.0 | (body:quick body:brown))~0.3',
    )
    const mostFields = { query: 'quick brown', fields: ['title', 'body'], type: 'most_fields' }
    expect(await explained({ multi_match: mostFields })).toBe(
      '((title:quick title:brown) | (body:quick body:brown))~1.0',
    )
    const boolPrefix = { query: 'quick bro', fields: ['title', 'body'], type: 'bool_prefix' }
    expect(await explained({ multi_match: boolPrefix })).toBe(
      '((title:quick title:bro*) | (body:quick body:bro*))~1.0',
    )
    const crossFields = { query: 'quick brown', fields: ['title', 'body', 'tag'], type: 'cross_fields' }
    expect(await explained({ multi_match: crossFields })).toBe(
      '((blended(terms:[title:quick, body:quick]) blended(terms:[title:brown, body:brown])) | tag:quick brown)',
    )
  })

  it('leave other disjuncts bare', async () => {
    const queries = [{ term: { tag: 'a' } }, { match_phrase: { body: 'quick fox' } }]
    expect(await explained({ dis_max: { queries } })).toBe('(tag:a | body:"quick fox")')
  })
})
