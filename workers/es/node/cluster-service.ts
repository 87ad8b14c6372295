/**
 * ClusterService: this node's view of the cluster and its way to change it. It holds the Coordinator's
 * applied state, lets callers wait for a state they need (ClusterStateObserver), and runs metadata
 * tasks on the elected master wherever the request arrived (TransportMasterNodeAction): sent to the
 * master over the `master` channel, retried while no master is known or the master changes, for up to
 * the 30 s master_timeout, refused when a cluster block forbids it (checkBlock), and answered once this node has
 * applied the state the task produced. The same
 * channel answers `_cluster/pending_tasks`: the elected master's queue, read where the master is.
 */
import type { Scheduler } from '../../net/scheduler.ts'
import type { Transport } from '../../net/transport.ts'
import type { Coordinator } from '../cluster/coordination/coordinator.ts'
import { NotMasterError } from '../cluster/coordination/coordinator-config.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import type { DiscoveryNode } from '../cluster/state/discovery-node.ts'
import type { PendingClusterTask } from '../cluster/coordination/master-service.ts'
import { executeMetadataTask, type MetadataTask } from '../cluster/metadata/metadata-tasks.ts'
import { checkBlock } from '../cluster/block/metadata-task-blocks.ts'
import { EsException } from '../errors/index.ts'
import { fromWireException, toWireException, type WireException } from '../errors/wire-exception.ts'

/** A metadata task to run, or (TransportPendingClusterTasksAction) a read of the master's task queue. */
export type MasterRequest = { task: MetadataTask } | { pendingTasks: true }

export type MasterResponse =
  | { outcome: 'committed'; version: number }
  | { outcome: 'pending_tasks'; tasks: PendingClusterTask[] }
  | { outcome: 'failed'; error: WireException }
  | { outcome: 'not_master' }

export const MASTER_TIMEOUT_MS = 30_000

interface Observer {
  predicate: (state: ClusterState) => boolean
  resolve: (state: ClusterState | null) => void
}

export class ClusterService {
  private readonly observers = new Set<Observer>()

  constructor(
    private readonly coordinator: Coordinator,
    private readonly transport: Transport<MasterRequest, MasterResponse>,
    private readonly scheduler: Scheduler,
  ) {
    transport.serve((_from, request) =>
      'task' in request ? this.runOnMaster(request.task) : Promise.resolve(this.localPendingTasks()),
    )
  }

  state(): ClusterState {
    return this.coordinator.state()
  }

  get localNode(): DiscoveryNode {
    return this.coordinator.localNode
  }

  /** Called after every applied state (once the node's shards follow it). */
  applied(state: ClusterState): void {
    for (const observer of [...this.observers]) {
      if (!observer.predicate(state)) continue
      this.observers.delete(observer)
      observer.resolve(state)
    }
  }

  /** The first applied state that satisfies `predicate` (now, if the current one does), or null on timeout. */
  waitFor(predicate: (state: ClusterState) => boolean, timeoutMs: number): Promise<ClusterState | null> {
    const current = this.state()
    if (predicate(current)) return Promise.resolve(current)
    return new Promise((resolve) => {
      const observer: Observer = {
        predicate,
        resolve: (state) => {
          timer.cancel()
          resolve(state)
        },
      }
      const timer = this.scheduler.schedule(timeoutMs, () => {
        this.observers.delete(observer)
        resolve(null)
      })
      this.observers.add(observer)
    })
  }

  /** Runs a metadata task on the master; resolves once this node applied its result. */
  async execute(task: MetadataTask): Promise<ClusterState> {
    const deadline = this.scheduler.now() + MASTER_TIMEOUT_MS
    for (;;) {
      const state = this.state()
      const master = state.nodes.find((node) => node.id === state.masterNodeId)
      if (master) {
        const response = await this.send(master, task, deadline - this.scheduler.now())
        if (response.outcome === 'failed') throw fromWireException(response.error)
        if (response.outcome === 'committed') {
          const applied = await this.waitFor(
            (s) => s.version >= response.version,
            Math.max(0, deadline - this.scheduler.now()),
          )
          if (applied) return applied
        }
      }
      const remaining = deadline - this.scheduler.now()
      if (remaining <= 0) throw masterNotDiscoveredException()
      const version = state.version
      const masterId = state.masterNodeId
      await this.waitFor((s) => s.version !== version || s.masterNodeId !== masterId, remaining)
    }
  }

  /**
   * The elected master's unfinished cluster state tasks (a master node read): asked of the master wherever it
   * is, retried while no master is known or the asked node is no longer master, up to the master timeout.
   */
  async pendingTasks(): Promise<PendingClusterTask[]> {
    const deadline = this.scheduler.now() + MASTER_TIMEOUT_MS
    for (;;) {
      const state = this.state()
      const master = state.nodes.find((node) => node.id === state.masterNodeId)
      if (master) {
        const response = await this.ask(master, { pendingTasks: true }, deadline - this.scheduler.now())
        if (response.outcome === 'pending_tasks') return response.tasks
      }
      const remaining = deadline - this.scheduler.now()
      if (remaining <= 0) throw masterNotDiscoveredException()
      const version = state.version
      const masterId = state.masterNodeId
      await this.waitFor((s) => s.version !== version || s.masterNodeId !== masterId, remaining)
    }
  }

  private send(master: DiscoveryNode, task: MetadataTask, timeoutMs: number): Promise<MasterResponse> {
    return this.ask(master, { task }, timeoutMs)
  }

  private ask(master: DiscoveryNode, request: MasterRequest, timeoutMs: number): Promise<MasterResponse> {
    const call =
      master.id !== this.localNode.id
        ? this.transport.request(master.address, request, Math.max(1, timeoutMs))
        : 'task' in request
          ? this.runOnMaster(request.task)
          : Promise.resolve(this.localPendingTasks())
    return call.catch((): MasterResponse => ({ outcome: 'not_master' }))
  }

  private localPendingTasks(): MasterResponse {
    try {
      return { outcome: 'pending_tasks', tasks: this.coordinator.pendingTasks() }
    } catch {
      return { outcome: 'not_master' }
    }
  }

  /** TransportMasterNodeAction on the master: checkBlock on its state, then the task (metadata-task-blocks.ts). */
  private async runOnMaster(task: MetadataTask): Promise<MasterResponse> {
    const blocked = checkBlock(this.coordinator.state(), task)
    if (blocked !== null) return { outcome: 'failed', error: toWireException(blocked) }
    try {
      const state = await this.coordinator.submitStateUpdate(task.type, (current) =>
        executeMetadataTask(current, task, this.scheduler.now()),
      )
      return { outcome: 'committed', version: state.version }
    } catch (error) {
      if (error instanceof EsException) return { outcome: 'failed', error: toWireException(error) }
      if (error instanceof NotMasterError) return { outcome: 'not_master' }
      throw error
    }
  }
}

/** MasterNotDiscoveredException: no master within master_timeout. */
export function masterNotDiscoveredException(): EsException {
  return new EsException({ type: 'master_not_discovered_exception', reason: 'null', status: 503 })
}
