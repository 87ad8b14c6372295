/**
 * The broker's side of a throttle (SocketServer's channel muting with ClientQuotaManager.throttle and
 * ThrottledChannel, KIP-219). A broker reads one request at a time from a connection: the next is read once
 * the previous one is answered, and when that answer carried a throttle time, once that time has passed too
 * (the channel is muted for it), even for a client that does not honour the throttle time itself (an acks=0
 * producer never sees it). The playground's brokers have no connections, so a channel is the client id the
 * request names.
 *
 * Invariant: `tails` holds, per client id, when its channel reads its next request; an entry goes once that
 * time has come and no request waits behind it.
 */
import type { Scheduler } from '../../net/scheduler.ts'

export class ThrottledChannels {
  private readonly tails = new Map<string, Promise<void>>()

  constructor(private readonly scheduler: Scheduler) {}

  /** Handles the client's request once its channel reads it; the answer's throttle time mutes the channel. */
  read<R extends { throttleTimeMs: number }>(clientId: string, handle: () => Promise<R>): Promise<R> {
    const previous = this.tails.get(clientId)
    const answered = previous === undefined ? handle() : previous.then(handle)
    const tail = answered.then(
      ({ throttleTimeMs }) => (throttleTimeMs > 0 ? this.scheduler.sleep(throttleTimeMs) : undefined),
      () => undefined,
    )
    this.tails.set(clientId, tail)
    void tail.then(() => {
      if (this.tails.get(clientId) === tail) this.tails.delete(clientId)
    })
    return answered
  }
}
