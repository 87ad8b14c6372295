// Alias filters and routing in reads and writes through EsNode, as Elasticsearch 8.17 applies them:
// IndexNameExpressionResolver.filteringAliases / resolveSearchRouting, IndicesService.buildAliasFilter (several
// filters ORed), DefaultSearchContext.buildFilteredQuery (the filter as a FILTER clause: scores unchanged),
// OperationRouting.searchShards, and Metadata.resolveIndexRouting's messages (IndexAliasesIT scenarios).
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { jsonAt } from '../indices/json-at.ts'

/** Index `test` (one shard) with four documents and the aliases of IndexAliasesIT#testSearchingFilteringAliasesSingleIndex. */
async function filteredAliases(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/test', {
    settings: { number_of_shards: 1 },
    mappings: { properties: { name: { type: 'keyword' }, text: { type: 'text' } } },
  })
  await node.send('POST', '/_aliases', {
    actions: [
      { add: { index: 'test', alias: 'alias1' } },
      { add: { index: 'test', alias: 'foos', filter: { term: { name: 'foo' } } } },
      { add: { index: 'test', alias: 'bars', filter: { term: { name: 'bar' } } } },
      { add: { index: 'test', alias: 'tests', filter: { term: { name: 'test' } } } },
    ],
  })
  const docs = [
    { name: 'test1', text: 'quick brown fox' },
    { name: 'foo', text: 'lazy dog' },
    { name: 'bar', text: 'quick fox' },
    { name: 'test', text: 'brown dog' },
  ]
  for (const [i, doc] of docs.entries()) await node.send('PUT', `/test/_doc/${i + 1}`, doc)
  await node.send('POST', '/test/_refresh')
  return node
}

async function ids(node: TestNode, path: string, body?: object): Promise<string[]> {
  const response = await node.send('POST', path, body)
  expect(response.status).toBe(200)
  const hits = jsonAt(response.body, 'hits', 'hits') as Array<{ _id: string }>
  return hits.map((hit) => hit._id).sort()
}

async function count(node: TestNode, path: string, body?: object): Promise<unknown> {
  const response = await node.send('POST', path, body)
  return JSON.parse(response.body)
}

describe('alias filters in _search and _count', () => {
  it('a filtered alias reads only what its filter matches; an unfiltered alias reads everything', async () => {
    const node = await filteredAliases()
    expect(await ids(node, '/foos/_search')).toEqual(['2'])
    expect(await ids(node, '/tests/_search')).toEqual(['4'])
    expect(await ids(node, '/alias1/_search')).toEqual(['1', '2', '3', '4'])
    expect(await count(node, '/foos/_count')).toEqual({
      count: 1,
      _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
    })
    expect(await count(node, '/bars/_count', { query: { match: { text: 'fox' } } })).toEqual({
      count: 1,
      _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
    })
  })

  it('several filtered aliases of one index are ORed; an unfiltered one among them lifts the filter', async () => {
    const node = await filteredAliases()
    expect(await ids(node, '/foos,bars/_search')).toEqual(['2', '3'])
    expect(await ids(node, '/foos,tests/_search', { query: { match: { text: 'dog' } } })).toEqual(['2', '4'])
    expect(await ids(node, '/foos,alias1/_search')).toEqual(['1', '2', '3', '4'])
  })

  it('the index named itself, by a pattern, or _all is read unfiltered', async () => {
    const node = await filteredAliases()
    expect(await ids(node, '/foos,test/_search')).toEqual(['1', '2', '3', '4'])
    expect(await ids(node, '/te*,foos/_search')).toEqual(['1', '2', '3', '4'])
    expect(await ids(node, '/_all/_search')).toEqual(['1', '2', '3', '4'])
    // A pattern matching only the alias's name keeps the alias, and its filter.
    expect(await ids(node, '/foo*/_search')).toEqual(['2'])
  })

  it('the filter restricts without scoring: the same hit scores as through the index', async () => {
    const node = await filteredAliases()
    const query = { query: { match: { text: 'quick' } } }
    const direct = await node.send('POST', '/test/_search', query)
    const through = await node.send('POST', '/bars/_search', query)
    const directHits = jsonAt(direct.body, 'hits', 'hits') as Array<{ _id: string; _score: number }>
    expect(directHits.map((hit) => hit._id).sort()).toEqual(['1', '3'])
    const score = directHits.find((hit) => hit._id === '3')!._score
    expect(jsonAt(through.body, 'hits')).toEqual({
      total: { value: 1, relation: 'eq' },
      max_score: score,
      hits: [
        {
          _index: 'test',
          _id: '3',
          _score: score,
          _source: { name: 'bar', text: 'quick fox' },
        },
      ],
    })
  })

  it('URI search (q) through a filtered alias is filtered too', async () => {
    const node = await filteredAliases()
    expect(await ids(node, '/foos/_search?q=text:dog')).toEqual(['2'])
  })

  it('an alias spanning two indices filters each with its own definition', async () => {
    const node = await startNode()
    await node.send('PUT', '/a', { mappings: { properties: { k: { type: 'keyword' } } } })
    await node.send('PUT', '/b', { mappings: { properties: { k: { type: 'keyword' } } } })
    await node.send('POST', '/_aliases', {
      actions: [
        { add: { index: 'a', alias: 'both', filter: { term: { k: 'x' } } } },
        { add: { index: 'b', alias: 'both' } },
      ],
    })
    for (const [index, id, k] of [
      ['a', '1', 'x'],
      ['a', '2', 'y'],
      ['b', '3', 'x'],
      ['b', '4', 'y'],
    ])
      await node.send('PUT', `/${index}/_doc/${id}`, { k })
    await node.send('POST', '/a,b/_refresh')
    expect(await ids(node, '/both/_search')).toEqual(['1', '3', '4'])
    expect(jsonAt((await node.send('GET', '/both/_count')).body, 'count')).toBe(3)
  })
})

describe('alias filters in _delete_by_query, _update_by_query and _explain', () => {
  it('_delete_by_query through a filtered alias deletes only what the filter lets through', async () => {
    const node = await filteredAliases()
    const deleted = await node.send('POST', '/foos/_delete_by_query?refresh=true', {
      query: { match_all: {} },
    })
    expect(jsonAt(deleted.body, 'deleted')).toBe(1)
    expect(jsonAt(deleted.body, 'total')).toBe(1)
    expect(await ids(node, '/test/_search')).toEqual(['1', '3', '4'])
  })

  it('_update_by_query through a filtered alias touches only the filtered documents', async () => {
    const node = await filteredAliases()
    const updated = await node.send('POST', '/bars,tests/_update_by_query')
    expect(jsonAt(updated.body, 'updated')).toBe(2)
    const doc = await node.send('GET', '/test/_doc/3')
    expect(jsonAt(doc.body, '_version')).toBe(2)
    expect(jsonAt((await node.send('GET', '/test/_doc/1')).body, '_version')).toBe(1)
  })

  it('_explain through a filtered alias: a document outside the filter does not match', async () => {
    const node = await filteredAliases()
    const outside = await node.send('POST', '/foos/_explain/1', { query: { match_all: {} } })
    expect(outside.status).toBe(200)
    expect(JSON.parse(outside.body)).toMatchObject({ _index: 'test', _id: '1', matched: false })
    const inside = await node.send('POST', '/foos/_explain/2', { query: { match_all: {} } })
    expect(JSON.parse(inside.body)).toMatchObject({ _index: 'test', _id: '2', matched: true })
    const direct = await node.send('POST', '/test/_explain/1', { query: { match_all: {} } })
    expect(JSON.parse(direct.body)).toMatchObject({ matched: true })
  })
})
