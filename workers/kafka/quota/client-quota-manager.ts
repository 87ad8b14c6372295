/**
 * A broker's ClientQuotaManager for one bandwidth quota (Kafka 4.1's server/quota/ClientQuotaManager.java):
 * `producer_byte_rate` for Produce, `consumer_byte_rate` for Fetch. The quotas come from the broker's replayed
 * ClientQuotaRecords (ClusterMetadata.clientQuotas), read at each call, so a change applies to the next request.
 *
 * Which sensor a request is counted on (DefaultQuotaCallback.quotaMetricTags): the first quota entity that exists
 * among (user, client-id), (user, default client-id), (user), (default user, client-id), (default user, default
 * client-id), (default user) picks the tags (user, client-id) or (user, ""); otherwise the tags are ("",
 * client-id). When only one kind of entity has this quota, that kind fixes the tags. Clients with the same tags
 * share one Rate. The tags' limit (quotaLimit) is the first quota found in the same order for its kind; none
 * means no limit (Long.MAX_VALUE).
 *
 * recordAndGetThrottleTimeMs records first and then checks (Sensor.record with checkQuotas): over the bound,
 * the throttle time is (observed - bound) / bound * the Rate's window size, rounded (QuotaUtils.throttleTime).
 * Without any entity carrying this quota nothing is recorded (maybeRecordAndGetThrottleTimeMs).
 */
import { CLIENT_ID, USER, entityKey } from '../../protocol/kafka-quotas.ts'
import type { ClientQuotaEntity } from '../../protocol/kafka-quotas.ts'
import type { ClusterMetadata } from '../metadata/cluster-metadata.ts'
import { Rate } from './rate.ts'

/** QuotaConfig's defaults: quota.window.num and quota.window.size.seconds. */
export const NUM_QUOTA_SAMPLES = 11
export const QUOTA_WINDOW_SIZE_SECONDS = 1

/** Quota.upperBound(Long.MAX_VALUE) as a double: the limit of a client without a quota. */
const NO_LIMIT = 9223372036854775807

/** ClientQuotaManager's quotaTypesEnabled bits. */
const CLIENT_ID_QUOTA_ENABLED = 1
const USER_QUOTA_ENABLED = 2
const USER_CLIENT_ID_QUOTA_ENABLED = 4

/** A sensor's tags: an empty string is a level the quota does not split by. */
interface QuotaMetricTags {
  user: string
  clientId: string
}

/** A user or client-id part of an entity: a name, null for the default entity, undefined for no such part. */
type Part = string | null | undefined

export class ClientQuotaManager {
  private readonly sensors = new Map<string, Rate>()

  constructor(
    private readonly metadata: ClusterMetadata,
    /** The quota key this manager enforces (producer_byte_rate or consumer_byte_rate). */
    private readonly quotaKey: string,
  ) {}

  /** quotasEnabled: whether any user or client-id entity has this manager's quota. */
  quotasEnabled(): boolean {
    return this.overriddenQuotas().size > 0
  }

  /**
   * Records `value` for the client at `timeMs` and answers the throttle time in milliseconds (0 within the
   * quota, and when no entity has this quota).
   */
  maybeRecordAndGetThrottleTimeMs(user: string, clientId: string, value: number, timeMs: number): number {
    const quotas = this.overriddenQuotas()
    if (quotas.size === 0) return 0
    const tags = quotaMetricTags(quotas, user, clientId)
    const rate = this.sensor(tags)
    rate.record(value, timeMs)
    const bound = quotaLimit(quotas, tags) ?? NO_LIMIT
    const observed = rate.measure(timeMs)
    if (observed <= bound) return 0
    return Math.round(((observed - bound) / bound) * rate.windowSize(timeMs))
  }

  /** unrecordQuotaSensor: takes a recorded value back (a throttled fetch answers no records). */
  unrecordQuotaSensor(user: string, clientId: string, value: number, timeMs: number): void {
    const quotas = this.overriddenQuotas()
    if (quotas.size === 0) return
    this.sensor(quotaMetricTags(quotas, user, clientId)).record(-value, timeMs)
  }

