// `_cat/shards/{index}` as ES 8.17's RestShardsAction resolves it: its cluster state and indices stats requests take
// IndicesOptions.strictExpandHidden whatever the request says (since 8.3, elastic/elasticsearch#86601), so a
// pattern reaches hidden and closed indices, a missing name is index_not_found_exception, a pattern that matches
// nothing is an empty table, and expand_wildcards / ignore_unavailable / allow_no_indices are not its parameters.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  const settings = { number_of_shards: 1, number_of_replicas: 0 }
  await node.send('PUT', '/logs-a', { settings })
  await node.send('PUT', '/logs-b', { settings, aliases: { logs: {} } })
  await node.send('PUT', '/secret', { settings: { ...settings, 'index.hidden': true } })
  await node.send('PUT', '/old', { settings })
  await node.send('POST', '/old/_close')
})

async function table(path: string): Promise<string> {
  const response = await node.send('GET', path)
  expect(response.status).toBe(200)
  return response.body
}

describe('_cat/shards/{index}', () => {
  it('patterns reach hidden and closed indices', async () => {
    expect(await table('/_cat/shards/*?h=index&s=index')).toBe('logs-a\nlogs-b\nold\nsecret\n')
    expect(await table('/_cat/shards/sec*?h=index,prirep,state')).toBe('secret p STARTED\n')
    expect(await table('/_cat/shards/logs-*,-logs-a,o*?h=index&s=index')).toBe('logs-b\nold\n')
    expect(await table('/_cat/shards/logs?h=index')).toBe('logs-b\n')
  })

  it('a pattern that matches nothing is an empty table; a missing name is index_not_found_exception', async () => {
    expect(await table('/_cat/shards/nomatch*')).toBe('')
    const missing = await node.send('GET', '/_cat/shards/logs-a,missing')
    expect(missing.status).toBe(404)
    const error = {
      type: 'index_not_found_exception',
      reason: 'no such index [missing]',
      'resource.type': 'index_or_alias',
      'resource.id': 'missing',
      index_uuid: '_na_',
      index: 'missing',
    }
    expect(JSON.parse(missing.body)).toEqual({ error: { root_cause: [error], ...error }, status: 404 })
  })

  it('takes no indices options', async () => {
    for (const param of ['expand_wildcards=all', 'ignore_unavailable=true', 'allow_no_indices=false']) {
      const response = await node.send('GET', `/_cat/shards/missing?${param}`)
      const name = param.split('=')[0]!
      const error = {
        type: 'illegal_argument_exception',
        reason: `request [/_cat/shards/missing] contains unrecognized parameter: [${name}]`,
      }
      expect([response.status, JSON.parse(response.body)]).toEqual([
        400,
        { error: { root_cause: [error], ...error }, status: 400 },
      ])
    }
  })
})

describe('_cat/indices?health=', () => {
  it('keeps the indices of that status, in any case; an unknown status is refused as ClusterHealthStatus.fromString refuses it', async () => {
    expect(await table('/_cat/indices/logs-*?h=index,health&health=GREEN&s=index')).toBe(
      'logs-a green\nlogs-b green\n',
    )
    expect(await table('/_cat/indices/logs-*?h=index&health=red')).toBe('')
    const response = await node.send('GET', '/_cat/indices?health=purple')
    const error = { type: 'illegal_argument_exception', reason: 'unknown cluster health status [purple]' }
    expect([response.status, JSON.parse(response.body)]).toEqual([
      400,
      { error: { root_cause: [error], ...error }, status: 400 },
    ])
  })
})
