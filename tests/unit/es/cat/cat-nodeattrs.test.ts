// `_cat/nodeattrs` (RestNodeAttrsAction): one row per node and node.attr.* attribute with the default columns node
// host ip attr value, the hidden id/pid/port columns, h=, s=, format=json and help; a node without attributes lists
// none. `_nodes` and `_nodes/stats` write `attributes` only when a node has some (NodesInfoResponse, NodeStats),
// `_cluster/state` always.
import { describe, expect, it } from 'vitest'
import { startNode } from '../node/es-node-fixture.ts'

const nodeAttributes = { rack: 'r1', box_type: 'hot' }

describe('_cat/nodeattrs', () => {
  it("lists each node's attributes by name, with the header under ?v", async () => {
    const { send } = await startNode({ nodeAttributes })
    expect((await send('GET', '/_cat/nodeattrs?v')).body).toBe(
      'node host      ip        attr     value\n' +
        'es01 127.0.0.1 127.0.0.1 box_type hot\n' +
        'es01 127.0.0.1 127.0.0.1 rack     r1\n',
    )
    expect(
      (await send('GET', '/_cat/nodeattrs?h=name,attr.name,attr.value,po,p&s=attr.value:desc')).body,
    ).toBe('es01 rack     r1  9300 \nes01 box_type hot 9300 \n')
    const json = JSON.parse(
      (await send('GET', '/_cat/nodeattrs?format=json&h=node,id,pid,attr')).body,
    ) as Array<Record<string, string | null>>
    const id = Object.keys((JSON.parse((await send('GET', '/_nodes')).body) as { nodes: object }).nodes)[0]!
    expect(json).toEqual([
      { node: 'es01', id: id.slice(0, 4), pid: null, attr: 'box_type' },
      { node: 'es01', id: id.slice(0, 4), pid: null, attr: 'rack' },
    ])
    expect((await send('GET', '/_cat/nodeattrs?h=id&full_id=true')).body).toBe(`${id}\n${id}\n`)
  })

  it('lists nothing for a node without attributes, and describes its columns under ?help', async () => {
    const { send } = await startNode()
    expect((await send('GET', '/_cat/nodeattrs?v')).body).toBe('node host ip attr value\n')
    expect((await send('GET', '/_cat/nodeattrs?format=json')).body).toBe('[]')
    expect((await send('GET', '/_cat/nodeattrs?help')).body).toBe(
      'node  | name       | node name            \n' +
        'id    | id,nodeId  | unique node id       \n' +
        'pid   | p          | process id           \n' +
        'host  | h          | host name            \n' +
        'ip    | i          | ip address           \n' +
        'port  | po         | bound transport port \n' +
        'attr  | attr.name  | attribute description\n' +
        'value | attr.value | attribute value      \n',
    )
  })
})

describe('node attributes in _nodes and _cluster/state', () => {
  it('writes them after the roles, and leaves the key out of _nodes for a node with none', async () => {
    const { send } = await startNode({ nodeAttributes })
    const info = JSON.parse((await send('GET', '/_nodes')).body) as {
      nodes: Record<string, Record<string, unknown>>
    }
    const node = Object.values(info.nodes)[0]!
    expect(Object.keys(node).slice(-2)).toEqual(['roles', 'attributes'])
    expect(node.attributes).toEqual({ box_type: 'hot', rack: 'r1' })
    const state = JSON.parse((await send('GET', '/_cluster/state/nodes')).body) as {
      nodes: Record<string, { attributes: Record<string, string> }>
    }
    expect(Object.values(state.nodes)[0]!.attributes).toEqual({ box_type: 'hot', rack: 'r1' })

    const stats = JSON.parse((await send('GET', '/_nodes/stats/indices/docs')).body) as {
      nodes: Record<string, Record<string, unknown>>
    }
    expect(Object.keys(Object.values(stats.nodes)[0]!).slice(-3)).toEqual(['roles', 'attributes', 'indices'])

    const bare = await startNode()
    const plain = JSON.parse((await bare.send('GET', '/_nodes')).body) as {
      nodes: Record<string, Record<string, unknown>>
    }
    expect(Object.keys(Object.values(plain.nodes)[0]!)).not.toContain('attributes')
  })
})
