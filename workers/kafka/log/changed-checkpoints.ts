/**
 * ChangedCheckpoints: one per-partition checkpoint file of LogManager (`replication-offset-checkpoint`, the
 * high watermark; `log-start-offset-checkpoint`, the log start offset) and the value last written for each
 * partition, so that a run writes, in one storage write, only the partitions whose value changed since
 * (Kafka rewrites the whole file every time). A log whose value is null has nothing to checkpoint (Kafka leaves
 * it out of the file). A failed write changes nothing remembered, so the next run
 * tries again; a log deleted or replaced while the write was in flight is not remembered as written.
 *
 * Keys and values: offset-checkpoint.ts (`<file>/<topicId>/<partition>` in the `kafka` store).
 */
import type { Storage, StorageOp } from '../../storage/storage.ts'
import { checkpointKey, encodeCheckpoint, type CheckpointFile } from './offset-checkpoint.ts'
import type { UnifiedLog } from './unified-log.ts'

const STORE = 'kafka'

export class ChangedCheckpoints {
  /** The value last written (or loaded), by `<topicId>/<partition>`. */
  private readonly written = new Map<string, number>()

  constructor(
    private readonly file: CheckpointFile,
    private readonly valueOf: (log: UnifiedLog) => number | null,
  ) {}

  /** Records `value` as what storage holds for the log (after loading it, or for a new log). */
  remember(id: string, value: number): void {
    this.written.set(id, value)
  }

  /** Forgets the log and returns the operation deleting its stored value. */
  forget(id: string): StorageOp {
    this.written.delete(id)
    const [topicId, partition] = id.split('/') as [string, string]
    return { store: STORE, key: checkpointKey(this.file, topicId, Number(partition)), value: null }
  }

  /** Writes the changed values of `logs`; `current` tells whether a log is still the one hosted. */
  async write(
    storage: Storage,
    logs: ReadonlyMap<string, UnifiedLog>,
    current: (id: string, log: UnifiedLog) => boolean,
  ): Promise<void> {
    const changed = [...logs].flatMap(([id, log]) => {
      const value = this.valueOf(log)
      return value === null || this.written.get(id) === value ? [] : [{ id, log, value }]
    })
    if (changed.length === 0) return
    await storage.write(
      changed.map(({ id, value }): StorageOp => {
        const [topicId, partition] = id.split('/') as [string, string]
        const key = checkpointKey(this.file, topicId, Number(partition))
        return { store: STORE, key, value: encodeCheckpoint(topicId, Number(partition), value) }
      }),
    )
    for (const { id, log, value } of changed) if (current(id, log)) this.written.set(id, value)
  }
}
