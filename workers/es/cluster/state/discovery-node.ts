/**
 * DiscoveryNode: a node as the cluster knows it (id, name, transport address, roles), as ES's
 * DiscoveryNode. The id is the node's persistent random id; the address is its endpoint on the
 * playground's Transport (a number, where ES has host:port).
 */
export type DiscoveryNodeRole = 'master' | 'data'

export interface DiscoveryNode {
  readonly id: string
  /** Changes at every process start: tells a restarted node from the one the cluster still lists. */
  readonly ephemeralId: string
  readonly name: string
  readonly address: number
  readonly roles: readonly DiscoveryNodeRole[]
}

export function isMasterNode(node: DiscoveryNode): boolean {
  return node.roles.includes('master')
}

export function isDataNode(node: DiscoveryNode): boolean {
  return node.roles.includes('data')
}
