/**
 * Automatic preferred leader election as Kafka 4.1's KRaft controller runs it: the active controller's
 * periodic task `electPreferred` (PeriodicTaskControlManager), registered when auto.leader.rebalance.enable
 * is true. It first runs leader.imbalance.check.interval.seconds (300 s) after the controller becomes
 * active, and then every interval; nothing else schedules it (not a broker's unfencing, unlike the
 * ZooKeeper controller's checks). Each run is ReplicationControlManager.maybeBalancePartitionLeaders:
 * a preferred election for every partition whose leader is not its first replica, at most 1000 per run;
 * when it stopped at that limit the task runs again 10 ms later (PeriodicTask's immediate period). A run
 * that failed is retried after 5 minutes. leader.imbalance.per.broker.percentage is not read by the KRaft
 * controller, so it changes nothing here either.
 */
import type { Cancellable, Scheduler } from '../../net/scheduler.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'
import type { MetadataRecord } from '../metadata/metadata-records.ts'
import { electLeadersRecords } from './replication-control.ts'

export interface LeaderRebalanceConfig {
  /** auto.leader.rebalance.enable */
  enabled: boolean
  /** leader.imbalance.check.interval.seconds, in ms. */
  checkIntervalMs: number
}

/** QuorumController's cap on the preferred elections of one run. */
export const MAX_ELECTIONS_PER_IMBALANCE = 1000
const IMMEDIATE_PERIOD_MS = 10
const ERROR_PERIOD_MS = 5 * 60_000

/** The records of one run, and whether partitions were left for an immediate next run. */
export function maybeBalancePartitionLeaders(
  metadata: ClusterMetadata,
  maxElections = MAX_ELECTIONS_PER_IMBALANCE,
): { records: MetadataRecord[]; rescheduleImmediately: boolean } {
  const records: MetadataRecord[] = []
  for (const topic of metadata.topicsById.values()) {
    for (const [partition, registration] of topic.partitions) {
      if (registration.leader === registration.replicas[0]) continue
      if (records.length >= maxElections) return { records, rescheduleImmediately: true }
      records.push(...electLeadersRecords(metadata, 'preferred', [{ topic: topic.name, partition }]))
    }
  }
  return { records, rescheduleImmediately: false }
}

/** The `electPreferred` task of one controller: `run` performs one run and says whether to rerun at once. */
export class ElectPreferredTask {
  private timer: Cancellable | null = null
  private active = false

  constructor(
    private readonly scheduler: Scheduler,
    private readonly config: LeaderRebalanceConfig,
    private readonly run: () => Promise<boolean>,
  ) {}

  activate(): void {
    this.active = true
    this.reschedule(this.config.checkIntervalMs)
  }

  deactivate(): void {
    this.active = false
    this.timer?.cancel()
    this.timer = null
  }

  private reschedule(delayMs: number): void {
    this.timer?.cancel()
    this.timer = null
    if (!this.active || !this.config.enabled) return
    this.timer = this.scheduler.schedule(delayMs, () => {
      this.timer = null
      this.run().then(
        (again) => this.reschedule(again ? IMMEDIATE_PERIOD_MS : this.config.checkIntervalMs),
        () => this.reschedule(ERROR_PERIOD_MS),
      )
    })
  }
}
