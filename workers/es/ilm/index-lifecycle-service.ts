/**
 * IndexLifecycleService: on the elected master only, while ILM is RUNNING and the cluster has a policy, runs
 * every managed index's policy (index-lifecycle-runner.ts) each `indices.lifecycle.poll_interval` (10m by
 * default; a change reschedules), and at once after a state change brings a managed index ILM has not
 * initialized yet (ES's runPolicyAfterStateChange). Runs never overlap: a trigger during a run runs again after
 * it. Indices run one at a time, in name order. A node that stops being master cancels its timer.
 */
import type { Cancellable, Scheduler } from '../../net/scheduler.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { lifecyclePollIntervalMillis } from '../cluster/metadata/cluster-settings.ts'
import { indicesMetadata } from '../cluster/metadata/es-index-metadata.ts'
import { lifecycleMetadata, lifecyclePolicyName, operationMode } from './index-lifecycle-metadata.ts'
import { runPolicy, type RunnerClient } from './index-lifecycle-runner.ts'

export interface IndexLifecycleServiceDeps {
  readonly localNodeId: string
  readonly scheduler: Scheduler
  readonly client: RunnerClient
}

export class IndexLifecycleService {
  private timer: Cancellable | null = null
  private interval = -1
  private running = false
  private again = false

  constructor(private readonly deps: IndexLifecycleServiceDeps) {}

  clusterChanged(state: ClusterState): void {
    const active =
      state.masterNodeId === this.deps.localNodeId &&
      operationMode(state) === 'RUNNING' &&
      Object.keys(lifecycleMetadata(state).policies).length > 0
    if (!active) {
      this.cancel()
      return
    }
    const interval = Math.max(1, lifecyclePollIntervalMillis(state))
    if (this.timer === null || interval !== this.interval) this.schedule(interval)
    const uninitialized = indicesMetadata(state).some(
      (metadata) => lifecyclePolicyName(metadata) !== null && metadata.lifecycleState === undefined,
    )
    if (uninitialized) this.trigger()
  }

  stop(): void {
    this.cancel()
  }

  private cancel(): void {
    this.timer?.cancel()
    this.timer = null
  }

  private schedule(interval: number): void {
    this.cancel()
    this.interval = interval
    this.timer = this.deps.scheduler.schedule(interval, () => {
      this.timer = null
      this.schedule(interval)
      this.trigger()
    })
  }

  private trigger(): void {
    if (this.running) {
      this.again = true
      return
    }
    this.running = true
    // after the state being applied is in place, as ES runs its steps off the applier thread
    this.deps.scheduler.schedule(0, () => {
      this.runAll()
        .catch(() => undefined)
        .finally(() => {
          this.running = false
          if (this.again) {
            this.again = false
            this.trigger()
          }
        })
    })
  }

  private async runAll(): Promise<void> {
    const state = this.deps.client.state()
    const names = indicesMetadata(state)
      .filter((metadata) => lifecyclePolicyName(metadata) !== null)
      .map((metadata) => metadata.name)
      .sort()
    for (const name of names) {
      if (operationMode(this.deps.client.state()) !== 'RUNNING') return
      await runPolicy(this.deps.client, name).catch(() => undefined)
    }
  }
}
