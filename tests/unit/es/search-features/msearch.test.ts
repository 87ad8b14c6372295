// `_msearch` (msearch-action.ts) through a node: header and body pairs, the path's index as the default, one
// response per search with its status, a failing search answered in place, and the request-level errors ES 8's
// RestMultiSearchAction and MultiSearchRequest give.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

interface MultiSearchBody {
  took: number
  responses: Array<{
    status: number
    hits?: { total: { value: number }; hits: Array<{ _index: string; _id: string }> }
    aggregations?: Record<string, unknown>
    error?: { root_cause: Array<{ type: string; reason: string }>; type: string; reason: string }
  }>
}

async function twoIndices(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/books/_doc/1', { title: 'Dune', year: 1965 })
  await node.send('PUT', '/books/_doc/2', { title: 'Emma', year: 1815 })
  await node.send('PUT', '/films/_doc/1', { title: 'Dune', year: 2021 })
  await node.send('POST', '/_refresh')
  return node
}

const ndjson = (...lines: object[]) => lines.map((line) => JSON.stringify(line)).join('\n') + '\n'

describe('_msearch', () => {
  it('answers each search in order, with the header index or the path index', async () => {
    const node = await twoIndices()
    const response = await node.send(
      'POST',
      '/books/_msearch',
      ndjson(
        { index: 'films' },
        { query: { match: { title: 'dune' } } },
        {},
        { query: { range: { year: { lt: 1900 } } } },
        { index: ['books', 'films'] },
        { size: 0, aggs: { years: { max: { field: 'year' } } } },
      ),
    )
    expect(response.status).toBe(200)
    const body = JSON.parse(response.body) as MultiSearchBody
    expect(Object.keys(body)).toEqual(['took', 'responses'])
    expect(body.responses.map((r) => r.status)).toEqual([200, 200, 200])
    expect(body.responses[0]!.hits!.hits.map((h) => `${h._index}/${h._id}`)).toEqual(['films/1'])
    expect(body.responses[1]!.hits!.hits.map((h) => `${h._index}/${h._id}`)).toEqual(['books/2'])
    expect(body.responses[2]!.hits!.total.value).toBe(3)
    expect(body.responses[2]!.aggregations).toEqual({ years: { value: 2021 } })
    // each response is the search's own, then its status
    expect(Object.keys(body.responses[0]!)).toEqual(['took', 'timed_out', '_shards', 'hits', 'status'])
  })

  // RestMultiSearchAction: rest_total_hits_as_int is a response parameter of the whole request, and
  // validateSearchRequest (checkRestTotalHits) runs on each search as its body is read
  it('rest_total_hits_as_int writes each hits.total as a number, counting exactly', async () => {
    const node = await twoIndices()
    const searches = ndjson({}, { size: 0 }, { index: 'films' }, { size: 0, track_total_hits: false })
    const response = await node.send('POST', '/books/_msearch?rest_total_hits_as_int=true', searches)
    expect(response.status).toBe(200)
    const body = JSON.parse(response.body) as { responses: Array<{ hits: { total: unknown } }> }
    expect(body.responses.map((r) => r.hits.total)).toEqual([2, -1])
    // _search reads it the same way (RestSearchAction)
    const search = await node.send('GET', '/books/_search?rest_total_hits_as_int=true&filter_path=hits.total')
    expect(JSON.parse(search.body)).toEqual({ hits: { total: 2 } })
    const limited = await node.send(
      'POST',
      '/_msearch?rest_total_hits_as_int',
      ndjson({}, {}, {}, { track_total_hits: 100 }),
    )
    expect(limited.status).toBe(400)
    expect(JSON.parse(limited.body)).toMatchObject({
      error: {
        type: 'illegal_argument_exception',
        reason:
          '[rest_total_hits_as_int] cannot be used if the tracking of total hits is not accurate, got 100',
      },
    })
    const plain = await node.send(
      'POST',
      '/books/_msearch?rest_total_hits_as_int=false',
      ndjson({}, { size: 0 }),
    )
    expect(JSON.parse(plain.body)).toMatchObject({
      responses: [{ hits: { total: { value: 2, relation: 'eq' } } }],
    })
  })

  it('an empty header line, a missing index failing only its search, and a header without a body dropped', async () => {
    const node = await twoIndices()
    const text =
      '\n' +
      JSON.stringify({ query: { match_all: {} } }) +
      '\n' +
      ndjson({ index: 'nope' }, {}, { index: 'films' })
    const response = await node.send('GET', '/books/_msearch', text)
    expect(response.status).toBe(200)
    const body = JSON.parse(response.body) as MultiSearchBody
    expect(body.responses).toHaveLength(2)
    expect(body.responses[0]!.hits!.total.value).toBe(2)
    expect(body.responses[1]!.status).toBe(404)
    expect(body.responses[1]!.error!.root_cause[0]).toMatchObject({
      type: 'index_not_found_exception',
      reason: 'no such index [nope]',
    })
    expect(Object.keys(body.responses[1]!)).toEqual(['error', 'status'])
  })

  it('request-level errors: a bad body, an unknown header key, no final newline, no body, no pairs', async () => {
    const node = await twoIndices()
    const error = async (text: string | undefined, path = '/_msearch') => {
      const response = await node.send('POST', path, text)
      const body = JSON.parse(response.body) as { error: { type: string; reason: string }; status: number }
      expect(response.status).toBe(body.status)
      return `${body.status} ${body.error.type}: ${body.error.reason}`
    }
    expect(await error(ndjson({ index: 'books' }, { query: { nope: {} } }))).toBe(
      '400 parsing_exception: unknown query [nope]',
    )
    expect(await error(ndjson({ index: 'books', unknown_key: 1 }, {}))).toBe(
      '400 illegal_argument_exception: key [unknown_key] is not supported in the metadata section',
    )
    expect(await error(ndjson({ search_type: 'query_and_fetch' }, {}))).toBe(
      '400 illegal_argument_exception: No search type for [query_and_fetch]',
    )
    expect(await error('{}\n{}')).toBe(
      '400 illegal_argument_exception: The msearch request must be terminated by a newline [\n]',
    )
    expect(await error(undefined)).toBe('400 parse_exception: request body or source parameter is required')
    expect(await error(ndjson({ index: 'books' }))).toBe(
      '400 action_request_validation_exception: Validation Failed: 1: no requests added;',
    )
    expect(await error(ndjson({}, {}), '/_msearch?max_concurrent_searches=0')).toBe(
      '400 illegal_argument_exception: maxConcurrentSearchRequests must be positive',
    )
  })
})
