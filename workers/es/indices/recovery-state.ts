/**
 * RecoveryState: how this node's copy of a shard was last recovered, kept with the copy (IndexShard) as ES
 * keeps it, and read by `_cat/recovery` from every node holding a copy.
 *
 * - `type` is the routing's RecoverySource (empty_store: a new primary; existing_store: a primary from its
 *   stored commit and translog; peer: a replica or relocation target from the primary, whose node is
 *   `sourceNode`). A copy the master re-assigns under the allocation id it already holds keeps its record.
 * - `stage` goes init → translog → finalize → done (ES's INIT, INDEX, VERIFY_INDEX, TRANSLOG, FINALIZE, DONE;
 *   this playground has no file phase). `stopTime` is 0 until done (RecoveryState.Timer).
 * - The translog counts are the operations the recovery replays: from the local translog above the commit
 *   (existing_store) or sent by the primary (peer). The stores keep no Lucene files, so the file details stay
 *   empty (as an operations-based recovery's do): see docs/DEVIATIONS.md. A snapshot recovery (snapshot: a
 *   restored index's primary) reports the files and bytes of the shard's snapshot it read.
 */
import type { DiscoveryNode } from '../cluster/state/discovery-node.ts'
import type { RecoverySourceType } from '../cluster/state/shard-routing.ts'

export type RecoveryStage = 'init' | 'translog' | 'finalize' | 'done'

export interface RecoveryState {
  index: string
  shard: number
  type: RecoverySourceType
  /** Whether the copy recovered as the primary (a replica promoted later keeps its record: false). */
  primary: boolean
  stage: RecoveryStage
  startTime: number
  /** 0 until the recovery is done. */
  stopTime: number
  /** The node recovered from (peer only) and this copy's node, as the cluster state listed them then. */
  sourceNode: DiscoveryNode | null
  targetNode: DiscoveryNode
  /** The operations to replay (-1, ES's UNKNOWN, until known) and those replayed. */
  translogTotal: number
  translogRecovered: number
  /** A SNAPSHOT recovery's source: the snapshot, the index's name in it and the restore's uuid. */
  snapshot?: { repository: string; snapshot: string; index: string; restoreUuid: string }
  /** A SNAPSHOT recovery's files and bytes read from the repository (RecoveryState.Index), once read. */
  files?: { count: number; bytes: number }
}

export function newRecoveryState(
  index: string,
  shard: number,
  type: RecoverySourceType,
  primary: boolean,
  startTime: number,
  sourceNode: DiscoveryNode | null,
  targetNode: DiscoveryNode,
): RecoveryState {
  return {
    index,
    shard,
    type,
    primary,
    stage: 'init',
    startTime,
    stopTime: 0,
    sourceNode,
    targetNode,
    translogTotal: -1,
    translogRecovered: 0,
  }
}

/** RecoveryState.Timer.time(): the elapsed time, up to now while the recovery runs. */
export function recoveryTime(state: RecoveryState, now: number): number {
  return Math.max(0, (state.stopTime === 0 ? now : state.stopTime) - state.startTime)
}

/** RecoveryState.Translog.recoveredPercent: -1 when unknown, 100 with nothing to replay. */
export function translogRecoveredPercent(state: RecoveryState): number {
  if (state.translogTotal === -1) return -1
  if (state.translogTotal === 0) return 100
  return Math.fround((state.translogRecovered * 100) / state.translogTotal)
}
