// copy_to through EsNode (FieldMapper.CopyTo, DocumentParser.parseCopyFields, the "copy_to" docs and the
// copy_to YAML REST tests): values are indexed into the targets with the targets' analyzers, `_source` is
// untouched, a missing target is mapped dynamically (or refused under dynamic: strict), and a target that is an
// object or a multi-field is refused at mapping time.
import { beforeEach, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { jsonAt } from '../indices/json-at.ts'

let node: TestNode

beforeEach(async () => {
  node = await startNode()
})

describe('copy_to', () => {
  test('first and last names are searchable together in full_name, which is not in _source', async () => {
    await node.send('PUT', '/people', {
      mappings: {
        properties: {
          first_name: { type: 'text', copy_to: 'full_name' },
          last_name: { type: 'text', copy_to: ['full_name'] },
          full_name: { type: 'text' },
        },
      },
    })
    await node.send('PUT', '/people/_doc/1?refresh=true', { first_name: 'John', last_name: 'Smith' })
    const search = await node.send('GET', '/people/_search', {
      query: { match: { full_name: { query: 'John Smith', operator: 'and' } } },
    })
    expect(jsonAt(search.body, 'hits', 'total', 'value')).toBe(1)
    expect(jsonAt(search.body, 'hits', 'hits', '0', '_source')).toEqual({
      first_name: 'John',
      last_name: 'Smith',
    })
    expect((await node.send('GET', '/people/_mapping')).body).toBe(
      '{"people":{"mappings":{"properties":{"first_name":{"type":"text","copy_to":["full_name"]},' +
        '"full_name":{"type":"text"},"last_name":{"type":"text","copy_to":["full_name"]}}}}}',
    )
  })

  test('a keyword target keeps each value whole; a missing target is mapped dynamically', async () => {
    await node.send('PUT', '/t', {
      mappings: {
        properties: {
          tag: { type: 'text', copy_to: ['tags_exact', 'extra.all'] },
          tags_exact: { type: 'keyword' },
        },
      },
    })
    await node.send('PUT', '/t/_doc/1?refresh=true', { tag: ['Big Cat', 'Dog'] })
    const terms = await node.send('GET', '/t/_search', {
      size: 0,
      aggs: { t: { terms: { field: 'tags_exact' } } },
    })
    expect(jsonAt(terms.body, 'aggregations', 't', 'buckets')).toEqual([
      { key: 'Big Cat', doc_count: 1 },
      { key: 'Dog', doc_count: 1 },
    ])
    expect((await node.send('GET', '/t/_mapping')).body).toContain(
      '"extra":{"properties":{"all":{"type":"text","fields":{"keyword":{"type":"keyword","ignore_above":256}}}}}',
    )
  })

  test('under dynamic strict a missing target fails the document', async () => {
    await node.send('PUT', '/s', {
      mappings: { dynamic: 'strict', properties: { x: { type: 'text', copy_to: 'all' } } },
    })
    const response = await node.send('PUT', '/s/_doc/1', { x: 'hi' })
    // at the value copied, `"hi"` in {"x":"hi"}
    expect(jsonAt(response.body, 'error', 'reason')).toBe(
      '[1:6] mapping set to strict, dynamic introduction of [all] within [_doc] is not allowed',
    )
  })

  test('an object or a multi-field target is refused', async () => {
    const object = await node.send('PUT', '/o', {
      mappings: {
        properties: {
          name: { properties: { first: { type: 'text' } } },
          x: { type: 'text', copy_to: 'name' },
        },
      },
    })
    expect(object).toMatchObject({
      status: 400,
      body:
        '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"Cannot copy to field [name] since it is mapped as an object"}],' +
        '"type":"illegal_argument_exception","reason":"Cannot copy to field [name] since it is mapped as an object"},"status":400}',
    })
    const multi = await node.send('PUT', '/o', {
      mappings: {
        properties: {
          title: { type: 'text', fields: { raw: { type: 'keyword' } } },
          x: { type: 'text', copy_to: 'title.raw' },
        },
      },
    })
    expect(jsonAt(multi.body, 'error', 'reason')).toBe(
      '[copy_to] may not be used to copy to a multi-field: [title.raw]',
    )
  })

  test('a multi-field with copy_to is refused as a source', async () => {
    const from = await node.send('PUT', '/m', {
      mappings: {
        properties: {
          all: { type: 'text' },
          title: { type: 'text', fields: { raw: { type: 'keyword', copy_to: 'all' } } },
        },
      },
    })
    expect(from.status).toBe(400)
    expect(jsonAt(from.body, 'error', 'reason')).toBe(
      '[copy_to] may not be used to copy from a multi-field: [title.raw]',
    )
    expect((await node.send('HEAD', '/m')).status).toBe(404)
  })
})
