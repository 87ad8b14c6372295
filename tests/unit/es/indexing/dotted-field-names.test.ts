// A document's field name with dots is read as objects (DotExpandingXContentParser): `"author.email": "x"` maps an
// object `author` with a field `email`, `_source` keeps the name as sent, and bad names are refused at the name.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

interface ErrorBody {
  error: { type: string; reason: string; caused_by?: { type: string; reason: string } }
}

async function json<T>(
  node: TestNode,
  method: 'GET' | 'PUT',
  path: string,
  body?: string | object,
): Promise<T> {
  const response = await node.send(method, path, body)
  return JSON.parse(response.body) as T
}

async function refusal(node: TestNode, body: string, path = '/reviews/_doc/1'): Promise<ErrorBody['error']> {
  const response = await node.send('PUT', path, body)
  expect(response.status).toBe(400)
  return (JSON.parse(response.body) as ErrorBody).error
}

describe('dotted field names in documents', () => {
  it('map objects, merged with the object notation, and keep _source as sent', async () => {
    const node = await startNode()
    const source = {
      rating: 5,
      'author.first_name': 'John',
      author: { last: 'Roberts' },
      'author.email': 'j@x.com',
    }
    await node.send('PUT', '/reviews/_doc/1?refresh=true', source)
    const mapping = await json<Record<string, { mappings: { properties: Record<string, unknown> } }>>(
      node,
      'GET',
      '/reviews/_mapping',
    )
    const properties = mapping.reviews!.mappings.properties
    expect(Object.keys(properties)).toEqual(['author', 'rating'])
    expect(Object.keys((properties.author as { properties: object }).properties)).toEqual([
      'email',
      'first_name',
      'last',
    ])
    const hits = await json<{ hits: { hits: Array<{ _source: unknown }> } }>(
      node,
      'GET',
      '/reviews/_search',
      {
        query: {
          bool: { filter: [{ match: { 'author.first_name': 'john' } }, { exists: { field: 'author' } }] },
        },
      },
    )
    expect(hits.hits.hits.map((hit) => hit._source)).toEqual([source])
  })

  it('refuse an empty name, a name of dots and an empty or blank part, at the name', async () => {
    const node = await startNode()
    const cases: Array<[string, string]> = [
      ['{"ok": 1, "": 1}', '[1:11] failed to parse: field name cannot be an empty string'],
      ['{"...": 1}', '[1:2] failed to parse: field name cannot contain only dots'],
      ['{"a": {"b..c": 1}}', "[1:8] failed to parse: field name cannot contain only whitespace: ['b..c']"],
      ['{".a": 1}', "[1:2] failed to parse: field name cannot contain only whitespace: ['.a']"],
      [
        '{"a. .b": 1}',
        '[1:2] failed to parse: field name starting or ending with a [.] makes object resolution ambiguous: [a. .b]',
      ],
    ]
    for (const [body, reason] of cases) {
      const error = await refusal(node, body)
      expect(error.reason).toBe(reason)
      expect(error.caused_by).toEqual({
        type: 'illegal_argument_exception',
        reason: reason.replace(/^.*?: /, ''),
      })
    }
    // trailing dots are dropped: `x.` is `x`
    expect((await node.send('PUT', '/reviews/_doc/2', '{"x.": 1}')).status).toBe(201)
    const mapping = await json<Record<string, { mappings: { properties: Record<string, unknown> } }>>(
      node,
      'GET',
      '/reviews/_mapping',
    )
    expect(mapping.reviews!.mappings.properties).toEqual({ x: { type: 'long' } })
  })

  it('locate a value failure at the value, and a strict refusal of an object the name makes at the name', async () => {
    const node = await startNode()
    await node.send('PUT', '/s', {
      mappings: { dynamic: 'strict', properties: { known: { properties: { x: { type: 'long' } } } } },
    })
    expect((await refusal(node, '{"known.x": "abc"}', '/s/_doc/1')).reason).toBe(
      "[1:13] failed to parse field [known.x] of type [long] in document with id '1'. Preview of field's value: 'abc'",
    )
    expect((await refusal(node, '{"known.x": [1, "b"]}', '/s/_doc/1')).reason).toMatch(
      /^\[1:17\] failed to parse field \[known\.x\]/,
    )
    expect((await refusal(node, '{"known.x": 1, "known.y.z": 2}', '/s/_doc/1')).reason).toBe(
      '[1:16] mapping set to strict, dynamic introduction of [y] within [known] is not allowed',
    )
    expect((await refusal(node, '{"known": {"x": 1, "y": 2}}', '/s/_doc/1')).reason).toBe(
      '[1:25] mapping set to strict, dynamic introduction of [y] within [known] is not allowed',
    )
  })
})
