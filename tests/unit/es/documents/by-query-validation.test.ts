// The by-query APIs' validation as ES 8.17 runs it before resolving any index (AbstractBulkByQueryRestHandler,
// AbstractBulkByScrollRequest.validate, DeleteByQueryRequest.validate): `from` and `stored_fields` in the body,
// `scroll_size` read with paramAsInt into the search size, and a delete without a query.
import { describe, expect, it } from 'vitest'
import { validation } from './validation-error.ts'
import { startNode } from '../node/es-node-fixture.ts'

interface ErrorBody {
  error: { type: string; reason: string }
}

async function send(path: string, body?: string): Promise<{ status: number; body: ErrorBody }> {
  const node = await startNode()
  const response = await node.send('POST', path, body)
  return { status: response.status, body: JSON.parse(response.body) as ErrorBody }
}

describe('by-query validation', () => {
  it('stored_fields and from fail validation, even on a missing index', async () => {
    const stored = await send('/missing/_update_by_query', '{"stored_fields":["_id"]}')
    expect(stored.status).toBe(400)
    expect(stored.body.error).toMatchObject(validation('stored_fields is not supported in this context'))
    const from = await send('/missing/_delete_by_query', '{"query":{"match_all":{}},"from":2}')
    expect(from.body.error).toMatchObject(
      validation('using [from] is not allowed in a scroll context', 'from is not supported in this context'),
    )
  })

  it('a delete without a query is refused; a URI query counts', async () => {
    const missing = await send('/_all/_delete_by_query', '{}')
    expect(missing.status).toBe(400)
    expect(missing.body.error).toMatchObject(validation('query is missing'))
    expect((await send('/_all/_delete_by_query?q=x:1')).status).toBe(200)
  })

  it('scroll_size is paramAsInt into the search size', async () => {
    const junk = await send('/missing/_update_by_query?scroll_size=asdf')
    expect(junk.body.error).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'Failed to parse int parameter [scroll_size] with value [asdf]',
    })
    const zero = await send('/missing/_update_by_query?scroll_size=0')
    expect(zero.body.error).toMatchObject(validation('[size] cannot be [0] in a scroll context'))
    const negative = await send('/missing/_update_by_query?scroll_size=-1')
    expect(negative.body.error).toMatchObject({
      type: 'illegal_argument_exception',
      reason: '[size] parameter cannot be negative, found [-1]',
    })
  })
})
