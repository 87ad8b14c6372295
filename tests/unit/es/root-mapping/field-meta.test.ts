// A mapped field's `meta` (FieldMapper.Parameter.metaParam over TypeParsers.parseMeta, ES 8.17): checked as a runtime
// field's is, kept sorted by key, an empty object left out of GET _mapping as the parameter's default.
import { beforeEach, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeEach(async () => {
  node = await startNode()
})

function mappingFailure(reason: string): string {
  return (
    `{"error":{"root_cause":[{"type":"mapper_parsing_exception","reason":${JSON.stringify(reason)}}],` +
    `"type":"mapper_parsing_exception","reason":${JSON.stringify(`Failed to parse mapping: ${reason}`)},` +
    `"caused_by":{"type":"mapper_parsing_exception","reason":${JSON.stringify(reason)}}},"status":400}`
  )
}

describe('field meta', () => {
  test('sorted by key; an empty meta is not printed', async () => {
    await node.send('PUT', '/m', {
      mappings: {
        properties: {
          k: { type: 'keyword', meta: { unit: 'ms', a: 'b' } },
          n: { type: 'long', meta: {} },
          c: { type: 'constant_keyword', meta: { z: 'y', b: 'x' } },
        },
      },
    })
    expect((await node.send('GET', '/m/_mapping')).body).toBe(
      '{"m":{"mappings":{"properties":{"c":{"type":"constant_keyword","meta":{"b":"x","z":"y"}},' +
        '"k":{"type":"keyword","meta":{"a":"b","unit":"ms"}},"n":{"type":"long"}}}}}',
    )
  })

  test.each([
    [
      { type: 'keyword', meta: { a: 1 } },
      '[meta] values can only be strings, but got Integer[1] for field [f]',
    ],
    [{ type: 'text', meta: 'x' }, '[meta] must be an object, got String[x] for field [f]'],
    [
      { type: 'geo_point', meta: { a: true } },
      '[meta] values can only be strings, but got Boolean[true] for field [f]',
    ],
    [{ type: 'constant_keyword', meta: { a: null } }, "[meta] values can't be null (field [f])"],
    [
      { type: 'long', meta: { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' } },
      "[meta] can't have more than 5 entries, but got 6 on field [f]",
    ],
    [
      { type: 'date', meta: { abcdefghijklmnopqrstu: 'x' } },
      "[meta] keys can't be longer than 20 chars, but got [abcdefghijklmnopqrstu] for field [f]",
    ],
  ])('%j is refused', async (definition, reason) => {
    await node.send('PUT', '/m', {})
    const response = await node.send('PUT', '/m/_mapping', { properties: { f: definition } })
    expect(response).toMatchObject({ status: 400, body: mappingFailure(reason) })
  })
})
