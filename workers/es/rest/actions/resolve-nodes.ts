/**
 * DiscoveryNodes.resolveNodes for the `_nodes` APIs: a comma-separated list of node ids, names, `*` patterns
 * and the `_all` / `_local` / `_master` selectors, resolved to nodes in the HashSet order of their ids (the
 * order ES answers them in).
 */
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import type { DiscoveryNode } from '../../cluster/state/discovery-node.ts'
import { javaStringKeyOrder } from '../../../net/java-hash.ts'

export function resolveNodes(state: ClusterState, expression: string, localId: string): DiscoveryNode[] {
  const ids = new Set<string>()
  for (const part of expression.split(',')) {
    const pattern = new RegExp(`^${part.split('*').map(escapeRegExp).join('.*')}$`)
    for (const node of state.nodes) {
      const selected =
        part === '_all' ||
        (part === '_local' && node.id === localId) ||
        (part === '_master' && node.id === state.masterNodeId) ||
        pattern.test(node.id) ||
        pattern.test(node.name)
      if (selected) ids.add(node.id)
    }
  }
  return javaStringKeyOrder([...ids]).map((id) => state.nodes.find((node) => node.id === id)!)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
}
