// Three master-eligible data nodes n1..n3 (es-node-1..3 at addresses 1..3), for decider tests that build a cluster
// state by hand.
import type { DiscoveryNode } from '../../../../workers/es/cluster/state/discovery-node.ts'

export const THREE_NODES: readonly DiscoveryNode[] = ['n1', 'n2', 'n3'].map((id, i) => ({
  id,
  ephemeralId: `e${id}`,
  name: `es-node-${i + 1}`,
  address: i + 1,
  roles: ['master', 'data'],
  attributes: {},
}))
