/**
 * How a node of the playground describes itself where ES writes a DiscoveryNode: every node runs on
 * 127.0.0.1 (as `_cat/nodes` shows it), node N with transport port 9299 + N (9300, 9301, ...) as nodes sharing
 * one host take consecutive ports; a master-eligible data node has the roles of a default ES 8.17 node (sorted
 * by role name, as DiscoveryNode keeps them). Nodes carry no attributes (ES's ml.* and xpack.installed
 * attributes describe a JVM the playground does not have).
 */
import { isDataNode, isMasterNode, type DiscoveryNode } from '../../cluster/state/discovery-node.ts'
import { NODE_IP } from '../cat/cat-indices.ts'

const DEFAULT_ROLES = [
  'data',
  'data_cold',
  'data_content',
  'data_frozen',
  'data_hot',
  'data_warm',
  'ingest',
  'master',
  'ml',
  'remote_cluster_client',
  'transform',
]

/** The node's transport port: 9300 for the first node, one more for each after it. */
export function transportPort(node: DiscoveryNode): number {
  return 9299 + node.address
}

export function transportAddress(node: DiscoveryNode): string {
  return `${NODE_IP}:${transportPort(node)}`
}

export function roleNames(node: DiscoveryNode): string[] {
  if (isDataNode(node) && isMasterNode(node)) return DEFAULT_ROLES
  return [...node.roles].sort()
}

/**
 * AbstractAllocationDecision.discoveryNodeToXContent: `id`/`name` inside an object named for the node,
 * `node_id`/`node_name` where the node's fields are inlined into a larger object.
 */
export function discoveryNodeFields(
  node: DiscoveryNode,
  outerObjectWritten: boolean,
): Record<string, string | string[]> {
  return {
    [outerObjectWritten ? 'id' : 'node_id']: node.id,
    [outerObjectWritten ? 'name' : 'node_name']: node.name,
    transport_address: transportAddress(node),
    roles: roleNames(node),
  }
}
