// A mapping's property names and types as ObjectMapper.TypeParser.parseProperties reads them: a dotted name is
// objects holding a field of its last part, merged with the object notation; names are validated; a property
// without `type` is an object only with `properties` or `enabled` alone. Multi-fields as TypeParsers.parseMultiField
// reads them.
import { describe, expect, test } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'
import { jsonAt } from './json-at.ts'

async function createIndex(mappings: object): Promise<{ status: number; body: string; mapping: unknown }> {
  const node = await startNode()
  const response = await node.send('PUT', '/idx', { mappings })
  const mapping = (await node.send('GET', '/idx/_mapping')).body
  return { status: response.status, body: response.body, mapping: jsonAt(mapping, 'idx', 'mappings') }
}

/** The reason of the mapping's refusal, and its cause's type. */
async function refusal(properties: object): Promise<[unknown, unknown]> {
  const { status, body } = await createIndex({ properties })
  expect(status).toBe(400)
  expect(jsonAt(body, 'error', 'type')).toBe('mapper_parsing_exception')
  return [jsonAt(body, 'error', 'reason'), jsonAt(body, 'error', 'caused_by', 'type')]
}

describe('mapping property names', () => {
  test('a dotted name is objects, merged with the object notation; trailing dots are dropped', async () => {
    const { status, mapping } = await createIndex({
      properties: {
        'product.name': { type: 'text' },
        product: { properties: { id: { type: 'keyword' } } },
        'a.b.c': { type: 'long' },
        'd.': { type: 'boolean' },
      },
    })
    expect(status).toBe(200)
    expect(mapping).toEqual({
      properties: {
        a: { properties: { b: { properties: { c: { type: 'long' } } } } },
        d: { type: 'boolean' },
        product: { properties: { id: { type: 'keyword' }, name: { type: 'text' } } },
      },
    })
  })

  test('PUT _mapping with a dotted name merges into the existing object', async () => {
    const node = await startNode()
    await node.send('PUT', '/idx', {
      mappings: { properties: { author: { properties: { name: { type: 'text' } } } } },
    })
    const put = await node.send('PUT', '/idx/_mapping', {
      properties: { 'author.email': { type: 'keyword' } },
    })
    expect(put.status).toBe(200)
    const mapping = (await node.send('GET', '/idx/_mapping')).body
    expect(jsonAt(mapping, 'idx', 'mappings', 'properties', 'author')).toEqual({
      properties: { email: { type: 'keyword' }, name: { type: 'text' } },
    })
  })

  test('bad names, a missing type and conflicting notations are refused as ES refuses them', async () => {
    expect(await refusal({ '': { type: 'text' } })).toEqual([
      'Failed to parse mapping: field name cannot be an empty string',
      'illegal_argument_exception',
    ])
    expect(await refusal({ '  ': { type: 'text' } })).toEqual([
      'Failed to parse mapping: field name cannot contain only whitespaces',
      'illegal_argument_exception',
    ])
    expect(await refusal({ '...': { type: 'text' } })).toEqual([
      'Failed to parse mapping: field name cannot contain only dots',
      'illegal_argument_exception',
    ])
    expect(await refusal({ 'a..b': { type: 'text' } })).toEqual([
      'Failed to parse mapping: field name cannot be an empty string',
      'illegal_argument_exception',
    ])
    expect(await refusal({ a: {} })).toEqual([
      'Failed to parse mapping: No type specified for field [a]',
      'mapper_parsing_exception',
    ])
    expect(await refusal({ a: { dynamic: 'strict' } })).toEqual([
      'Failed to parse mapping: No type specified for field [a]',
      'mapper_parsing_exception',
    ])
    expect(await refusal({ a: 'text' })).toEqual([
      'Failed to parse mapping: Expected map for property [fields] on field [a] but got a class java.lang.String',
      'mapper_parsing_exception',
    ])
    expect(await refusal({ a: { type: 'text' }, 'a.b': { type: 'keyword' } })).toEqual([
      'Failed to parse mapping: mapper [a] cannot be changed from type [text] to [object]',
      'illegal_argument_exception',
    ])
    expect(await refusal({ 'a.b': { type: 'keyword' }, a: { type: 'text' } })).toEqual([
      "Failed to parse mapping: can't merge a non object mapping [a] with an object mapping",
      'illegal_argument_exception',
    ])
  })

  test('an object is implied by properties or enabled alone; an empty list is skipped', async () => {
    const { status, mapping } = await createIndex({
      properties: { off: { enabled: false }, empty: { properties: {} }, skipped: [] },
    })
    expect(status).toBe(200)
    expect(mapping).toEqual({
      properties: { empty: { type: 'object' }, off: { type: 'object', enabled: false } },
    })
  })

  test('multi-fields: no dot, an object definition with a leaf type', async () => {
    const text = (fields: object) => ({ t: { type: 'text', fields } })
    expect((await refusal(text({ 'raw.x': { type: 'keyword' } })))[0]).toBe(
      "Failed to parse mapping: Field name [raw.x] which is a multi field of [t] cannot contain '.'",
    )
    expect((await refusal(text({ raw: 'keyword' })))[0]).toBe(
      'Failed to parse mapping: illegal field [raw], only fields can be specified inside fields',
    )
    expect((await refusal(text({ raw: { index: false } })))[0]).toBe(
      'Failed to parse mapping: no type specified for property [raw]',
    )
    expect((await refusal(text({ raw: { type: 'strng' } })))[0]).toBe(
      'Failed to parse mapping: no handler for type [strng] declared on field [raw]',
    )
    expect((await refusal(text({ raw: { type: 'nested' } })))[0]).toBe(
      'Failed to parse mapping: Type [nested] cannot be used in multi field',
    )
  })

  test('a multi-field with multi-fields of its own is refused (TypeParsers.parseMultiField, 8.0+ indices)', async () => {
    const chained = { type: 'keyword', fields: { lower: { type: 'keyword' } } }
    expect(await refusal({ t: { type: 'text', fields: { raw: chained } } })).toEqual([
      'Failed to parse mapping: Encountered a multi-field [raw] which itself contains a multi-field. ' +
        'Defining chained multi-fields is not supported.',
      'illegal_argument_exception',
    ])
  })
})
