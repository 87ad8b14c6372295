// Mappings through EsNode: PUT _mapping merges as MapperService does and refuses changes with ES 8's
// illegal_argument_exception texts (indices.put_mapping YAML tests, the "Update mapping API" docs); the
// typed ES 6 requests get ES 8's own answers; GET _mapping/field; HEAD /<index>. Also mergeMapping's
// algebra checked by fast-check (adding disjoint fields is a union; merging a mapping into itself changes
// nothing).
import { beforeEach, describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { mergeMapping } from '../../../../workers/es/index/mapper/mapping-merge.ts'
import type { FieldMapping, Mapping } from '../../../../workers/es/index/mapper/mapping.ts'
import { jsonAt, jsonKeysAt } from './json-at.ts'

let node: TestNode

beforeEach(async () => {
  node = await startNode()
  await node.send('PUT', '/publications', {
    mappings: { properties: { id: { type: 'text' }, title: { type: 'text', analyzer: 'english' } } },
  })
})

const reasonOf = async (method: 'PUT' | 'GET', path: string, body?: object | string) => {
  const response = await node.send(method, path, body)
  const text = response.body
  return {
    status: response.status,
    type: jsonAt(text, 'error', 'type'),
    reason: jsonAt(text, 'error', 'reason'),
  }
}

describe('PUT _mapping', () => {
  test('adds new fields, objects merge field by field', async () => {
    const put = await node.send('PUT', '/publications/_mapping', {
      properties: { author: { properties: { name: { type: 'keyword' } } }, year: { type: 'long' } },
    })
    expect(put).toMatchObject({ status: 200, body: '{"acknowledged":true}' })
    await node.send('PUT', '/publications/_mapping', {
      properties: { author: { properties: { id: { type: 'long' } } } },
    })
    expect((await node.send('GET', '/publications/_mapping')).body).toBe(
      '{"publications":{"mappings":{"properties":{' +
        '"author":{"properties":{"id":{"type":"long"},"name":{"type":"keyword"}}},' +
        '"id":{"type":"text"},"title":{"type":"text","analyzer":"english"},"year":{"type":"long"}}}}}',
    )
  })

  test('a type change is refused', async () => {
    await node.send('PUT', '/publications/_mapping', { properties: { count: { type: 'long' } } })
    expect(
      await reasonOf('PUT', '/publications/_mapping', { properties: { count: { type: 'text' } } }),
    ).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      reason: 'mapper [count] cannot be changed from type [long] to [text]',
    })
  })

  test('objects and leaves do not turn into each other', async () => {
    await node.send('PUT', '/publications/_mapping', {
      properties: { owner: { properties: { n: { type: 'long' } } } },
    })
    expect(
      (await reasonOf('PUT', '/publications/_mapping', { properties: { owner: { type: 'keyword' } } }))
        .reason,
    ).toBe("can't merge a non object mapping [owner] with an object mapping")
    expect(
      (
        await reasonOf('PUT', '/publications/_mapping', {
          properties: { id: { properties: { x: { type: 'long' } } } },
        })
      ).reason,
    ).toBe('mapper [id] cannot be changed from type [text] to [object]')
    expect(
      (
        await reasonOf('PUT', '/publications/_mapping', {
          properties: { owner: { properties: { n: { type: 'text' } } } },
        })
      ).reason,
    ).toBe('mapper [owner.n] cannot be changed from type [long] to [text]')
  })

  test('a parameter that cannot be updated, the default included', async () => {
    expect(
      (
        await reasonOf('PUT', '/publications/_mapping', {
          properties: { title: { type: 'text', analyzer: 'standard' } },
        })
      ).reason,
    ).toBe(
      'Mapper for [title] conflicts with existing mapper:\n\tCannot update parameter [analyzer] from [english] to [standard]',
    )
    expect(
      (await reasonOf('PUT', '/publications/_mapping', { properties: { title: { type: 'text' } } })).reason,
    ).toBe(
      'Mapper for [title] conflicts with existing mapper:\n\tCannot update parameter [analyzer] from [english] to [default]',
    )
    expect(
      (
        await reasonOf('PUT', '/publications/_mapping', {
          properties: { id: { type: 'text', analyzer: 'english' } },
        })
      ).reason,
    ).toBe(
      'Mapper for [id] conflicts with existing mapper:\n\tCannot update parameter [analyzer] from [default] to [english]',
    )
  })

  test('updatable parameters and multi-fields can be added', async () => {
    const put = await node.send('PUT', '/publications/_mapping', {
      properties: {
        id: {
          type: 'text',
          search_analyzer: 'simple',
          fields: { raw: { type: 'keyword', ignore_above: 10 } },
        },
      },
    })
    expect(put.status).toBe(200)
    const mapping = (await node.send('GET', '/publications/_mapping')).body
    expect(jsonAt(mapping, 'publications', 'mappings', 'properties', 'id')).toEqual({
      type: 'text',
      search_analyzer: 'simple',
      fields: { raw: { type: 'keyword', ignore_above: 10 } },
    })
  })

  test("a keyword's parameters: null_value, normalizer, index_options and the rest fixed, norms only turned off", async () => {
    await node.send('PUT', '/publications/_mapping', {
      properties: { tag: { type: 'keyword', null_value: 'x', norms: true } },
    })
    const conflict = async (tag: object) =>
      (await reasonOf('PUT', '/publications/_mapping', { properties: { tag: { type: 'keyword', ...tag } } }))
        .reason
    const refused = (...lines: string[]) =>
      ['Mapper for [tag] conflicts with existing mapper:', ...lines].join('\n\t')
    expect(await conflict({ null_value: 'y', norms: true })).toBe(
      refused('Cannot update parameter [null_value] from [x] to [y]'),
    )
    expect(await conflict({})).toBe(refused('Cannot update parameter [null_value] from [x] to [null]'))
    expect(
      await conflict({ null_value: 'x', index_options: 'freqs', index: false, normalizer: 'lowercase' }),
    ).toBe(
      refused(
        'Cannot update parameter [index] from [true] to [false]',
        'Cannot update parameter [index_options] from [docs] to [freqs]',
        'Cannot update parameter [normalizer] from [null] to [lowercase]',
      ),
    )
    const updated = await node.send('PUT', '/publications/_mapping', {
      properties: {
        tag: {
          type: 'keyword',
          null_value: 'x',
          eager_global_ordinals: true,
          split_queries_on_whitespace: true,
          ignore_above: 5,
        },
      },
    })
    expect(updated.status).toBe(200)
    expect(
      jsonAt(
        (await node.send('GET', '/publications/_mapping')).body,
        'publications',
        'mappings',
        'properties',
        'tag',
      ),
    ).toEqual({
      type: 'keyword',
      null_value: 'x',
      eager_global_ordinals: true,
      ignore_above: 5,
      split_queries_on_whitespace: true,
    })
    expect(await conflict({ null_value: 'x', norms: true })).toBe(
      refused('Cannot update parameter [norms] from [false] to [true]'),
    )
  })

  test('an analyzer the index does not have is refused, and nothing changes', async () => {
    const response = await node.send('PUT', '/publications/_mapping', {
      properties: { body: { type: 'text', analyzer: 'missing_one' } },
    })
    expect(response.status).toBe(400)
    const mapping = (await node.send('GET', '/publications/_mapping')).body
    expect(jsonKeysAt(mapping, 'publications', 'mappings', 'properties')).toEqual(['id', 'title'])
  })

  test('a typed mapping body: Root mapping definition has unsupported parameters', async () => {
    expect(
      await reasonOf('PUT', '/publications/_mapping', { record: { properties: { name: { type: 'text' } } } }),
    ).toEqual({
      status: 400,
      type: 'mapper_parsing_exception',
      reason:
        'Root mapping definition has unsupported parameters:  [record : {properties={name={type=text}}}]',
    })
  })

  test('a field type ES has no handler for (string, from ES 5 notes), and one the playground does not model', async () => {
    const before = (await node.send('GET', '/publications/_mapping')).body
    expect(
      await reasonOf('PUT', '/publications/_mapping', { properties: { name: { type: 'string' } } }),
    ).toEqual({
      status: 400,
      type: 'mapper_parsing_exception',
      reason: 'Failed to parse mapping: No handler for type [string] declared on field [name]',
    })
    expect(
      await reasonOf('PUT', '/publications/_mapping', {
        properties: { title: { type: 'text', fields: { pattern: { type: 'semantic_text' } } } },
      }),
    ).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      reason: 'the [semantic_text] field type is not available in the playground',
    })
    expect((await node.send('GET', '/publications/_mapping')).body).toBe(before)
  })

  test('missing body, missing index', async () => {
    expect(await reasonOf('PUT', '/publications/_mapping')).toEqual({
      status: 400,
      type: 'parse_exception',
      reason: 'request body is required',
    })
    expect((await reasonOf('PUT', '/nope/_mapping', { properties: {} })).status).toBe(404)
  })
})

