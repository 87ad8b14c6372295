// The _cat API through EsNode, line by line as ES 8.17 prints it for a single node: primaries STARTED,
// replicas UNASSIGNED, health per index. Column layouts follow the ES docs examples for each cat API
// (default columns, `?v` headers, right-aligned numbers). Store sizes follow the playground's size model
// (249 bytes per empty shard plus each document's `_id` and `_source` bytes; see shard-stats.ts).
import { beforeEach, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { jsonAt } from '../indices/json-at.ts'

let node: TestNode
let uuid1: string
let uuid2: string

async function uuidOf(index: string): Promise<string> {
  return String(
    jsonAt((await node.send('GET', `/${index}/_settings`)).body, index, 'settings', 'index', 'uuid'),
  )
}

beforeEach(async () => {
  node = await startNode()
  await node.send('PUT', '/my-index-000001')
  await node.send('PUT', '/my-index-000002', { settings: { number_of_replicas: 0 } })
  await node.send('PUT', '/my-index-000001/_doc/1?refresh=true', '{"user":"kimchy"}')
  uuid1 = await uuidOf('my-index-000001')
  uuid2 = await uuidOf('my-index-000002')
})

describe('_cat/indices', () => {
  test('?v: default columns, yellow with an unassigned replica, green without replicas', async () => {
    const response = await node.send('GET', '/_cat/indices?v&s=index')
    expect(response).toMatchObject({ status: 200, contentType: 'text/plain' })
    expect(response.body).toBe(
      'health status index           uuid                   pri rep docs.count docs.deleted store.size pri.store.size dataset.size\n' +
        `yellow open   my-index-000001 ${uuid1}   1   1          1            0       267b           267b         267b\n` +
        `green  open   my-index-000002 ${uuid2}   1   0          0            0       249b           249b         249b\n`,
    )
  })

  test('documents count once refreshed, as the searcher sees them', async () => {
    await node.send('PUT', '/my-index-000002/_doc/a', '{"n":1}')
    expect((await node.send('GET', '/_cat/indices/my-index-000002?h=dc')).body).toBe('0\n')
    await node.clock.sleep(1000)
    expect((await node.send('GET', '/_cat/indices/my-index-000002?h=dc')).body).toBe('1\n')
  })

  test('an index expression, h= aliases, s= descending, bytes=b and health=', async () => {
    expect((await node.send('GET', '/_cat/indices/my-*?h=i,p,r,ss&s=i:desc&bytes=b')).body).toBe(
      'my-index-000002 1 0 249\n' + 'my-index-000001 1 1 267\n',
    )
    expect((await node.send('GET', '/_cat/indices?health=green&h=index')).body).toBe('my-index-000002\n')
    expect((await node.send('GET', '/_cat/indices/none-*?v&h=index')).body).toBe('index\n')
  })

  test('creation.date columns on request', async () => {
    expect((await node.send('GET', '/_cat/indices/my-index-000001?h=cd,cds')).body).toBe(
      '1767225600100 2026-01-01T00:00:00.100Z\n',
    )
  })

  test('format=json: every value a string', async () => {
    const response = await node.send('GET', '/_cat/indices/my-index-000002?format=json')
    expect(response.contentType).toBe('application/json')
    expect(jsonAt(response.body)).toEqual([
      {
        health: 'green',
        status: 'open',
        index: 'my-index-000002',
        uuid: uuid2,
        pri: '1',
        rep: '0',
        'docs.count': '0',
        'docs.deleted': '0',
        'store.size': '249b',
        'pri.store.size': '249b',
        'dataset.size': '249b',
      },
    ])
  })

  test('a missing index is index_not_found_exception', async () => {
    const response = await node.send('GET', '/_cat/indices/nope')
    expect(response.status).toBe(404)
    expect(jsonAt(response.body, 'error', 'reason')).toBe('no such index [nope]')
  })
})

test('_cat/shards?v: one line per copy; an unassigned replica has only its first four cells', async () => {
  expect((await node.send('GET', '/_cat/shards?v')).body).toBe(
    'index           shard prirep state      docs store dataset ip        node\n' +
      'my-index-000001 0     p      STARTED       1  267b    267b 127.0.0.1 es01\n' +
      'my-index-000001 0     r      UNASSIGNED' +
      ' '.repeat(30) +
      '\n' +
      'my-index-000002 0     p      STARTED       0  249b    249b 127.0.0.1 es01\n',
  )
  expect((await node.send('GET', '/_cat/shards/my-index-000001?h=prirep,state,ur&s=prirep:desc')).body).toBe(
    'r UNASSIGNED INDEX_CREATED\n' + 'p STARTED    \n',
  )
})

test('_cat/health?v: one row, timestamped, the active shard percentage with one decimal', async () => {
  expect((await node.send('GET', '/_cat/health?v')).body).toBe(
    'epoch      timestamp cluster        status node.total node.data shards pri relo init unassign unassign.pri pending_tasks max_task_wait_time active_shards_percent\n' +
      '1767225600 00:00:00  docker-cluster yellow          1         1      2   2    0    0        1            0             0                  -                 66.7%\n',
  )
  expect((await node.send('GET', '/_cat/health?ts=false&h=st,asp')).body).toBe('yellow 66.7%\n')
})

test('_cat/count counts searchable documents, for all indices or some', async () => {
  await node.send('PUT', '/my-index-000002/_doc/2?refresh=true', '{"user":"other"}')
  expect((await node.send('GET', '/_cat/count?v')).body).toBe(
    'epoch      timestamp count\n' + '1767225600 00:00:00      2\n',
  )
  expect((await node.send('GET', '/_cat/count/my-index-000002')).body).toBe('1767225600 00:00:00 1\n')
})

test('_cat/count counts the hits of its query: the URI `q` with its options, or the body `query`', async () => {
  await node.send('PUT', '/my-index-000002/_doc/2?refresh=true', '{"user":"other"}')
  expect((await node.send('GET', '/_cat/count?q=user:kimchy&h=count')).body).toBe('1\n')
  expect((await node.send('GET', '/_cat/count?q=KIMCHY&df=user&default_operator=and&h=count')).body).toBe(
    '1\n',
  )
  const body = { query: { match: { user: 'other' } } }
  expect((await node.send('GET', '/_cat/count/my-index-*?h=count', body)).body).toBe('1\n')
  expect((await node.send('GET', '/_cat/count?h=count', { size: 1 })).body).toContain(
    '"reason":"request does not support [size]"',
  )
})

test('_cat/aliases: no aliases, so headers only', async () => {
  expect((await node.send('GET', '/_cat/aliases?v')).body).toBe(
    'alias index filter routing.index routing.search is_write_index\n',
  )
  expect((await node.send('GET', '/_cat/aliases')).body).toBe('')
})

test('_cat/nodes?v: the elected master with every default role', async () => {
  expect((await node.send('GET', '/_cat/nodes?v')).body).toBe(
    'ip        heap.percent ram.percent cpu load_1m load_5m load_15m node.role   master name\n' +
      '127.0.0.1           32          64   1    0.00    0.00     0.00 cdfhilmrstw *      es01\n',
  )
})

test('_cat/allocation?v: the node row and the UNASSIGNED row', async () => {
  const header =
    'shards shards.undesired write_load.forecast disk.indices.forecast disk.indices disk.used disk.avail disk.total disk.percent host      ip        node       node.role\n'
  expect((await node.send('GET', '/_cat/allocation?v')).body).toBe(
    header +
      '     2                0                 0.0                  516b         516b      20gb     79.9gb      100gb           20 127.0.0.1 127.0.0.1 es01       cdfhilmrstw\n' +
      '     1' +
      ' '.repeat(138) +
      'UNASSIGNED \n',
  )
})

test('help for a cat API lists its columns', async () => {
  const lines = (await node.send('GET', '/_cat/count?help')).body.split('\n')
  expect(lines.slice(0, 3)).toEqual([
    'epoch     | t,time                  | seconds since 1970-01-01 00:00:00',
    'timestamp | ts,hms,hhmmss           | time in HH:MM:SS                 ',
    'count     | dc,docs.count,docsCount | the document count               ',
  ])
})
