// The `scaled_float` field type over REST, as ES 8.17's ScaledFloatFieldMapper answers (YAML test
// mapper-extras scaled_float/10_basic and the mapper's unit tests): values kept as round(value × factor).
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function numbers(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/test', {
    mappings: { properties: { number: { type: 'scaled_float', scaling_factor: 100 } } },
  })
  for (const [id, number] of [
    ['1', 1],
    ['2', 1.53],
    ['3', -2.1],
    ['4', 1.53],
  ] as const)
    await node.send('PUT', `/test/_doc/${id}`, { number })
  await node.send('POST', '/test/_refresh')
  return node
}

async function search(node: TestNode, body: object): Promise<Record<string, unknown>> {
  const response = await node.send('POST', '/test/_search', body)
  expect(response.status).toBe(200)
  return JSON.parse(response.body) as Record<string, unknown>
}

async function total(node: TestNode, query: object): Promise<number> {
  const result = (await search(node, { size: 0, query })) as { hits: { total: { value: number } } }
  return result.hits.total.value
}

describe('scaled_float fields', () => {
  it('requires a positive scaling_factor and prints it as a double', async () => {
    const node = await startNode()
    const missing = await node.send('PUT', '/a', {
      mappings: { properties: { p: { type: 'scaled_float' } } },
    })
    expect(missing.status).toBe(400)
    expect(missing.body).toBe(
      '{"error":{"root_cause":[{"type":"mapper_parsing_exception","reason":"Failed to parse mapping: Field ' +
        '[scaling_factor] is required"}],"type":"mapper_parsing_exception","reason":"Failed to parse mapping: Field ' +
        '[scaling_factor] is required","caused_by":{"type":"illegal_argument_exception","reason":"Field ' +
        '[scaling_factor] is required"}},"status":400}',
    )
    const negative = await node.send('PUT', '/a', {
      mappings: { properties: { p: { type: 'scaled_float', scaling_factor: -1 } } },
    })
    expect(negative.body).toContain(
      '"reason":"Failed to parse mapping: [scaling_factor] must be a positive number, got [-1.0]"',
    )
    await node.send('PUT', '/a', {
      mappings: {
        properties: { p: { type: 'scaled_float', scaling_factor: 10, coerce: true, null_value: 2 } },
      },
    })
    const mapping = await node.send('GET', '/a/_mapping')
    expect(mapping.body).toBe(
      '{"a":{"mappings":{"properties":{"p":{"type":"scaled_float","scaling_factor":10.0,"null_value":2.0}}}}}',
    )
    const change = await node.send('PUT', '/a/_mapping', {
      properties: { p: { type: 'scaled_float', scaling_factor: 100, null_value: 2 } },
    })
    expect(change.body).toContain(
      '"reason":"Mapper for [p] conflicts with existing mapper:\\n\\tCannot update parameter [scaling_factor] from ' +
        '[10.0] to [100.0]"',
    )
  })

  it('fails values that are not finite numbers', async () => {
    const node = await numbers()
    const text = await node.send('PUT', '/test/_doc/9', { number: 'abc' })
    expect(text.body).toBe(
      '{"error":{"root_cause":[{"type":"document_parsing_exception","reason":"[1:11] failed to parse field [number] ' +
        "of type [scaled_float] in document with id '9'. Preview of field's value: 'abc'\"}],\"type\":" +
        '"document_parsing_exception","reason":"[1:11] failed to parse field [number] of type [scaled_float] in ' +
        'document with id \'9\'. Preview of field\'s value: \'abc\'","caused_by":{"type":"number_format_exception",' +
        '"reason":"For input string: \\"abc\\""}},"status":400}',
    )
    const nan = await node.send('PUT', '/test/_doc/9', { number: 'NaN' })
    expect(nan.body).toContain(
      '"caused_by":{"type":"illegal_argument_exception",' +
        '"reason":"[scaled_float] only supports finite values, but got [NaN]"}',
    )
  })

  it('aggregates, searches and sorts the scaled values (10_basic.yml)', async () => {
    const node = await numbers()
    const aggs = (await search(node, { size: 0, aggs: { my_terms: { terms: { field: 'number' } } } })) as {
      aggregations: unknown
    }
    expect(JSON.stringify(aggs.aggregations)).toBe(
      '{"my_terms":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":1.53,"doc_count":2},' +
        '{"key":-2.1,"doc_count":1},{"key":1,"doc_count":1}]}}',
    )
    expect(await total(node, { range: { number: { gte: -2 } } })).toBe(3)
    expect(await total(node, { range: { number: { gte: 0 } } })).toBe(3)
    expect(await total(node, { range: { number: { lt: 1.5 } } })).toBe(2)
    // inputs are scaled and rounded as ScaledFloatFieldType does: 1.534 → 153, 1.525 ≤ x → 153 ≤ x
    expect(await total(node, { term: { number: 1.534 } })).toBe(2)
    expect(await total(node, { range: { number: { gte: 1.525 } } })).toBe(2)
    expect(await total(node, { range: { number: { gt: 1.53 } } })).toBe(0)
    const sorted = await node.send('POST', '/test/_search', {
      size: 1,
      sort: { number: { order: 'asc' } },
      docvalue_fields: ['number'],
      fields: ['number'],
      _source: false,
    })
    expect(sorted.body).toContain('"sort":[-2.1]')
    expect(sorted.body).toContain('"fields":{"number":[-2.1]}')
  })

  it('keeps _source as sent and prints the rounded value in fields', async () => {
    const node = await startNode()
    await node.send('PUT', '/p', {
      mappings: { properties: { price: { type: 'scaled_float', scaling_factor: 10 } } },
    })
    await node.send('PUT', '/p/_doc/1?refresh=true', { price: '12.34' })
    const hit = await node.send('POST', '/p/_search', { fields: ['price'], docvalue_fields: ['price'] })
    expect(hit.body).toContain('"_source":{"price":"12.34"},"fields":{"price":[12.3]}')
    const sum = await node.send('POST', '/p/_search', { size: 0, aggs: { s: { sum: { field: 'price' } } } })
    expect(sum.body).toContain('"aggregations":{"s":{"value":12.3}}')
  })
})