describe('the typed ES 6 API in ES 8', () => {
  test.each([
    ['PUT', '/basketball/record/_mapping', { properties: { name: { type: 'text' } } }],
    ['PUT', '/publications/_mapping/record', { properties: { name: { type: 'text' } } }],
    ['PUT', '/idx/type/1', { a: 1 }],
    ['GET', '/publications/record/1', undefined],
  ] as const)('%s %s has no handler', async (method, path, body) => {
    const response = await node.send(method, path, body)
    expect(response.status).toBe(400)
    expect(response.body).toBe(`{"error":"no handler found for uri [${path}] and method [${method}]"}`)
  })
})

test('GET _mapping/field: by name or pattern, keyed by full name, the mapping by leaf name', async () => {
  await node.send('PUT', '/publications/_mapping', {
    properties: {
      author: {
        properties: { id: { type: 'long' }, name: { type: 'text', fields: { raw: { type: 'keyword' } } } },
      },
    },
  })
  expect((await node.send('GET', '/publications/_mapping/field/title')).body).toBe(
    '{"publications":{"mappings":{"title":{"full_name":"title","mapping":{"title":{"type":"text","analyzer":"english"}}}}}}',
  )
  expect((await node.send('GET', '/publications/_mapping/field/author.id,author.name.raw')).body).toBe(
    '{"publications":{"mappings":{"author.id":{"full_name":"author.id","mapping":{"id":{"type":"long"}}},' +
      '"author.name.raw":{"full_name":"author.name.raw","mapping":{"raw":{"type":"keyword"}}}}}}',
  )
  const pattern = (await node.send('GET', '/_mapping/field/author.*')).body
  expect(jsonKeysAt(pattern, 'publications', 'mappings').sort()).toEqual([
    'author.id',
    'author.name',
    'author.name.raw',
  ])
  expect((await node.send('GET', '/publications/_mapping/field/nope')).body).toBe(
    '{"publications":{"mappings":{}}}',
  )
})

