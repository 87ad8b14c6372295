/**
 * LicenseService.clusterChanged: the elected master, on applying a state that holds no license, submits the
 * self-generated license task (at most one at a time); the task itself leaves a state that gained a license
 * meanwhile unchanged. Other nodes do nothing.
 */
import type { Clock } from '../../net/clock.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { SELF_GENERATED_LICENSE_TASK_SOURCE, withSelfGeneratedLicense } from './license.ts'

export interface LicenseServiceDeps {
  localNodeId: string
  clock: Clock
  /** Runs a cluster state update on this (master) node. */
  submitStateUpdate(source: string, update: (state: ClusterState) => ClusterState): Promise<ClusterState>
}

export class LicenseService {
  private submitted = false

  constructor(private readonly deps: LicenseServiceDeps) {}

  clusterChanged(state: ClusterState): void {
    if (state.masterNodeId !== this.deps.localNodeId || state.metadata.license !== undefined) return
    if (this.submitted) return
    this.submitted = true
    this.deps
      .submitStateUpdate(SELF_GENERATED_LICENSE_TASK_SOURCE, (current) =>
        withSelfGeneratedLicense(current, this.deps.clock.now()),
      )
      .catch(() => undefined)
      .finally(() => {
        this.submitted = false
      })
  }
}
