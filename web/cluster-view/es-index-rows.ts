/**
 * The Elasticsearch cluster view's index rows, from the elected master's EsClusterSummary: per index its
 * health, whether it is closed, and per shard its copies labelled as `_cat/shards` shows them (`P es-node-2
 * STARTED`, `R UNASSIGNED`), the primary first. Pure: no Svelte, no workers, so it is unit-tested in Node.
 */
import type { EsClusterSummary, EsHealthStatus, EsShardCopySummary } from '../../workers/protocol/es.ts'

export interface EsShardCopyRow {
  label: string
  primary: boolean
  unassigned: boolean
}

export interface EsIndexRow {
  name: string
  open: boolean
  status: EsHealthStatus
  /** Index i holds shard i's copies. */
  shards: EsShardCopyRow[][]
}

export function shardCopyRow(copy: EsShardCopySummary): EsShardCopyRow {
  const where = copy.node === null ? '' : ` ${copy.node}`
  return {
    label: `${copy.primary ? 'P' : 'R'}${where} ${copy.state}`,
    primary: copy.primary,
    unassigned: copy.node === null,
  }
}

export function esIndexRows(summary: EsClusterSummary | null): EsIndexRow[] {
  return (summary?.indices ?? []).map((index) => ({
    name: index.name,
    open: index.open,
    status: index.status,
    shards: index.shards.map((copies) => copies.map(shardCopyRow)),
  }))
}

/** `yellow: 2 active shard copies, 1 unassigned`, as `GET _cluster/health` counts them. */
export function healthSummary(summary: EsClusterSummary): string {
  return `${summary.status}: ${summary.activeShards} active shard ${summary.activeShards === 1 ? 'copy' : 'copies'}, ${summary.unassignedShards} unassigned`
}
