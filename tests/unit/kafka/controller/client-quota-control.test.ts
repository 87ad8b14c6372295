// ClientQuotaControlManager.alterClientQuotas of Kafka 4.1 over a ClusterMetadata: the ClientQuotaRecords of
// changed keys (none for an unchanged value or the removal of an absent key), InvalidRequestException's messages
// for the entities and values it refuses (the first failing op drops the entity's records), the duplicate-entity
// answer, and the replay into the metadata image's client quotas (an entity is gone with its last key).
import { describe, expect, it } from 'vitest'
import { ClusterMetadata } from '../../../../workers/kafka/metadata/cluster-metadata.ts'
import {
  alterClientQuotasRecords,
  clientQuotaEntityString,
} from '../../../../workers/kafka/controller/client-quota-control.ts'
import type { ClientQuotaAlteration, ClientQuotaEntity } from '../../../../workers/protocol/kafka-quotas.ts'

const ALICE: ClientQuotaEntity = [{ entityType: 'user', entityName: 'alice' }]

function alter(metadata: ClusterMetadata, alterations: ClientQuotaAlteration[]) {
  const outcome = alterClientQuotasRecords(metadata, alterations)
  outcome.records.forEach((record, i) => metadata.replay(record, metadata.lastOffset + 1 + i))
  return outcome
}

function errorOf(entity: ClientQuotaEntity, key: string, value: number | null): string | null {
  const [result] = alter(new ClusterMetadata(), [{ entity, ops: [{ key, value }] }]).results
  return result?.message ?? null
}

describe('client quota control', () => {
  it('writes a record per changed key, replays it, and removes an entity with its last key', () => {
    const metadata = new ClusterMetadata()
    const first = alter(metadata, [
      {
        entity: ALICE,
        ops: [
          { key: 'producer_byte_rate', value: 1024 },
          { key: 'consumer_byte_rate', value: 2048 },
        ],
      },
    ])
    expect(first.results).toEqual([{ entity: ALICE, error: null, message: null }])
    expect(first.records.map((r) => r.type === 'ClientQuotaRecord' && [r.key, r.value, r.remove])).toEqual([
      ['consumer_byte_rate', 2048, false],
      ['producer_byte_rate', 1024, false],
    ])
    const again = alter(metadata, [
      {
        entity: [{ entityType: 'user', entityName: 'alice' }],
        ops: [
          { key: 'producer_byte_rate', value: 1024 },
          { key: 'request_percentage', value: null },
        ],
      },
    ])
    expect(again.records).toEqual([])
    alter(metadata, [{ entity: ALICE, ops: [{ key: 'producer_byte_rate', value: null }] }])
    expect([...(metadata.clientQuotas.values().next().value?.quotas ?? [])]).toEqual([
      ['consumer_byte_rate', 2048],
    ])
    alter(metadata, [{ entity: ALICE, ops: [{ key: 'consumer_byte_rate', value: null }] }])
    expect(metadata.clientQuotas.size).toBe(0)
  })

  it('refuses values and keys as validateQuotaKeyValue does', () => {
    expect(errorOf(ALICE, 'producer_byte_rate', 10.5)).toBe(
      'producer_byte_rate cannot be a fractional value.',
    )
    expect(errorOf(ALICE, 'consumer_byte_rate', 0)).toBe('Quota consumer_byte_rate must be greater than 0')
    expect(errorOf(ALICE, 'producer_byte_rate', 2 ** 64)).toBe(
      'Proposed value for producer_byte_rate is too large for a LONG.',
    )
    expect(errorOf(ALICE, 'request_percentage', 12.5)).toBeNull()
    expect(errorOf(ALICE, 'connection_creation_rate', 5)).toBe(
      'Invalid configuration key connection_creation_rate',
    )
    const ip: ClientQuotaEntity = [{ entityType: 'ip', entityName: '10.0.0.1' }]
    expect(errorOf(ip, 'connection_creation_rate', 3e9)).toBe(
      'Proposed value for connection_creation_rate is too large for an INT.',
    )
    expect(errorOf(ip, 'producer_byte_rate', 5)).toBe('Invalid configuration key producer_byte_rate')
  })

  it('refuses entities as validateEntity and configKeysForEntityType do', () => {
    expect(errorOf([], 'producer_byte_rate', 1)).toBe('Invalid empty client quota entity')
    expect(errorOf([{ entityType: 'user', entityName: '' }], 'producer_byte_rate', 1)).toBe(
      'Empty user not supported',
    )
    expect(errorOf([{ entityType: 'group', entityName: 'g' }], 'producer_byte_rate', 1)).toBe(
      'Unhandled client quota entity type: group',
    )
    expect(
      errorOf([{ entityType: 'ip', entityName: 'nowhere.example' }], 'connection_creation_rate', 1),
    ).toBe('nowhere.example is not a valid IP or resolvable host.')
    expect(
      errorOf(
        [
          { entityType: 'ip', entityName: null },
          { entityType: 'user', entityName: 'u' },
        ],
        'connection_creation_rate',
        1,
      ),
    ).toBe('Invalid quota entity combination, IP entity shouldnot be combined with User or ClientId')
  })

  it('fails a whole entity at its first bad op and answers a repeated entity as a duplicate', () => {
    const metadata = new ClusterMetadata()
    const outcome = alter(metadata, [
      {
        entity: ALICE,
        ops: [
          { key: 'producer_byte_rate', value: 10 },
          { key: 'consumer_byte_rate', value: -1 },
        ],
      },
      {
        entity: [{ entityType: 'client-id', entityName: 'c' }],
        ops: [{ key: 'producer_byte_rate', value: 5 }],
      },
      { entity: ALICE, ops: [{ key: 'producer_byte_rate', value: 20 }] },
    ])
    expect(outcome.results.map((r) => r.message)).toEqual([
      'Ignoring duplicate entity ClientQuotaEntity(entries={user=alice})',
      null,
    ])
    expect(outcome.records).toHaveLength(1)
    expect(metadata.clientQuotas.size).toBe(1)
  })

  it('prints an entity as ClientQuotaEntity.toString does, a default name as null', () => {
    expect(
      clientQuotaEntityString([
        { entityType: 'user', entityName: 'alice' },
        { entityType: 'client-id', entityName: null },
      ]),
    ).toBe('ClientQuotaEntity(entries={client-id=null, user=alice})')
  })
})
