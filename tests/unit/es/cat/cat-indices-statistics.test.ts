// `_cat/indices`' columns (RestIndicesAction.getTableWithHeader, ES 8.17): the help lists them in ES's order, each
// statistic a total (`sibling:pri`) and its `pri.` twin; the total sums every copy, the twin the primaries; `pri`
// brings the twin after each requested statistic; a closed index has no statistics (an empty CommonStats).
import { beforeAll, describe, expect, it } from 'vitest'
import { parseCatHelp } from './cat-help-rows.ts'
import { startCluster, type TestCluster } from '../cluster/es-cluster-fixture.ts'

let c: TestCluster

beforeAll(async () => {
  c = await startCluster(3)
  await c.settle()
  await c.json(1, 'PUT', '/books', { settings: { number_of_shards: 2, number_of_replicas: 1 } })
  await c.json(1, 'PUT', '/shut', { settings: { number_of_shards: 1, number_of_replicas: 1 } })
  await c.json(1, 'GET', '/_cluster/health?wait_for_status=green')
  for (const id of ['1', '2', '3', '4']) await c.json(1, 'PUT', `/books/_doc/${id}`, { title: `t${id}` })
  await c.json(1, 'DELETE', '/books/_doc/4')
  await c.json(1, 'POST', '/books/_refresh')
  await c.json(1, 'POST', '/shut/_close')
})

async function table(path: string): Promise<string> {
  const response = await c.send(1, 'GET', path)
  expect(response.status).toBe(200)
  return response.body
}

const STATISTICS = [
  'completion.size',
  'fielddata.memory_size',
  'fielddata.evictions',
  'query_cache.memory_size',
  'query_cache.evictions',
  'request_cache.memory_size',
  'request_cache.evictions',
  'request_cache.hit_count',
  'request_cache.miss_count',
  'flush.total',
  'flush.total_time',
  'get.current',
  'get.time',
  'get.total',
  'get.exists_time',
  'get.exists_total',
  'get.missing_time',
  'get.missing_total',
  'indexing.delete_current',
  'indexing.delete_time',
  'indexing.delete_total',
  'indexing.index_current',
  'indexing.index_time',
  'indexing.index_total',
  'indexing.index_failed',
  'merges.current',
  'merges.current_docs',
  'merges.current_size',
  'merges.total',
  'merges.total_docs',
  'merges.total_size',
  'merges.total_time',
  'refresh.total',
  'refresh.time',
  'refresh.external_total',
  'refresh.external_time',
  'refresh.listeners',
  'search.fetch_current',
  'search.fetch_time',
  'search.fetch_total',
  'search.open_contexts',
  'search.query_current',
  'search.query_time',
  'search.query_total',
  'search.scroll_current',
  'search.scroll_time',
  'search.scroll_total',
  'segments.count',
  'segments.memory',
  'segments.index_writer_memory',
  'segments.version_map_memory',
  'segments.fixed_bitset_memory',
  'warmer.current',
  'warmer.total',
  'warmer.total_time',
  'suggest.current',
  'suggest.time',
  'suggest.total',
  'memory.total',
]
const BULK = [
  'bulk.total_operations',
  'bulk.total_time',
  'bulk.total_size_in_bytes',
  'bulk.avg_time',
  'bulk.avg_size_in_bytes',
]
const withPrimaries = (names: string[]): string[] => names.flatMap((name) => [name, `pri.${name}`])

/** RestIndicesAction.getTableWithHeader's columns in ES 8.17 (dataset.size since 8.11: cat.indices/10_basic). */
const ES_COLUMNS = [
  ...['health', 'status', 'index', 'uuid', 'pri', 'rep', 'docs.count', 'docs.deleted'],
  ...['creation.date', 'creation.date.string', 'store.size', 'pri.store.size', 'dataset.size'],
  ...withPrimaries(STATISTICS),
  'search.throttled',
  ...withPrimaries(BULK),
]

describe('_cat/indices columns', () => {
  it("help lists ES 8.17's columns in order, with their aliases and descriptions", async () => {
    const { names, row } = parseCatHelp(await table('/_cat/indices?help'))
    expect(names).toEqual(ES_COLUMNS)
    expect(row('indexing.index_total')).toEqual([
      'indexing.index_total',
      'iito,indexingIndexTotal',
      'number of indexing ops',
    ])
    expect(row('pri.indexing.index_total')).toEqual([
      'pri.indexing.index_total',
      '',
      'number of indexing ops',
    ])
    expect(row('pri.memory.total')).toEqual(['pri.memory.total', '', 'total user memory'])
    expect(row('bulk.total_operations')[1]).toBe('bto,bulkTotalOperation')
    expect(row('search.throttled')).toEqual([
      'search.throttled',
      'sth',
      'indicates if the index is search throttled',
    ])
  })

  it('totals sum every copy, pri. the primaries', async () => {
    const columns =
      'i,iito,pri.indexing.index_total,idto,pri.indexing.delete_total,dc,sc,pri.segments.count,refresh.total'
    const [header, books] = (await table(`/_cat/indices/books?h=${columns}&v`)).split('\n')
    expect(header!.split(/ +/)).toEqual(columns.split(','))
    // four writes and a delete, each on a primary and its replica; three live documents; the copies of the shard
    // the documents routed to hold a segment each (the other shard's copies have none)
    const [, indexTotal, priIndexTotal, deleteTotal, priDeleteTotal, docs, segments, priSegments, refreshes] =
      books!.split(/ +/)
    expect([indexTotal, priIndexTotal, deleteTotal, priDeleteTotal, docs]).toEqual(['8', '4', '2', '1', '3'])
    expect([segments, priSegments]).toEqual(['2', '1'])
    expect(Number(refreshes)).toBeGreaterThanOrEqual(4)
  })

  it('`pri` brings the twin after each statistic asked for', async () => {
    expect(await table('/_cat/indices/books?pri&h=idto,ss&v')).toMatch(
      /^idto pri\.idto +ss +pri\.ss\n +2 +1 +\S+ +\S+\n$/,
    )
    expect(await table('/_cat/indices/books?pri=false&h=idto')).toBe('2\n')
  })

  it('zero gauges and times, empty cells for what is not kept, memory.total 0b, not search throttled', async () => {
    expect(
      await table(
        '/_cat/indices/books?h=get.current,pri.flush.total_time,sm,fm,pri.search.fetch_total,tm,sth',
      ),
    ).toBe('0 0s 0b   0b false\n')
  })

  it('a closed index: every statistics cell empty but memory.total and search.throttled', async () => {
    expect(
      await table('/_cat/indices/shut?h=s,i,dc,iito,pri.indexing.index_total,sc,ss,tm,pri.memory.total,sth'),
    ).toBe('close shut      0b 0b false\n')
  })
})
