/**
 * HealthService and GetHealthAction (ES 8.17): the report's indicators in the order an 8.17 node with its default
 * modules registers them (master_is_stable, the preflight indicator, first), optionally only the one named; a name
 * no indicator has is ResourceNotFoundException "Did not find indicator <name>". The preflight indicator is always
 * computed (from this node's own master stability diagnosis); when it is not green every other indicator is
 * `unknown` with UNKNOWN_RESULT_SUMMARY_PREFLIGHT_FAILED and, when verbose, details `reasons` (the preflight
 * indicators that are not green, by name, with their status). The others are computed from this node's applied
 * cluster state. The response is `status` (the worst indicator's, only when no indicator was named), `cluster_name`
 * and `indicators` by name. A negative `size` fails GetHealthAction.Request's validation.
 */
import type { ClusterInfo } from '../cluster/allocation/cluster-info.ts'
import type { ClusterState } from '../cluster/state/cluster-state.ts'
import { actionRequestValidationException } from '../errors/index.ts'
import { resourceNotFoundException } from '../cluster/metadata/metadata-errors.ts'
import type { JsonOut } from '../xcontent/index.ts'
import { indicatorToJson, mergeStatus, type HealthIndicatorResult } from './health-indicator-result.ts'
import {
  dataStreamLifecycleIndicator,
  repositoryIntegrityIndicator,
  slmIndicator,
} from './health-indicators.ts'
import type { CoordinationDiagnosticsResult } from './coordination-diagnostics.ts'
import { STABLE_MASTER, stableMasterIndicator } from './stable-master-indicator.ts'
import { shardsCapacityIndicator } from './shards-capacity-indicator.ts'
import { shardsAvailabilityIndicator } from './shards-availability-indicator.ts'
import { ilmIndicator } from './ilm-indicator.ts'
import { diskIndicator } from './disk-indicator.ts'

export interface HealthRequest {
  readonly indicator: string | null
  readonly verbose: boolean
  readonly size: number
}

type Calculate = (
  state: ClusterState,
  request: HealthRequest,
  now: number,
  info: ClusterInfo,
) => HealthIndicatorResult

const UNKNOWN_RESULT_SUMMARY_PREFLIGHT_FAILED =
  'Could not determine health status. Check details on critical issues preventing the health status from reporting.'

/** The indicators after the preflight one, in registration order. */
const INDICATORS: ReadonlyArray<readonly [string, Calculate]> = [
  ['repository_integrity', (state, { verbose }) => repositoryIntegrityIndicator(state, verbose)],
  ['disk', (state, { verbose, size }, _now, info) => diskIndicator(state, verbose, size, info)],
  ['shards_capacity', (state, { verbose }) => shardsCapacityIndicator(state, verbose)],
  [
    'shards_availability',
    (state, { verbose, size }, now, info) => shardsAvailabilityIndicator(state, verbose, size, now, info),
  ],
  ['data_stream_lifecycle', () => dataStreamLifecycleIndicator()],
  ['slm', (_state, { verbose }) => slmIndicator(verbose)],
  ['ilm', (state, { verbose, size }, now) => ilmIndicator(state, verbose, size, now)],
]

/** GetHealthAction.Request.validate. */
export function validateHealthRequest(request: HealthRequest): void {
  if (request.size < 0)
    throw actionRequestValidationException(['The size parameter must be a positive integer'])
}

/** The report of a valid request, given this node's master stability diagnosis (the preflight indicator's). */
export function healthReport(
  state: ClusterState,
  request: HealthRequest,
  now: number,
  masterStability: CoordinationDiagnosticsResult,
  info: ClusterInfo,
): JsonOut {
  const preflight = stableMasterIndicator(masterStability, state.nodes, request.verbose)
  const wanted = (name: string) => request.indicator === null || name === request.indicator
  const others = INDICATORS.filter(([name]) => wanted(name))
  const results = [
    ...(wanted(STABLE_MASTER) ? [preflight] : []),
    ...(preflight.status === 'green'
      ? others.map(([, calculate]) => calculate(state, request, now, info))
      : others.map(([name]) => unknownResult(name, preflight, request.verbose))),
  ]
  if (results.length === 0) throw resourceNotFoundException(`Did not find indicator ${request.indicator}`)
  const out = new Map<string, JsonOut>()
  if (request.indicator === null) out.set('status', mergeStatus(results.map((r) => r.status)))
  out.set('cluster_name', state.clusterName)
  out.set('indicators', new Map(results.map((r) => [r.name, indicatorToJson(r)])))
  return out
}

/** HealthService.generateUnknownResult, with healthUnknownReason's details. */
function unknownResult(
  name: string,
  preflight: HealthIndicatorResult,
  verbose: boolean,
): HealthIndicatorResult {
  return {
    name,
    status: 'unknown',
    symptom: UNKNOWN_RESULT_SUMMARY_PREFLIGHT_FAILED,
    details: verbose ? { reasons: { [preflight.name]: preflight.status } } : null,
    impacts: [],
    diagnoses: [],
  }
}
