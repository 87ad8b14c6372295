/**
 * How a node of the playground describes itself where ES writes a DiscoveryNode: every node runs on
 * 127.0.0.1 (as `_cat/nodes` shows it), node N with transport port 9299 + N (9300, 9301, ...) as nodes sharing
 * one host take consecutive ports; a master-eligible data node has the roles of a default ES 8.17 node (sorted
 * by role name, as DiscoveryNode keeps them).
 */
import { isDataNode, isMasterNode, type DiscoveryNode } from '../../cluster/state/discovery-node.ts'
import { NODE_IP } from '../cat/cat-indices.ts'
import { INDEX_VERSION_CURRENT, MINIMUM_COMPATIBLE_INDEX_VERSION } from '../../index/index-metadata.ts'
import { ES_VERSION } from './root-action.ts'
import type { JsonOut } from '../../xcontent/index.ts'

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
  return transportPortAt(node.address)
}

function transportPortAt(address: number): number {
  return 9299 + address
}

export function transportAddress(node: DiscoveryNode): string {
  return transportAddressAt(node.address)
}

/** The transport address (TransportAddress.toString) of the node at the playground's transport `address`. */
export function transportAddressAt(address: number): string {
  return `${NODE_IP}:${transportPortAt(address)}`
}

/** The `attributes` object NodeInfo and NodeStats write after the roles, only when the node has attributes. */
export function attributesField(
  node: DiscoveryNode,
): { attributes: Record<string, string> } | Record<string, never> {
  return Object.keys(node.attributes).length > 0 ? { attributes: { ...node.attributes } } : {}
}

export function roleNames(node: DiscoveryNode): string[] {
  if (isDataNode(node) && isMasterNode(node)) return DEFAULT_ROLES
  return [...node.roles].sort()
}

/** DiscoveryNodeRole.roleNameAbbreviation of each role name. */
const ROLE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  data: 'd',
  data_cold: 'c',
  data_content: 's',
  data_frozen: 'f',
  data_hot: 'h',
  data_warm: 'w',
  ingest: 'i',
  master: 'm',
  ml: 'l',
  remote_cluster_client: 'r',
  transform: 't',
}

/** The node's roles as DiscoveryNode.getRoleAbbreviationString writes them: their letters sorted, `-` for none. */
export function roleAbbreviations(node: DiscoveryNode): string {
  const letters = roleNames(node).map((role) => ROLE_ABBREVIATIONS[role]!)
  return letters.length === 0 ? '-' : letters.sort().join('')
}

/**
 * DiscoveryNode.toString (8.17): descriptionWithoutAttributes, then the node's attributes as a Java Map prints them
 * (`{rack=r1, zone=a}`), when it has any.
 */
export function discoveryNodeDescription(node: DiscoveryNode): string {
  const attributes = Object.entries(node.attributes).map(([key, value]) => `${key}=${value}`)
  return descriptionWithoutAttributes(node) + (attributes.length > 0 ? `{${attributes.join(', ')}}` : '')
}

/**
 * DiscoveryNode.descriptionWithoutAttributes (8.17): `{name}{id}{ephemeralId}{externalId}{hostName}{address}{roles}
 * {version}` and the node's index versions `{min-max}` (a node's external id is its name).
 */
export function descriptionWithoutAttributes(node: DiscoveryNode): string {
  const parts = [node.name, node.id, node.ephemeralId, node.name, NODE_IP, transportAddress(node)]
  return (
    parts.map((part) => `{${part}}`).join('') +
    `{${roleAbbreviations(node)}}{${ES_VERSION.number}}` +
    `{${MINIMUM_COMPATIBLE_INDEX_VERSION}-${INDEX_VERSION_CURRENT}}`
  )
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

/**
 * DiscoveryNode.toXContent (8.17): the field named for the node's id, an object of its name, ephemeral id, transport address,
 * external id (its name), attributes, roles, version and the index versions it reads and writes.
 */
export function discoveryNodeXContent(node: DiscoveryNode): [string, JsonOut] {
  return [
    node.id,
    {
      name: node.name,
      ephemeral_id: node.ephemeralId,
      transport_address: transportAddress(node),
      external_id: node.name,
      attributes: { ...node.attributes },
      roles: roleNames(node),
      version: ES_VERSION.number,
      min_index_version: MINIMUM_COMPATIBLE_INDEX_VERSION,
      max_index_version: INDEX_VERSION_CURRENT,
    },
  ]
}
