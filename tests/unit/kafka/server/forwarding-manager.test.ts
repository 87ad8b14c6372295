/**
 * ForwardingManager: a request forwarded while the active controller fails over waits for the next one, as
 * Kafka's NodeToControllerChannelManager requeues it on a disconnect or a NOT_CONTROLLER answer; one that no
 * controller answers within the forwarding channel's retry timeout (60 s) is given up.
 */
import { describe, expect, it } from 'vitest'
import { DeterministicTaskQueue } from '../../../../workers/net/deterministic-task-queue.ts'
import { NetworkError } from '../../../../workers/net/transport.ts'
import {
  FORWARDING_RETRY_TIMEOUT_MS,
  ForwardingManager,
} from '../../../../workers/kafka/server/forwarding-manager.ts'
import type {
  ControllerRequest,
  ControllerResponse,
} from '../../../../workers/kafka/controller/controller-messages.ts'

const drain = () => new Promise<void>((resolve) => setImmediate(resolve))
const CREATE: ControllerRequest = {
  api: 'CreateTopics',
  topics: [{ name: 'orders', numPartitions: 1, replicationFactor: 1, configs: {} }],
  validateOnly: false,
}
const created = (error: 'NOT_CONTROLLER' | null): ControllerResponse => ({
  api: 'CreateTopics',
  results: [{ name: 'orders', error, message: null }],
})

/** A forwarding manager whose controller channel answers each try as `answer` says for its time (ms from start). */
function forwarding(answer: (now: number) => ControllerResponse | NetworkError | null) {
  const queue = new DeterministicTaskQueue()
  const start = queue.now()
  const tries: number[] = []
  const manager = new ForwardingManager({
    scheduler: queue,
    sendToController: () => {
      tries.push(queue.now() - start)
      const outcome = answer(queue.now() - start)
      if (outcome === null) return Promise.reject(new Error('no active controller'))
      if (outcome instanceof NetworkError) return Promise.reject(outcome)
      return Promise.resolve(outcome)
    },
  })
  return {
    elapsed: () => queue.now() - start,
    tries,
    forward: () => queue.runUntilSettled(manager.forward(CREATE), drain),
  }
}

describe('ForwardingManager', () => {
  it('answers with the first controller that takes the request', async () => {
    const { tries, forward } = forwarding(() => created(null))
    expect(await forward()).toEqual(created(null))
    expect(tries).toEqual([0])
  })

  it('waits out a failover: a stopped controller, then none, then its successor', async () => {
    const { tries, forward } = forwarding((now) =>
      now < 200 ? new NetworkError('disconnected', 2) : now < 2_000 ? null : created(null),
    )
    expect(await forward()).toEqual(created(null))
    // Every reconnect.backoff.ms (50 ms) until the new controller answers at 2 s.
    expect(tries[1]).toBe(50)
    expect(tries.at(-1)).toBe(2_000)
    expect(tries).toHaveLength(41)
  })

  it('sends again a request a node answered NOT_CONTROLLER', async () => {
    const { tries, forward } = forwarding((now) => created(now < 100 ? 'NOT_CONTROLLER' : null))
    expect(await forward()).toEqual(created(null))
    expect(tries).toEqual([0, 50, 100])
  })

  it('gives up once no controller answered within the retry timeout', async () => {
    const { elapsed, tries, forward } = forwarding(() => new NetworkError('timeout', 2))
    expect(await forward()).toBeNull()
    expect(elapsed()).toBe(FORWARDING_RETRY_TIMEOUT_MS)
    expect(tries).toHaveLength(FORWARDING_RETRY_TIMEOUT_MS / 50 + 1)
  })
})
