/**
 * The coordination settings and their ES 8 defaults (ElectionSchedulerFactory, FollowersChecker,
 * LeaderChecker, PeerFinder, Coordinator.PUBLISH_TIMEOUT_SETTING, Reconfigurator), in milliseconds.
 */
import type { CheckSchedule } from './fault-detection.ts'

export interface CoordinationSettings {
  /** cluster.election.initial_timeout */
  electionInitialTimeoutMs: number
  /** cluster.election.back_off_time */
  electionBackOffTimeMs: number
  /** cluster.election.max_timeout */
  electionMaxTimeoutMs: number
  /** cluster.election.duration */
  electionDurationMs: number
  /** cluster.fault_detection.follower_check.{interval,timeout,retry_count} */
  followerCheckIntervalMs: number
  followerCheckTimeoutMs: number
  followerCheckRetryCount: number
  /** cluster.fault_detection.leader_check.{interval,timeout,retry_count} */
  leaderCheckIntervalMs: number
  leaderCheckTimeoutMs: number
  leaderCheckRetryCount: number
  /** discovery.find_peers_interval and discovery.request_peers_timeout */
  findPeersIntervalMs: number
  requestPeersTimeoutMs: number
  /** cluster.publish.timeout */
  publishTimeoutMs: number
  /** cluster.follower_lag.timeout */
  followerLagTimeoutMs: number
  /** cluster.join.timeout-like bound on one join request */
  joinTimeoutMs: number
  /** cluster.auto_shrink_voting_configuration */
  autoShrinkVotingConfiguration: boolean
}

export const DEFAULT_COORDINATION_SETTINGS: Readonly<CoordinationSettings> = {
  electionInitialTimeoutMs: 100,
  electionBackOffTimeMs: 100,
  electionMaxTimeoutMs: 10_000,
  electionDurationMs: 500,
  followerCheckIntervalMs: 1000,
  followerCheckTimeoutMs: 10_000,
  followerCheckRetryCount: 3,
  leaderCheckIntervalMs: 1000,
  leaderCheckTimeoutMs: 10_000,
  leaderCheckRetryCount: 3,
  findPeersIntervalMs: 1000,
  requestPeersTimeoutMs: 3000,
  publishTimeoutMs: 30_000,
  followerLagTimeoutMs: 90_000,
  joinTimeoutMs: 60_000,
  autoShrinkVotingConfiguration: true,
}

export function followerCheckSchedule(settings: CoordinationSettings): CheckSchedule {
  const { followerCheckIntervalMs, followerCheckTimeoutMs, followerCheckRetryCount } = settings
  return {
    intervalMs: followerCheckIntervalMs,
    timeoutMs: followerCheckTimeoutMs,
    retryCount: followerCheckRetryCount,
  }
}

export function leaderCheckSchedule(settings: CoordinationSettings): CheckSchedule {
  const { leaderCheckIntervalMs, leaderCheckTimeoutMs, leaderCheckRetryCount } = settings
  return {
    intervalMs: leaderCheckIntervalMs,
    timeoutMs: leaderCheckTimeoutMs,
    retryCount: leaderCheckRetryCount,
  }
}
