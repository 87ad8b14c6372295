// `exists` over metadata fields, as ES 8.17's ExistsQueryBuilder.newFilter builds it: a pattern expands over the
// FieldTypeLookup, metadata fields included, and a field type that refuses an exists query fails the shard
// (SourceFieldType, DocCountFieldType: their query_shard_exception; NestedPathFieldType, RankFeatureMetaFieldType,
// FieldNamesFieldType: UnsupportedOperationException and DataStreamTimestampFieldMapper's TimestampFieldType:
// IllegalArgumentException, each wrapped by SearchExecutionContext.toQuery as "failed to create query: ...").
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode
let uuid = ''

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/meta', { mappings: { properties: { n: { type: 'long' } } } })
  await node.send('PUT', '/meta/_doc/1?routing=r', { n: 1 })
  await node.send('PUT', '/meta/_doc/2', {})
  await node.send('POST', '/meta/_refresh')
  const settings = JSON.parse((await node.send('GET', '/meta/_settings')).body) as {
    meta: { settings: { index: { uuid: string } } }
  }
  uuid = settings.meta.settings.index.uuid
})

async function ids(field: string): Promise<string[]> {
  const response = await node.send('POST', '/meta/_search?filter_path=hits.hits._id', {
    query: { exists: { field } },
    sort: ['_doc'],
  })
  expect(response.status).toBe(200)
  const body = JSON.parse(response.body) as { hits?: { hits: Array<{ _id: string }> } }
  return (body.hits?.hits ?? []).map((hit) => hit._id)
}

/** The shard failure of a search of `meta`, whose only shard fails. */
async function shardFailure(field: string): Promise<unknown> {
  const response = await node.send('POST', '/meta/_search', { query: { exists: { field } } })
  expect(response.status).toBe(400)
  const body = JSON.parse(response.body) as {
    error: { type: string; reason: string; failed_shards: Array<{ reason: unknown }> }
  }
  expect(body.error.type).toBe('search_phase_execution_exception')
  expect(body.error.reason).toBe('all shards failed')
  return body.error.failed_shards[0]!.reason
}

describe('exists on metadata fields', () => {
  it('refuses the fields whose type refuses, named outright or matched by a pattern', async () => {
    const shard = (type: string, reason: string, causedBy?: object) => ({
      type,
      reason,
      index_uuid: uuid,
      index: 'meta',
      ...(causedBy !== undefined ? { caused_by: causedBy } : {}),
    })
    expect(await shardFailure('_source')).toEqual(
      shard('query_shard_exception', 'The _source field is not searchable'),
    )
    expect(await shardFailure('_so*')).toEqual(
      shard('query_shard_exception', 'The _source field is not searchable'),
    )
    expect(await shardFailure('_doc_count')).toEqual(
      shard(
        'query_shard_exception',
        'Field [_doc_count] of type [_doc_count] does not support exists queries',
      ),
    )
    expect(await shardFailure('_n*')).toEqual(
      shard(
        'query_shard_exception',
        'failed to create query: Cannot run exists() query against the nested field path',
        {
          type: 'unsupported_operation_exception',
          reason: 'Cannot run exists() query against the nested field path',
        },
      ),
    )
    expect(await shardFailure('_data_stream_timestamp')).toEqual(
      shard(
        'query_shard_exception',
        'failed to create query: Field [_data_stream_timestamp] of type [_data_stream_timestamp] does not support exists queries',
        {
          type: 'illegal_argument_exception',
          reason:
            'Field [_data_stream_timestamp] of type [_data_stream_timestamp] does not support exists queries',
        },
      ),
    )
    expect(await shardFailure('_fe*')).toEqual(
      shard('query_shard_exception', 'failed to create query: Cannot run exists query on [_feature]', {
        type: 'unsupported_operation_exception',
        reason: 'Cannot run exists query on [_feature]',
      }),
    )
    expect(await shardFailure('_field_names')).toEqual(
      shard('query_shard_exception', 'failed to create query: Cannot run exists query on _field_names', {
        type: 'unsupported_operation_exception',
        reason: 'Cannot run exists query on _field_names',
      }),
    )
    // several refusing fields: the first in the lookup's registration order (ES: its salted set's first)
    expect(await shardFailure('*')).toEqual(
      shard('query_shard_exception', 'The _source field is not searchable'),
    )
    expect(await shardFailure('_*')).toEqual(
      shard('query_shard_exception', 'The _source field is not searchable'),
    )
  })

  it('finds every document for _id, _index, _seq_no and _version, those routed for _routing, none for _tier', async () => {
    for (const field of ['_id', '_index', '_seq_no', '_version', '_i*', '_v*'])
      expect(await ids(field)).toEqual(['1', '2'])
    expect(await ids('_routing')).toEqual(['1'])
    expect(await ids('_r*')).toEqual(['1'])
    for (const field of ['_tier', '_index_mode', '_ignored_source', '_t*'])
      expect(await ids(field)).toEqual([])
    expect(await ids('n*')).toEqual(['1'])
  })
})
