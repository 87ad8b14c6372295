/**
 * A broker's client quota answers (Kafka 4.1's KafkaApis). DescribeClientQuotas is answered from this broker's
 * replayed metadata as ClientQuotasImage.describe does: the filter's components are checked (a non-empty,
 * known, unrepeated entity type, a match string exactly for MATCH_TYPE_EXACT, no ip component beside a user or
 * client-id one), then an entity matches when it has every exact or default name asked for and every type asked
 * for by MATCH_TYPE_SPECIFIED (whose default entity counts too), and, with `strict`, no other type; no
 * component and not strict: every entity. A failed check is the response's error. AlterClientQuotas is
 * forwarded to the active controller (client-quota-control.ts) and answered once this broker replayed what it
 * wrote, so the next describe on it sees the change.
 */
import type {
  AlterClientQuotasEntityResult,
  ClientQuotaAlteration,
  ClientQuotaApi,
  ClientQuotaFilter,
  DescribeClientQuotasResponse,
} from '../../protocol/kafka-quotas.ts'
import {
  CLIENT_ID,
  IP,
  MATCH_TYPE_DEFAULT,
  MATCH_TYPE_EXACT,
  MATCH_TYPE_SPECIFIED,
  USER,
  entityKey,
} from '../../protocol/kafka-quotas.ts'
import type { KafkaErrorName } from '../../protocol/kafka-errors.ts'
import type { ClientQuotaImage, ClusterMetadata } from '../metadata/cluster-metadata.ts'
import type { ControllerRequest, ControllerResponse } from '../controller/controller-messages.ts'

export interface ClientQuotaApisDeps {
  metadata: ClusterMetadata
  /** The active controller's answer, or null when it could not be reached. */
  forward: (request: ControllerRequest) => Promise<ControllerResponse | null>
  /** Waits (bounded) until the condition holds on this broker's metadata. */
  waitFor: (condition: () => boolean) => Promise<void>
}

class FilterError extends Error {
  constructor(
    readonly error: KafkaErrorName,
    message: string,
  ) {
    super(message)
  }
}

/** The filter as exact names (null for a default) and specified types, after ClientQuotasImage's checks. */
function readFilter(filter: ClientQuotaFilter): { exact: Map<string, string | null>; types: Set<string> } {
  const exact = new Map<string, string | null>()
  const types = new Set<string>()
  for (const { entityType, matchType, match } of filter.components) {
    if (entityType === '') throw new FilterError('INVALID_REQUEST', 'Invalid empty entity type.')
    if (exact.has(entityType) || types.has(entityType)) {
      throw new FilterError(
        'INVALID_REQUEST',
        `Entity type ${entityType} cannot appear more than once in the filter.`,
      )
    }
    if (![IP, USER, CLIENT_ID].includes(entityType))
      throw new FilterError('UNSUPPORTED_VERSION', `Unsupported entity type ${entityType}`)
    if (matchType === MATCH_TYPE_EXACT) {
      if (match === null) {
        throw new FilterError(
          'INVALID_REQUEST',
          'Request specified MATCH_TYPE_EXACT, but set match string to null.',
        )
      }
      exact.set(entityType, match)
    } else if (matchType === MATCH_TYPE_DEFAULT || matchType === MATCH_TYPE_SPECIFIED) {
      if (match !== null) {
        const name = matchType === MATCH_TYPE_DEFAULT ? 'MATCH_TYPE_DEFAULT' : 'MATCH_TYPE_SPECIFIED'
        throw new FilterError(
          'INVALID_REQUEST',
          `Request specified ${name}, but also specified a match string.`,
        )
      }
      if (matchType === MATCH_TYPE_DEFAULT) exact.set(entityType, null)
      else types.add(entityType)
    } else {
      throw new FilterError('INVALID_REQUEST', `Unknown match type ${matchType}`)
    }
  }
  const uses = (type: string): boolean => exact.has(type) || types.has(type)
  if (uses(IP) && (uses(USER) || uses(CLIENT_ID))) {
    throw new FilterError(
      'INVALID_REQUEST',
      'Invalid entity filter component combination. IP filter component should not be used with user or clientId filter component.',
    )
  }
  return { exact, types }
}

function matches(
  { entity }: ClientQuotaImage,
  exact: ReadonlyMap<string, string | null>,
  types: ReadonlySet<string>,
  strict: boolean,
): boolean {
  if (strict && entity.length !== exact.size + types.size) return false
  const named = new Map(entity.map((e) => [e.entityType, e.entityName]))
  for (const [type, name] of exact) if (!named.has(type) || named.get(type) !== name) return false
  return [...types].every((type) => named.has(type))
}

export class ClientQuotaApis implements ClientQuotaApi {
  constructor(private readonly deps: ClientQuotaApisDeps) {}

  describeClientQuotas(filter: ClientQuotaFilter): Promise<DescribeClientQuotasResponse> {
    try {
      const { exact, types } = readFilter(filter)
      const entries = [...this.deps.metadata.clientQuotas.values()]
        .filter((image) => matches(image, exact, types, filter.strict))
        .map(({ entity, quotas }) => ({
          entity,
          values: [...quotas].map(([key, value]) => ({ key, value })),
        }))
      return Promise.resolve({ error: null, message: null, entries })
    } catch (error) {
      if (!(error instanceof FilterError)) throw error
      return Promise.resolve({ error: error.error, message: error.message, entries: [] })
    }
  }

  async alterClientQuotas(
    alterations: ClientQuotaAlteration[],
    validateOnly: boolean,
  ): Promise<AlterClientQuotasEntityResult[]> {
    const response = await this.deps.forward({ api: 'AlterClientQuotas', alterations, validateOnly })
    if (response?.api !== 'AlterClientQuotas') {
      const message = 'Timed out waiting for a node assignment.'
      return alterations.map(({ entity }) => ({ entity, error: 'REQUEST_TIMED_OUT', message }))
    }
    if (validateOnly) return response.results
    const applied = alterations.filter(({ entity }) =>
      response.results.some((r) => r.error === null && entityKey(r.entity) === entityKey(entity)),
    )
    await this.deps.waitFor(() =>
      applied.every(({ entity, ops }) => {
        const quotas = this.deps.metadata.clientQuotas.get(entityKey(entity))?.quotas
        return ops.every(({ key, value }) => (quotas?.get(key) ?? null) === value)
      }),
    )
    return response.results
  }
}
