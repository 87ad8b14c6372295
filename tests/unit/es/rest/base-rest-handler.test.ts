// BaseRestHandler's check of URL parameters, through EsNode: a parameter the API's handler does not read is a 400
// illegal_argument_exception before anything is applied, with ES's "did you mean" hints from the parameters the
// handler reads (BaseRestHandler.unrecognized; RestSearchAction reads `size` only when it is given, so it is
// never offered), while `pretty`, `human`, `filter_path`, `format` and `error_trace` are accepted everywhere.
import { describe, expect, it } from 'vitest'
import type { HttpMethod } from '../../../../workers/protocol/es.ts'
import { startNode } from '../node/es-node-fixture.ts'

function error(reason: string): string {
  const cause = `{"type":"illegal_argument_exception","reason":${JSON.stringify(reason)}}`
  return `{"error":{"root_cause":[${cause}],"type":"illegal_argument_exception","reason":${JSON.stringify(reason)}},"status":400}`
}

describe('unrecognized URL parameters', () => {
  it('refuses an unknown parameter with the path in the message and applies nothing', async () => {
    const node = await startNode()
    const put = await node.send('PUT', '/idx/_doc/1?foo=bar', { a: 1 })
    expect(put.status).toBe(400)
    expect(put.body).toBe(error('request [/idx/_doc/1] contains unrecognized parameter: [foo]'))
    expect((await node.send('GET', '/idx/_doc/1')).status).toBe(404)
  })

  it('suggests the close names the handler reads, the global ones included', async () => {
    const node = await startNode()
    await node.send('PUT', '/idx/_doc/1?refresh=true', { a: 1 })
    expect((await node.send('GET', '/idx/_search?pretyy')).body).toBe(
      error('request [/idx/_search] contains unrecognized parameter: [pretyy] -> did you mean [pretty]?'),
    )
    expect((await node.send('GET', '/idx/_doc/1?routin=1')).body).toBe(
      error('request [/idx/_doc/1] contains unrecognized parameter: [routin] -> did you mean [routing]?'),
    )
  })

  it('lists several unknown parameters sorted, in the plural form, close names best first', async () => {
    const node = await startNode()
    expect((await node.send('GET', '/_cluster/health?zeta=1&alpha&wait_for_statu=green')).body).toBe(
      error(
        'request [/_cluster/health] contains unrecognized parameters: [alpha], ' +
          '[wait_for_statu] -> did you mean any of [wait_for_status, wait_for_events, wait_for_nodes]?, [zeta]',
      ),
    )
  })

  it('does not offer a parameter the handler reads only when it is given', async () => {
    const node = await startNode()
    await node.send('PUT', '/idx/_doc/1?refresh=true', { a: 1 })
    expect((await node.send('GET', '/idx/_search?sise=1')).body).toBe(
      error('request [/idx/_search] contains unrecognized parameter: [sise]'),
    )
    expect((await node.send('GET', '/idx/_search?size=1')).status).toBe(200)
  })

  it('accepts the parameters every request may carry, and a parameter the API reads even if unused', async () => {
    const node = await startNode()
    await node.send('PUT', '/idx/_doc/1?refresh=true', { a: 1 })
    for (const query of ['pretty', 'human', 'error_trace', 'filter_path=hits.total', 'format=json'])
      expect((await node.send('GET', `/idx/_search?${query}`)).status).toBe(200)
    expect((await node.send('GET', '/idx/_doc/1?realtime=true&preference=_local')).status).toBe(200)
    // _count does not read track_total_hits
    expect((await node.send('GET', '/idx/_count?track_total_hits=true')).body).toBe(
      error('request [/idx/_count] contains unrecognized parameter: [track_total_hits]'),
    )
  })

  it('accepts the parameters ES 8.17 reads beyond the older specs (IndicesOptions, synthetic source, bulk)', async () => {
    const node = await startNode()
    const accepted: [HttpMethod, string, string | object | undefined][] = [
      ['PUT', '/idx/_doc/1?refresh=true&include_source_on_error=false', { a: 1 }],
      [
        'POST',
        '/_bulk?list_executed_pipelines=false&include_source_on_error=true',
        '{"index":{"_index":"idx"}}\n{"a":2}\n',
      ],
      ['POST', '/idx/_update/1?include_source_on_error=false', { doc: { a: 3 } }],
      ['GET', '/idx/_doc/1?force_synthetic_source=false', undefined],
      ['GET', '/_mget?force_synthetic_source=false', { docs: [{ _index: 'idx', _id: '1' }] }],
      ['GET', '/idx/_search?force_synthetic_source=false&ignore_throttled=false', undefined],
      ['GET', '/idx/_count?ignore_throttled=false', undefined],
      ['GET', '/idx/_mapping?ignore_throttled=false', undefined],
      ['GET', '/idx/_stats?ignore_unavailable=true&allow_no_indices=true', undefined],
      ['GET', '/_cluster/health/idx?ignore_unavailable=true&allow_no_indices=true', undefined],
      ['GET', '/_cat/indices?ignore_unavailable=true&allow_no_indices=true', undefined],
      ['GET', '/_cat/aliases?ignore_unavailable=true', undefined],
      ['GET', '/_cat/recovery?allow_no_indices=true', undefined],
      ['POST', '/idx/_pit?keep_alive=1m&allow_no_indices=true&max_concurrent_shard_requests=5', undefined],
      ['PUT', '/_component_template/ct?cause=api', { template: {} }],
    ]
    for (const [method, path, body] of accepted) {
      const response = await node.send(method, path, body)
      expect(response.body, `${method} ${path}`).not.toContain('unrecognized')
      expect(response.status, `${method} ${path}`).toBeLessThan(300)
    }
  })

  it('_reindex refuses `pipeline` with its own message (RestReindexAction.buildRequest)', async () => {
    const node = await startNode()
    const response = await node.send('POST', '/_reindex?pipeline=p', {
      source: { index: 'a' },
      dest: { index: 'b' },
    })
    expect(response.body).toBe(
      error(
        "_reindex doesn't support [pipeline] as a query parameter. Specify it in the [dest] object instead.",
      ),
    )
  })

  it("a parameter's bad value is still the handler's own error", async () => {
    const node = await startNode()
    const put = await node.send('PUT', '/idx/_doc/1?refresh=ture', { a: 1 })
    expect(put.status).toBe(400)
    expect(put.body).not.toContain('unrecognized')
  })
})
