// PortTransport's request timeouts, checked as Kafka's NetworkClient checks them (handleTimedOutRequests): one
// timer for the earliest deadline in flight, not one per request; a request answered in time never fails, one
// nobody answers fails with NetworkError 'timeout' at its own deadline, not before, however the requests'
// timeouts interleave; a response counts only from the peer the request went to; a peer whose process ended
// (disconnect) fails its requests at once, as a closed port does.
import { describe, expect, it } from 'vitest'
import { DeterministicTaskQueue } from '../../../workers/net/deterministic-task-queue.ts'
import { PortTransport, type PortLike } from '../../../workers/net/port-transport.ts'
import type { Cancellable } from '../../../workers/net/scheduler.ts'

const drain = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** A peer's port that keeps what is posted to it and lets the test answer as the peer. */
function silentPeer(): { port: PortLike; sent: Array<{ id: number }>; answer: (id: number) => void } {
  const sent: Array<{ id: number }> = []
  let listener: (event: { data: unknown }) => void = () => undefined
  return {
    port: {
      postMessage: (message) => sent.push(message as { id: number }),
      addEventListener: (_type, l) => (listener = l),
      start: () => undefined,
    },
    sent,
    answer: (id) => listener({ data: { t: 's', id, ok: true, body: `answer ${id}` } }),
  }
}

/** A DeterministicTaskQueue that counts the timers set on it. */
class CountingQueue extends DeterministicTaskQueue {
  timers = 0
  override schedule(delayMs: number, task: () => void): Cancellable {
    this.timers++
    return super.schedule(delayMs, task)
  }
}

/** When each request settled (clock time) and how. */
function outcomes(queue: DeterministicTaskQueue, requests: Array<Promise<unknown>>): Array<string | null> {
  const seen: Array<string | null> = requests.map(() => null)
  requests.forEach((request, i) => {
    void request.then(
      (value) => (seen[i] = `${String(value)} at ${queue.now()}`),
      (error: Error & { failure?: string }) => (seen[i] = `${error.failure ?? error.name} at ${queue.now()}`),
    )
  })
  return seen
}

describe('PortTransport timeouts', () => {
  it('sets one timer for many requests and fails only the unanswered, at their deadline', async () => {
    const queue = new CountingQueue(0)
    const transport = new PortTransport<string, string>(1, queue)
    const peer = silentPeer()
    transport.connect(2, peer.port)
    const requests = Array.from({ length: 50 }, () => transport.request(2, 'fetch', 30_000))
    const seen = outcomes(queue, requests)
    expect(queue.timers).toBe(1)
    for (const { id } of peer.sent) if (id !== 7) peer.answer(id)
    await drain()
    expect(seen.filter((s) => s === null)).toHaveLength(1)
    await queue.advance(29_999, drain)
    expect(seen[7]).toBeNull()
    await queue.advance(1, drain)
    expect(seen[7]).toBe('timeout at 30000')
    expect(seen[8]).toBe('answer 8 at 0')
    expect(queue.timers).toBe(1)
  })

  it('fails each unanswered request at its own deadline however the timeouts interleave', async () => {
    const queue = new DeterministicTaskQueue(0)
    const transport = new PortTransport<string, string>(1, queue)
    transport.connect(2, silentPeer().port)
    const requests: Array<Promise<string>> = []
    const timeouts = [500, 100, 300, 100, 900]
    for (const [i, timeoutMs] of timeouts.entries()) {
      await queue.advance(i === 0 ? 0 : 10, drain)
      requests.push(transport.request(2, `r${i}`, timeoutMs))
    }
    const seen = outcomes(queue, requests)
    await queue.advance(2_000, drain)
    expect(seen).toEqual([
      'timeout at 500',
      'timeout at 110',
      'timeout at 320',
      'timeout at 130',
      'timeout at 940',
    ])
  })

  it('takes a response only from the peer its request went to', async () => {
    const queue = new DeterministicTaskQueue(0)
    const transport = new PortTransport<string, string>(1, queue)
    const asked = silentPeer()
    const other = silentPeer()
    transport.connect(2, asked.port)
    transport.connect(3, other.port)
    const seen = outcomes(queue, [transport.request(2, 'r', 1_000)])
    const [{ id }] = asked.sent as [{ id: number }]
    other.answer(id)
    await drain()
    expect(seen).toEqual([null])
    asked.answer(id)
    await drain()
    expect(seen).toEqual([`answer ${id} at 0`])
  })

  it('fails the requests to a peer whose process ended at once, and new ones until it is connected again', async () => {
    const queue = new DeterministicTaskQueue(0)
    const transport = new PortTransport<string, string>(1, queue)
    const ended = silentPeer()
    const alive = silentPeer()
    transport.connect(2, ended.port)
    transport.connect(3, alive.port)
    const seen = outcomes(queue, [
      transport.request(2, 'a', 30_000),
      transport.request(3, 'b', 30_000),
      transport.request(2, 'c', 30_000),
    ])
    transport.disconnect(2)
    const later = outcomes(queue, [transport.request(2, 'd', 30_000)])
    await drain()
    expect(seen).toEqual(['disconnected at 0', null, 'disconnected at 0'])
    expect(later).toEqual(['disconnected at 0'])
    const restarted = silentPeer()
    transport.connect(2, restarted.port)
    const again = outcomes(queue, [transport.request(2, 'e', 30_000)])
    const [{ id }] = restarted.sent as [{ id: number }]
    restarted.answer(id)
    await drain()
    expect(again).toEqual([`answer ${id} at 0`])
  })
})
