/**
 * QuorumConfig: the controller.quorum.* settings with Kafka's defaults (QuorumConfig.java), plus the
 * fixed voter set this playground starts with (controller.quorum.voters; no dynamic reconfiguration).
 */
export interface QuorumConfig {
  /** controller.quorum.voters: the node ids that vote. Every other node that fetches is an observer. */
  voters: number[]
  /** controller.quorum.election.timeout.ms; the actual timeout is uniform in [t, 2t). */
  electionTimeoutMs: number
  /** controller.quorum.fetch.timeout.ms: a follower that hears nothing from its leader this long starts an election. */
  fetchTimeoutMs: number
  /** controller.quorum.election.backoff.max.ms: cap of the binary exponential backoff after a lost election. */
  electionBackoffMaxMs: number
  /** controller.quorum.request.timeout.ms */
  requestTimeoutMs: number
  /** controller.quorum.retry.backoff.ms */
  retryBackoffMs: number
  /** controller.quorum.fetch.max.wait.ms (Kafka's KRaft fetch long-poll, 500 ms). */
  fetchMaxWaitMs: number
}

export const QUORUM_DEFAULTS: Omit<QuorumConfig, 'voters'> = {
  electionTimeoutMs: 1000,
  fetchTimeoutMs: 2000,
  electionBackoffMaxMs: 1000,
  requestTimeoutMs: 2000,
  retryBackoffMs: 20,
  fetchMaxWaitMs: 500,
}

/** Kafka's RETRY_BACKOFF_BASE_MS for the election backoff. */
const RETRY_BACKOFF_BASE_MS = 100

/**
 * KafkaRaftClient.binaryExponentialElectionBackoffMs: base * nextInt(2 << min(20, retries - 1)), capped at
 * election.backoff.max.ms.
 */
export function electionBackoffMs(
  maxMs: number,
  retries: number,
  nextInt: (bound: number) => number,
): number {
  return Math.min(maxMs, RETRY_BACKOFF_BASE_MS * nextInt(2 << Math.min(20, Math.max(0, retries - 1))))
}

/**
 * How long a follower waits before it campaigns once its leader resigned (KafkaRaftClient's
 * endEpochElectionBackoff and strictExponentialElectionBackoffMs): at once when it is first among the
 * preferred successors, or when none are named; the cap when it is not named; otherwise
 * (max >> (successors - 1)) << (position - 1).
 */
export function endEpochElectionBackoffMs(
  maxMs: number,
  localId: number,
  preferredSuccessors: number[],
): number {
  const found = preferredSuccessors.indexOf(localId)
  const position = found < 0 ? preferredSuccessors.length : found
  if (position === 0) return 0
  if (position >= preferredSuccessors.length) return maxMs
  return Math.min(maxMs, (maxMs >> (preferredSuccessors.length - 1)) << (position - 1))
}

/** Leader resigns when a majority has not fetched within this long (LeaderState.CHECK_QUORUM_TIMEOUT_FACTOR). */
export function checkQuorumTimeoutMs(config: QuorumConfig): number {
  return Math.floor(config.fetchTimeoutMs * 1.5)
}
