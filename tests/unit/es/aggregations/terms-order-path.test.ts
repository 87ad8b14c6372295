// A terms `order` path through single-bucket aggregations (AggregationPath's `>`: `filter>max_price`,
// `nested>max_legs`): InternalSingleBucketAggregation.sortValue steps into the named sub-aggregation and the path's
// last element gives the value; a path naming no aggregation keeps ES's refusal with the path as written.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/zoo', {
    settings: { number_of_shards: 1 },
    mappings: {
      properties: {
        animal: { type: 'keyword' },
        price: { type: 'long' },
        limbs: { type: 'nested', properties: { legs: { type: 'long' } } },
      },
    },
  })
  const docs = [
    { animal: 'ant', price: 1, limbs: [{ legs: 6 }] },
    { animal: 'ant', price: 50, limbs: [{ legs: 6 }] },
    { animal: 'bee', price: 7, limbs: [{ legs: 6 }, { legs: 2 }] },
    { animal: 'cat', price: 9, limbs: [{ legs: 4 }] },
  ]
  for (const [i, doc] of docs.entries()) await node.send('PUT', `/zoo/_doc/${i}`, doc)
  await node.send('POST', '/zoo/_refresh')
}, 60_000)

async function keys(order: object, aggs: object): Promise<unknown> {
  const response = await node.send('GET', '/zoo/_search?size=0', {
    aggs: { t: { terms: { field: 'animal', order }, aggs } },
  })
  const body = JSON.parse(response.body) as {
    aggregations?: { t: { buckets: { key: string }[] } }
    error?: { root_cause: { reason: string }[] }
  }
  return body.aggregations?.t.buckets.map((b) => b.key) ?? body.error?.root_cause[0]?.reason
}

describe('terms order path', () => {
  it('steps through a filter', async () => {
    const aggs = {
      cheap: { filter: { range: { price: { lt: 10 } } }, aggs: { most: { max: { field: 'price' } } } },
    }
    expect(await keys({ 'cheap>most': 'desc' }, aggs)).toEqual(['cat', 'bee', 'ant'])
    expect(await keys({ cheap: 'asc' }, aggs)).toEqual(['ant', 'bee', 'cat'])
  })

  it('steps through nested to a multi-value metric', async () => {
    const aggs = { limbs: { nested: { path: 'limbs' }, aggs: { legs: { stats: { field: 'limbs.legs' } } } } }
    expect(await keys({ 'limbs>legs.min': 'asc' }, aggs)).toEqual(['bee', 'cat', 'ant'])
  })

  it('refuses a path whose step names no aggregation', async () => {
    expect(await keys({ 'nope>most': 'desc' }, { most: { max: { field: 'price' } } })).toBe(
      'Invalid aggregation order path [nope>most]. The provided aggregation [nope] either does not exist, or is a ' +
        'pipeline aggregation and cannot be used to sort the buckets.',
    )
  })
})
