/**
 * loopbackApi: a client's call to a server on the same machine, in virtual time. The server handles it in the
 * millisecond it was made (in a task of its own), and the client gets the answer, or the error, one round trip
 * later; calls are served and answered in order.
 */
import { describe, expect, it } from 'vitest'
import { DeterministicTaskQueue } from '../../../workers/net/deterministic-task-queue.ts'
import { LOOPBACK_ROUND_TRIP_MS, loopbackApi } from '../../../workers/net/loopback.ts'

const drain = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** A server that notes when it handles each call; `fail` throws, `reject` answers with a rejected promise. */
function server(queue: DeterministicTaskQueue, served: string[]) {
  return {
    name: 'broker',
    echo(text: string): Promise<string> {
      served.push(`${text}@${queue.now()}`)
      return Promise.resolve(text.toUpperCase())
    },
    fail(): Promise<string> {
      served.push(`fail@${queue.now()}`)
      throw new Error('thrown')
    },
    reject(): Promise<string> {
      served.push(`reject@${queue.now()}`)
      return Promise.reject(Object.assign(new Error('refused'), { name: 'NetworkError' }))
    },
  }
}

describe('loopbackApi', () => {
  it('answers one round trip after the call, served in the same millisecond, in call order', async () => {
    const queue = new DeterministicTaskQueue(1000)
    const served: string[] = []
    const api = loopbackApi(server(queue, served), queue)
    expect(LOOPBACK_ROUND_TRIP_MS).toBe(1)
    const answered: string[] = []
    const calls = ['a', 'b'].map((text) =>
      api.echo(text).then((answer) => void answered.push(`${answer}@${queue.now()}`)),
    )
    // Nothing is served inside the caller's task.
    expect(served).toEqual([])
    await queue.runUntilSettled(Promise.all(calls), drain)
    expect(served).toEqual(['a@1000', 'b@1000'])
    expect(answered).toEqual(['A@1001', 'B@1001'])
    expect(api.name).toBe('broker')
  })

  it('hands a thrown or rejected error to the caller one round trip later', async () => {
    const queue = new DeterministicTaskQueue(1000)
    const served: string[] = []
    const api = loopbackApi(server(queue, served), queue)
    const failed = api.fail().catch((error: Error) => `${error.message}@${queue.now()}`)
    const rejected = api.reject().catch((error: Error) => `${error.name}: ${error.message}@${queue.now()}`)
    expect(await queue.runUntilSettled(Promise.all([failed, rejected]), drain)).toEqual([
      'thrown@1001',
      'NetworkError: refused@1001',
    ])
    expect(served).toEqual(['fail@1000', 'reject@1000'])
  })
})
