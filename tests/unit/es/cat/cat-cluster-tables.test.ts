// GET _cat (RestCatAction's list of the tables), _cat/plugins, _cat/pending_tasks (and GET _cluster/pending_tasks) and _cat/recovery through a simulated
// three-node cluster, with ES 8.17's columns (RestPluginsAction, RestPendingClusterTasksAction,
// RestCatRecoveryAction): no plugins in a default distribution, an empty master queue once the cluster is idle,
// and a row per copy recovery: empty_store for new primaries, peer for replicas (from the primary's node), with
// the operations a peer recovery replays.
import { beforeAll, describe, expect, test } from 'vitest'
import { startCluster, type TestCluster } from '../cluster/es-cluster-fixture.ts'

let cluster: TestCluster

const text = async (path: string, node = 1): Promise<string> => {
  const response = await cluster.send(node, 'GET', path)
  expect(response.status).toBe(200)
  return response.body
}

beforeAll(async () => {
  cluster = await startCluster(3)
  await cluster.json(1, 'PUT', '/orders', { settings: { number_of_shards: 2, number_of_replicas: 1 } })
  await cluster.json(1, 'PUT', '/orders/_doc/1', { a: 1 })
  await cluster.json(1, 'PUT', '/logs', { settings: { number_of_shards: 1, number_of_replicas: 2 } })
  await cluster.settle()
})

describe('GET _cat', () => {
  test("the cat, then each table's routes as ES 8.17 lists them; it takes no parameters", async () => {
    const listing = await text('/_cat')
    expect(
      listing.startsWith('=^.^=\n/_cat/allocation\n/_cat/shards\n/_cat/shards/{index}\n/_cat/master\n'),
    ).toBe(true)
    // RestCatComponentTemplateAction's line has no line break: ES prints it joined to the next route
    expect(listing).toContain('\n/_cat/templates\n/_cat/component_templates/_cat/ml/anomaly_detectors\n')
    expect(listing.endsWith('\n/_cat/transforms\n/_cat/transforms/{transform_id}\n')).toBe(true)
    expect(listing.split('\n')).toHaveLength(39)
    const verbose = await cluster.send(1, 'GET', '/_cat?v')
    expect(verbose.status).toBe(400)
    expect(verbose.body).toContain('request [/_cat] contains unrecognized parameter: [v]')
  })
})

describe('_cat/plugins', () => {
  test('no rows: the header alone with ?v, help lists the hidden columns too', async () => {
    expect(await text('/_cat/plugins')).toBe('')
    expect(await text('/_cat/plugins?v')).toBe('name component version\n')
    expect(await text('/_cat/plugins?v&h=id,n,d,t')).toBe('id n d t\n')
    expect(await text('/_cat/plugins?format=json')).toBe('[]')
    expect(await text('/_cat/plugins?help')).toBe(
      'id          |   | unique node id   \n' +
        'name        | n | node name        \n' +
        'component   | c | component        \n' +
        'version     | v | component version\n' +
        'description | d | plugin details   \n' +
        'type        | t | plugin type      \n',
    )
  })
})

describe('pending cluster tasks', () => {
  test('an idle master has none, asked from any node', async () => {
    expect(await text('/_cat/pending_tasks?v')).toBe('insertOrder timeInQueue priority source\n')
    expect(await text('/_cluster/pending_tasks', 2)).toBe('{"tasks":[]}')
    expect(await text('/_cat/pending_tasks?help')).toBe(
      'insertOrder | o | task insertion order           \n' +
        'timeInQueue | t | how long task has been in queue\n' +
        'priority    | p | task priority                  \n' +
        'source      | s | task source                    \n',
    )
  })
})

describe('_cat/recovery', () => {
  test('every copy: empty_store primaries, peer replicas from the primary node', async () => {
    const columns =
      'files files_recovered files_percent files_total bytes bytes_recovered bytes_percent bytes_total'
    const header =
      'index  shard time type        stage source_host source_node target_host target_node repository snapshot ' +
      `${columns} translog_ops translog_ops_recovered translog_ops_percent\n`
    const rest =
      'n/a        n/a      0     0               0.0%          0           0b    0b              0.0%          0b          0            0                      100.0%\n'
    expect(await text('/_cat/recovery?v')).toBe(
      header +
        `orders 0     0s   empty_store done  n/a         n/a         127.0.0.1   es-node-2   ${rest}` +
        `orders 0     18ms peer        done  127.0.0.1   es-node-2   127.0.0.1   es-node-1   ${rest}` +
        `orders 1     0s   empty_store done  n/a         n/a         127.0.0.1   es-node-1   ${rest}` +
        `orders 1     6ms  peer        done  127.0.0.1   es-node-1   127.0.0.1   es-node-3   ${rest}` +
        `logs   0     0s   empty_store done  n/a         n/a         127.0.0.1   es-node-2   ${rest}` +
        `logs   0     4ms  peer        done  127.0.0.1   es-node-2   127.0.0.1   es-node-3   ${rest}` +
        `logs   0     4ms  peer        done  127.0.0.1   es-node-2   127.0.0.1   es-node-1   ${rest}`,
    )
  })

  test('an index filter, h= aliases, hidden time columns, active_only and an unknown index', async () => {
    expect(await text('/_cat/recovery/logs?h=i,s,ty,snode,tnode,start,stop_millis')).toBe(
      'logs 0 empty_store n/a       es-node-2 2026-01-01T00:00:01.364Z 1767225601364\n' +
        'logs 0 peer        es-node-2 es-node-3 2026-01-01T00:00:01.374Z 1767225601378\n' +
        'logs 0 peer        es-node-2 es-node-1 2026-01-01T00:00:01.370Z 1767225601374\n',
    )
    expect(await text('/_cat/recovery?active_only&v&h=index,shard,stage')).toBe('index shard stage\n')
    const missing = await cluster.send(1, 'GET', '/_cat/recovery/nope')
    expect(missing.status).toBe(404)
    expect(missing.body).toContain('"type":"index_not_found_exception","reason":"no such index [nope]"')
  })

  test('after a node leaves and returns: the replicas it held are recovered again from the primaries', async () => {
    await cluster.nodes.stop(3)
    await cluster.settle()
    await cluster.sleep(70_000)
    await cluster.settle()
    await cluster.nodes.start(3)
    await cluster.settle()
    expect(await text('/_cat/recovery/orders?v&h=i,s,ty,st,snode,tnode,to,tor,top', 2)).toBe(
      'i      s ty          st   snode     tnode     to tor top\n' +
        'orders 0 empty_store done n/a       es-node-2 0  0   100.0%\n' +
        'orders 0 peer        done es-node-2 es-node-1 0  0   100.0%\n' +
        'orders 1 peer        done es-node-1 es-node-3 0  0   100.0%\n' +
        'orders 1 peer        done es-node-1 es-node-2 0  0   100.0%\n',
    )
  })
})
