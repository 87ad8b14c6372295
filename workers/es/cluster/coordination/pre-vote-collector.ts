/**
 * PreVoteCollector: the round before an election, as ES's PreVoteCollector, so that a node cut off from
 * the cluster cannot disrupt it by raising the term. The candidate asks every discovered
 * master-eligible node (itself included); a node that has a leader refuses (see Coordinator), and a
 * node whose last accepted state is newer than the candidate's does not count. With pre-votes from a
 * quorum of both voting configurations, the election starts in max(term seen) + 1.
 */
import type { ClusterState } from '../state/cluster-state.ts'
import type { DiscoveryNode } from '../state/discovery-node.ts'
import type { CoordinationResponse } from './messages.ts'

export interface PreVoteRound {
  targets: readonly DiscoveryNode[]
  currentTerm: number
  lastAccepted: () => ClusterState
  request: (node: DiscoveryNode) => Promise<CoordinationResponse>
  isElectionQuorum: (votes: ReadonlySet<string>) => boolean
  /** Still a candidate in this round? */
  isCurrent: () => boolean
  startElection: (term: number) => void
}

export function collectPreVotes(round: PreVoteRound): void {
  const votes = new Set<string>()
  let maxTermSeen = round.currentTerm
  let started = false
  for (const node of round.targets) {
    round.request(node).then(
      (response) => {
        if (response.type !== 'pre_vote' || started || !round.isCurrent()) return
        maxTermSeen = Math.max(maxTermSeen, response.currentTerm)
        const ours = round.lastAccepted()
        const newer =
          response.lastAcceptedTerm > ours.term ||
          (response.lastAcceptedTerm === ours.term && response.lastAcceptedVersion > ours.version)
        if (newer) return
        votes.add(node.id)
        if (round.isElectionQuorum(votes)) {
          started = true
          round.startElection(maxTermSeen + 1)
        }
      },
      () => undefined,
    )
  }
}
