// ClientQuotaManager as Kafka 4.1's broker applies producer_byte_rate: throttle times from
// QuotaUtils.throttleTime on hand-computed rates, the entity precedence of DefaultQuotaCallback, shared sensors,
// and maxValueInQuotaWindow.
import { describe, expect, it } from 'vitest'
import { ClusterMetadata } from '../../../../workers/kafka/metadata/cluster-metadata.ts'
import { ClientQuotaManager } from '../../../../workers/kafka/quota/client-quota-manager.ts'
import type { ClientQuotaEntity } from '../../../../workers/protocol/kafka-quotas.ts'

const user = (name: string | null) => ({ entityType: 'user', entityName: name })
const client = (name: string | null) => ({ entityType: 'client-id', entityName: name })

function manager(quotas: Array<[ClientQuotaEntity, number]>, key = 'producer_byte_rate'): ClientQuotaManager {
  const metadata = new ClusterMetadata()
  quotas.forEach(([entity, value], i) =>
    metadata.replay({ type: 'ClientQuotaRecord', entity, key, value, remove: false }, i),
  )
  return new ClientQuotaManager(metadata, 'producer_byte_rate')
}

describe('ClientQuotaManager', () => {
  it('answers (observed - bound) / bound * window size, rounded', () => {
    const quotas = manager([[[client('perf')], 100]])
    // 2048 bytes over the 10 s minimum window: 204.8 B/s, 104.8% over 100 B/s: 10.48 s.
    expect(quotas.maybeRecordAndGetThrottleTimeMs('ANONYMOUS', 'perf', 2048, 0)).toBe(10_480)
  })

  it('lets a rate within the quota through and throttles the request that passes it', () => {
    const quotas = manager([[[client('perf')], 100]])
    expect(quotas.maybeRecordAndGetThrottleTimeMs('ANONYMOUS', 'perf', 512, 0)).toBe(0)
    // 1024 bytes over 10 s: 102.4 B/s, 2.4% over: 240 ms.
    expect(quotas.maybeRecordAndGetThrottleTimeMs('ANONYMOUS', 'perf', 512, 1000)).toBe(240)
  })

  it('records nothing and throttles nobody while no entity has the quota', () => {
    const quotas = manager([[[client('perf')], 100]], 'consumer_byte_rate')
    expect(quotas.maybeRecordAndGetThrottleTimeMs('ANONYMOUS', 'perf', 1e9, 0)).toBe(0)
    expect(quotas.maxValueInQuotaWindow('ANONYMOUS', 'perf')).toBe(Number.MAX_VALUE)
  })

  it('does not limit a client id that no entity names', () => {
    const quotas = manager([[[client('perf')], 100]])
    expect(quotas.maybeRecordAndGetThrottleTimeMs('ANONYMOUS', 'other', 1e9, 0)).toBe(0)
  })

  it('falls back to the default client id quota', () => {
    const quotas = manager([
      [[client('perf')], 1000],
      [[client(null)], 100],
    ])
    expect(quotas.maybeRecordAndGetThrottleTimeMs('ANONYMOUS', 'other', 2048, 0)).toBe(10_480)
    expect(quotas.maybeRecordAndGetThrottleTimeMs('ANONYMOUS', 'perf', 2048, 0)).toBe(0)
  })

  it('prefers a user quota to a client id quota, and (user, client id) to both', () => {
    const userOverClient = manager([
      [[client('perf')], 10_000],
      [[user('ANONYMOUS')], 100],
    ])
    expect(userOverClient.maybeRecordAndGetThrottleTimeMs('ANONYMOUS', 'perf', 2048, 0)).toBe(10_480)
    const pair = manager([
      [[user(null)], 100],
      [[user('ANONYMOUS'), client('perf')], 10_000],
    ])
    expect(pair.maybeRecordAndGetThrottleTimeMs('ANONYMOUS', 'perf', 2048, 0)).toBe(0)
    // Another client of the same user falls back to the default user quota.
    expect(pair.maybeRecordAndGetThrottleTimeMs('ANONYMOUS', 'other', 2048, 0)).toBe(10_480)
  })

  it('counts all clients of a user quota on one sensor', () => {
    const quotas = manager([[[user('ANONYMOUS')], 100]])
    expect(quotas.maybeRecordAndGetThrottleTimeMs('ANONYMOUS', 'a', 512, 0)).toBe(0)
    // 512 + 768 = 1280 bytes over 10 s: 128 B/s, 28% over: 2.8 s.
    expect(quotas.maybeRecordAndGetThrottleTimeMs('ANONYMOUS', 'b', 768, 0)).toBe(2800)
  })

  it('counts each client of a client id quota apart, and takes back an unrecorded value', () => {
    const quotas = manager([[[client(null)], 100]])
    expect(quotas.maybeRecordAndGetThrottleTimeMs('ANONYMOUS', 'a', 1000, 0)).toBe(0)
    expect(quotas.maybeRecordAndGetThrottleTimeMs('ANONYMOUS', 'b', 1000, 0)).toBe(0)
    quotas.unrecordQuotaSensor('ANONYMOUS', 'a', 1000, 0)
    expect(quotas.maybeRecordAndGetThrottleTimeMs('ANONYMOUS', 'a', 1000, 0)).toBe(0)
  })

  it('bounds one request by the quota over samples - 1 windows', () => {
    expect(manager([[[client('perf')], 1024]]).maxValueInQuotaWindow('ANONYMOUS', 'perf')).toBe(10_240)
  })
})
