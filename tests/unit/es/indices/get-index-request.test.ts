// GET /<index> as the YAML REST test indices.get/10_basic.yml expects: the request's indices options over
// strictExpandOpen, the `features` filter and `human` settings.
import { beforeEach, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeEach(async () => {
  node = await startNode()
  await node.send('PUT', '/test_index', {
    settings: { number_of_replicas: 0 },
    mappings: { properties: { foo: { type: 'keyword' } } },
    aliases: { test_alias: {} },
  })
  await node.send('PUT', '/test_index_2', { settings: { number_of_replicas: 0 } })
  await node.send('PUT', '/test_index_3', { settings: { number_of_replicas: 0 } })
  await node.send('POST', '/test_index_3/_close')
})

const get = async (
  path: string,
): Promise<{ status: number; body: Record<string, Record<string, unknown>> }> => {
  const response = await node.send('GET', path)
  return {
    status: response.status,
    body: JSON.parse(response.body) as Record<string, Record<string, unknown>>,
  }
}

it('reads expand_wildcards, ignore_unavailable and allow_no_indices', async () => {
  expect(Object.keys((await get('/test_index_*')).body)).toEqual(['test_index_2'])
  expect(Object.keys((await get('/test_index_*?expand_wildcards=closed')).body)).toEqual(['test_index_3'])
  expect(Object.keys((await get('/test_index_*?expand_wildcards=open,closed')).body)).toEqual([
    'test_index_2',
    'test_index_3',
  ])
  expect(await get('/test_not_found?ignore_unavailable=true')).toEqual({ status: 200, body: {} })
  expect(await get('/test_not*')).toEqual({ status: 200, body: {} })
  expect((await get('/test_not*?allow_no_indices=false')).status).toBe(404)
})

it('fills only the features asked for, leaving the others empty, and refuses unknown ones together', async () => {
  const some = (await get('/test_index?features=aliases,settings')).body.test_index!
  expect(Object.keys(some)).toEqual(['aliases', 'mappings', 'settings'])
  expect(some.aliases).toEqual({ test_alias: {} })
  expect(some.mappings).toEqual({})
  expect(Object.keys(some.settings as object)).toEqual(['index'])
  const mappingsOnly = (await get('/test_index?features=MAPPINGS,mappings')).body.test_index!
  expect(mappingsOnly).toEqual({
    aliases: {},
    mappings: { properties: { foo: { type: 'keyword' } } },
    settings: {},
  })
  expect(Object.keys((await get('/test_index')).body.test_index!)).toEqual([
    'aliases',
    'mappings',
    'settings',
  ])
  const invalid = await get('/test_index?features=aliases,foo,bar')
  expect(invalid.status).toBe(400)
  expect(invalid.body.error).toMatchObject({
    type: 'illegal_argument_exception',
    reason: 'Invalid features specified [foo,bar]',
  })
})

it('adds the human readable creation date and version with ?human', async () => {
  const plain = await get('/test_index?flat_settings=true')
  const settings = plain.body.test_index!.settings as Record<string, string>
  expect(settings['index.creation_date_string']).toBeUndefined()
  expect(settings['index.version.created_string']).toBeUndefined()
  const human = await get('/test_index?flat_settings=true&human=true')
  const humanSettings = human.body.test_index!.settings as Record<string, string>
  const created = Number(settings['index.creation_date'])
  expect(humanSettings['index.version.created_string']).toBe('8.17.0')
  expect(humanSettings['index.creation_date_string']).toBe(
    new Date(created)
      .toISOString()
      .replace(/\.000Z$/, 'Z')
      .replace(/:00Z$/, 'Z'),
  )
  expect(Object.keys(humanSettings)).toEqual([...Object.keys(humanSettings)].sort())
})

it('adds the defaults after the settings with include_defaults, when the settings are asked for', async () => {
  const withDefaults = (await get('/test_index?include_defaults&flat_settings')).body.test_index!
  expect(Object.keys(withDefaults)).toEqual(['aliases', 'mappings', 'settings', 'defaults'])
  expect(withDefaults.defaults).toMatchObject({ 'index.refresh_interval': '1s', 'index.hidden': 'false' })
  const nested = (await get('/test_index?include_defaults')).body.test_index!
  expect(nested.defaults).toMatchObject({ index: { refresh_interval: '1s' } })
  expect(
    (await get('/test_index?include_defaults&features=aliases')).body.test_index!.defaults,
  ).toBeUndefined()
  expect((await get('/test_index')).body.test_index!.defaults).toBeUndefined()
})
