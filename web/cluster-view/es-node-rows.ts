/**
 * The Elasticsearch cluster view's rows, computed from each running node's own EsNodeState: its process
 * state (running, paused or stopped, from the host), whether it is the elected master, the master it
 * follows, and its shard copies as `index[shard] P STARTED` (P primary, R replica; STARTED or
 * INITIALIZING), sorted by index, shard, primary first. Pure: no Svelte, no workers, so it is unit-tested
 * in Node. A node that did not answer (paused, stopped, or slow) shows no master and no shards.
 */
import { ES_BASE_PORT, esNodeName, type EsNodeState } from '../../workers/protocol/es.ts'
import type { HostState } from '../../workers/tools/shell/host-commands.ts'

export interface EsNodeRow {
  id: number
  /** `es-node-2`. */
  name: string
  /** `localhost:9201` for es-node-2. */
  address: string
  process: HostState
  /** The elected master, as the node itself reports. */
  master: boolean
  /** The master this node follows; null when it knows none or did not answer. */
  masterName: string | null
  shards: string[]
}

type ShardCopy = EsNodeState['shards'][number]

export function shardCopyLabel(copy: ShardCopy): string {
  return `${copy.index}[${copy.shard}] ${copy.primary ? 'P' : 'R'} ${copy.state}`
}

function byIndexShardPrimary(a: ShardCopy, b: ShardCopy): number {
  if (a.index !== b.index) return a.index < b.index ? -1 : 1
  if (a.shard !== b.shard) return a.shard - b.shard
  return Number(b.primary) - Number(a.primary)
}

export function esNodeRows(
  ids: readonly number[],
  processOf: (id: number) => HostState,
  states: readonly EsNodeState[],
): EsNodeRow[] {
  return ids.map((id) => {
    const state = states.find((s) => s.address === id)
    return {
      id,
      name: esNodeName(id),
      address: `localhost:${ES_BASE_PORT + id - 1}`,
      process: processOf(id),
      master: state?.master ?? false,
      masterName: state?.masterName ?? null,
      shards: [...(state?.shards ?? [])].sort(byIndexShardPrimary).map(shardCopyLabel),
    }
  })
}
