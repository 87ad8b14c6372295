/**
 * The explanation sentences of ES 8's allocation explain API (Explanations.Allocation,
 * Explanations.Rebalance and Explanations.Move), and TimeValue.toString for the delay they quote: the largest unit (d, h, m, s, ms)
 * the value reaches, with one decimal truncated and dropped when it is 0 (`1m`, `59.9s`, `250ms`).
 */

export const ALLOCATION_TEXT = {
  YES: 'Elasticsearch can allocate the shard.',
  THROTTLED:
    'Elasticsearch is currently busy with other activities. It expects to be able to allocate this shard ' +
    'when those activities finish. Please wait.',
  NO_COPIES:
    "Elasticsearch can't allocate this shard because there are no copies of its data in the cluster. " +
    'Elasticsearch will allocate this shard when a node holding a good copy of its data joins the cluster. ' +
    'If no such node is available, restore this index from a recent snapshot.',
  ALL_NODES_FORBIDDEN:
    "Elasticsearch isn't allowed to allocate this shard to any of the nodes in the cluster. Choose a node " +
    'to which you expect this shard to be allocated, find this node in the node-by-node explanation, and ' +
    'address the reasons which prevent Elasticsearch from allocating this shard there.',
  /** DELAYED_WITH_ALTERNATIVE: some node's deciders would take the copy. */
  delayed: (remainingMs: number): string =>
    'The node containing this shard copy recently left the cluster. Elasticsearch is waiting for it to ' +
    `return. If the node does not return within [${timeValueString(remainingMs)}] then Elasticsearch will ` +
    'allocate this shard to another node. Please wait.',
}

export const MOVE_TEXT = {
  YES: 'This shard may not remain on its current node. Elasticsearch will move it to another node.',
  THROTTLED:
    'This shard may not remain on its current node. Elasticsearch is currently busy with other activities ' +
    'and will move this shard to another node when those activities finish. Please wait.',
  NO:
    "This shard may not remain on its current node, but Elasticsearch isn't allowed to move it to another " +
    'node. Choose a node to which you expect this shard to be allocated, find this node in the node-by-node ' +
    'explanation, and address the reasons which prevent Elasticsearch from allocating this shard there.',
}

export const REBALANCE_TEXT = {
  YES: 'Elasticsearch can rebalance this shard to another node.',
  ALREADY_BALANCED:
    'This shard is in a well-balanced location and satisfies all allocation rules so it will remain on ' +
    'this node. Elasticsearch cannot improve the cluster balance by moving it to another node. If you ' +
    'expect this shard to be rebalanced to another node, find the other node in the node-by-node ' +
    'explanation and address the reasons which prevent Elasticsearch from rebalancing this shard there.',
  CLUSTER_THROTTLE:
    'Elasticsearch is currently busy with other activities. It will rebalance this shard when those ' +
    'activities finish. Please wait.',
  NODE_THROTTLE:
    'Elasticsearch is attempting to rebalance this shard to another node, but the nodes involved are ' +
    'currently busy with other activities. The shard will be rebalanced when those activities finish. ' +
    'Please wait.',
  CANNOT_REBALANCE_CAN_ALLOCATE:
    "Elasticsearch is allowed to allocate this shard to another node but it isn't allowed to rebalance " +
    'the shard there. If you expect this shard to be rebalanced to another node, find this node in the ' +
    'node-by-node explanation and address the reasons which prevent Elasticsearch from rebalancing this ' +
    'shard there.',
  CANNOT_REBALANCE_CANNOT_ALLOCATE:
    'Elasticsearch is not allowed to allocate or rebalance this shard to another node. If you expect this ' +
    'shard to be rebalanced to another node, find this node in the node-by-node explanation and address ' +
    'the reasons which prevent Elasticsearch from rebalancing this shard there.',
}

const UNITS: ReadonlyArray<[suffix: string, millis: number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
]

/** TimeValue.toString of a duration in milliseconds. */
export function timeValueString(millis: number): string {
  for (const [suffix, size] of UNITS) {
    if (millis >= size) {
      const tenths = Math.floor((millis / size) * 10) % 10
      const whole = Math.floor(millis / size)
      return tenths === 0 ? `${whole}${suffix}` : `${whole}.${tenths}${suffix}`
    }
  }
  return `${millis}ms`
}
