// AclControlManager (with AclApis' checks) of Kafka 4.1 over a ClusterMetadata: the AccessControlEntryRecords of
// new bindings (none for one that exists, in this request or before), InvalidRequestException's messages for
// bindings a controller refuses, the RemoveAccessControlEntryRecords of a delete (one per ACL however many
// filters match it), and their replay into the metadata image's ACLs.
import { describe, expect, it } from 'vitest'
import { ClusterMetadata } from '../../../../workers/kafka/metadata/cluster-metadata.ts'
import { createAclsRecords, deleteAclsRecords } from '../../../../workers/kafka/controller/acl-control.ts'
import { Random } from '../../../../workers/net/random.ts'
import type {
  AccessControlEntry,
  AclBinding,
  ResourcePattern,
} from '../../../../workers/protocol/kafka-acls.ts'
import { ANY_ENTRY } from '../../../../workers/protocol/kafka-acls.ts'

const ORDERS: ResourcePattern = { resourceType: 'TOPIC', name: 'orders', patternType: 'LITERAL' }
const LOGS: ResourcePattern = { resourceType: 'TOPIC', name: 'logs-', patternType: 'PREFIXED' }
const read = (principal: string): AccessControlEntry => ({
  principal,
  host: '*',
  operation: 'READ',
  permissionType: 'ALLOW',
})

function create(metadata: ClusterMetadata, bindings: AclBinding[]) {
  const outcome = createAclsRecords(metadata, new Random(7), bindings)
  outcome.records.forEach((record, i) => metadata.replay(record, metadata.lastOffset + 1 + i))
  return outcome
}

describe('ACL control', () => {
  it('writes one record per new binding and none for a binding that already exists', () => {
    const metadata = new ClusterMetadata()
    const alice = { pattern: ORDERS, entry: read('User:alice') }
    const first = create(metadata, [alice, alice, { pattern: LOGS, entry: read('User:carol') }])
    expect(first.results).toEqual([
      { error: null, message: null },
      { error: null, message: null },
      { error: null, message: null },
    ])
    expect(first.records.map((r) => r.type === 'AccessControlEntryRecord' && r.resourceName)).toEqual([
      'orders',
      'logs-',
    ])
    expect([...metadata.acls.values()]).toEqual([alice, { pattern: LOGS, entry: read('User:carol') }])
    expect(create(metadata, [alice]).records).toEqual([])
  })

  it('refuses what AclApis and validateNewAcl refuse, with their messages', () => {
    const metadata = new ClusterMetadata()
    const entry = read('User:alice')
    const refused = (pattern: ResourcePattern, e: AccessControlEntry = entry) =>
      create(metadata, [{ pattern, entry: e }]).results[0]?.message
    expect(refused({ resourceType: 'CLUSTER', name: 'c', patternType: 'LITERAL' })).toBe(
      'The only valid name for the CLUSTER resource is kafka-cluster',
    )
    expect(refused({ resourceType: 'TOPIC', name: '', patternType: 'LITERAL' })).toBe(
      'Invalid empty resource name',
    )
    expect(refused({ resourceType: 'ANY', name: 'x', patternType: 'LITERAL' })).toBe(
      'Invalid resourceType ANY',
    )
    expect(refused({ resourceType: 'TOPIC', name: 'x', patternType: 'MATCH' })).toBe(
      'Invalid patternType MATCH',
    )
    expect(refused(ORDERS, { ...entry, operation: 'ANY' })).toBe('Invalid operation ANY')
    expect(refused(ORDERS, { ...entry, permissionType: 'ANY' })).toBe('Invalid permissionType ANY')
    expect(
      create(metadata, [{ pattern: ORDERS, entry: { ...entry, operation: 'ANY' } }]).results[0]?.error,
    ).toBe('INVALID_REQUEST')
    expect(metadata.acls.size).toBe(0)
  })

  it('removes every ACL the filters match once, and answers each filter with what it matched', () => {
    const metadata = new ClusterMetadata()
    create(metadata, [
      { pattern: ORDERS, entry: read('User:alice') },
      { pattern: ORDERS, entry: read('User:bob') },
      { pattern: LOGS, entry: read('User:carol') },
    ])
    const { results, records } = deleteAclsRecords(metadata, [
      {
        patternFilter: { resourceType: 'TOPIC', name: 'orders', patternType: 'LITERAL' },
        entryFilter: ANY_ENTRY,
      },
      {
        patternFilter: { resourceType: 'ANY', name: null, patternType: 'ANY' },
        entryFilter: { ...ANY_ENTRY, principal: 'User:bob' },
      },
      {
        patternFilter: { resourceType: 'TOPIC', name: 'logs-app', patternType: 'MATCH' },
        entryFilter: ANY_ENTRY,
      },
    ])
    expect(results.map((r) => r.deleted.map((b) => b.entry.principal))).toEqual([
      ['User:alice', 'User:bob'],
      ['User:bob'],
      ['User:carol'],
    ])
    expect(records.map((r) => r.type)).toEqual([
      'RemoveAccessControlEntryRecord',
      'RemoveAccessControlEntryRecord',
      'RemoveAccessControlEntryRecord',
    ])
    records.forEach((record, i) => metadata.replay(record, 100 + i))
    expect(metadata.acls.size).toBe(0)
  })
})
