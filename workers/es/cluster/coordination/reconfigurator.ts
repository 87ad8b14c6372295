/**
 * Reconfigurator: the voting configuration the master proposes, as ES's Reconfigurator. Candidates are
 * the live master-eligible nodes and the current voters, ordered: the current master first, then live
 * nodes, then nodes already in the configuration, then by id. The target size is the number of live
 * candidates rounded down to odd, but never below 3 once the configuration has 3 or more members
 * (cluster.auto_shrink_voting_configuration: true; false keeps every current voter). A proposal without
 * a live quorum is dropped in favour of the current configuration.
 */
import { hasQuorum } from '../state/cluster-state.ts'

export function reconfigure(
  liveMasterEligibleIds: readonly string[],
  currentMasterId: string,
  currentConfiguration: readonly string[],
  autoShrink: boolean,
): string[] {
  const live = new Set(liveMasterEligibleIds)
  const inConfig = new Set(currentConfiguration)
  const candidates = [...new Set([...liveMasterEligibleIds, ...currentConfiguration])]
  const rank = (id: string): number[] => [
    id === currentMasterId ? 0 : 1,
    live.has(id) ? 0 : 1,
    inConfig.has(id) ? 0 : 1,
  ]
  candidates.sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)]
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!
    return a < b ? -1 : a > b ? 1 : 0
  })
  const configSize = currentConfiguration.length
  const minimum = autoShrink ? (configSize < 3 ? 1 : 3) : configSize
  const liveCount = candidates.filter((id) => live.has(id)).length
  const roundedDownToOdd = liveCount - (liveCount % 2 === 0 ? 1 : 0)
  const proposed = candidates.slice(0, Math.max(roundedDownToOdd, minimum)).sort()
  return hasQuorum(proposed, live) ? proposed : [...currentConfiguration]
}
