/**
 * MasterService: the elected master's queue of cluster state update tasks, as ES's MasterService. A task
 * submitted while a state is being published waits; the next batch runs every waiting task in submission
 * order on the last accepted state (a task that throws is rejected alone, the others go on), and the
 * resulting state goes to the publisher (the Coordinator), one publication at a time. A committed
 * publication resolves its tasks with the applied state; a failed one, or a master that steps down, rejects
 * them (ES's FailedToCommitClusterStateException / NotMasterException).
 *
 * Every task gets an insertion order number and its submission time; `pendingTasks` lists the batch being
 * published (executing) and then the waiting tasks, as MasterService.pendingTasks does for `_cluster/pending_tasks`.
 *
 * Invariant: at most one batch is being published; every task is settled exactly once.
 */
import type { ClusterState } from '../state/cluster-state.ts'

interface MasterTask {
  insertOrder: number
  insertedAt: number
  source: string
  update: (state: ClusterState) => ClusterState
  resolve: (state: ClusterState) => void
  reject: (error: Error) => void
}

/** PendingClusterTask: a task the master has not finished (ES's priority is not modelled: see DEVIATIONS.md). */
export interface PendingClusterTask {
  insertOrder: number
  source: string
  executing: boolean
  timeInQueueMillis: number
}

export interface MasterServiceDeps {
  /** The master's clock, for the time a task has waited. */
  now(): number
  /** Whether this node is the elected master and may run tasks. */
  isMaster(): boolean
  lastAccepted(): ClusterState
  /**
   * Finishes and publishes the state a batch computed from `base`; calls `done` once, with the applied
   * state when it was committed and applied here, or with the error its tasks fail with.
   */
  publish(next: ClusterState, base: ClusterState, done: (outcome: ClusterState | Error) => void): void
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)))

export class MasterService {
  private queue: MasterTask[] = []
  /** The batch being published, or null. */
  private publishing: MasterTask[] | null = null
  private insertionOrder = 0

  constructor(private readonly deps: MasterServiceDeps) {}

  /** Runs `update` in the next batch; resolves with the applied state once its publication committed. */
  submit(source: string, update: (state: ClusterState) => ClusterState): Promise<ClusterState> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...this.stamp(source), update, resolve, reject })
      this.runBatch()
    })
  }

  /** Puts a task ahead of every waiting one (the new master's `elected-as-master`); nobody waits on it. */
  submitFirst(source: string, update: (state: ClusterState) => ClusterState): void {
    this.queue.unshift({ ...this.stamp(source), update, resolve: () => undefined, reject: () => undefined })
    this.runBatch()
  }

  /** The tasks not finished yet: the batch being published, then the waiting ones in the order they will run. */
  pendingTasks(): PendingClusterTask[] {
    const now = this.deps.now()
    const describe = (task: MasterTask, executing: boolean): PendingClusterTask => ({
      insertOrder: task.insertOrder,
      source: task.source,
      executing,
      timeInQueueMillis: now - task.insertedAt,
    })
    return [
      ...(this.publishing ?? []).map((task) => describe(task, true)),
      ...this.queue.map((task) => describe(task, false)),
    ]
  }

  private stamp(source: string): { insertOrder: number; insertedAt: number; source: string } {
    return { insertOrder: this.insertionOrder++, insertedAt: this.deps.now(), source }
  }

  /** The master stepped down or stopped: every waiting task and the batch being published fail. */
  failAll(error: Error): void {
    const failed = [...(this.publishing ?? []), ...this.queue]
    this.publishing = null
    this.queue = []
    for (const task of failed) task.reject(error)
  }

  /** Starts the next batch when this node is master and no publication is running. */
  runBatch(): void {
    if (!this.deps.isMaster() || this.publishing || this.queue.length === 0) return
    const batch = this.queue
    this.queue = []
    const base = this.deps.lastAccepted()
    let next = base
    const accepted: MasterTask[] = []
    for (const task of batch) {
      try {
        next = task.update(next)
        accepted.push(task)
      } catch (error) {
        task.reject(asError(error))
      }
    }
    if (accepted.length === 0) return this.runBatch()
    this.publishing = accepted
    this.deps.publish(next, base, (outcome) => this.completed(accepted, outcome))
  }

  private completed(batch: MasterTask[], outcome: ClusterState | Error): void {
    if (this.publishing !== batch) return
    this.publishing = null
    if (outcome instanceof Error) {
      for (const task of batch) task.reject(outcome)
      return
    }
    for (const task of batch) task.resolve(outcome)
    this.runBatch()
  }
}
