/**
 * ReplicaHistory: what a replica keeps so that it can roll back to its global checkpoint when a new primary
 * takes over. ES resets the engine (IndexShard.resetEngineToGlobalCheckpoint: the safe commit reopened and the
 * translog replayed up to the global checkpoint); a copy here keeps no older commit, so it keeps instead, per
 * `_id` that an operation above the global checkpoint touched, the id's state before the first such operation
 * (`base`: its newest operation at or below the checkpoint, null for none) and every operation on it above the
 * checkpoint, applied or skipped as stale, as Lucene's soft-deleted documents keep what an operation replaced.
 * A rollback answers each such id's newest operation at or below the checkpoint (the state to put back) and
 * keeps the operations it undid until the new primary's resync settles them: a copy promoted before that puts
 * them back (IndexShard.restoreLocalHistoryFromTranslog).
 *
 * Invariants: base's seq_no <= the global checkpoint it was folded at; every operation in `above` was above
 * the global checkpoint when recorded, in seq_no order; an id is listed only while `above` is not empty.
 */
import { idOf, seqNoOf, type ShardOperation } from '../shard/shard-operation.ts'

/** An operation and, for a delete, when it happened (its tombstone's time for index.gc_deletes). */
export interface HistoryEntry {
  operation: ShardOperation
  at: number
}

/** The state a rolled-back id goes back to: its newest operation at or below the checkpoint, null for none. */
export interface RollbackTarget {
  id: string
  target: HistoryEntry | null
}

interface IdHistory {
  base: HistoryEntry | null
  above: HistoryEntry[]
}

const newer = (a: HistoryEntry | null, b: HistoryEntry): HistoryEntry =>
  a !== null && seqNoOf(a.operation) > seqNoOf(b.operation) ? a : b

export class ReplicaHistory {
  private readonly ids = new Map<string, IdHistory>()
  private undone: HistoryEntry[] = []

  /**
   * Records an operation this replica applied (`stale` false) or skipped because it holds a newer one on the
   * id; `current` gives the id's state before it, read only when the id enters the history.
   */
  record(
    entry: HistoryEntry,
    stale: boolean,
    globalCheckpoint: number,
    current: (id: string) => HistoryEntry | null,
  ): void {
    const id = idOf(entry.operation)
    const seqNo = seqNoOf(entry.operation)
    const known = this.ids.get(id)
    if (!known) {
      // A stale operation's newer one is above the checkpoint too, so its id is known already.
      if (seqNo > globalCheckpoint && !stale) this.ids.set(id, { base: current(id), above: [entry] })
      return
    }
    if (seqNo <= globalCheckpoint) {
      known.base = newer(known.base, entry)
      return
    }
    let at = known.above.length
    while (at > 0 && seqNoOf(known.above[at - 1]!.operation) > seqNo) at--
    known.above.splice(at, 0, entry)
  }

  /** The global checkpoint advanced: operations at or below it are folded into their id's base. */
  advance(globalCheckpoint: number): void {
    for (const [id, history] of this.ids) {
      let folded = 0
      while (folded < history.above.length && seqNoOf(history.above[folded]!.operation) <= globalCheckpoint)
        history.base = newer(history.base, history.above[folded++]!)
      if (folded === history.above.length) this.ids.delete(id)
      else if (folded > 0) history.above.splice(0, folded)
    }
  }

  /**
   * Rolls the history back to `globalCheckpoint`: the state each id above it goes back to; the operations
   * undone are kept (undone()) until the new primary's resync settles them.
   */
  rollback(globalCheckpoint: number): RollbackTarget[] {
    const targets: RollbackTarget[] = []
    for (const [id, history] of this.ids) {
      let target = history.base
      for (const entry of history.above) {
        if (seqNoOf(entry.operation) <= globalCheckpoint) target = newer(target, entry)
        else this.undone.push(entry)
      }
      targets.push({ id, target })
    }
    this.ids.clear()
    return targets
  }

  /** The operations rollbacks undid since the last resync, in seq_no order. */
  undoneOperations(): HistoryEntry[] {
    return [...this.undone].sort((a, b) => seqNoOf(a.operation) - seqNoOf(b.operation))
  }

  /** Whether rollbacks undid operations since the last resync. */
  hasUndone(): boolean {
    return this.undone.length > 0
  }

  /** The new primary's resync arrived (or this copy became the primary): nothing is kept to put back any more. */
  settle(): void {
    this.undone = []
  }

  /** This copy became the primary: it never rolls back. */
  clear(): void {
    this.ids.clear()
    this.undone = []
  }
}
