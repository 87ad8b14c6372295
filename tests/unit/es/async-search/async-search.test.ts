// Async search as Elasticsearch 8.17 answers it (x-pack async-search: RestSubmitAsyncSearchAction,
// SubmitAsyncSearchRequest.validate, TransportSubmitAsyncSearchAction, AsyncSearchResponse, AsyncStatusResponse,
// AsyncResultsService, DeleteAsyncResultsService, AsyncExecutionId; the YAML test async_search/10_basic.yml).
import { beforeEach, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeEach(async () => {
  node = await startNode()
  await node.send('PUT', '/test-1', { settings: { number_of_shards: 2 } })
  await node.send('PUT', '/test-2', { settings: { number_of_shards: 1 } })
  await node.send('POST', '/test-2/_doc?refresh=true', { max: 2 })
  await node.send('POST', '/test-1/_doc?refresh=true', { max: 1 })
}, 60_000)

const BODY = { aggs: { max: { max: { field: 'max' } } }, sort: 'max' }

type Json = Record<string, unknown>
const parse = (body: string): Json => JSON.parse(body) as Json

describe('POST _async_search', () => {
  it('answers a search done within wait_for_completion_timeout without an id, and keeps nothing', async () => {
    const response = await node.send('POST', '/test-*/_async_search?wait_for_completion_timeout=10s', BODY)
    expect(response.status).toBe(200)
    const body = parse(response.body)
    const start = body.start_time_in_millis as number
    expect(Object.keys(body)).toEqual([
      'is_partial',
      'is_running',
      'start_time_in_millis',
      'expiration_time_in_millis',
      'completion_time_in_millis',
      'response',
    ])
    expect(body.is_partial).toBe(false)
    expect(body.is_running).toBe(false)
    expect(body.expiration_time_in_millis).toBe(start + 5 * 86_400_000)
    const search = body.response as { hits: { hits: Array<{ _source: Json }> }; aggregations: Json }
    // start + took (the fixture prints `took` as 0)
    expect(body.completion_time_in_millis).toBeGreaterThanOrEqual(start)
    expect(search.hits.hits.map((hit) => hit._source.max)).toEqual([1, 2])
    expect(search.aggregations).toEqual({ max: { value: 2 } })
    expect((await node.send('GET', '/_cat/indices/.async-search?expand_wildcards=all')).status).toBe(404)
  })

  it('keeps the result with keep_on_completion: GET (typed_keys is the reader’s), status, DELETE, then 404s', async () => {
    const submitted = await node.send(
      'POST',
      '/test-*/_async_search?keep_on_completion=true&typed_keys=true',
      BODY,
    )
    const body = parse(submitted.body)
    const id = body.id as string
    expect(Object.keys(body)[0]).toBe('id')
    expect((body.response as { aggregations: Json }).aggregations).toEqual({ 'max#max': { value: 2 } })
    // AsyncExecutionId: writeString(doc id) + writeString("<node>:<task>"), URL-safe base64 with padding
    const bytes = Buffer.from(id, 'base64url')
    const docId = bytes.subarray(1, 1 + bytes[0]!).toString()
    expect(bytes.subarray(2 + bytes[0]!).toString()).toMatch(/^[\w-]+:\d+$/)
    expect(id).toBe(
      bytes.toString('base64url') + '='.repeat((4 - (bytes.toString('base64url').length % 4)) % 4),
    )
    expect((await node.send('GET', `/.async-search/_doc/${docId}`)).status).toBe(200)

    const got = await node.send('GET', `/_async_search/${id}`)
    expect(got.status).toBe(200)
    expect(parse(got.body)).toEqual({
      ...body,
      response: { ...(body.response as Json), aggregations: { max: { value: 2 } } },
    })
    expect(parse((await node.send('GET', `/_async_search/${id}?typed_keys=true`)).body)).toEqual(body)

    const status = await node.send('GET', `/_async_search/status/${id}`)
    expect(parse(status.body)).toEqual({
      id,
      is_running: false,
      is_partial: false,
      start_time_in_millis: body.start_time_in_millis,
      expiration_time_in_millis: body.expiration_time_in_millis,
      completion_time_in_millis: body.completion_time_in_millis,
      _shards: { total: 3, successful: 3, skipped: 0, failed: 0 },
      completion_status: 200,
    })

    expect((await node.send('DELETE', `/_async_search/${id}`)).body).toBe('{"acknowledged":true}')
    for (const [method, path] of [
      ['GET', `/_async_search/${id}`],
      ['GET', `/_async_search/status/${id}`],
      ['DELETE', `/_async_search/${id}`],
    ] as const) {
      const missing = await node.send(method, path)
      expect(missing.status).toBe(404)
      expect(parse(missing.body).error).toEqual({
        root_cause: [{ type: 'resource_not_found_exception', reason: id }],
        type: 'resource_not_found_exception',
        reason: id,
      })
    }
  })

  it('answers a search still running with its id and partial response, then stores the final one', async () => {
    const submitted = parse(
      (await node.send('POST', '/test-*/_async_search?wait_for_completion_timeout=0', BODY)).body,
    )
    expect(submitted.is_running).toBe(true)
    expect(submitted.is_partial).toBe(true)
    expect(submitted.completion_time_in_millis).toBeUndefined()
    expect(submitted.response).toEqual({
      took: expect.any(Number) as number,
      timed_out: false,
      num_reduce_phases: 0,
      _shards: { total: 3, successful: 0, skipped: 0, failed: 0 },
      hits: { total: { value: 0, relation: 'gte' }, max_score: null, hits: [] },
    })
    const id = submitted.id as string
    await node.clock.sleep(1000)
    const done = parse((await node.send('GET', `/_async_search/${id}`)).body)
    expect(done.is_running).toBe(false)
    expect(done.is_partial).toBe(false)
    expect((done.response as { hits: { total: Json } }).hits.total).toEqual({ value: 2, relation: 'eq' })
  })

  it('extends the expiration with GET keep_alive and answers 404 once it has passed', async () => {
    const id = parse(
      (await node.send('POST', '/test-*/_async_search?keep_on_completion=true&keep_alive=1m', BODY)).body,
    ).id as string
    await node.clock.sleep(30_000)
    const before = node.clock.now()
    const extended = parse((await node.send('GET', `/_async_search/${id}?keep_alive=2m`)).body)
    const expiration = extended.expiration_time_in_millis as number
    expect(expiration).toBeGreaterThanOrEqual(before + 120_000)
    expect(expiration).toBeLessThanOrEqual(node.clock.now() + 120_000)
    await node.clock.sleep(100_000)
    expect((await node.send('GET', `/_async_search/status/${id}`)).status).toBe(200)
    await node.clock.sleep(30_000)
    expect((await node.send('GET', `/_async_search/${id}`)).status).toBe(404)
  })

  it('answers a failed search as status_exception "error while executing search" with its status', async () => {
    const response = await node.send('POST', '/nope/_async_search', {})
    expect(response.status).toBe(404)
    const body = parse(response.body)
    expect(Object.keys(body)).toEqual([
      'is_partial',
      'is_running',
      'start_time_in_millis',
      'expiration_time_in_millis',
      'error',
    ])
    expect(body.is_partial).toBe(true)
    expect(body.error).toEqual({
      type: 'status_exception',
      reason: 'error while executing search',
      caused_by: {
        type: 'index_not_found_exception',
        reason: 'no such index [nope]',
        'resource.type': 'index_or_alias',
        'resource.id': 'nope',
        index_uuid: '_na_',
        index: 'nope',
      },
    })
  })

  it('refuses what SubmitAsyncSearchRequest.validate refuses, after the search’s own errors', async () => {
    const refused = await node.send(
      'POST',
      '/_async_search?scroll=1m&keep_alive=500ms&pre_filter_shard_size=2',
      { suggest: { s: { text: 'x', term: { field: 'f' } } } },
    )
    expect(refused.status).toBe(400)
    expect(parse(refused.body).error).toMatchObject({
      type: 'action_request_validation_exception',
      reason:
        'Validation Failed: 1: [request_cache] cannot be used in a scroll context;' +
        '2: [scroll] queries are not supported;3: suggest-only queries are not supported;' +
        '4: [keep_alive] must be greater or equals than 1 second, got:500ms;' +
        '5: [pre_filter_shard_size] cannot be changed for async search queries;',
    })
  })
})

describe('batched_reduce_size', () => {
  it('gives _search num_reduce_phases when its shards are reduced in batches, and must be 2 or more', async () => {
    // three shards, batches of two: the third answer reduces the first two, then the final reduce
    const batched = parse((await node.send('POST', '/test-*/_search?batched_reduce_size=2', BODY)).body)
    expect(Object.keys(batched).slice(0, 4)).toEqual(['took', 'timed_out', 'num_reduce_phases', '_shards'])
    expect(batched.num_reduce_phases).toBe(2)
    expect(batched.aggregations).toEqual({ max: { value: 2 } })
    // async search's default batched_reduce_size, 5, reduces the three at once
    const submitted = parse((await node.send('POST', '/test-*/_async_search', BODY)).body)
    expect(submitted.response).not.toHaveProperty('num_reduce_phases')
    const refused = await node.send('POST', '/test-*/_search?batched_reduce_size=1', BODY)
    expect(refused.status).toBe(400)
    expect(parse(refused.body).error).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'batchedReduceSize must be >= 2',
    })
  })
})

