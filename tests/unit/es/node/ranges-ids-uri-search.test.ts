// Through EsNode: range queries on numbers and dates read the index's numeric column (filled from each
// document's doc values), `ids` matches `_id`, URI search `q=` runs Lucene's classic syntax (and replaces
// the body's query, as RestSearchAction does), and a date that does not parse fails its document.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from './es-node-fixture.ts'

async function library(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/books', {
    mappings: {
      properties: {
        title: { type: 'text' },
        pages: { type: 'integer' },
        published: { type: 'date', format: 'dd/MM/yyyy||yyyy' },
      },
    },
  })
  const books: Array<[string, object]> = [
    ['1', { title: 'Kafka the definitive guide', pages: 320, published: '15/07/2017' }],
    ['2', { title: 'Elasticsearch in action', pages: 475, published: '2015' }],
    ['3', { title: 'Relevant search', pages: 360, published: '01/06/2016' }],
  ]
  for (const [id, book] of books) await node.send('PUT', `/books/_doc/${id}`, book)
  await node.send('POST', '/books/_refresh')
  return node
}

async function ids(node: TestNode, path: string, body?: object): Promise<string[]> {
  const response = JSON.parse((await node.send('POST', path, body)).body) as {
    hits: { hits: Array<{ _id: string }> }
  }
  return response.hits.hits.map((hit) => hit._id).sort()
}

describe('ranges, ids and URI search', () => {
  it('range on an integer and on a date with its own format', async () => {
    const node = await library()
    expect(await ids(node, '/books/_search', { query: { range: { pages: { gte: 330, lt: 475 } } } })).toEqual(
      ['3'],
    )
    expect(await ids(node, '/books/_search', { query: { range: { pages: { gt: 320 } } } })).toEqual([
      '2',
      '3',
    ])
    const since2016 = { query: { range: { published: { gte: '01/01/2016', format: 'dd/MM/yyyy||yyyy' } } } }
    expect(await ids(node, '/books/_search', since2016)).toEqual(['1', '3'])
    expect(await ids(node, '/books/_search', { query: { range: { published: { lt: '2016' } } } })).toEqual([
      '2',
    ])
  })

  it('ids and exists', async () => {
    const node = await library()
    expect(await ids(node, '/books/_search', { query: { ids: { values: ['3', '1', '9'] } } })).toEqual([
      '1',
      '3',
    ])
    expect(await ids(node, '/books/_search', { query: { exists: { field: 'pages' } } })).toEqual([
      '1',
      '2',
      '3',
    ])
  })

  it('q= searches with the classic query syntax and overrides the body query', async () => {
    const node = await library()
    expect(await ids(node, '/books/_search?q=title:search')).toEqual(['3'])
    expect(await ids(node, '/books/_search?q=pages:[300 TO 400] AND title:kafka')).toEqual(['1'])
    expect(await ids(node, '/books/_search?q=title:search', { query: { match_all: {} } })).toEqual(['3'])
    expect(await ids(node, '/books/_search?q=action&df=title')).toEqual(['2'])
  })

  it('a date that does not parse fails the document and changes nothing', async () => {
    const node = await library()
    const response = await node.send('PUT', '/books/_doc/4', { title: 'Bad', published: 'tomorrow' })
    expect(response.status).toBe(400)
    expect(JSON.parse(response.body)).toMatchObject({
      error: {
        type: 'document_parsing_exception',
        reason:
          "[1:28] failed to parse field [published] of type [date] in document with id '4'. Preview of field's value: 'tomorrow'",
        caused_by: { type: 'illegal_argument_exception' },
      },
    })
    expect((await node.send('GET', '/books/_doc/4')).status).toBe(404)
  })
})
