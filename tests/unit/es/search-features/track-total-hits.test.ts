// track_total_hits from the body and from the URL (RestSearchAction.parseSearchSource reads the URL's after the
// body, so it wins), false leaving `hits.total` out of the response (SearchHits.toXContent), and
// RestSearchAction.checkRestTotalHits with rest_total_hits_as_int.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const shards = '"_shards":{"total":1,"successful":1,"skipped":0,"failed":0}'

async function threeDocs(): Promise<TestNode> {
  const node = await startNode()
  for (const id of ['1', '2', '3']) await node.send('PUT', `/idx/_doc/${id}`, { a: 'x' })
  await node.send('POST', '/idx/_refresh')
  return node
}

function reason(body: string): unknown {
  return (JSON.parse(body) as { error: { reason: string } }).error.reason
}

describe('track_total_hits', () => {
  it('false in the body leaves hits.total out', async () => {
    const node = await threeDocs()
    expect((await node.send('GET', '/idx/_search', { track_total_hits: false, size: 0 })).body).toBe(
      `{"took":0,"timed_out":false,${shards},"hits":{"max_score":null,"hits":[]}}`,
    )
  })

  it('the URL parameter counts, disables, and overrides the body', async () => {
    const node = await threeDocs()
    const hits = async (query: string, body: object = { size: 0 }) =>
      (await node.send('GET', `/idx/_search?${query}`, body)).body.replace(/^.*"hits":\{/, '{')
    expect(await hits('track_total_hits=false')).toBe('{"max_score":null,"hits":[]}}')
    expect(await hits('track_total_hits=2')).toBe(
      '{"total":{"value":2,"relation":"gte"},"max_score":null,"hits":[]}}',
    )
    expect(await hits('track_total_hits=true', { size: 0, track_total_hits: 1 })).toBe(
      '{"total":{"value":3,"relation":"eq"},"max_score":null,"hits":[]}}',
    )
    expect(await hits('track_total_hits=-1', { size: 0, track_total_hits: true })).toBe(
      '{"max_score":null,"hits":[]}}',
    )
  })

  it('refuses a limit below -1 and a URL value that is neither a boolean nor an int', async () => {
    const node = await threeDocs()
    const url = await node.send('GET', '/idx/_search?track_total_hits=-2')
    expect(url.status).toBe(400)
    expect(reason(url.body)).toBe('[track_total_hits] parameter must be positive or equals to -1, got -2')
    const body = await node.send('GET', '/idx/_search', { track_total_hits: -5 })
    expect(reason(body.body)).toBe('[track_total_hits] parameter must be positive or equals to -1, got -5')
    const text = await node.send('GET', '/idx/_search?track_total_hits=yes')
    expect(reason(text.body)).toBe('Failed to parse int parameter [track_total_hits] with value [yes]')
  })

  it('with rest_total_hits_as_int: -1 when disabled, and a limit is refused', async () => {
    const node = await threeDocs()
    const disabled = await node.send(
      'GET',
      '/idx/_search?rest_total_hits_as_int=true&track_total_hits=false',
      {
        size: 0,
      },
    )
    expect(disabled.body).toBe(
      `{"took":0,"timed_out":false,${shards},"hits":{"total":-1,"max_score":null,"hits":[]}}`,
    )
    const limited = await node.send('GET', '/idx/_search?rest_total_hits_as_int&track_total_hits=5')
    expect(limited.status).toBe(400)
    expect(reason(limited.body)).toBe(
      '[rest_total_hits_as_int] cannot be used if the tracking of total hits is not accurate, got 5',
    )
  })

  it('a scroll refuses the URL parameter disabling the count', async () => {
    const node = await threeDocs()
    const scroll = await node.send('GET', '/idx/_search?scroll=1m&track_total_hits=false')
    expect(scroll.status).toBe(400)
    expect(reason(scroll.body)).toBe(
      'Validation Failed: 1: disabling [track_total_hits] is not allowed in a scroll context;',
    )
  })
})