describe('async search ids', () => {
  it('refuses a malformed id as AsyncExecutionId.decode does', async () => {
    const bad = await node.send('GET', '/_async_search/abc$')
    expect(bad.status).toBe(400)
    expect(parse(bad.body).error).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'invalid id: [abc$]',
      caused_by: { type: 'illegal_argument_exception', reason: 'Illegal base64 character 24' },
    })
    const short = await node.send('DELETE', '/_async_search/Zm9v')
    expect(parse(short.body).error).toMatchObject({
      reason: 'invalid id: [Zm9v]',
      caused_by: { type: 'e_o_f_exception', reason: 'tried to read: 102 bytes but only 2 remaining' },
    })
  })
})

describe('AsyncSearchMaintenanceService', () => {
  it('deletes expired results from .async-search every async_search.index_cleanup_interval (1h)', async () => {
    const submit = async (keepAlive: string): Promise<string> =>
      parse(
        (
          await node.send(
            'POST',
            `/test-*/_async_search?keep_on_completion=true&keep_alive=${keepAlive}`,
            BODY,
          )
        ).body,
      ).id as string
    const docId = (id: string): string => {
      const bytes = Buffer.from(id, 'base64url')
      return bytes.subarray(1, 1 + bytes[0]!).toString()
    }
    const expiring = await submit('1m')
    const kept = await submit('2h')
    await node.clock.sleep(120_000)
    // expired, refused when read, but not deleted yet
    expect((await node.send('GET', `/_async_search/${expiring}`)).status).toBe(404)
    expect((await node.send('GET', `/.async-search/_doc/${docId(expiring)}`)).status).toBe(200)
    await node.clock.sleep(3_600_000)
    expect((await node.send('GET', `/.async-search/_doc/${docId(expiring)}`)).status).toBe(404)
    expect((await node.send('GET', `/.async-search/_doc/${docId(kept)}`)).status).toBe(200)
    expect((await node.send('GET', `/_async_search/status/${kept}`)).status).toBe(200)
  })
})
