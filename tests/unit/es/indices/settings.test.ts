// Index settings through EsNode: GET _settings as ES 8.17 prints it (structured in HashMap order, as the
// get-settings docs example shows, or flat and sorted with flat_settings), name patterns, and PUT _settings
// with MetadataUpdateSettingsService's rules and error texts (indices.put_settings YAML tests).
import { beforeEach, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { jsonAt, jsonKeysAt } from './json-at.ts'

let node: TestNode
let uuid: string

beforeEach(async () => {
  node = await startNode()
  await node.send('PUT', '/my-index-000001')
  const settings = (await node.send('GET', '/my-index-000001/_settings')).body
  uuid = String(jsonAt(settings, 'my-index-000001', 'settings', 'index', 'uuid'))
})

const errorOf = async (method: 'GET' | 'PUT', path: string, body?: object) => {
  const response = await node.send(method, path, body)
  const text = response.body
  return {
    status: response.status,
    type: jsonAt(text, 'error', 'type'),
    reason: jsonAt(text, 'error', 'reason'),
  }
}

describe('GET _settings', () => {
  test('nested, each level in the order of the HashMap ES builds it in', async () => {
    expect((await node.send('GET', '/my-index-000001/_settings?pretty')).body).toBe(
      [
        '{',
        '  "my-index-000001" : {',
        '    "settings" : {',
        '      "index" : {',
        '        "routing" : {',
        '          "allocation" : {',
        '            "include" : {',
        '              "_tier_preference" : "data_content"',
        '            }',
        '          }',
        '        },',
        '        "number_of_shards" : "1",',
        '        "provided_name" : "my-index-000001",',
        '        "creation_date" : "1767225600100",',
        '        "number_of_replicas" : "1",',
        `        "uuid" : "${uuid}",`,
        '        "version" : {',
        '          "created" : "8521000"',
        '        }',
        '      }',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    )
  })

  test('flat_settings: dotted keys in sorted order', async () => {
    expect((await node.send('GET', '/my-index-000001/_settings?flat_settings=true')).body).toBe(
      '{"my-index-000001":{"settings":{"index.creation_date":"1767225600100","index.number_of_replicas":"1",' +
        '"index.number_of_shards":"1","index.provided_name":"my-index-000001",' +
        '"index.routing.allocation.include._tier_preference":"data_content",' +
        `"index.uuid":"${uuid}","index.version.created":"8521000"}}}`,
    )
  })

  test('names filter by pattern; /_settings covers every index', async () => {
    await node.send('PUT', '/other')
    expect((await node.send('GET', '/my-index-000001/_settings/index.number_*?flat_settings')).body).toBe(
      '{"my-index-000001":{"settings":{"index.number_of_replicas":"1","index.number_of_shards":"1"}}}',
    )
    expect(jsonKeysAt((await node.send('GET', '/_settings')).body)).toEqual(['my-index-000001', 'other'])
    expect((await node.send('GET', '/nope/_settings')).status).toBe(404)
  })

  test('human (present at all, as RestGetSettingsAction reads it) adds the readable creation date and version', async () => {
    const path = '/my-index-000001/_settings/index.creation*,index.version.*?flat_settings'
    expect((await node.send('GET', path)).body).toBe(
      '{"my-index-000001":{"settings":{"index.creation_date":"1767225600100","index.version.created":"8521000"}}}',
    )
    const human =
      '{"my-index-000001":{"settings":{"index.creation_date":"1767225600100",' +
      '"index.creation_date_string":"2026-01-01T00:00:00.100Z","index.version.created":"8521000",' +
      '"index.version.created_string":"8.17.0"}}}'
    expect((await node.send('GET', `${path}&human`)).body).toBe(human)
    expect((await node.send('GET', `${path}&human=false`)).body).toBe(human)
  })

  test('a name of _all alone is every setting (paramAsStringArrayOrEmptyIfAll; indices.get_settings/10_basic)', async () => {
    const all = (await node.send('GET', '/my-index-000001/_settings?flat_settings')).body
    expect((await node.send('GET', '/my-index-000001/_settings/_all?flat_settings')).body).toBe(all)
    // In a list, `_all` is a setting name like any other.
    expect(
      (await node.send('GET', '/my-index-000001/_settings/_all,index.number_of_shards?flat_settings')).body,
    ).toBe('{"my-index-000001":{"settings":{"index.number_of_shards":"1"}}}')
  })
})

describe('PUT _settings', () => {
  test('number_of_replicas and refresh_interval change; the new values show in GET _settings', async () => {
    const response = await node.send('PUT', '/my-index-000001/_settings', {
      index: { number_of_replicas: 0, refresh_interval: '30s' },
    })
    expect(response).toMatchObject({ status: 200, body: '{"acknowledged":true}' })
    const flat = (await node.send('GET', '/my-index-000001/_settings?flat_settings')).body
    expect(jsonAt(flat, 'my-index-000001', 'settings')).toMatchObject({
      'index.number_of_replicas': '0',
      'index.refresh_interval': '30s',
    })
    const nested = (await node.send('GET', '/my-index-000001/_settings')).body
    expect(jsonKeysAt(nested, 'my-index-000001', 'settings', 'index')).toEqual([
      'routing',
      'refresh_interval',
      'number_of_shards',
      'provided_name',
      'creation_date',
      'number_of_replicas',
      'uuid',
      'version',
    ])
  })

  test('the accepted spellings: flat, dotted, without prefix, wrapped in "settings"', async () => {
    for (const [body, replicas] of [
      [{ 'index.number_of_replicas': 2 }, '2'],
      [{ number_of_replicas: '3' }, '3'],
      [{ settings: { index: { number_of_replicas: 4 } } }, '4'],
    ] as const) {
      expect((await node.send('PUT', '/my-index-000001/_settings', body)).status).toBe(200)
      const got = (await node.send('GET', '/my-index-000001/_settings/index.number_of_replicas')).body
      expect(jsonAt(got, 'my-index-000001', 'settings', 'index', 'number_of_replicas')).toBe(replicas)
    }
  })

  test('null resets a setting to its default', async () => {
    await node.send('PUT', '/my-index-000001/_settings', {
      index: { refresh_interval: '-1', number_of_replicas: 0 },
    })
    await node.send('PUT', '/my-index-000001/_settings', {
      index: { refresh_interval: null, number_of_replicas: null },
    })
    const flat = (await node.send('GET', '/my-index-000001/_settings?flat_settings')).body
    expect(jsonAt(flat, 'my-index-000001', 'settings', 'index.refresh_interval')).toBeUndefined()
    expect(jsonAt(flat, 'my-index-000001', 'settings', 'index.number_of_replicas')).toBe('1')
  })

  test('refresh_interval -1 stops scheduled refreshes', async () => {
    await node.send('PUT', '/my-index-000001/_settings', { index: { refresh_interval: '-1' } })
    await node.send('PUT', '/my-index-000001/_doc/1', { a: 1 })
    await node.clock.sleep(60_000)
    expect((await node.send('GET', '/_cat/count/my-index-000001?h=count')).body).toBe('0\n')
    await node.send('POST', '/my-index-000001/_refresh')
    expect((await node.send('GET', '/_cat/count/my-index-000001?h=count')).body).toBe('1\n')
  })

  test('a static setting on an open index: the exact MetadataUpdateSettingsService message', async () => {
    expect(await errorOf('PUT', '/my-index-000001/_settings', { index: { number_of_shards: 3 } })).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      reason: `Can't update non dynamic settings [[index.number_of_shards]] for open indices [[my-index-000001/${uuid}]]`,
    })
  })

  test('unknown, private and badly valued settings', async () => {
    expect(await errorOf('PUT', '/my-index-000001/_settings', { index: { foo: 1 } })).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      reason:
        'unknown setting [index.foo] please check that any required plugins are installed, or check the breaking changes documentation for removed settings',
    })
    expect((await errorOf('PUT', '/my-index-000001/_settings', { number_of_replica: 1 })).reason).toBe(
      'unknown setting [index.number_of_replica] did you mean [index.number_of_replicas]?',
    )
    expect((await errorOf('PUT', '/my-index-000001/_settings', { 'index.uuid': 'x' })).reason).toBe(
      'can not update private setting [index.uuid]; this setting is managed by Elasticsearch',
    )
    expect((await errorOf('PUT', '/my-index-000001/_settings', { number_of_replicas: 'two' })).reason).toBe(
      'Failed to parse value [two] for setting [index.number_of_replicas]',
    )
    expect((await errorOf('PUT', '/my-index-000001/_settings', { number_of_replicas: -1 })).reason).toBe(
      'Failed to parse value [-1] for setting [index.number_of_replicas] must be >= 0',
    )
    expect((await errorOf('PUT', '/my-index-000001/_settings', { refresh_interval: '5x' })).reason).toBe(
      'failed to parse setting [index.refresh_interval] with value [5x] as a time value: unit is missing or unrecognized',
    )
    expect(await errorOf('PUT', '/my-index-000001/_settings', {})).toEqual({
      status: 400,
      type: 'action_request_validation_exception',
      reason: 'Validation Failed: 1: no settings to update;',
    })
  })

  test('settings given at creation: refresh_interval kept as written', async () => {
    await node.send('PUT', '/created', { settings: { 'index.refresh_interval': '5s', number_of_shards: 2 } })
    const flat = (await node.send('GET', '/created/_settings?flat_settings')).body
    expect(jsonAt(flat, 'created', 'settings')).toMatchObject({
      'index.refresh_interval': '5s',
      'index.number_of_shards': '2',
    })
  })
})

describe('a list value (Settings.fromXContent: strings, numbers and booleans only)', () => {
  const refused = {
    status: 500,
    type: 'illegal_state_exception',
    reason: 'only value lists are allowed in serialized settings',
  }

  test('an analyzer defined with an inline filter object fails index creation, which creates nothing', async () => {
    const analyzer = { tokenizer: 'standard', filter: ['lowercase', { type: 'stop', stopwords: ['a'] }] }
    const body = { settings: { analysis: { analyzer: { my: analyzer } } } }
    expect(await errorOf('PUT', '/inline-filter', body)).toEqual(refused)
    expect((await node.send('GET', '/inline-filter')).status).toBe(404)
  })

  test('a null or a list inside a list fails PUT _settings and _cluster/settings alike', async () => {
    const body = { index: { 'routing.allocation.include._name': ['a', null] } }
    expect(await errorOf('PUT', '/my-index-000001/_settings', body)).toEqual(refused)
    const cluster = { persistent: { 'cluster.routing.allocation.exclude._name': [['a']] } }
    expect(await errorOf('PUT', '/_cluster/settings', cluster)).toEqual(refused)
  })
})