  /** maxValueInQuotaWindow: the most one request may count without being throttled for sure. */
  maxValueInQuotaWindow(user: string, clientId: string): number {
    const quotas = this.overriddenQuotas()
    if (quotas.size === 0) return Number.MAX_VALUE
    const limit = quotaLimit(quotas, quotaMetricTags(quotas, user, clientId))
    return limit === null ? Number.MAX_VALUE : limit * (NUM_QUOTA_SAMPLES - 1) * QUOTA_WINDOW_SIZE_SECONDS
  }

  private sensor(tags: QuotaMetricTags): Rate {
    const name = `${tags.user}:${tags.clientId}`
    let rate = this.sensors.get(name)
    if (rate === undefined) {
      rate = new Rate({ samples: NUM_QUOTA_SAMPLES, timeWindowMs: QUOTA_WINDOW_SIZE_SECONDS * 1000 })
      this.sensors.set(name, rate)
    }
    return rate
  }

  /** The user and client-id entities that set this manager's quota, by entityKey, with the quota. */
  private overriddenQuotas(): Map<string, { entity: ClientQuotaEntity; bound: number }> {
    const quotas = new Map<string, { entity: ClientQuotaEntity; bound: number }>()
    for (const [key, image] of this.metadata.clientQuotas) {
      const bound = image.quotas.get(this.quotaKey)
      const userOrClient = image.entity.every((e) => e.entityType === USER || e.entityType === CLIENT_ID)
      if (bound !== undefined && userOrClient) quotas.set(key, { entity: image.entity, bound })
    }
    return quotas
  }
}

function keyOf(user: Part, clientId: Part): string {
  const entity = [
    ...(user === undefined ? [] : [{ entityType: USER, entityName: user }]),
    ...(clientId === undefined ? [] : [{ entityType: CLIENT_ID, entityName: clientId }]),
  ]
  return entityKey(entity)
}

/** DefaultQuotaCallback.quotaMetricTags over the quotaTypesEnabled of `quotas`. */
function quotaMetricTags(
  quotas: ReadonlyMap<string, { entity: ClientQuotaEntity }>,
  user: string,
  clientId: string,
): QuotaMetricTags {
  let enabled = 0
  for (const { entity } of quotas.values()) {
    const hasUser = entity.some((e) => e.entityType === USER)
    const hasClient = entity.some((e) => e.entityType === CLIENT_ID)
    enabled |=
      hasUser && hasClient
        ? USER_CLIENT_ID_QUOTA_ENABLED
        : hasUser
          ? USER_QUOTA_ENABLED
          : CLIENT_ID_QUOTA_ENABLED
  }
  const both = { user, clientId }
  const userOnly = { user, clientId: '' }
  switch (enabled) {
    case CLIENT_ID_QUOTA_ENABLED:
      return { user: '', clientId }
    case USER_QUOTA_ENABLED:
      return userOnly
    case USER_CLIENT_ID_QUOTA_ENABLED:
      return both
  }
  const precedence: Array<[Part, Part, QuotaMetricTags]> = [
    [user, clientId, both],
    [user, null, both],
    [user, undefined, userOnly],
    [null, clientId, both],
    [null, null, both],
    [null, undefined, userOnly],
  ]
  const found = precedence.find(([u, c]) => quotas.has(keyOf(u, c)))
  return found === undefined ? { user: '', clientId } : found[2]
}

/** DefaultQuotaCallback.quotaLimit: the quota of the tags' level, most specific entity first; null: none. */
function quotaLimit(quotas: ReadonlyMap<string, { bound: number }>, tags: QuotaMetricTags): number | null {
  const { user, clientId } = tags
  const candidates: Array<[Part, Part]> =
    user !== '' && clientId !== ''
      ? [
          [user, clientId],
          [user, null],
          [null, clientId],
          [null, null],
        ]
      : user !== ''
        ? [
            [user, undefined],
            [null, undefined],
          ]
        : clientId !== ''
          ? [
              [undefined, clientId],
              [undefined, null],
            ]
          : []
  for (const [u, c] of candidates) {
    const quota = quotas.get(keyOf(u, c))
    if (quota !== undefined) return quota.bound
  }
  return null
}
