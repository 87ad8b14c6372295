/**
 * The health report's small indicators (ES 8.17), each from what the playground models:
 * - repository_integrity (RepositoryIntegrityHealthIndicatorService): "No snapshot repositories configured." with no
 *   details, else "All repositories are healthy." with `total_repositories` (an fs repository here is never corrupt,
 *   unknown or invalid);
 * - disk (DiskHealthIndicatorService): the playground models no disk, so every node reports what a node below every
 *   watermark reports (green, as `_cat/allocation`'s figures of a node with room to spare): "The cluster has enough
 *   available disk space." with the node counts;
 * - slm (SlmHealthIndicatorService): no snapshot lifecycle policy exists here, SLM running;
 * - data_stream_lifecycle (DataStreamLifecycleHealthIndicatorService): no lifecycle run has reported yet.
 * Details are written only when `verbose`.
 */
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { repositoriesOf } from '../repositories/repositories-metadata.ts'
import type { JsonOut } from '../xcontent/index.ts'
import type { HealthIndicatorResult, HealthStatus } from './health-indicator-result.ts'

function green(name: string, symptom: string, details: JsonOut | null): HealthIndicatorResult {
  return { name, status: 'green' satisfies HealthStatus, symptom, details, impacts: [], diagnoses: [] }
}

export function repositoryIntegrityIndicator(state: ClusterState, verbose: boolean): HealthIndicatorResult {
  const total = repositoriesOf(state).length
  if (total === 0) return green('repository_integrity', 'No snapshot repositories configured.', null)
  return green(
    'repository_integrity',
    'All repositories are healthy.',
    verbose ? { total_repositories: total } : null,
  )
}

export function diskIndicator(state: ClusterState, verbose: boolean): HealthIndicatorResult {
  const details = {
    indices_with_readonly_block: 0,
    nodes_with_enough_disk_space: state.nodes.length,
    nodes_with_unknown_disk_status: 0,
    nodes_over_high_watermark: 0,
    nodes_over_flood_stage_watermark: 0,
  }
  return green('disk', 'The cluster has enough available disk space.', verbose ? details : null)
}

export function slmIndicator(verbose: boolean): HealthIndicatorResult {
  const details = verbose
    ? new Map<string, JsonOut>([
        ['slm_status', 'RUNNING'],
        ['policies', 0],
      ])
    : null
  return green('slm', 'No Snapshot Lifecycle Management policies configured', details)
}

export function dataStreamLifecycleIndicator(): HealthIndicatorResult {
  return green(
    'data_stream_lifecycle',
    'No data stream lifecycle health data available yet. Health information will be reported after the first run.',
    null,
  )
}
