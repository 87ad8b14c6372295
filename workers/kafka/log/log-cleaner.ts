/**
 * LogCleaner: the broker's log compaction task (Kafka 4.1's LogCleaner with one CleanerThread). Each run
 * takes the filthiest compacted log (log-cleaner-manager.ts), cleans it (cleaner.ts) and persists the swap
 * and the new cleaner checkpoint in one storage write, then looks for the next; when no log needs cleaning
 * it sleeps log.cleaner.backoff.ms (default 15000) and looks again. The first run starts at startup, as the
 * cleaner thread does. Each log is cleaned at most once per run. A log whose cleaning fails is marked
 * uncleanable and skipped from then on (LogCleanerManager.markPartitionUncleanable).
 */
import type { LogEngine } from '../../../engine-wasm/src/log/index.ts'
import type { Cancellable, Scheduler } from '../../net/scheduler.ts'
import type { Storage, StorageOp } from '../../storage/storage.ts'
import { Cleaner } from './cleaner.ts'
import { cleanableOffsets, logToClean, shouldClean, type LogToClean } from './log-cleaner-manager.ts'
import type { LogManager } from './log-manager.ts'
import type { UnifiedLog } from './unified-log.ts'

interface Candidate {
  topicId: string
  partition: number
  log: UnifiedLog
  toClean: LogToClean
}

export class LogCleaner {
  private readonly cleaner: Cleaner
  private task: Cancellable | null = null
  private readonly uncleanable = new Set<UnifiedLog>()

  constructor(
    private readonly logManager: LogManager,
    engine: LogEngine,
    private readonly storage: Storage,
    private readonly scheduler: Scheduler,
  ) {
    this.cleaner = new Cleaner(engine)
  }

  startup(backoffMs: number): void {
    const run = (delay: number): void => {
      this.task = this.scheduler.schedule(delay, () => {
        void this.cleanLogs(this.scheduler.now()).then(() => {
          if (this.task) run(backoffMs)
        })
      })
    }
    run(0)
  }

  shutdown(): void {
    this.task?.cancel()
    this.task = null
  }

  /** Cleans the filthiest log, then the next, until none is cleanable; returns how many were cleaned. */
  async cleanLogs(now: number): Promise<number> {
    const done = new Set<UnifiedLog>()
    for (;;) {
      const { filthiest, checkpointOps } = this.grabFilthiestCompactedLog(now, done)
      if (!filthiest) {
        if (checkpointOps.length > 0) await this.storage.write(checkpointOps)
        return done.size
      }
      done.add(filthiest.log)
      let endOffset: number
      try {
        endOffset = this.cleaner.clean(filthiest.log, filthiest.toClean, now)
      } catch {
        this.uncleanable.add(filthiest.log)
        continue
      }
      const checkpoint = this.logManager.updateCleanerCheckpoint(
        filthiest.topicId,
        filthiest.partition,
        endOffset,
      )
      await this.storage.write([...checkpointOps, ...this.logManager.takeFlushOps(), checkpoint])
    }
  }

  /**
   * LogCleanerManager.grabFilthiestCompactedLog over the logs not cleaned yet in this run; checkpoints that
   * had to be reset (forceUpdateCheckpoint) come back as storage operations.
   */
  private grabFilthiestCompactedLog(
    now: number,
    skip: ReadonlySet<UnifiedLog>,
  ): { filthiest: Candidate | undefined; checkpointOps: StorageOp[] } {
    const checkpointOps: StorageOp[] = []
    let filthiest: Candidate | undefined
    for (const { topicId, partition, log } of this.logManager.allLogs()) {
      if (skip.has(log) || this.uncleanable.has(log) || !log.compaction.compact) continue
      const view = log.cleanable()
      const offsets = cleanableOffsets(view, this.logManager.cleanerCheckpoint(topicId, partition), now)
      if (offsets.forceUpdateCheckpoint) {
        checkpointOps.push(
          this.logManager.updateCleanerCheckpoint(topicId, partition, offsets.firstDirtyOffset),
        )
      }
      const toClean = logToClean(view, offsets, now)
      if (!shouldClean(toClean, view.compaction.minCleanableRatio)) continue
      if (!filthiest || toClean.cleanableRatio > filthiest.toClean.cleanableRatio) {
        filthiest = { topicId, partition, log, toClean }
      }
    }
    return { filthiest, checkpointOps }
  }
}
