/**
 * The topic configs the log cleaner obeys (LogConfig's compact, deleteRetentionMs, minCleanableRatio,
 * compactionLagMs and maxCompactionLagMs in Kafka 4.1), read from a topic's effective config values.
 * Defaults are Kafka's: cleanup.policy delete, delete.retention.ms 86400000 (one day),
 * min.cleanable.dirty.ratio 0.5, min.compaction.lag.ms 0, max.compaction.lag.ms Long.MAX_VALUE.
 */
export interface CompactionConfig {
  /** cleanup.policy contains `compact`. */
  compact: boolean
  deleteRetentionMs: number
  minCleanableRatio: number
  minCompactionLagMs: number
  maxCompactionLagMs: number
}

export const DEFAULT_COMPACTION: CompactionConfig = {
  compact: false,
  deleteRetentionMs: 86_400_000,
  minCleanableRatio: 0.5,
  minCompactionLagMs: 0,
  maxCompactionLagMs: Number.MAX_SAFE_INTEGER,
}

function numberOr(text: string | undefined, fallback: number): number {
  const value = Number(text)
  return text === undefined || text === '' || Number.isNaN(value) ? fallback : value
}

/** The compaction settings of a topic's effective configs (what logConfigOf spreads into a LogConfig). */
export function compactionConfigOf(config: Readonly<Record<string, string>>): CompactionConfig {
  return {
    compact: (config['cleanup.policy'] ?? '').split(',').some((policy) => policy.trim() === 'compact'),
    deleteRetentionMs: numberOr(config['delete.retention.ms'], DEFAULT_COMPACTION.deleteRetentionMs),
    minCleanableRatio: numberOr(config['min.cleanable.dirty.ratio'], DEFAULT_COMPACTION.minCleanableRatio),
    minCompactionLagMs: numberOr(config['min.compaction.lag.ms'], DEFAULT_COMPACTION.minCompactionLagMs),
    maxCompactionLagMs: numberOr(config['max.compaction.lag.ms'], DEFAULT_COMPACTION.maxCompactionLagMs),
  }
}