test('HEAD /<index>: 200 or 404, no body', async () => {
  expect(await node.send('HEAD', '/publications')).toMatchObject({ status: 200, body: '' })
  expect(await node.send('HEAD', '/nope')).toMatchObject({ status: 404, body: '' })
})

describe('mergeMapping properties', () => {
  const leaf: fc.Arbitrary<FieldMapping> = fc.oneof(
    fc.constant<FieldMapping>({ type: 'long' }),
    fc.constant<FieldMapping>({ type: 'keyword', ignore_above: 256 }),
    fc.constant<FieldMapping>({ type: 'text', analyzer: 'english' }),
  )
  const properties = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), leaf, { maxKeys: 6 })

  test('merging disjoint fields is their union', () => {
    fc.assert(
      fc.property(properties, properties, (left, right) => {
        const onlyRight = Object.fromEntries(Object.entries(right).filter(([name]) => !(name in left)))
        const merged = mergeMapping({ properties: left }, { properties: onlyRight })
        expect(merged.properties).toEqual({ ...left, ...onlyRight })
      }),
    )
  })

  test('merging a mapping into itself changes nothing', () => {
    fc.assert(
      fc.property(properties, (props) => {
        const mapping: Mapping = { properties: { obj: { type: 'object', properties: props }, ...props } }
        expect(mergeMapping(mapping, mapping)).toEqual(mapping)
      }),
    )
  })
})
