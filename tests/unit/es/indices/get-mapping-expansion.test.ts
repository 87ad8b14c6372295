// GET {index}/_mapping and GET {index}/_mapping/field/{fields} over closed and missing indices and wildcards, as the
// YAML REST tests indices.get_mapping/30_missing_index.yml and 50_wildcard_expansion.yml and
// indices.get_field_mapping/20_missing_field.yml, 40_missing_index.yml and 50_field_wildcards.yml expect.
import { beforeEach, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeEach(async () => {
  node = await startNode()
  for (const [index, field] of [
    ['test-xxx', 'foo'],
    ['test-xxy', 'foo2'],
    ['test-xyy', 'foo3'],
    ['test-yyy', 'foo4'],
  ] as const) {
    await node.send('PUT', `/${index}`, {
      settings: { number_of_replicas: 0 },
      mappings: { properties: { [field]: { type: 'keyword' } } },
    })
  }
  await node.send('POST', '/test-xyy/_close')
})

const keys = async (path: string): Promise<string[]> =>
  Object.keys(JSON.parse((await node.send('GET', path)).body) as object)

it('expands wildcards to open indices unless expand_wildcards says otherwise (50_wildcard_expansion.yml)', async () => {
  expect(await keys('/test-x*/_mapping')).toEqual(['test-xxx', 'test-xxy'])
  expect(await keys('/test-x*/_mapping?expand_wildcards=all')).toEqual(['test-xxx', 'test-xxy', 'test-xyy'])
  expect(await keys('/test-x*/_mapping?expand_wildcards=open')).toEqual(['test-xxx', 'test-xxy'])
  expect(await keys('/test-x*/_mapping?expand_wildcards=closed')).toEqual(['test-xyy'])
  expect(await keys('/test-x*/_mapping?expand_wildcards=open,closed')).toEqual([
    'test-xxx',
    'test-xxy',
    'test-xyy',
  ])
  const none = await node.send('GET', '/test-x*/_mapping?expand_wildcards=none&ignore_unavailable=true')
  expect(none).toMatchObject({ status: 200, body: '{}' })
  for (const query of [
    'expand_wildcards=none&allow_no_indices=false&ignore_unavailable=true',
    'expand_wildcards=none&allow_no_indices=true&ignore_unavailable=false',
  ]) {
    expect((await node.send('GET', `/test-x*/_mapping?${query}`)).status).toBe(404)
  }
})

it('a closed index named is answered with its mapping', async () => {
  const closed = await node.send('GET', '/test-xyy/_mapping')
  expect(closed).toMatchObject({
    status: 200,
    body: '{"test-xyy":{"mappings":{"properties":{"foo3":{"type":"keyword"}}}}}',
  })
})

it('a missing index is a 404 unless ignored (30_missing_index.yml, 40_missing_index.yml)', async () => {
  expect((await node.send('GET', '/test_index/_mapping')).status).toBe(404)
  expect(await node.send('GET', '/test_index/_mapping?ignore_unavailable=true')).toMatchObject({
    status: 200,
    body: '{}',
  })
  const strict = await node.send('GET', '/test_index/_mapping?ignore_unavailable=true&allow_no_indices=false')
  expect(strict.status).toBe(404)
  expect((await node.send('GET', '/test_index/_mapping/field/field')).status).toBe(404)
})

it('field mappings: a missing field is an empty object; wildcards over indices and fields', async () => {
  expect((await node.send('GET', '/test-xxx/_mapping/field/not_existent')).body).toBe(
    '{"test-xxx":{"mappings":{}}}',
  )
  expect(await keys('/_all/_mapping/field/foo*')).toEqual(['test-xxx', 'test-xxy', 'test-yyy'])
  const pattern = JSON.parse((await node.send('GET', '/test-x*/_mapping/field/foo*')).body) as object
  expect(pattern).toEqual({
    'test-xxx': { mappings: { foo: { full_name: 'foo', mapping: { foo: { type: 'keyword' } } } } },
    'test-xxy': { mappings: { foo2: { full_name: 'foo2', mapping: { foo2: { type: 'keyword' } } } } },
  })
})
