/**
 * The playground commands that act on the Elasticsearch nodes' hosts, parallel to the broker ones: list
 * them (`nodes`), stop-node (graceful shutdown: the node leaves the cluster), kill-node, start-node,
 * pause-node, resume-node, cut-node-network and heal-node-network. A node is named by its number or its
 * node.name (`stop-node 2`, `stop-node es-node-2`); each command answers with one line.
 */
import { ES_BASE_PORT, esNodeName } from '../../protocol/es.ts'
import {
  networkCommands,
  processCommands,
  stateOf,
  type HostCommand,
  type HostKind,
} from './host-commands.ts'
import { nodeNamed, type NodeControl } from './node-control.ts'

export type NodeCommand = HostCommand<NodeControl>

const NODE: HostKind = {
  noun: 'node',
  parse: nodeNamed,
  named: (id) => `node ${esNodeName(id)}`,
  title: (id) => `Node ${esNodeName(id)}`,
  usage: (ids) =>
    `give one node, from ${ids[0]} to ${ids[ids.length - 1]} ` +
    `(or ${esNodeName(ids[0] ?? 1)} to ${esNodeName(ids[ids.length - 1] ?? 1)})`,
  cutUsage: (ids) => `give the nodes to cut off, from ${ids.join(', ')}`,
  listed: (ids) => `node(s) ${ids.map(esNodeName).join(', ')}`,
  stopped: (id) => `Node ${esNodeName(id)} stopped (graceful shutdown: it left the cluster).`,
  cut: 'cut-node-network',
  heal: 'heal-node-network',
}

export const NODE_COMMANDS: ReadonlyArray<readonly [string, NodeCommand]> = [
  [
    'nodes',
    (_args, out, nodes) => {
      for (const id of nodes.ids())
        out.stdout(`Node ${esNodeName(id)} (localhost:${ES_BASE_PORT + id - 1}): ${stateOf(nodes, id)}\n`)
      return Promise.resolve(0)
    },
  ],
  ...processCommands(NODE),
  ...networkCommands(NODE),
]
