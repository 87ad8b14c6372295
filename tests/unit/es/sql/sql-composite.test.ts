// A grouped SELECT runs as its composite aggregation: groups paged by after_key (fetch_size smaller than the
// number of groups), a multi-valued GROUP BY field counted in each of its groups as the composite counts it,
// MIN/MAX of a datetime as datetimes, and the whole-table aggregates read from top-level metrics and the hit
// count.
import { beforeEach, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

const sql = async (query: string, extra: object = {}) =>
  JSON.parse((await node.send('POST', '/_sql?format=json', { query, ...extra })).body) as {
    rows: unknown[][]
    cursor?: string
  }

beforeEach(async () => {
  node = await startNode()
  await node.send('PUT', '/orders', {
    settings: { number_of_shards: 2 },
    mappings: {
      properties: {
        product: { type: 'keyword' },
        tags: { type: 'keyword' },
        date: { type: 'date' },
        amount: { type: 'long' },
      },
    },
  })
  const docs = [
    { product: 'hat', tags: ['red', 'wool'], date: '2024-03-01T09:00:00Z', amount: 20 },
    { product: 'hat', tags: 'red', date: '2024-03-01T17:30:00Z', amount: 25 },
    { product: 'bag', tags: 'leather', date: '2024-03-01T12:00:00Z', amount: 120 },
    { product: 'bag', date: '2024-03-02T08:15:00Z', amount: 90 },
    { product: 'shoe', tags: ['leather', 'red'], date: '2024-03-02T10:00:00Z', amount: 75 },
    { tags: 'wool', date: '2024-03-03T15:00:00Z', amount: 5 },
  ]
  const bulk = docs.map((d, i) => `{"index":{"_id":"${i + 1}"}}\n${JSON.stringify(d)}`).join('\n')
  await node.send('POST', '/orders/_bulk?refresh=true', `${bulk}\n`)
})

describe('grouped SELECT through the composite aggregation', () => {
  test('pages of fetch_size groups follow one another in key order, the null key first', async () => {
    const query =
      'SELECT product, COUNT(*) AS c, SUM(amount) AS s, MAX(date) AS latest FROM orders GROUP BY product'
    const all = await sql(query)
    expect(all.rows).toEqual([
      [null, 1, 5, '2024-03-03T15:00:00.000Z'],
      ['bag', 2, 210, '2024-03-02T08:15:00.000Z'],
      ['hat', 2, 45, '2024-03-01T17:30:00.000Z'],
      ['shoe', 1, 75, '2024-03-02T10:00:00.000Z'],
    ])
    const paged: unknown[][] = []
    let page = await sql(query, { fetch_size: 1 })
    paged.push(...page.rows)
    while (page.cursor !== undefined) {
      page = JSON.parse(
        (await node.send('POST', '/_sql?format=json', { cursor: page.cursor })).body,
      ) as typeof page
      paged.push(...page.rows)
    }
    expect(paged).toEqual(all.rows)
  })

  test('a multi-valued field is one group per value; HAVING and ORDER BY on an aggregate', async () => {
    const response = await sql(
      'SELECT tags, COUNT(*) AS c, MIN(amount) AS m FROM orders GROUP BY tags HAVING COUNT(*) > 1 ORDER BY c DESC, tags',
    )
    expect(response.rows).toEqual([
      ['red', 3, 20],
      ['leather', 2, 75],
      ['wool', 2, 5],
    ])
  })

  test('without GROUP BY: the hit count and top-level metrics', async () => {
    const response = await sql("SELECT COUNT(*), AVG(amount), MIN(date) FROM orders WHERE product = 'hat'")
    expect(response.rows).toEqual([[2, 22.5, '2024-03-01T09:00:00.000Z']])
  })
})
