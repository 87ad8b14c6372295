/**
 * `_cat/nodeattrs` with ES 8's columns (RestNodeAttrsAction): one row per node (cluster state order) and attribute
 * (the node's `node.attr.*` settings, by name); node, host, ip, attr and value show by default, the id prints its
 * first 4 characters unless `full_id` is set. Every node lives on 127.0.0.1 (cat-indices.ts NODE_IP) with its
 * transport port (node-description.ts); the process id is unknown (empty), as in `_cat/thread_pool`.
 */
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import { transportPort } from '../actions/node-description.ts'
import { NODE_IP } from './cat-indices.ts'
import type { CatColumn, CatTable, CatValue } from './rest-table.ts'

const NODEATTRS_COLUMNS: readonly CatColumn[] = [
  { name: 'node', aliases: ['name'], desc: 'node name' },
  { name: 'id', aliases: ['id', 'nodeId'], desc: 'unique node id', hidden: true },
  { name: 'pid', aliases: ['p'], desc: 'process id', hidden: true },
  { name: 'host', aliases: ['h'], desc: 'host name' },
  { name: 'ip', aliases: ['i'], desc: 'ip address' },
  { name: 'port', aliases: ['po'], desc: 'bound transport port', hidden: true },
  { name: 'attr', aliases: ['attr.name'], desc: 'attribute description' },
  { name: 'value', aliases: ['attr.value'], desc: 'attribute value' },
]

export function catNodeAttrs(state: ClusterState, fullId: boolean): CatTable {
  const rows: CatValue[][] = []
  for (const node of state.nodes) {
    for (const [name, value] of Object.entries(node.attributes)) {
      const id = fullId ? node.id : node.id.slice(0, 4)
      rows.push([node.name, id, null, NODE_IP, NODE_IP, transportPort(node), name, value])
    }
  }
  return { columns: NODEATTRS_COLUMNS, rows }
}
