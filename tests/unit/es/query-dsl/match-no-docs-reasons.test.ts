// The MatchNoDocsQuery that multi_match, query_string and simple_query_string build, as `_validate/query?explain`
// prints them (before the search's rewrite) with ES's reasons: Queries.newUnmappedFieldQuery / newUnmappedFieldsQuery,
// Queries.newLenientFieldQuery, ZeroTermsQueryOption.NONE, SimpleQueryStringQueryParser.rethrowUnlessLenient and
// SimpleQueryParser.parse's empty text. MultiMatchQueryParser and QueryStringQueryParser keep a field's MatchNoDocsQuery
// as a disjunct; the profile shows the rewritten query, where BooleanQuery.rewrite and DisjunctionMaxQuery.rewrite
// drop them.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex, validateExplanation } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

async function index(): Promise<TestCluster> {
  const { cluster } = await clusterWithIndex(1, {
    mappings: { properties: { t: { type: 'text' }, n: { type: 'integer' } } },
  })
  await cluster.json(1, 'PUT', '/idx/_doc/1', { t: 'foo bar', n: 1 })
  await cluster.json(1, 'POST', '/idx/_refresh')
  return cluster
}

async function profiled(cluster: TestCluster, query: object): Promise<[string, string]> {
  const body = (await cluster.json(1, 'POST', '/idx/_search', { query, profile: true })) as {
    profile: { shards: Array<{ searches: Array<{ query: Array<{ type: string; description: string }> }> }> }
  }
  const root = body.profile.shards[0]!.searches[0]!.query[0]!
  return [root.type, root.description]
}

const NUMBER_FAILURE = (text: string): string =>
  `MatchNoDocsQuery("failed [n] query, caused by number_format_exception:[For input string: "${text}"]")`
const NO_TERMS = 'MatchNoDocsQuery("Matching no documents because no terms present")'

describe('multi_match', () => {
  it("keeps a field's MatchNoDocsQuery as a disjunct, which the rewrite drops", async () => {
    const cluster = await index()
    const lenient = { multi_match: { query: 'foo', fields: ['t', 'n^2'], lenient: true } }
    expect(await validateExplanation(cluster, lenient)).toBe(`(t:foo | ${NUMBER_FAILURE('foo')})`)
    expect(await profiled(cluster, lenient)).toEqual(['TermQuery', 't:foo'])
    const stop = { multi_match: { query: 'the', fields: ['t', 'n'], analyzer: 'stop', lenient: true } }
    expect(await validateExplanation(cluster, stop)).toBe(`(${NO_TERMS} | ${NO_TERMS})`)
    expect(await profiled(cluster, stop)).toEqual([
      'MatchNoDocsQuery',
      'MatchNoDocsQuery("empty DisjunctionMaxQuery")',
    ])
  })

  it('answers fields that resolve to nothing with the empty set', async () => {
    const cluster = await index()
    const query = { multi_match: { query: 'foo', fields: ['zz', 'y*'] } }
    expect(await validateExplanation(cluster, query)).toBe('MatchNoDocsQuery("unmapped fields []")')
  })
})

describe('query_string', () => {
  it('gives its MatchNoDocsQuery the reasons of ES', async () => {
    const cluster = await index()
    expect(await validateExplanation(cluster, { query_string: { query: 'zz:foo' } })).toBe(
      'MatchNoDocsQuery("unmapped fields [zz]")',
    )
    // getPrefixQuery names the term, not the field
    expect(await validateExplanation(cluster, { query_string: { query: 'zz:fo*' } })).toBe(
      'MatchNoDocsQuery("unmapped fields [fo]")',
    )
    const lenient = { query_string: { query: 'n:foo t:bar', lenient: true } }
    expect(await validateExplanation(cluster, lenient)).toBe(`${NUMBER_FAILURE('foo')} t:bar`)
    expect(await profiled(cluster, lenient)).toEqual(['TermQuery', 't:bar'])
    const fields = { query_string: { query: 'foo', fields: ['t', 'n'], lenient: true } }
    expect(await validateExplanation(cluster, fields)).toBe(`(t:foo | ${NUMBER_FAILURE('foo')})`)
  })
})

describe('simple_query_string', () => {
  it('keeps lenient failures, drops fields without terms', async () => {
    const cluster = await index()
    const lenient = { simple_query_string: { query: 'foo', fields: ['t', 'n'], lenient: true } }
    expect(await validateExplanation(cluster, lenient)).toBe(`(t:foo | ${NUMBER_FAILURE('foo')})~1.0`)
    const prefix = { simple_query_string: { query: 'fo*', fields: ['t', 'n'], lenient: true } }
    expect(await validateExplanation(cluster, prefix)).toBe(
      '(t:fo* | MatchNoDocsQuery("failed query, caused by Can only use prefix queries on keyword, text and ' +
        'wildcard fields - not on [n] which is of type [integer]"))~1.0',
    )
    const stop = { simple_query_string: { query: 'the foo', fields: ['t'], analyzer: 'stop' } }
    expect(await validateExplanation(cluster, stop)).toBe('t:foo')
    expect(
      await validateExplanation(cluster, { simple_query_string: { query: 'foo', fields: ['zz'] } }),
    ).toBe('MatchNoDocsQuery("unmapped fields []")')
    expect(await validateExplanation(cluster, { simple_query_string: { query: '', fields: ['t'] } })).toBe(
      'MatchNoDocsQuery("empty string passed to query parser")',
    )
  })
})
