/**
 * MasterHistory (ES 8.17): one node's view of which nodes were elected master over the last
 * `master_history.max_age` (30 minutes), kept in memory only (a restarted node starts with none). An entry is added
 * at each applied cluster state whose master is null or differs from the previous state's, and at the first one;
 * at most MAX_HISTORY_SIZE entries are kept, and an entry whose successor started before the oldest relevant time is
 * dropped (the last one never ends). Times are the node's clock.
 * Invariant: entries are in the order the node applied them; a null master is kept as an entry (the changes to and
 * from "no master" are what the health indicator counts).
 */
import type { DiscoveryNode } from '../state/discovery-node.ts'

export const MAX_HISTORY_AGE_MS = 30 * 60_000
/** MasterHistory.MAX_HISTORY_SIZE. */
const MAX_HISTORY_SIZE = 50

interface TimeAndMaster {
  readonly startMs: number
  readonly master: DiscoveryNode | null
}

export class MasterHistory {
  private history: readonly TimeAndMaster[] = []
  private previousMaster: DiscoveryNode | null = null

  constructor(private readonly clock: { now(): number }) {}

  /** MasterHistory.clusterChanged, for a newly applied state whose master is `master`. */
  clusterChanged(master: DiscoveryNode | null): void {
    const previous = this.previousMaster
    this.previousMaster = master
    const changed = master === null || previous === null || master.ephemeralId !== previous.ephemeralId
    if (!changed && this.history.length > 0) return
    const now = this.clock.now()
    const start = Math.max(0, this.history.length + 1 - MAX_HISTORY_SIZE)
    const kept = this.recent(this.history.slice(start), now)
    this.history = [...kept, { startMs: now, master }]
  }

  /** getRawNodes: the masters of the recent history, oldest first, null where there was none. */
  rawNodes(): (DiscoveryNode | null)[] {
    return this.recent(this.history, this.clock.now()).map((entry) => entry.master)
  }

  /**
   * getNodes: rawNodes without the masters whose process is no longer in the cluster (`currentNodes`, by ephemeral
   * id): they are kept in case they return, but do not count.
   */
  nodes(currentNodes: readonly DiscoveryNode[]): (DiscoveryNode | null)[] {
    const present = new Set(currentNodes.map((node) => node.ephemeralId))
    return this.rawNodes().filter((node) => node === null || present.has(node.ephemeralId))
  }

  /** getMostRecentMaster: null when the latest entry has no master (or there is none). */
  mostRecentMaster(): DiscoveryNode | null {
    return this.rawNodes().at(-1) ?? null
  }

  mostRecentNonNullMaster(): DiscoveryNode | null {
    const nonNull = this.rawNodes().filter((node) => node !== null)
    return nonNull.at(-1) ?? null
  }

  /** hasSeenMasterInLastNSeconds: a master now, or one that was master at some moment of the last `ms`. */
  hasSeenMasterInLast(ms: number): boolean {
    if (this.mostRecentMaster() !== null) return true
    const now = this.clock.now()
    const entries = this.recent(this.history, now)
    for (let i = entries.length - 1; i >= 0; i--) {
      if (entries[i]!.master !== null) return true
      if (entries[i]!.startMs < now - ms) break
    }
    return false
  }

  /** getRecentMasterHistory: the entries that were current at some moment of the last max age. */
  private recent(history: readonly TimeAndMaster[], now: number): readonly TimeAndMaster[] {
    if (history.length < 2) return history
    const oldest = now - MAX_HISTORY_AGE_MS
    return history.filter((_, i) => i === history.length - 1 || history[i + 1]!.startMs >= oldest)
  }
}

/**
 * MasterHistory.getNumberOfMasterIdentityChanges: changes from one non-null master to a different one, nulls
 * between them skipped (node1 → null → node1 is none, node1 → null → node2 is one).
 */
export function masterIdentityChanges(history: readonly (DiscoveryNode | null)[]): number {
  let changes = 0
  let previous: DiscoveryNode | null = null
  for (const node of history) {
    if (node === null) continue
    if (previous !== null && previous.ephemeralId !== node.ephemeralId) changes++
    previous = node
  }
  return changes
}

/** MasterHistory.hasMasterGoneNullAtLeastNTimes: transitions from a non-null master to null. */
export function hasMasterGoneNullAtLeast(history: readonly (DiscoveryNode | null)[], n: number): boolean {
  let times = 0
  let previousNull = true
  for (const node of history) {
    if (node === null && !previousNull) times++
    previousNull = node === null
  }
  return times >= n
}
