// `_cat/shards`' 80 columns (RestShardsAction.getTableWithHeader, ES 8.17): the help lists them in ES's order with
// ES's aliases and descriptions, and a copy's statistics cells show what its node counted (indexing, gets, queries,
// refreshes, flushes, segments, sequence numbers), 0 for work in flight, 0s for times, empty for what the playground
// does not keep; an unassigned copy has every statistics cell empty and says why and since when it is unassigned.
import { beforeAll, describe, expect, it } from 'vitest'
import { parseCatHelp } from './cat-help-rows.ts'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/books', { settings: { number_of_shards: 1, number_of_replicas: 1 } })
  await node.send('PUT', '/books/_doc/1', { title: 'Dune' })
  await node.send('PUT', '/books/_doc/2', { title: 'Emma' })
  await node.send('DELETE', '/books/_doc/2')
  await node.send('GET', '/books/_doc/1')
  await node.send('GET', '/books/_doc/3')
  await node.send('POST', '/books/_refresh')
  await node.send('GET', '/books/_search')
})

async function table(path: string): Promise<string> {
  const response = await node.send('GET', path)
  expect(response.status).toBe(200)
  return response.body
}

/** The column names of cat.shards/10_basic's "Help" test (ES 8.17's YAML REST tests), in order. */
const ES_COLUMNS =
  'index shard prirep state docs store dataset ip id node sync_id unassigned.reason unassigned.at unassigned.for ' +
  'unassigned.details recoverysource.type completion.size fielddata.memory_size fielddata.evictions ' +
  'query_cache.memory_size query_cache.evictions flush.total flush.total_time get.current get.time get.total ' +
  'get.exists_time get.exists_total get.missing_time get.missing_total indexing.delete_current indexing.delete_time ' +
  'indexing.delete_total indexing.index_current indexing.index_time indexing.index_total indexing.index_failed ' +
  'merges.current merges.current_docs merges.current_size merges.total merges.total_docs merges.total_size ' +
  'merges.total_time refresh.total refresh.time refresh.external_total refresh.external_time refresh.listeners ' +
  'search.fetch_current search.fetch_time search.fetch_total search.open_contexts search.query_current ' +
  'search.query_time search.query_total search.scroll_current search.scroll_time search.scroll_total ' +
  'segments.count segments.memory segments.index_writer_memory segments.version_map_memory ' +
  'segments.fixed_bitset_memory seq_no.max seq_no.local_checkpoint seq_no.global_checkpoint warmer.current ' +
  'warmer.total warmer.total_time path.data path.state refresh.is_search_idle bulk.total_operations ' +
  'bulk.total_time bulk.total_size_in_bytes bulk.avg_time bulk.avg_size_in_bytes dense_vector.value_count ' +
  'sparse_vector.value_count'

describe('_cat/shards columns', () => {
  it('help lists ES 8.17 columns in order, with their aliases and descriptions', async () => {
    const { names, row } = parseCatHelp(await table('/_cat/shards?help'))
    expect(names.join(' ')).toBe(ES_COLUMNS)
    expect(row('indexing.index_total')).toEqual([
      'indexing.index_total',
      'iito,indexingIndexTotal',
      'number of indexing ops',
    ])
    expect(row('dataset')).toEqual(['dataset', '', 'total size of dataset'])
    expect(row('segments.fixed_bitset_memory')[2]).toBe(
      'memory used by fixed bit sets for nested object field types and type filters for types referred in _parent fields',
    )
  })

  it("a started copy's counted statistics, zero gauges and times, empty cells for what is not kept", async () => {
    const columns =
      'prirep,indexing.index_total,indexing.delete_total,get.total,get.exists_total,get.missing_total,' +
      'search.query_total,refresh.total,segments.count,seq_no.max,seq_no.local_checkpoint,seq_no.global_checkpoint'
    const [header, primary, replica] = (await table(`/_cat/shards/books?h=${columns}&v`)).split('\n')
    expect(header).toBe(columns.replaceAll(',', ' '))
    // two index operations and a delete (seq_no 0 to 2), a realtime GET found and one missing, one query phase, one
    // segment, and every refresh the copy ran (the explicit one among them)
    expect(primary!.split(/ +/)).toEqual(['p', '2', '1', '2', '1', '1', '1', '2', '1', '2', '2', '2'])
    expect(replica!.trim()).toBe('r')
    expect(
      await table(
        '/_cat/shards/books?h=get.current,get.time,merges.total_size,segments.memory,sync_id,fm&s=p',
      ),
    ).toBe('0 0s 0b 0b  \n            \n')
    // search.open_contexts counts the copy's open scroll and point-in-time contexts: none here
    expect(await table('/_cat/shards/books?h=p,so&s=p')).toBe('p 0\nr  \n')
    expect(await table('/_cat/shards/books?h=path.data,path.state&s=p')).toBe(
      '/usr/share/elasticsearch/data /usr/share/elasticsearch/data\n                                                           \n',
    )
  })

  it("an unassigned copy: why, since when and for how long; no statistics; ES's repeated aliases", async () => {
    expect(await table('/_cat/shards/books?h=p,st,ur,ud,rs,docs,sc&s=p:desc')).toBe(
      'r UNASSIGNED INDEX_CREATED  peer    \np STARTED                        1 1\n',
    )
    expect(await table('/_cat/shards/books?h=p,uf&s=p:desc')).toMatch(/^r \d+(\.\d+)?(ms|s|m)\np +\n$/)
    // `rto` is both refresh.total's and refresh.external_total's alias: the last column with it wins
    expect(await table('/_cat/shards/books?h=p,rto,refresh.total&s=p')).toBe('p  2\nr   \n')
  })
})
