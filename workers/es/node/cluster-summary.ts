/**
 * The elected master's summary of its cluster state for the cluster view (EsNode.describeState): the health
 * `GET _cluster/health` reports (cluster-health.ts, the same pure function of shard assignment), and every
 * index with its health, whether it is open, and each shard's copies from the routing table as `_cat/shards`
 * lists them: the primary first, an UNASSIGNED copy with no node. Indices in name order, as `_cat/indices?s=index`.
 */
import type { EsClusterSummary, EsShardCopySummary } from '../../protocol/es.ts'
import { clusterHealth, indicesHealth } from '../cluster/state/cluster-health.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import type { ShardRouting } from '../cluster/state/shard-routing.ts'
import { esIndexMetadata } from '../cluster/metadata/es-index-metadata.ts'
import { isClosed } from '../index/index-metadata.ts'

export function clusterSummary(state: ClusterState): EsClusterSummary {
  const health = clusterHealth(state)
  const nodeNames = new Map(state.nodes.map((node) => [node.id, node.name]))
  const copy = (routing: ShardRouting): EsShardCopySummary => ({
    primary: routing.primary,
    state: routing.state,
    node: routing.nodeId === null ? null : (nodeNames.get(routing.nodeId) ?? routing.nodeId),
  })
  const indices = Object.entries(indicesHealth(state)).map(([name, index]) => ({
    name,
    open: !isClosed(esIndexMetadata(state.metadata.indices[name]!)),
    status: index.status,
    shards: (state.routingTable[name] ?? []).map((copies) =>
      [...copies].sort((a, b) => Number(b.primary) - Number(a.primary)).map(copy),
    ),
  }))
  return {
    status: health.status,
    activeShards: health.active_shards,
    unassignedShards: health.unassigned_shards,
    indices,
  }
}
