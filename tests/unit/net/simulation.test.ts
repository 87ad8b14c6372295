import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  DeterministicTaskQueue,
  SimulationStalledError,
} from '../../../workers/net/deterministic-task-queue.ts'
import { SimulatedNetwork } from '../../../workers/net/simulated-network.ts'
import { NetworkError } from '../../../workers/net/transport.ts'
import { Random } from '../../../workers/net/random.ts'

const drain = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('DeterministicTaskQueue', () => {
  it('runs tasks in time order, ties in scheduling order, and never moves time backwards', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { maxLength: 60 }), (delays) => {
        const queue = new DeterministicTaskQueue(0)
        const ran: Array<[number, number]> = []
        delays.forEach((delay, i) => queue.schedule(delay, () => ran.push([queue.now(), i])))
        while (queue.runNextTask());
        const expected = delays
          .map((delay, i) => [delay, i] as [number, number])
          .sort((a, b) => a[0] - b[0] || a[1] - b[1])
        expect(ran).toEqual(expected)
      }),
    )
  })

  it('skips cancelled tasks and lets tasks schedule more tasks', () => {
    const queue = new DeterministicTaskQueue(100)
    const ran: string[] = []
    const cancelled = queue.schedule(5, () => ran.push('cancelled'))
    queue.schedule(10, () => {
      ran.push(`a@${queue.now()}`)
      queue.schedule(0, () => ran.push(`b@${queue.now()}`))
    })
    cancelled.cancel()
    while (queue.runNextTask());
    expect(ran).toEqual(['a@110', 'b@110'])
  })

  it('runs an async call to completion through sleeps, and reports a call that can never finish', async () => {
    const queue = new DeterministicTaskQueue(0)
    const work = async () => {
      await queue.sleep(1000)
      await Promise.resolve()
      await queue.sleep(500)
      return queue.now()
    }
    expect(await queue.runUntilSettled(work(), drain)).toBe(1500)
    await expect(queue.runUntilSettled(new Promise(() => undefined), drain)).rejects.toBeInstanceOf(
      SimulationStalledError,
    )
  })

  it('advances to an exact time, running only the tasks due by then', async () => {
    const queue = new DeterministicTaskQueue(0)
    const ran: number[] = []
    for (const t of [10, 20, 30]) queue.schedule(t, () => ran.push(t))
    await queue.advance(25, drain)
    expect(ran).toEqual([10, 20])
    expect(queue.now()).toBe(25)
  })
})

function network(seed = 1) {
  const queue = new DeterministicTaskQueue(0)
  const net = new SimulatedNetwork<{ n: number }, { n: number; by: number }>(queue, new Random(seed), {
    minLatencyMs: 1,
    maxLatencyMs: 5,
  })
  const nodes = [1, 2, 3].map((id) => {
    const endpoint = net.endpoint(id)
    endpoint.serve((_from, request) => Promise.resolve({ n: request.n + 1, by: id }))
    return endpoint
  })
  return { queue, net, nodes }
}

