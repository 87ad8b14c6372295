// The `fields` option finds values written under dotted `_source` names (`"ml.tokens": {...}`) as ES 8.17's
// SourceValueFetcher and ArraySourceValueFetcher do (XContentMapValues.extractValue: at each object a key may be
// several path elements joined by dots), for the types fetched from `_source` as sent: sparse_vector,
// rank_features, flattened (its root and its keys), dense_vector, and the range types.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/i', {
    mappings: {
      properties: {
        ml: {
          properties: {
            tokens: { type: 'sparse_vector' },
            feats: { type: 'rank_features' },
            flat: { type: 'flattened' },
            vec: { type: 'dense_vector', dims: 2 },
            span: { type: 'integer_range' },
          },
        },
      },
    },
  })
  await node.send(
    'PUT',
    '/i/_doc/1?refresh=true',
    '{"ml.tokens":{"a":1.5},"ml":{"flat":{"k":"v"}},"ml.feats":{"x":2},"ml.vec":[1,2],' +
      '"ml.flat.other":"ignored","ml.span":[{"gte":1,"lte":3}]}',
  )
  await node.send(
    'PUT',
    '/i/_doc/2?refresh=true',
    '{"ml":[{"tokens":{"b":1}},{"feats.y":1}],"ml.tokens":{"c":2},"ml.feats":{"x":2},"ml.flat":{"k.j":"w"}}',
  )
})

async function fields(id: string, field: string): Promise<string> {
  const response = await node.send('POST', `/i/_search?filter_path=hits.hits.fields`, {
    query: { ids: { values: [id] } },
    fields: [field],
  })
  return response.body
}

describe('the fields option on dotted _source names', () => {
  it('finds sparse_vector, rank_features, dense_vector and range values under dotted names', async () => {
    expect(await fields('1', 'ml.tokens')).toBe('{"hits":{"hits":[{"fields":{"ml.tokens":[{"a":1.5}]}}]}}')
    expect(await fields('1', 'ml.feats')).toBe('{"hits":{"hits":[{"fields":{"ml.feats":[{"x":2}]}}]}}')
    expect(await fields('1', 'ml.vec')).toBe('{"hits":{"hits":[{"fields":{"ml.vec":[1,2]}}]}}')
    expect(await fields('1', 'ml.span')).toBe(
      '{"hits":{"hits":[{"fields":{"ml.span":[{"gte":1,"lte":3}]}}]}}',
    )
  })

  it("finds a flattened field's root and a key's value", async () => {
    expect(await fields('1', 'ml.flat')).toBe('{"hits":{"hits":[{"fields":{"ml.flat":[{"k":"v"}]}}]}}')
    expect(await fields('1', 'ml.flat.k')).toBe('{"hits":{"hits":[{"fields":{"ml.flat.k":["v"]}}]}}')
    expect(await fields('2', 'ml.flat')).toBe('{"hits":{"hits":[{"fields":{"ml.flat":[{"k.j":"w"}]}}]}}')
    expect(await fields('2', 'ml.flat.k.j')).toBe('{"hits":{"hits":[{"fields":{"ml.flat.k.j":["w"]}}]}}')
    await node.send('PUT', '/i/_doc/3?refresh=true', '{"ml":{"flat":[{"a":1},{"a":[2,3]}]}}')
    expect(await fields('3', 'ml.flat.a')).toBe('{"hits":{"hits":[{"fields":{"ml.flat.a":[1,2,3]}}]}}')
  })

  it('walks arrays of objects and takes every spelling of the path, but a dotted name must spell a leaf whole', async () => {
    // extractValue gives [[{b}], {c}] (`ml` before `ml.tokens`); SourceValueFetcher's queue unwraps it breadth first
    expect(await fields('2', 'ml.tokens')).toBe(
      '{"hits":{"hits":[{"fields":{"ml.tokens":[{"c":2},{"b":1}]}}]}}',
    )
    // `feats.y` inside `ml` indexes a feature of ml.feats, but extractValue finds no `feats` key there
    expect(await fields('2', 'ml.feats')).toBe('{"hits":{"hits":[{"fields":{"ml.feats":[{"x":2}]}}]}}')
  })
})
