/**
 * NetworkClient's correlation ids: one counter per client from 0; the first request on a connection is preceded
 * by ApiVersions, which takes an id; a request that finds the broker unreachable or stopped closes the connection.
 */
import { describe, expect, it } from 'vitest'
import { NetworkClient } from '../../../workers/clients/kafka/network-client.ts'
import type { BrokerApi } from '../../../workers/protocol/kafka.ts'

const answer = (id: number) => Promise.resolve(id)
const refused = () => Promise.reject(Object.assign(new Error('connection refused'), { name: 'NetworkError' }))

describe('NetworkClient', () => {
  it('numbers requests from 0, with ApiVersions first on each new connection', async () => {
    const client = new NetworkClient()
    expect(await client.send('-1', answer)).toBe(1) // ApiVersions 0, then the request
    expect(await client.send('-1', answer)).toBe(2)
    expect(await client.send('1', answer)).toBe(4) // a new connection: ApiVersions 3
    expect(await client.send('-1', answer)).toBe(5)
  })

  it('reopens a connection after the broker was unreachable or stopped, but not after a broker error', async () => {
    const client = new NetworkClient()
    await client.send('1', answer) // 0, 1
    await expect(client.send('1', refused)).rejects.toThrow('connection refused') // 2
    expect(await client.send('1', answer)).toBe(4)
    const stopped = () => Promise.reject(Object.assign(new Error('stopped'), { name: 'BrokerStoppedError' }))
    await expect(client.send('1', stopped)).rejects.toThrow('stopped') // 5
    expect(await client.send('1', answer)).toBe(7)
    await expect(client.send('1', () => Promise.reject(new Error('NOT_CONTROLLER')))).rejects.toThrow() // 8
    expect(await client.send('1', answer)).toBe(9)
  })

  it("counts each method call on a connection's broker as one request, and keeps one view per connection", async () => {
    const client = new NetworkClient()
    const calls: string[] = []
    const broker = {
      apiVersions: () => {
        calls.push('apiVersions')
        return Promise.resolve([])
      },
    } as unknown as BrokerApi
    const view = client.connection('2', broker)
    expect(client.connection('2', broker)).toBe(view)
    await view.apiVersions()
    await view.apiVersions()
    expect(calls).toEqual(['apiVersions', 'apiVersions'])
    expect(await client.send('2', answer)).toBe(3) // ApiVersions 0, the calls 1 and 2
  })
})