describe('SimulatedNetwork', () => {
  it('delivers requests and responses after a latency, as copies', async () => {
    const { queue, nodes } = network()
    const request = { n: 1 }
    const response = await queue.runUntilSettled(nodes[0]!.request(2, request, 1000), drain)
    expect(response).toEqual({ n: 2, by: 2 })
    expect(queue.now()).toBeGreaterThanOrEqual(2)
    expect(queue.now()).toBeLessThanOrEqual(10)
  })

  it('answers a request to a stopped process with a reset, and a cut link with a timeout', async () => {
    const { queue, net, nodes } = network()
    nodes[1]!.serve(null)
    await expect(queue.runUntilSettled(nodes[0]!.request(2, { n: 1 }, 1000), drain)).rejects.toMatchObject({
      failure: 'disconnected',
      peer: 2,
    })
    const started = queue.now()
    net.partition([1], [3])
    const lost = queue.runUntilSettled(nodes[0]!.request(3, { n: 1 }, 1000), drain)
    await expect(lost).rejects.toBeInstanceOf(NetworkError)
    expect(queue.now() - started).toBe(1000)
    net.heal()
    expect(await queue.runUntilSettled(nodes[0]!.request(3, { n: 5 }, 1000), drain)).toEqual({ n: 6, by: 3 })
  })

  it('fails the request whose handler throws instead of rejecting, and goes on serving', async () => {
    const { queue, nodes } = network()
    nodes[1]!.serve((_from, request: { n: number }) => {
      if (request.n < 0) throw new RangeError(`negative ${request.n}`)
      return Promise.resolve({ n: request.n + 1, by: 2 })
    })
    // the request fails with the handler's error; the simulation itself runs on (the throw does not escape a task)
    const failed = nodes[0]!.request(2, { n: -1 }, 1000).then(
      () => 'answered',
      (error: Error) => `${error.name}: ${error.message}`,
    )
    expect(await queue.runUntilSettled(failed, drain)).toBe('RangeError: negative -1')
    expect(await queue.runUntilSettled(nodes[0]!.request(2, { n: 1 }, 1000), drain)).toEqual({ n: 2, by: 2 })
  })

  it('bridges two sides: with only the 1–3 link cut, node 2 still reaches both and both reach it', async () => {
    const { queue, net, nodes } = network()
    net.partition([1], [3])
    const ask = (from: number, to: number) =>
      queue.runUntilSettled(nodes[from - 1]!.request(to, { n: 0 }, 500), drain)
    expect(await ask(1, 2)).toEqual({ n: 1, by: 2 })
    expect(await ask(3, 2)).toEqual({ n: 1, by: 2 })
    expect(await ask(2, 1)).toEqual({ n: 1, by: 1 })
    expect(await ask(2, 3)).toEqual({ n: 1, by: 3 })
    await expect(ask(3, 1)).rejects.toMatchObject({ failure: 'timeout', peer: 1 })
    expect([net.isConnected(1, 3), net.isConnected(1, 2), net.isConnected(2, 3)]).toEqual([false, true, true])
  })

  it('drops only answers at the response drop rate: the request is served, the sender times out', async () => {
    const { queue, net, nodes } = network()
    let served = 0
    nodes[1]!.serve((_from, request) => {
      served++
      return Promise.resolve({ n: request.n, by: 2 })
    })
    net.setResponseDropRate(1)
    const started = queue.now()
    await expect(queue.runUntilSettled(nodes[0]!.request(2, { n: 1 }, 800), drain)).rejects.toMatchObject({
      failure: 'timeout',
    })
    expect(served).toBe(1)
    expect(queue.now() - started).toBe(800)
    net.setResponseDropRate(0.5)
    const outcomes = await queue.runUntilSettled(
      Promise.all(
        Array.from({ length: 200 }, (_, n) =>
          nodes[0]!.request(2, { n }, 800).then(
            () => 'answered',
            () => 'lost',
          ),
        ),
      ),
      drain,
    )
    expect(served).toBe(201)
    const lost = outcomes.filter((outcome) => outcome === 'lost').length
    expect(lost).toBeGreaterThan(70)
    expect(lost).toBeLessThan(130)
    net.setResponseDropRate(0)
    expect(await queue.runUntilSettled(nodes[0]!.request(2, { n: 7 }, 800), drain)).toEqual({ n: 7, by: 2 })
  })

  it('holds messages for a paused node until it resumes', async () => {
    const { queue, net, nodes } = network()
    net.pause(2)
    const pending = nodes[0]!.request(2, { n: 1 }, 10_000)
    await queue.advance(5000, drain)
    net.resume(2)
    expect(await queue.runUntilSettled(pending, drain)).toEqual({ n: 2, by: 2 })
    expect(queue.now()).toBeGreaterThanOrEqual(5000)
  })

  it('replays exactly for the same seed', async () => {
    const run = async (seed: number) => {
      const { queue, nodes } = network(seed)
      const times: number[] = []
      await queue.runUntilSettled(
        Promise.all(
          [2, 3, 2, 3].map((to, i) =>
            nodes[0]!.request(to, { n: i }, 1000).then(() => times.push(queue.now())),
          ),
        ),
        drain,
      )
      return times
    }
    expect(await run(7)).toEqual(await run(7))
  })
})
