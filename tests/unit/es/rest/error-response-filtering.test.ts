// `filter_path` and error answers (AbstractRestChannel.newErrorBuilder disables filtering): an exception's body, the
// "no handler" and wrong-method answers are sent whole whatever `filter_path` says, while a normal answer with an
// error status (a GET of a missing document, 404 with `found: false`) is filtered as any other; `pretty` applies to
// both.
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

describe('filter_path on error answers', () => {
  it('leaves an exception body whole', async () => {
    const node = await startNode()
    const response = await node.send('GET', '/missing/_search?filter_path=hits.hits')
    expect(response.status).toBe(404)
    expect(JSON.parse(response.body)).toMatchObject({
      error: { type: 'index_not_found_exception', reason: 'no such index [missing]' },
      status: 404,
    })
  })

  it('leaves the no-handler and wrong-method answers whole', async () => {
    const node = await startNode()
    expect((await node.send('GET', '/_nope/x/y?filter_path=status')).body).toBe(
      '{"error":"no handler found for uri [/_nope/x/y?filter_path=status] and method [GET]"}',
    )
    const wrongMethod = await node.send('PATCH', '/_cluster/health?filter_path=status')
    expect(wrongMethod.status).toBe(405)
    expect(JSON.parse(wrongMethod.body)).toHaveProperty('error')
  })

  it('filters a normal answer with an error status, and pretty-prints errors', async () => {
    const node = await startNode()
    await node.send('PUT', '/idx/_doc/1', { a: 1 })
    const missing = await node.send('GET', '/idx/_doc/2?filter_path=found')
    expect(missing.status).toBe(404)
    expect(missing.body).toBe('{"found":false}')
    const pretty = await node.send('GET', '/missing/_doc/1?filter_path=found&pretty')
    expect(pretty.body).toMatch(/^\{\n {2}"error" : \{\n/)
  })
})
