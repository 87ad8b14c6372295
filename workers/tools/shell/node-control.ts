/**
 * What the playground can do to the hosts of the Elasticsearch cluster, as happens in real life: stop a
 * node gracefully (it leaves the cluster), kill it (no goodbye: the master's follower checks notice), pause
 * and resume its JVM (SIGSTOP / SIGCONT), start it again over the data path it had, and cut the network
 * around some nodes and heal it. The nodes are es-node-1 to es-node-N, N fixed when the cluster was formatted
 * (every node is in cluster.initial_master_nodes); the headless cluster and the browser's worker host both
 * implement it. Commands name a node by its number or its node.name: `2` and `es-node-2` are the same node.
 */
import type { HostControl } from './host-commands.ts'

export type NodeControl = HostControl

/** How many nodes a fresh playground runs (a docker-compose cluster of es01..es03). */
export const DEFAULT_ES_NODES = 3

/** The node `2` or `es-node-2` names, or null for any other word. */
export function nodeNamed(word: string): number | null {
  const match = /^(?:es-node-)?([1-9]\d*)$/.exec(word)
  return match?.[1] === undefined ? null : Number(match[1])
}
