/**
 * CoordinationState's safety rules with exact outcomes and ES's rejection messages: one vote per term,
 * election and publish quorums over both voting configurations, accept and commit conditions.
 */
import { describe, expect, it } from 'vitest'
import {
  CoordinationState,
  type Join,
} from '../../../../workers/es/cluster/coordination/coordination-state.ts'
import { InMemoryPersistedState } from '../../../../workers/es/cluster/coordination/persisted-state.ts'
import type { ClusterState } from '../../../../workers/es/cluster/state/cluster-state.ts'

function bootstrapped(id: string, voters = ['a', 'b', 'c']): CoordinationState {
  const state = new CoordinationState(id, new InMemoryPersistedState('docker-cluster'))
  state.setInitialConfiguration(voters)
  return state
}

describe('CoordinationState', () => {
  it('votes once per term, only in a higher term', () => {
    const b = bootstrapped('b')
    expect(b.handleStartJoin('a', 1)).toEqual({
      sourceNodeId: 'b',
      targetNodeId: 'a',
      term: 1,
      lastAcceptedTerm: 0,
      lastAcceptedVersion: 0,
    })
    expect(b.currentTerm).toBe(1)
    expect(() => b.handleStartJoin('c', 1)).toThrow('incoming term 1 not greater than current term 1')
  })

  it('wins with joins from a quorum of the configuration, not before', () => {
    const a = bootstrapped('a')
    const own = a.handleStartJoin('a', 1)
    expect(a.handleJoin(own)).toBe(false)
    const fromB = bootstrapped('b').handleStartJoin('a', 1)
    expect(a.handleJoin(fromB)).toBe(true)
    expect(a.electionWon).toBe(true)
    expect(a.joinVoters()).toEqual(['a', 'b'])
    // A vote from a node outside the configuration counts for nothing.
    const other = bootstrapped('z')
    const lone = bootstrapped('a')
    lone.handleStartJoin('a', 1)
    expect(lone.handleJoin(other.handleStartJoin('a', 1))).toBe(false)
  })

  it('refuses a join from a node whose last accepted state is newer', () => {
    const a = bootstrapped('a')
    a.handleStartJoin('a', 5)
    const join: Join = {
      sourceNodeId: 'b',
      targetNodeId: 'a',
      term: 5,
      lastAcceptedTerm: 3,
      lastAcceptedVersion: 9,
    }
    expect(() => a.handleJoin(join)).toThrow('incoming last accepted (3, 9) is newer than ours (0, 0)')
  })

  it('publishes only after winning; accepts in the current term above the last version; commits on quorum', () => {
    const a = bootstrapped('a')
    const b = bootstrapped('b')
    a.handleJoin(a.handleStartJoin('a', 1))
    a.handleJoin(b.handleStartJoin('a', 1))
    const published: ClusterState = { ...a.lastAccepted, term: 1, version: 1, masterNodeId: 'a' }
    a.startPublication(published)
    expect(a.handlePublishRequest(published)).toEqual({ term: 1, version: 1 })
    expect(b.handlePublishRequest(published)).toEqual({ term: 1, version: 1 })
    expect(() => b.handlePublishRequest(published)).toThrow(
      'incoming version 1 lower or equal to current version 1',
    )
    expect(a.handlePublishResponse('a', { term: 1, version: 1 }, published)).toBe(false)
    expect(a.handlePublishResponse('b', { term: 1, version: 1 }, published)).toBe(true)
    expect(() => b.handleCommit(1, 2)).toThrow('does not match last accepted')
    expect(b.handleCommit(1, 1)).toMatchObject({ term: 1, version: 1, clusterUuidCommitted: true })
    const stale = bootstrapped('c')
    expect(() => stale.handlePublishRequest(published)).toThrow(
      'incoming term 1 does not match current term 0',
    )
  })

  it('a reconfiguration needs a quorum of both the old and the new configuration', () => {
    const a = bootstrapped('a', ['a'])
    a.handleJoin(a.handleStartJoin('a', 1))
    const grown: ClusterState = {
      ...a.lastAccepted,
      term: 1,
      version: 1,
      lastAcceptedConfiguration: ['a', 'b', 'c'],
    }
    a.startPublication(grown)
    expect(a.handlePublishResponse('a', { term: 1, version: 1 }, grown)).toBe(false)
    expect(a.handlePublishResponse('b', { term: 1, version: 1 }, grown)).toBe(true)
  })
})
