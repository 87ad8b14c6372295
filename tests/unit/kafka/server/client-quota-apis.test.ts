// DescribeClientQuotas as a Kafka 4.1 broker answers it from its metadata image (ClientQuotasImage.describe):
// exact, default and specified components, strict filters, and the errors of a malformed filter.
import { describe, expect, it } from 'vitest'
import { ClusterMetadata } from '../../../../workers/kafka/metadata/cluster-metadata.ts'
import { ClientQuotaApis } from '../../../../workers/kafka/server/client-quota-apis.ts'
import type {
  ClientQuotaEntity,
  ClientQuotaFilterComponent,
} from '../../../../workers/protocol/kafka-quotas.ts'
import { entityKey } from '../../../../workers/protocol/kafka-quotas.ts'

const user = (name: string | null) => ({ entityType: 'user', entityName: name })
const client = (name: string | null) => ({ entityType: 'client-id', entityName: name })
const exact = (entityType: string, match: string): ClientQuotaFilterComponent => ({
  entityType,
  matchType: 0,
  match,
})
const byDefault = (entityType: string): ClientQuotaFilterComponent => ({
  entityType,
  matchType: 1,
  match: null,
})
const any = (entityType: string): ClientQuotaFilterComponent => ({ entityType, matchType: 2, match: null })

function apis(): ClientQuotaApis {
  const metadata = new ClusterMetadata()
  const entities: ClientQuotaEntity[] = [
    [user('alice')],
    [user(null)],
    [user('alice'), client('c1')],
    [client('c1')],
  ]
  entities.forEach((entity, i) =>
    metadata.replay(
      { type: 'ClientQuotaRecord', entity, key: 'producer_byte_rate', value: i + 1, remove: false },
      i,
    ),
  )
  return new ClientQuotaApis({
    metadata,
    forward: () => Promise.resolve(null),
    waitFor: () => Promise.resolve(),
  })
}

async function matched(components: ClientQuotaFilterComponent[], strict: boolean): Promise<string[]> {
  const response = await apis().describeClientQuotas({ components, strict })
  return response.entries.map((entry) => entityKey(entry.entity))
}

describe('DescribeClientQuotas', () => {
  it('matches exact names, defaults and any name of a type, strictly or not', async () => {
    const key = (...entity: ClientQuotaEntity) => entityKey(entity)
    expect(await matched([exact('user', 'alice')], true)).toEqual([key(user('alice'))])
    expect(await matched([exact('user', 'alice')], false)).toEqual([
      key(user('alice')),
      key(user('alice'), client('c1')),
    ])
    expect(await matched([byDefault('user')], true)).toEqual([key(user(null))])
    expect(await matched([any('user')], true)).toEqual([key(user('alice')), key(user(null))])
    expect(await matched([exact('user', 'alice'), any('client-id')], true)).toEqual([
      key(user('alice'), client('c1')),
    ])
    expect(await matched([], false)).toHaveLength(4)
    expect(await matched([], true)).toEqual([])
  })

  it('answers a malformed filter with the error ClientQuotasImage throws', async () => {
    const errorOf = async (components: ClientQuotaFilterComponent[]) => {
      const { error, message } = await apis().describeClientQuotas({ components, strict: false })
      return [error, message]
    }
    expect(await errorOf([any('user'), exact('user', 'x')])).toEqual([
      'INVALID_REQUEST',
      'Entity type user cannot appear more than once in the filter.',
    ])
    expect(await errorOf([any('group')])).toEqual(['UNSUPPORTED_VERSION', 'Unsupported entity type group'])
    expect(await errorOf([any('ip'), any('user')])).toEqual([
      'INVALID_REQUEST',
      'Invalid entity filter component combination. IP filter component should not be used with user or clientId filter component.',
    ])
    expect(await errorOf([{ entityType: 'user', matchType: 0, match: null }])).toEqual([
      'INVALID_REQUEST',
      'Request specified MATCH_TYPE_EXACT, but set match string to null.',
    ])
  })
})
