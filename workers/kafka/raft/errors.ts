/**
 * The errors the quorum's public API rejects with, named as Kafka names them (NotLeaderException).
 */
export class NotLeaderError extends Error {
  override name = 'NotLeaderError'
  constructor(
    /** The leader this node knows of, or null when it knows none. */
    readonly leaderId: number | null,
    readonly epoch: number,
  ) {
    super(
      leaderId === null
        ? `this node is not the leader of epoch ${epoch} and knows no leader`
        : `this node is not the leader; the leader of epoch ${epoch} is node ${leaderId}`,
    )
  }
}

/** The client was stopped while a call was pending. */
export class RaftStoppedError extends Error {
  override name = 'RaftStoppedError'
}
