/**
 * The health report's small indicators (ES 8.17), each from what the playground models:
 * - repository_integrity (RepositoryIntegrityHealthIndicatorService): "No snapshot repositories configured." with no
 *   details, else "All repositories are healthy." with `total_repositories` (an fs repository here is never corrupt,
 *   unknown or invalid);
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
