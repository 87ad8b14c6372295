/**
 * `_cat/master` with ES 8.17's columns (RestMasterAction): the elected master's full node id, host, ip and
 * name, one row; every cell is `-` while no master is known. The playground's nodes all live on one
 * host, 127.0.0.1 (cat-indices.ts NODE_IP).
 */
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import { NODE_IP } from './cat-indices.ts'
import type { CatColumn, CatTable } from './rest-table.ts'

const MASTER_COLUMNS: readonly CatColumn[] = [
  { name: 'id', desc: 'node id' },
  { name: 'host', aliases: ['h'], desc: 'host name' },
  { name: 'ip', desc: 'ip address ' },
  { name: 'node', aliases: ['n'], desc: 'node name' },
]

export function catMaster(state: ClusterState): CatTable {
  const master = state.nodes.find((node) => node.id === state.masterNodeId)
  const row = master === undefined ? ['-', '-', '-', '-'] : [master.id, NODE_IP, NODE_IP, master.name]
  return { columns: MASTER_COLUMNS, rows: [row] }
}
