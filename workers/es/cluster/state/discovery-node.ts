/**
 * DiscoveryNode: a node as the cluster knows it (id, name, transport address, roles, attributes), as ES's
 * DiscoveryNode. The id is the node's persistent random id; the address is its endpoint on the
 * playground's Transport (a number, where ES has host:port). The attributes are the `node.attr.*` settings the
 * node started with, by name in sorted order.
 */
export type DiscoveryNodeRole = 'master' | 'data'

export interface DiscoveryNode {
  readonly id: string
  /** Changes at every process start: tells a restarted node from the one the cluster still lists. */
  readonly ephemeralId: string
  readonly name: string
  readonly address: number
  readonly roles: readonly DiscoveryNodeRole[]
  readonly attributes: Readonly<Record<string, string>>
}

/** The attributes in the order a DiscoveryNode keeps them: by name, as ES's Settings list the `node.attr.` group. */
export function sortedAttributes(attributes: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

export function isMasterNode(node: DiscoveryNode): boolean {
  return node.roles.includes('master')
}

export function isDataNode(node: DiscoveryNode): boolean {
  return node.roles.includes('data')
}
