/**
 * GET /_enrich/_stats (EnrichStatsAction.Response, ES 8.17): `executing_policies` (a policy runs inside its
 * _execute request here, so none is ever seen running), then per ingest node in node id order
 * (TransportEnrichStatsAction sorts both lists) its `coordinator_stats` (queue_size, remote_requests_current,
 * remote_requests_total, executed_searches_total) and `cache_stats` (count, hits, misses, evictions,
 * hits_time_in_millis, misses_time_in_millis, size_in_bytes). The playground's enrich processor reads the
 * enrich index as a whole instead of searching it per document through a coordinator and a cache, so every
 * counter is 0 (docs/DEVIATIONS.md).
 */
import type { ClusterState } from '../../cluster/state/cluster-state.ts'
import type { JsonOut } from '../../xcontent/index.ts'

export function enrichStats(state: ClusterState): JsonOut {
  // Every playground node has ES's default roles, ingest among them (node-description.ts).
  const ingestNodes = state.nodes.map((node) => node.id).sort()
  return {
    executing_policies: [],
    coordinator_stats: ingestNodes.map((nodeId) => ({
      node_id: nodeId,
      queue_size: 0,
      remote_requests_current: 0,
      remote_requests_total: 0,
      executed_searches_total: 0,
    })),
    cache_stats: ingestNodes.map((nodeId) => ({
      node_id: nodeId,
      count: 0,
      hits: 0,
      misses: 0,
      evictions: 0,
      hits_time_in_millis: 0,
      misses_time_in_millis: 0,
      size_in_bytes: 0,
    })),
  }
}
