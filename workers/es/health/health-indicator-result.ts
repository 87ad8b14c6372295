/**
 * The health report's values (org.elasticsearch.health, ES 8.17): HealthStatus (green < unknown < yellow < red, the
 * report's status the worst of its indicators: HealthStatus.merge), HealthIndicatorImpact, Diagnosis (a
 * Diagnosis.Definition and the resources it affects) and HealthIndicatorResult, written as their toXContent writes
 * them:
 * - an indicator: `status`, `symptom`, then `details` (left out when empty), `impacts` and `diagnosis` (each left
 *   out when there are none);
 * - an impact: `id` (`elasticsearch:health:<indicator>:impact:<id>`), `severity`, `description`, `impact_areas`;
 * - a diagnosis: `id` (`elasticsearch:health:<indicator>:diagnosis:<id>`), `cause`, `action`, `help_url`, then
 *   `affected_resources` (one array per resource type: `indices`, `nodes` as `{id, name}`, `feature_states`, ...)
 *   when it has any.
 */
import type { JsonOut } from '../xcontent/index.ts'

export type HealthStatus = 'green' | 'unknown' | 'yellow' | 'red'

const RANK: Record<HealthStatus, number> = { green: 0, unknown: 1, yellow: 2, red: 3 }

/** HealthStatus.merge: the worst status, green for none. */
export function mergeStatus(statuses: readonly HealthStatus[]): HealthStatus {
  return statuses.reduce<HealthStatus>((worst, s) => (RANK[s] > RANK[worst] ? s : worst), 'green')
}

/** ImpactArea's display values. */
export type ImpactArea = 'search' | 'ingest' | 'backup' | 'deployment_management'

export interface HealthIndicatorImpact {
  readonly id: string
  readonly severity: number
  readonly description: string
  readonly areas: readonly ImpactArea[]
}

/** Diagnosis.Definition: the record whose hash orders a HashMap keyed by it. */
export interface DiagnosisDefinition {
  readonly id: string
  readonly cause: string
  readonly action: string
  readonly helpUrl: string
}

/** Diagnosis.Resource.Type's display values, with each type's values. */
export type DiagnosisResource =
  | {
      readonly type: 'indices' | 'feature_states' | 'ilm_policies' | 'slm_policies'
      readonly values: string[]
    }
  | { readonly type: 'nodes'; readonly nodes: ReadonlyArray<{ id: string; name: string }> }

export interface Diagnosis {
  readonly definition: DiagnosisDefinition
  readonly resources: readonly DiagnosisResource[]
}

export interface HealthIndicatorResult {
  readonly name: string
  readonly status: HealthStatus
  readonly symptom: string
  /** The details object, null when empty (HealthIndicatorDetails.EMPTY, also every non-verbose result). */
  readonly details: JsonOut | null
  readonly impacts: readonly HealthIndicatorImpact[]
  readonly diagnoses: readonly Diagnosis[]
}

const ID_PREFIX = 'elasticsearch:health:'

export function indicatorToJson(result: HealthIndicatorResult): JsonOut {
  const out = new Map<string, JsonOut>([
    ['status', result.status],
    ['symptom', result.symptom],
  ])
  if (result.details !== null) out.set('details', result.details)
  if (result.impacts.length > 0) {
    out.set(
      'impacts',
      result.impacts.map((impact) => ({
        id: `${ID_PREFIX}${result.name}:impact:${impact.id}`,
        severity: impact.severity,
        description: impact.description,
        impact_areas: [...impact.areas],
      })),
    )
  }
  if (result.diagnoses.length > 0) {
    out.set(
      'diagnosis',
      result.diagnoses.map((diagnosis) => diagnosisToJson(result.name, diagnosis)),
    )
  }
  return out
}

function diagnosisToJson(indicator: string, { definition, resources }: Diagnosis): JsonOut {
  const out = new Map<string, JsonOut>([
    ['id', `${ID_PREFIX}${indicator}:diagnosis:${definition.id}`],
    ['cause', definition.cause],
    ['action', definition.action],
    ['help_url', definition.helpUrl],
  ])
  if (resources.length > 0) {
    const affected = new Map<string, JsonOut>()
    for (const resource of resources) {
      affected.set(
        resource.type,
        resource.type === 'nodes'
          ? resource.nodes.map(({ id, name }) => ({ id, name }))
          : [...resource.values],
      )
    }
    out.set('affected_resources', affected)
  }
  return out
}
