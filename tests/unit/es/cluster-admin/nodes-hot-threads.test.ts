// GET /_nodes/hot_threads: a text body with one block per selected node (DiscoveryNode.toString, then the
// report's header indented by three spaces, then an empty line), the request's interval, threads and
// ignore_idle_threads in the header, and ES's errors for a bad type, sort order or boolean.
import { describe, expect, it } from 'vitest'
import { javaStringKeyOrder } from '../../../../workers/net/java-hash.ts'
import { clusterWithIndex, errorBody } from './cluster-admin-fixture.ts'
import { discoveryNodeDescription } from '../../../../workers/es/rest/actions/node-description.ts'

const NODE_LINE =
  /^::: \{(es-node-\d)\}\{([\w-]{22})\}\{([\w-]{22})\}\{(es-node-\d)\}\{127\.0\.0\.1\}\{127\.0\.0\.1:(\d+)\}\{cdfhilmrstw\}\{8\.17\.0\}\{7000099-8521000\}$/

describe('GET _nodes/hot_threads', () => {
  it('writes a block per node, in the HashSet order of their ids', async () => {
    const { cluster, ids } = await clusterWithIndex(3)
    const response = await cluster.send(1, 'GET', '/_nodes/hot_threads')
    expect(response.status).toBe(200)
    expect(response.contentType).toBe('text/plain')
    const blocks = response.body.split('\n\n')
    expect(blocks.pop()).toBe('')
    const names = blocks.map((block) => {
      const [node, header, ...rest] = block.split('\n')
      const match = NODE_LINE.exec(node!)!
      expect(match).not.toBeNull()
      const [, name, id, ephemeralId, externalId, port] = match
      expect(id).toBe(ids.get(name!))
      expect(ephemeralId).not.toBe(id)
      expect(externalId).toBe(name)
      expect(Number(port)).toBe(9299 + Number(name!.slice(-1)))
      expect(header).toMatch(
        /^ {3}Hot threads at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z, interval=500ms, busiestThreads=3, ignoreIdleThreads=true:$/,
      )
      expect(rest).toEqual([])
      return name!
    })
    expect(names.map((name) => ids.get(name))).toEqual(javaStringKeyOrder([...ids.values()]))
  })

  it('selects nodes and echoes interval, threads and ignore_idle_threads', async () => {
    const { cluster } = await clusterWithIndex(3)
    const response = await cluster.send(
      1,
      'GET',
      '/_nodes/es-node-2/hot_threads?threads=5&interval=1500ms&ignore_idle_threads=false&type=wait&sort=cpu',
    )
    const [node, header, ...rest] = response.body.split('\n')
    expect(node).toMatch(/^::: \{es-node-2\}/)
    expect(header).toMatch(/, interval=1.5s, busiestThreads=5, ignoreIdleThreads=false:$/)
    expect(rest).toEqual(['', ''])
  })

  it('refuses an unknown type, sort order or boolean as ES does', async () => {
    const { cluster } = await clusterWithIndex(1)
    // RestRequest.paramAsInt keeps Integer.parseInt's exception as the cause
    const notAnInt = { type: 'number_format_exception', reason: 'For input string: "x"' }
    const cases: Array<[string, string, object?]> = [
      ['type=foo', 'type not supported [foo]'],
      ['sort=foo', 'sort order not supported [foo]'],
      ['ignore_idle_threads=yes', 'Failed to parse value [yes] as only [true] or [false] are allowed.'],
      ['threads=x', 'Failed to parse int parameter [threads] with value [x]', notAnInt],
    ]
    for (const [query, reason, cause] of cases) {
      const response = await cluster.send(1, 'GET', `/_nodes/hot_threads?${query}`)
      expect(response.status).toBe(400)
      const expected = errorBody('illegal_argument_exception', reason, 400)
      if (cause) expected.error = { ...expected.error, caused_by: cause }
      expect(JSON.parse(response.body)).toEqual(expected)
    }
  })

  it('appends the node attributes as a Java Map prints them', () => {
    const node = {
      id: 'nodeid',
      ephemeralId: 'eph',
      name: 'es-node-2',
      address: 2,
      roles: ['master', 'data'] as const,
      attributes: { rack: 'r1', zone: 'a' },
    }
    expect(discoveryNodeDescription(node)).toBe(
      '{es-node-2}{nodeid}{eph}{es-node-2}{127.0.0.1}{127.0.0.1:9301}{cdfhilmrstw}{8.17.0}{7000099-8521000}' +
        '{rack=r1, zone=a}',
    )
    expect(discoveryNodeDescription({ ...node, roles: ['data'], attributes: {} })).toBe(
      '{es-node-2}{nodeid}{eph}{es-node-2}{127.0.0.1}{127.0.0.1:9301}{d}{8.17.0}{7000099-8521000}',
    )
  })
})
