/**
 * Publication: one two-phase cluster-state publication from the master, as ES's Publication. Phase one
 * sends the state to every node (the master included) and counts accepts; when the accepts form a
 * quorum of both the old and the proposed voting configuration, phase two sends the commit to every node
 * that accepted (and to later ones). It fails as soon as no quorum is possible any more, or when
 * cluster.publish.timeout passes uncommitted; once committed it completes when every node answered or
 * the timeout passed. `cancel` ends it silently (the master stepped down).
 */
import type { Cancellable, Scheduler } from '../../../net/scheduler.ts'
import type { ClusterState } from '../state/cluster-state.ts'
import type { DiscoveryNode } from '../state/discovery-node.ts'
import type { CoordinationResponse } from './messages.ts'

export type PublishResponse = Extract<CoordinationResponse, { type: 'publish' }>

export interface PublicationDeps {
  scheduler: Scheduler
  timeoutMs: number
  publish(node: DiscoveryNode, state: ClusterState): Promise<PublishResponse>
  commit(node: DiscoveryNode, term: number, version: number): Promise<unknown>
  /** Counts an accept; true when it completes the publish quorum. */
  onAccepted(nodeId: string, response: PublishResponse): boolean
  /** A node confirmed it applied the committed state. */
  onApplied(nodeId: string): void
  onCompleted(committed: boolean): void
}

type TargetPhase = 'publishing' | 'accepted' | 'committing' | 'done' | 'failed'

export class Publication {
  private readonly phases = new Map<string, TargetPhase>()
  private committed = false
  private finished = false
  private readonly timer: Cancellable

  constructor(
    readonly state: ClusterState,
    private readonly deps: PublicationDeps,
  ) {
    this.timer = deps.scheduler.schedule(deps.timeoutMs, () => this.finish(this.committed))
    for (const node of state.nodes) this.phases.set(node.id, 'publishing')
    for (const node of state.nodes) this.publishTo(node)
  }

  private publishTo(node: DiscoveryNode): void {
    this.deps.publish(node, this.state).then(
      (response) => {
        if (this.finished) return
        this.phases.set(node.id, 'accepted')
        if (this.deps.onAccepted(node.id, response)) {
          this.committed = true
          for (const target of this.state.nodes)
            if (this.phases.get(target.id) === 'accepted') this.commitTo(target)
        } else if (this.committed) this.commitTo(node)
        this.checkCompletion()
      },
      () => this.targetFailed(node),
    )
  }

  private commitTo(node: DiscoveryNode): void {
    this.phases.set(node.id, 'committing')
    this.deps.commit(node, this.state.term, this.state.version).then(
      () => {
        if (this.finished) return
        this.phases.set(node.id, 'done')
        this.deps.onApplied(node.id)
        this.checkCompletion()
      },
      () => this.targetFailed(node),
    )
  }

  private targetFailed(node: DiscoveryNode): void {
    if (this.finished) return
    this.phases.set(node.id, 'failed')
    this.checkCompletion()
  }

  private checkCompletion(): void {
    const phases = [...this.phases.values()]
    if (this.committed) {
      if (phases.every((phase) => phase === 'done' || phase === 'failed')) this.finish(true)
    } else if (phases.every((phase) => phase !== 'publishing')) {
      this.finish(false)
    }
  }

  private finish(committed: boolean): void {
    if (this.finished) return
    this.finished = true
    this.timer.cancel()
    this.deps.onCompleted(committed)
  }

  cancel(): void {
    this.finished = true
    this.timer.cancel()
  }
}
