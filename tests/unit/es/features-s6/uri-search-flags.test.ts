// URI search booleans, as RestSearchAction reads them through ES 8.17's two RestRequest.paramAsBoolean
// overloads: analyze_wildcard with a primitive default, so a bare flag (`?analyze_wildcard`,
// `?analyze_wildcard=`) is true; lenient and explain with a boxed null default
// (Booleans.parseBoolean(String, Boolean): text without non-whitespace is the default), so a bare flag leaves
// lenient unset and sets explain to null, which turns off even a body's `"explain": true`.
import { describe, expect, it } from 'vitest'
import { uriSearchQuery } from '../../../../workers/es/search/query-string/index.ts'
import { clusterWithIndex } from '../cluster-admin/cluster-admin-fixture.ts'

const params = (...pairs: Array<[string, string]>) => new Map([['q', 'fox*'], ...pairs])

describe('URI search flags', () => {
  it('reads a bare analyze_wildcard as true', () => {
    expect(uriSearchQuery(params(['analyze_wildcard', '']))?.options).toEqual({ analyzeWildcard: true })
    expect(uriSearchQuery(params(['analyze_wildcard', 'false']))?.options).toEqual({ analyzeWildcard: false })
    expect(uriSearchQuery(params(['analyze_wildcard', ' ']))?.options).toEqual({ analyzeWildcard: false })
    expect(uriSearchQuery(params())?.options).toEqual({ analyzeWildcard: false })
  })

  it('leaves lenient unset without text, and parses it strictly otherwise', () => {
    expect(uriSearchQuery(params(['lenient', '']))?.options).toEqual({ analyzeWildcard: false })
    expect(uriSearchQuery(params(['lenient', '\t']))?.options).toEqual({ analyzeWildcard: false })
    expect(uriSearchQuery(params(['lenient', 'true']))?.options).toEqual({
      analyzeWildcard: false,
      lenient: true,
    })
    expect(() => uriSearchQuery(params(['lenient', 'True']))).toThrow(
      'Failed to parse value [True] as only [true] or [false] are allowed.',
    )
  })

  it('runs the URI flags on a search', async () => {
    const { cluster } = await clusterWithIndex(1, {
      mappings: { properties: { title: { type: 'text' }, n: { type: 'integer' } } },
    })
    await cluster.json(1, 'PUT', '/idx/_doc/1?refresh', { title: 'quick foxes', n: 1 })
    const total = async (query: string): Promise<number> =>
      ((await cluster.json(1, 'GET', `/idx/_search?${query}`)) as { hits: { total: { value: number } } }).hits
        .total.value
    // analyze_wildcard analyses `quick-fo*` into `quick` and the prefix `fo`; without it the prefix is the
    // one term `quick-fo`, which nothing starts with.
    expect(await total('q=title:quick-fo*&analyze_wildcard')).toBe(1)
    expect(await total('q=title:quick-fo*&analyze_wildcard=')).toBe(1)
    expect(await total('q=title:quick-fo*')).toBe(0)
    // With a default field other than `*`, lenient defaults to false; a bare lenient leaves it so, and the
    // number error of `n:abc` fails the search.
    expect((await cluster.send(1, 'GET', '/idx/_search?q=n:abc&df=title&lenient')).status).toBe(400)
    expect((await cluster.send(1, 'GET', '/idx/_search?q=n:abc&df=title&lenient=')).status).toBe(400)
    expect(await total('q=n:abc&df=title&lenient=true')).toBe(0)
    const explained = async (query: string, body?: object): Promise<boolean> => {
      const result = (await cluster.json(1, 'GET', `/idx/_search?${query}`, body)) as {
        hits: { hits: Array<Record<string, unknown>> }
      }
      return '_explanation' in result.hits.hits[0]!
    }
    expect(await explained('explain=true')).toBe(true)
    expect(await explained('explain')).toBe(false)
    expect(await explained('explain=', { explain: true })).toBe(false)
    expect(await explained('size=1', { explain: true })).toBe(true)
  })
})
