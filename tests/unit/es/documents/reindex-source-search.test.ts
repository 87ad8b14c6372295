// _reindex's `source` read as ES 8.17's ReindexRequest.PARSER reads it: `index` and `remote` taken out, the rest
// parsed as a search source (an unknown key is the search's error, wrapped as the `source` field's failure), and
// the request validated before any index is resolved, so a missing source index does not hide a 400. Also the
// top-level `conflicts` and `max_docs` failures as ObjectParser wraps them, and dest's op_type in any case.
import { describe, expect, it } from 'vitest'
import { validation } from './validation-error.ts'
import { startNode } from '../node/es-node-fixture.ts'

interface ErrorBody {
  error: { type: string; reason: string; caused_by?: { type: string; reason: string } }
}

async function reindex(body: string, path = '/_reindex'): Promise<{ status: number; body: ErrorBody }> {
  const node = await startNode()
  const response = await node.send('POST', path, body)
  return { status: response.status, body: JSON.parse(response.body) as ErrorBody }
}

describe('_reindex source as a search source', () => {
  it('an unknown source key is the search parser error, located in the rewritten source', async () => {
    const { status, body } = await reindex('{"source":{"index":"missing","junk":{}},"dest":{"index":"d"}}')
    expect(status).toBe(400)
    expect(body.error).toMatchObject({
      type: 'x_content_parse_exception',
      reason: '[1:39] [reindex] failed to parse field [source]',
      caused_by: { type: 'parsing_exception', reason: 'Unknown key for a START_OBJECT in [junk].', col: 9 },
    })
  })

  it('the rewritten source follows Java HashMap order, so the located key is the one ES meets first', async () => {
    // "zz" hashes to a lower bucket than "junk": ES reads it first and fails on it
    const { body } = await reindex('{"source":{"junk":1,"zz":[1]},"dest":{"index":"d"}}')
    expect(body.error.caused_by).toMatchObject({ reason: 'Unknown key for a START_ARRAY in [zz].' })
  })

  it('a non-numeric size is a number_format_exception inside the source field', async () => {
    const { status, body } = await reindex('{"source":{"size":"cat"},"dest":{"index":"d"}}')
    expect(status).toBe(400)
    expect(body.error).toMatchObject({
      reason: '[1:24] [reindex] failed to parse field [source]',
      caused_by: { type: 'number_format_exception', reason: 'For input string: "cat"' },
    })
  })

  it('from, stored_fields and scroll checks fail validation before a missing index is looked up', async () => {
    const from = await reindex('{"source":{"index":"missing","from":1},"dest":{"index":"d"}}')
    expect(from.status).toBe(400)
    expect(from.body.error).toMatchObject(
      validation('using [from] is not allowed in a scroll context', 'from is not supported in this context'),
    )
    const stored = await reindex(
      '{"source":{"index":"missing","stored_fields":["_id"]},"dest":{"index":"d"}}',
    )
    expect(stored.body.error).toMatchObject(validation('stored_fields is not supported in this context'))
    const empty = await reindex('{"source":{"index":"missing","size":0},"dest":{"index":"d"}}')
    expect(empty.body.error).toMatchObject(validation('[size] cannot be [0] in a scroll context'))
    const both = await reindex(
      '{"source":{"index":"missing","slice":{"id":0,"max":2}},"dest":{"index":"d"}}',
      '/_reindex?slices=2',
    )
    expect(both.body.error).toMatchObject(
      validation("can't specify both manual and automatic slicing at the same time"),
    )
  })

  it('search source keys that do not change the copied hits are accepted', async () => {
    const node = await startNode()
    await node.send('PUT', '/src/_doc/1?refresh=true', { n: 1 })
    const response = await node.send(
      'POST',
      '/_reindex?refresh=true',
      '{"source":{"index":"src","size":5,"aggs":{"a":{"max":{"field":"n"}}},"explain":true},"dest":{"index":"dst"}}',
    )
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toMatchObject({ total: 1, created: 1 })
  })

  it('conflicts and max_docs fail as their fields, at the value', async () => {
    const conflicts = await reindex('{"conflicts":"cat"}')
    expect(conflicts.body.error).toMatchObject({
      type: 'x_content_parse_exception',
      reason: '[1:14] [reindex] failed to parse field [conflicts]',
      caused_by: {
        type: 'illegal_argument_exception',
        reason: 'conflicts may only be "proceed" or "abort" but was [cat]',
      },
    })
    const maxDocs = await reindex('{"max_docs":-4}')
    expect(maxDocs.body.error).toMatchObject({
      reason: '[1:13] [reindex] failed to parse field [max_docs]',
      caused_by: { reason: '[max_docs] parameter cannot be negative, found [-4]' },
    })
  })

  it("dest op_type is read in any case, and a bad one fails the dest field's parser", async () => {
    const bad = await reindex('{"dest":{"index":"d","op_type":"upsert"}}')
    expect(bad.body.error).toMatchObject({
      reason: '[1:32] [reindex] failed to parse field [dest]',
      caused_by: {
        type: 'x_content_parse_exception',
        reason: '[1:32] [dest] failed to parse field [op_type]',
        caused_by: {
          type: 'illegal_argument_exception',
          reason: "opType must be 'create' or 'index', found: [upsert]",
        },
      },
    })
    const node = await startNode()
    await node.send('PUT', '/src/_doc/1?refresh=true', { n: 1 })
    const created = await node.send(
      'POST',
      '/_reindex',
      '{"source":{"index":"src"},"dest":{"index":"dst","op_type":"CREATE"}}',
    )
    expect(JSON.parse(created.body)).toMatchObject({ created: 1 })
  })
})
