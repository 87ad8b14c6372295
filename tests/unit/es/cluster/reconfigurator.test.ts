/**
 * Reconfigurator's choice of voting configuration: odd sizes, preference order, the three-voter floor of
 * cluster.auto_shrink_voting_configuration, and keeping the current one without a live quorum.
 */
import { describe, expect, it } from 'vitest'
import { reconfigure } from '../../../../workers/es/cluster/coordination/reconfigurator.ts'

describe('Reconfigurator', () => {
  it('grows to the largest odd number of live master-eligible nodes', () => {
    expect(reconfigure(['a'], 'a', ['a'], true)).toEqual(['a'])
    expect(reconfigure(['a', 'b'], 'a', ['a'], true)).toEqual(['a'])
    expect(reconfigure(['a', 'b', 'c'], 'a', ['a'], true)).toEqual(['a', 'b', 'c'])
    expect(reconfigure(['a', 'b', 'c', 'd'], 'a', ['a', 'b', 'c'], true)).toEqual(['a', 'b', 'c'])
    expect(reconfigure(['a', 'b', 'c', 'd', 'e'], 'a', ['a', 'b', 'c'], true)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ])
  })

  it('prefers the master, then live nodes, then current voters, then smaller ids', () => {
    expect(reconfigure(['e', 'd', 'c', 'b'], 'e', ['b', 'c', 'x'], true)).toEqual(['b', 'c', 'e'])
    expect(reconfigure(['d', 'c', 'b', 'a'], 'd', [], true)).toEqual(['a', 'b', 'd'])
  })

  it('shrinks after nodes leave but never below three voters once it had three', () => {
    // 5 voters, 2 left: 3 live → the 3 live ones.
    expect(reconfigure(['a', 'b', 'c'], 'a', ['a', 'b', 'c', 'd', 'e'], true)).toEqual(['a', 'b', 'c'])
    // 3 voters, 1 left: stays at 3, keeping the dead voter (its return restores full fault tolerance).
    expect(reconfigure(['a', 'b'], 'a', ['a', 'b', 'c'], true)).toEqual(['a', 'b', 'c'])
  })

  it('keeps every current voter when auto-shrink is off', () => {
    expect(reconfigure(['a', 'b', 'c'], 'a', ['a', 'b', 'c', 'd', 'e'], false)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ])
  })

  it('keeps the current configuration when the proposal has no live quorum', () => {
    // minimum 3 with only 1 live node of a 3-voter config: the proposal [a, b, c] has no live quorum.
    expect(reconfigure(['a'], 'a', ['a', 'b', 'c', 'd', 'e'], true)).toEqual(['a', 'b', 'c', 'd', 'e'])
  })
})
