// MasterHistory (ES 8.17) on a hand-driven clock: what an entry is, how old entries age out, which masters count
// (getNodes: only processes still in the cluster), and the two counts the master stability diagnosis makes
// (MasterHistoryTests' cases for getNumberOfMasterIdentityChanges and hasMasterGoneNullAtLeastNTimes).
import { describe, expect, it } from 'vitest'
import {
  hasMasterGoneNullAtLeast,
  MAX_HISTORY_AGE_MS,
  MasterHistory,
  masterIdentityChanges,
} from '../../../../workers/es/cluster/coordination/master-history.ts'
import type { DiscoveryNode } from '../../../../workers/es/cluster/state/discovery-node.ts'

const node = (name: string, ephemeralId = `${name}-e`): DiscoveryNode => ({
  id: `${name}-id`,
  ephemeralId,
  name,
  address: 1,
  roles: ['master', 'data'],
  attributes: {},
})
const [n1, n2, n3] = [node('n1'), node('n2'), node('n3')]

function history(): { history: MasterHistory; advance(ms: number): void } {
  let now = 0
  return { history: new MasterHistory({ now: () => now }), advance: (ms) => void (now += ms) }
}

describe('MasterHistory', () => {
  it('adds an entry on a change of master, on every master-less state, and on the first state', () => {
    const { history: h } = history()
    h.clusterChanged(n1)
    h.clusterChanged(n1)
    expect(h.rawNodes()).toEqual([n1])
    h.clusterChanged(null)
    h.clusterChanged(null)
    h.clusterChanged(n2)
    h.clusterChanged(n2)
    expect(h.rawNodes()).toEqual([n1, null, null, n2])
    expect(h.mostRecentMaster()).toBe(n2)
  })

  it('a restarted node (new ephemeral id) is another master', () => {
    const { history: h } = history()
    h.clusterChanged(n1)
    h.clusterChanged(node('n1', 'restarted'))
    expect(h.rawNodes()).toHaveLength(2)
  })

  it('forgets masters replaced more than 30 minutes ago, never the current one', () => {
    const { history: h, advance } = history()
    h.clusterChanged(n1)
    advance(1000)
    h.clusterChanged(n2)
    advance(MAX_HISTORY_AGE_MS)
    expect(h.rawNodes()).toEqual([n1, n2])
    advance(1)
    expect(h.rawNodes()).toEqual([n2])
    advance(10 * MAX_HISTORY_AGE_MS)
    expect(h.mostRecentNonNullMaster()).toBe(n2)
  })

  it('has seen a master while one is current, or one ended within the timeframe', () => {
    const { history: h, advance } = history()
    expect(h.hasSeenMasterInLast(30_000)).toBe(false)
    h.clusterChanged(n1)
    advance(60_000)
    expect(h.hasSeenMasterInLast(30_000)).toBe(true)
    h.clusterChanged(null)
    advance(30_000)
    expect(h.hasSeenMasterInLast(30_000)).toBe(true)
    advance(1)
    expect(h.hasSeenMasterInLast(30_000)).toBe(false)
    expect(h.mostRecentMaster()).toBeNull()
    expect(h.mostRecentNonNullMaster()).toBe(n1)
  })

  it('counts only the masters whose process is still in the cluster', () => {
    const { history: h } = history()
    for (const master of [n1, n2, n1, n3]) h.clusterChanged(master)
    expect(h.nodes([n1, n2, n3])).toEqual([n1, n2, n1, n3])
    expect(h.nodes([n1, node('n2', 'restarted'), n3])).toEqual([n1, n1, n3])
  })
})

describe('the counts', () => {
  it('identity changes skip nulls and a master following itself', () => {
    expect(masterIdentityChanges([n1, n2])).toBe(1)
    expect(masterIdentityChanges([n1, n2, n1])).toBe(2)
    expect(masterIdentityChanges([n1, n2, n2])).toBe(1)
    expect(masterIdentityChanges([n1, null, n1])).toBe(0)
    expect(masterIdentityChanges([n1, null, n2])).toBe(1)
  })

  it('transitions to null count a non-null master going null', () => {
    expect(hasMasterGoneNullAtLeast([n1, null], 1)).toBe(true)
    expect(hasMasterGoneNullAtLeast([n1, null, null], 2)).toBe(false)
    expect(hasMasterGoneNullAtLeast([null, n1, null], 1)).toBe(true)
    expect(hasMasterGoneNullAtLeast([n1, null, n1], 2)).toBe(false)
    expect(hasMasterGoneNullAtLeast([n1, null, n1, null], 2)).toBe(true)
    expect(hasMasterGoneNullAtLeast([n1, null, n2, null], 2)).toBe(true)
  })
})
