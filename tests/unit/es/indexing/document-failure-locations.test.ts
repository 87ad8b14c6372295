// The [line:col] of a document's parse failure: XContentParser.getTokenLocation at the token ES's DocumentParser is
// on when it fails (1-based line, column in UTF-8 bytes), in the text the primary parses: the request's own, or the
// compact JSON ES writes for an updated or pipeline-processed document.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function reviews(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/reviews', {
    mappings: {
      properties: {
        rating: { type: 'float' },
        product_id: { type: 'integer' },
        day: { type: 'date' },
        tags: { type: 'keyword' },
        user: { properties: { address: { properties: { city: { type: 'keyword' } } } } },
      },
    },
  })
  return node
}

/** The error's reason and its cause's, of writing `body` as document `id`. */
async function failure(node: TestNode, body: string, path = '/reviews/_doc/2'): Promise<string[]> {
  const response = await node.send('PUT', path, body)
  expect(response.status).toBe(400)
  const error = (JSON.parse(response.body) as { error: { reason: string; caused_by?: { reason: string } } })
    .error
  return error.caused_by === undefined ? [error.reason] : [error.reason, error.caused_by.reason]
}

describe('document parse failures are located at their token', () => {
  it('a value a field mapper refuses: at its first character', async () => {
    const node = await reviews()
    expect(await failure(node, '{"rating": 3.5, "product_id": "abc"}')).toEqual([
      "[1:31] failed to parse field [product_id] of type [integer] in document with id '2'. Preview of field's value: 'abc'",
      'For input string: "abc"',
    ])
    // lines end at \n, \r\n or a lone \r; the column counts UTF-8 bytes (é is two, 😀 four)
    expect((await failure(node, '{\r\n  "tags": "é😀",\r  "product_id": [1,\n "x"]}'))[0]).toMatch(
      /^\[4:2\] /,
    )
    expect((await failure(node, '{"tags": "é😀", "product_id": "x"}'))[0]).toMatch(/^\[1:34\] /)
  })

  it("Jackson's coercion failure: the cause is at the position after the number", async () => {
    const node = await reviews()
    expect(await failure(node, '{"product_id":  2147483648 }')).toEqual([
      "[1:17] failed to parse field [product_id] of type [integer] in document with id '2'. Preview of field's value: '2147483648'",
      '[1:27] Numeric value (2147483648) out of range of int (-2147483648 - 2147483647)',
    ])
  })

  it('an object for a leaf field: at its closing brace, once the value preview has read it', async () => {
    const node = await reviews()
    expect(await failure(node, '{"tags": ["a", {\n}]}')).toEqual([
      "[2:1] failed to parse field [tags] of type [keyword] in document with id '2'. Preview of field's value: '{}'",
      'Expected text at 1:16 but found START_OBJECT',
    ])
  })

  it("an object for a leaf field: its preview is the object read as a HashMap (the dynamic templates docs' name.title)", async () => {
    const node = await startNode()
    await node.send('PUT', '/my-index-000002', {
      mappings: {
        dynamic_templates: [
          {
            full_name: {
              path_match: 'name.*',
              path_unmatch: '*.middle',
              mapping: { type: 'text', copy_to: 'full_name' },
            },
          },
        ],
      },
    })
    const body =
      '{"name": {"first": "Paul", "last": "McCartney", "title": {"value": "Sir", "category": "order of chivalry"}}}'
    const response = await node.send('PUT', '/my-index-000002/_doc/2', body)
    const reason =
      "[1:106] failed to parse field [name.title] of type [text] in document with id '2'. " +
      "Preview of field's value: '{category=order of chivalry, value=Sir}'"
    expect(response).toMatchObject({
      status: 400,
      body:
        `{"error":{"root_cause":[{"type":"document_parsing_exception","reason":"${reason}"}],` +
        `"type":"document_parsing_exception","reason":"${reason}",` +
        '"caused_by":{"type":"illegal_argument_exception","reason":"Expected text at 1:58 but found START_OBJECT"}},' +
        '"status":400}',
    })
    expect(
      await failure(
        node,
        '{"name": {"first": {"n": 1, "list": [1.5, true, null, "x"]}}}',
        '/my-index-000002/_doc/3',
      ),
    ).toEqual([
      "[1:59] failed to parse field [name.first] of type [text] in document with id '3'. Preview of field's value: '{list=[1.5, true, null, x], n=1}'",
      'Expected text at 1:20 but found START_OBJECT',
    ])
  })

  it('a value for an object field: at the value, naming the field by its own name', async () => {
    const node = await reviews()
    expect(await failure(node, '{"user": {"address": "Main St"}}')).toEqual([
      '[1:22] object mapping for [user.address] tried to parse field [address] as object, but found a concrete value',
    ])
  })

  it('a date the doc values refuse: at that value', async () => {
    const node = await reviews()
    expect(await failure(node, '{"day": ["2024-01-01", "soon"], "product_id": 1}')).toEqual([
      "[1:24] failed to parse field [day] of type [date] in document with id '2'. Preview of field's value: 'soon'",
      'failed to parse date field [soon] with format [strict_date_optional_time||epoch_millis]',
    ])
  })

  it('dynamic strict: at the value, a null, or the `[` of an array', async () => {
    const node = await startNode()
    await node.send('PUT', '/s', {
      mappings: { dynamic: 'strict', properties: { o: { properties: { k: { type: 'keyword' } } } } },
    })
    const strict = (at: string, name: string, parent: string): string[] => [
      `[${at}] mapping set to strict, dynamic introduction of [${name}] within [${parent}] is not allowed`,
    ]
    expect(await failure(node, '{"o": {"k": "v", "n": {"x": 1}}}', '/s/_doc/1')).toEqual(
      strict('1:23', 'n', 'o'),
    )
    expect(await failure(node, '{"n": null}', '/s/_doc/1')).toEqual(strict('1:7', 'n', '_doc'))
    expect(await failure(node, '{"o": {"k": "v"}, "n": [1]}', '/s/_doc/1')).toEqual(
      strict('1:24', 'n', '_doc'),
    )
    expect(await failure(node, '{"n": []}', '/s/_doc/1')).toEqual(strict('1:7', 'n', '_doc'))
  })

  it('a bulk item is located in its own line', async () => {
    const node = await reviews()
    const bulk = await node.send(
      'POST',
      '/_bulk',
      '{"index":{"_index":"reviews","_id":"1"}}\n{"product_id": 1}\n' +
        '{"index":{"_index":"reviews","_id":"2"}}\n{"tags": "t", "product_id": "abc"}\n',
    )
    expect(bulk.body).toContain(
      '"reason":"[1:29] failed to parse field [product_id] of type [integer] in document with id \'2\'.',
    )
  })

  it('an updated or pipeline-processed document: in the compact JSON ES writes for it', async () => {
    const node = await reviews()
    await node.send('PUT', '/reviews/_doc/1', '{ "tags" : "t",   "product_id" : 1 }')
    const update = await node.send('POST', '/reviews/_update/1', { doc: { rating: 1, product_id: 'x' } })
    // {"tags":"t","product_id":"x","rating":1}
    expect(update.body).toContain('"reason":"[1:26] failed to parse field [product_id] of type [integer]')
    await node.send('PUT', '/_ingest/pipeline/p', {
      processors: [{ set: { field: 'product_id', value: 'y' } }],
    })
    // {"product_id":"y","tags":"t"}: an ingest document's source is a HashMap, written in its order
    expect((await failure(node, '{ "tags" : "t" }', '/reviews/_doc/3?pipeline=p'))[0]).toMatch(/^\[1:15\] /)
  })
})
