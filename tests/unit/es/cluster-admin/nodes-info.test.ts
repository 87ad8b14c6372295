// GET /_nodes on a started three-node cluster: the `_nodes` header, the cluster name and each node's head
// fields in NodesInfoResponse's order; node selection by `_local`, `_master`, names and patterns; a lone
// segment of metric names read as metrics; unknown metrics refused.
import { describe, expect, it } from 'vitest'
import { javaStringKeyOrder } from '../../../../workers/net/java-hash.ts'
import { DEFAULT_ROLES, clusterWithIndex, errorBody, expectBody } from './cluster-admin-fixture.ts'

function nodeJson(name: string) {
  return {
    name,
    transport_address: `127.0.0.1:${9299 + Number(name.slice(-1))}`,
    host: '127.0.0.1',
    ip: '127.0.0.1',
    version: '8.17.0',
    build_flavor: 'default',
    build_type: 'docker',
    build_hash: '2b6a7fed44faa321997703718f07ee0420804b41',
    roles: DEFAULT_ROLES,
  }
}

describe('GET _nodes', () => {
  it('describes every node, in the HashSet order of their ids', async () => {
    const { cluster, ids } = await clusterWithIndex(3)
    const nameOf = new Map([...ids].map(([name, id]) => [id, name]))
    const order = javaStringKeyOrder([...ids.values()])
    const expected = {
      _nodes: { total: 3, successful: 3, failed: 0 },
      cluster_name: 'docker-cluster',
      nodes: Object.fromEntries(order.map((id) => [id, nodeJson(nameOf.get(id)!)])),
    }
    await expectBody(cluster, 'GET', '/_nodes', undefined, 200, expected)
    await expectBody(cluster, 'GET', '/_nodes/settings,jvm', undefined, 200, expected)
  })

  it('selects nodes by _local, _master, name and pattern', async () => {
    const { cluster, ids } = await clusterWithIndex(3)
    const master = cluster.nodes.describeStates().find((state) => state.master)!
    const one = (name: string) => ({
      _nodes: { total: 1, successful: 1, failed: 0 },
      cluster_name: 'docker-cluster',
      nodes: { [ids.get(name)!]: nodeJson(name) },
    })
    await expectBody(cluster, 'GET', '/_nodes/_local', undefined, 200, one('es-node-1'))
    await expectBody(cluster, 'GET', '/_nodes/_master/jvm', undefined, 200, one(master.nodeName))
    await expectBody(cluster, 'GET', '/_nodes/es-node-2', undefined, 200, one('es-node-2'))
    await expectBody(cluster, 'GET', `/_nodes/${ids.get('es-node-3')}`, undefined, 200, one('es-node-3'))
    const pattern = (await cluster.json(1, 'GET', '/_nodes/es-node-*')) as { _nodes: { total: number } }
    expect(pattern._nodes.total).toBe(3)
    const none = (await cluster.json(1, 'GET', '/_nodes/nobody')) as {
      _nodes: { total: number }
      nodes: object
    }
    expect(none).toEqual({
      _nodes: { total: 0, successful: 0, failed: 0 },
      cluster_name: 'docker-cluster',
      nodes: {},
    })
  })

  it('refuses an unknown metric', async () => {
    const { cluster } = await clusterWithIndex(1)
    await expectBody(
      cluster,
      'GET',
      '/_nodes/_all/jvm,bogus',
      undefined,
      400,
      errorBody(
        'illegal_argument_exception',
        'request [/_nodes/_all/jvm,bogus] contains unrecognized metric: [bogus]',
        400,
      ),
    )
  })
})
