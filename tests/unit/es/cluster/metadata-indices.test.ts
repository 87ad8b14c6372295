/**
 * Index creation, deletion and replica changes on the cluster state, with ES's error names and messages.
 */
import { describe, expect, it } from 'vitest'
import {
  createIndex,
  deleteIndex,
  updateNumberOfReplicas,
} from '../../../../workers/es/cluster/state/metadata-indices.ts'
import { stateWithNodes } from './fixtures.ts'

const request = {
  name: 'logs',
  uuid: 'u1',
  numberOfShards: 2,
  numberOfReplicas: 1,
  settings: { a: 1 },
  mappings: {},
}

describe('index metadata changes', () => {
  it('creates an index with primary terms 0, empty in-sync sets and INDEX_CREATED copies', () => {
    const state = createIndex(stateWithNodes('n1'), request, 5_000)
    expect(state.metadata.indices['logs']).toEqual({
      name: 'logs',
      uuid: 'u1',
      numberOfShards: 2,
      numberOfReplicas: 1,
      primaryTerms: [0, 0],
      inSyncAllocationIds: [[], []],
      settings: { a: 1 },
      mappings: {},
    })
    const shard1 = state.routingTable['logs']![1]!
    expect(shard1.map((c) => [c.shard, c.primary, c.state, c.recoverySource])).toEqual([
      [1, true, 'UNASSIGNED', 'EMPTY_STORE'],
      [1, false, 'UNASSIGNED', 'PEER'],
    ])
    expect(shard1[0]!.unassignedInfo).toEqual({
      reason: 'INDEX_CREATED',
      at: 5_000,
      failedAllocations: 0,
      lastAllocationStatus: 'NO_ATTEMPT',
      lastAllocatedNodeId: null,
      details: null,
      delayed: false,
    })
  })

  it('refuses an existing name and deletes with index_not_found_exception for a missing one', () => {
    const state = createIndex(stateWithNodes('n1'), request, 0)
    expect(() => createIndex(state, request, 0)).toThrow(
      expect.objectContaining({
        name: 'resource_already_exists_exception',
        message: 'index [logs/u1] already exists',
      }),
    )
    const deleted = deleteIndex(state, 'logs')
    expect(deleted.metadata.indices).toEqual({})
    expect(deleted.routingTable).toEqual({})
    expect(() => deleteIndex(deleted, 'logs')).toThrow(
      expect.objectContaining({ name: 'index_not_found_exception', message: 'no such index [logs]' }),
    )
    expect(() => updateNumberOfReplicas(deleted, 'logs', 1, 0)).toThrow('no such index [logs]')
  })
})
