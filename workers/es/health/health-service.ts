/**
 * HealthService and GetHealthAction (ES 8.17): the report's indicators in the order an 8.17 node with its default
 * modules registers them (master_is_stable, the preflight indicator, first), optionally only the one named; a name
 * no indicator has is ResourceNotFoundException "Did not find indicator <name>". The response is `status` (the worst
 * indicator's, only when no indicator was named), `cluster_name` and `indicators` by name. A negative `size` fails
 * GetHealthAction.Request's validation.
 */
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { actionRequestValidationException } from '../errors/index.ts'
import { resourceNotFoundException } from '../cluster/metadata/metadata-errors.ts'
import type { JsonOut } from '../xcontent/index.ts'
import { indicatorToJson, mergeStatus, type HealthIndicatorResult } from './health-indicator-result.ts'
import {
  dataStreamLifecycleIndicator,
  diskIndicator,
  repositoryIntegrityIndicator,
  slmIndicator,
  stableMasterIndicator,
} from './health-indicators.ts'
import { shardsCapacityIndicator } from './shards-capacity-indicator.ts'
import { shardsAvailabilityIndicator } from './shards-availability-indicator.ts'
import { ilmIndicator } from './ilm-indicator.ts'

export interface HealthRequest {
  readonly indicator: string | null
  readonly verbose: boolean
  readonly size: number
}

type Calculate = (state: ClusterState, request: HealthRequest, now: number) => HealthIndicatorResult

const INDICATORS: ReadonlyArray<readonly [string, Calculate]> = [
  ['master_is_stable', (state, { verbose }) => stableMasterIndicator(state, verbose)],
  ['repository_integrity', (state, { verbose }) => repositoryIntegrityIndicator(state, verbose)],
  ['disk', (state, { verbose }) => diskIndicator(state, verbose)],
  ['shards_capacity', (state, { verbose }) => shardsCapacityIndicator(state, verbose)],
  [
    'shards_availability',
    (state, { verbose, size }, now) => shardsAvailabilityIndicator(state, verbose, size, now),
  ],
  ['data_stream_lifecycle', () => dataStreamLifecycleIndicator()],
  ['slm', (_state, { verbose }) => slmIndicator(verbose)],
  ['ilm', (state, { verbose, size }, now) => ilmIndicator(state, verbose, size, now)],
]

export function healthReport(state: ClusterState, request: HealthRequest, now: number): JsonOut {
  if (request.size < 0)
    throw actionRequestValidationException(['The size parameter must be a positive integer'])
  const results = INDICATORS.filter(([name]) => request.indicator === null || name === request.indicator).map(
    ([, calculate]) => calculate(state, request, now),
  )
  if (results.length === 0) throw resourceNotFoundException(`Did not find indicator ${request.indicator}`)
  const out = new Map<string, JsonOut>()
  if (request.indicator === null) out.set('status', mergeStatus(results.map((r) => r.status)))
  out.set('cluster_name', state.clusterName)
  out.set('indicators', new Map(results.map((r) => [r.name, indicatorToJson(r)])))
  return out
}
