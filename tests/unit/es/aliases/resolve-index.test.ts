// GET _resolve/index/{name} (ResolveIndexAction, ES 8.17): the YAML REST test indices.resolve_index/
// 10_basic_resolve_index (indices with their sorted aliases and attributes, aliases with their indices, closed
// indices only with expand_wildcards), data streams with their hidden backing indices, exclusions, and names
// that name nothing.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function yamlSetup(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/test_index1', { aliases: { test_alias: {}, test_blias: {}, test_clias: {} } })
  await node.send('PUT', '/test_index2', { aliases: { test_alias: {} } })
  await node.send('POST', '/test_index2/_close')
  await node.send('PUT', '/test_index3', { aliases: { test_blias: {} } })
  return node
}

const ALIASES = [
  { name: 'test_alias', indices: ['test_index1', 'test_index2'] },
  { name: 'test_blias', indices: ['test_index1', 'test_index3'] },
  { name: 'test_clias', indices: ['test_index1'] },
]

describe('GET _resolve/index', () => {
  it('resolves * to the open indices and every alias (10_basic_resolve_index)', async () => {
    const { send } = await yamlSetup()
    const response = await send('GET', '/_resolve/index/*')
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toEqual({
      indices: [
        { name: 'test_index1', aliases: ['test_alias', 'test_blias', 'test_clias'], attributes: ['open'] },
        { name: 'test_index3', aliases: ['test_blias'], attributes: ['open'] },
      ],
      aliases: ALIASES,
      data_streams: [],
    })
  })

  it('adds closed and hidden indices with expand_wildcards=all, and takes exclusions out', async () => {
    const { send } = await yamlSetup()
    await send('PUT', '/.hidden_one', { settings: { 'index.hidden': true } })
    const all = JSON.parse(
      (await send('GET', '/_resolve/index/*,-test_clias?expand_wildcards=all')).body,
    ) as {
      indices: unknown[]
      aliases: unknown[]
    }
    expect(all.indices).toEqual([
      { name: '.hidden_one', attributes: ['hidden', 'open'] },
      { name: 'test_index1', aliases: ['test_alias', 'test_blias', 'test_clias'], attributes: ['open'] },
      { name: 'test_index2', aliases: ['test_alias'], attributes: ['closed'] },
      { name: 'test_index3', aliases: ['test_blias'], attributes: ['open'] },
    ])
    expect(all.aliases).toEqual(ALIASES.slice(0, 2))
    // A pattern starting with `.` matches hidden names starting with `.` without expand_wildcards.
    const dotted = JSON.parse((await send('GET', '/_resolve/index/.hid*')).body) as { indices: unknown[] }
    expect(dotted.indices).toEqual([{ name: '.hidden_one', attributes: ['hidden', 'open'] }])
  })

  it('lists a data stream with its backing indices, and its backing index with data_stream', async () => {
    const { send } = await startNode()
    await send('PUT', '/_index_template/logs', { index_patterns: ['logs-*'], data_stream: {} })
    await send('PUT', '/_data_stream/logs-app')
    const backing = '.ds-logs-app-2026.01.01-000001'
    expect(JSON.parse((await send('GET', '/_resolve/index/logs-*')).body)).toEqual({
      indices: [],
      aliases: [],
      data_streams: [{ name: 'logs-app', backing_indices: [backing], timestamp_field: '@timestamp' }],
    })
    const hidden = JSON.parse((await send('GET', '/_resolve/index/*?expand_wildcards=open,hidden')).body) as {
      indices: unknown[]
    }
    expect(hidden.indices).toEqual([
      { name: backing, attributes: ['hidden', 'open'], data_stream: 'logs-app' },
    ])
  })

  it('resolves a name that names nothing to nothing; allow_no_indices=false refuses an empty pattern', async () => {
    const { send } = await yamlSetup()
    expect((await send('GET', '/_resolve/index/nothing,test_clias')).body).toBe(
      '{"indices":[],"aliases":[{"name":"test_clias","indices":["test_index1"]}],"data_streams":[]}',
    )
    const empty = await send('GET', '/_resolve/index/zz*?allow_no_indices=false')
    expect(empty.status).toBe(404)
    expect(JSON.parse(empty.body)).toMatchObject({
      error: { type: 'index_not_found_exception', reason: 'no such index [zz*]' },
    })
  })
})
