// `indices_boost` on _search, after ES 8.17's search/40_indices_boost.yml: the array form by index, alias or pattern,
// the first entry naming an index winning, every score of a boosted index multiplied, a missing index refused, and
// the 5.x object form an unknown key.
import { describe, expect, it } from 'vitest'
import { startCluster, type TestCluster } from '../cluster/es-cluster-fixture.ts'
import { errorOf } from '../cluster-admin/cluster-admin-fixture.ts'

async function twoIndices(): Promise<TestCluster> {
  const cluster = await startCluster(1)
  for (const index of ['test_1', 'test_2']) {
    await cluster.json(1, 'PUT', `/${index}`, { settings: { number_of_replicas: 0 } })
    await cluster.json(1, 'PUT', `/${index}/_doc/1`, { foo: 'bar' })
  }
  await cluster.json(1, 'POST', '/_aliases', {
    actions: [{ add: { index: 'test_1', alias: 'alias_1' } }, { add: { index: 'test_2', alias: 'alias_2' } }],
  })
  await cluster.json(1, 'POST', '/_refresh')
  await cluster.settle()
  return cluster
}

interface Hits {
  hits: Array<{ _index: string; _score: number }>
}

async function order(cluster: TestCluster, indicesBoost: unknown): Promise<Array<[string, number]>> {
  const { hits } = (await cluster.json(1, 'GET', '/_all/_search', {
    query: { match: { foo: 'bar' } },
    indices_boost: indicesBoost,
  })) as { hits: Hits }
  return hits.hits.map((h) => [h._index, Math.fround(h._score)])
}

describe('indices_boost', () => {
  it('boosts by index, alias and pattern, the first entry naming an index winning', async () => {
    const cluster = await twoIndices()
    const plain = (await order(cluster, []))[0]![1]
    const twice = Math.fround(plain * 2)
    const thrice = Math.fround(plain * 3)
    expect(await order(cluster, [{ test_1: 2.0 }, { test_2: 1.0 }])).toEqual([
      ['test_1', twice],
      ['test_2', plain],
    ])
    expect(await order(cluster, [{ test_1: 1.0 }, { test_2: 2.0 }])).toEqual([
      ['test_2', twice],
      ['test_1', plain],
    ])
    expect((await order(cluster, [{ alias_2: 2.0 }]))[0]![0]).toBe('test_2')
    expect((await order(cluster, [{ '*_1': 2.0 }]))[0]![0]).toBe('test_1')
    expect(await order(cluster, [{ '*_1': 3.0 }, { alias_1: 1.0 }, { test_2: 2.0 }])).toEqual([
      ['test_1', thrice],
      ['test_2', twice],
    ])
    expect((await order(cluster, [{ '*_1': 1.0 }, { test_2: 2.0 }, { alias_1: 3.0 }]))[0]![0]).toBe('test_2')
  })

  it('refuses a missing index, malformed entries and the object form', async () => {
    const cluster = await twoIndices()
    const failure = async (indicesBoost: unknown) => {
      const response = await cluster.send(1, 'GET', '/_all/_search', { indices_boost: indicesBoost })
      return { status: response.status, error: errorOf(response.body) }
    }
    const missing = await failure([{ nonexistent: 2.0 }, { test_1: 1.0 }])
    expect(missing).toMatchObject({
      status: 404,
      error: { type: 'index_not_found_exception', reason: 'no such index [nonexistent]' },
    })
    const text = await failure([{ test_1: 'high' }])
    expect(text.error).toMatchObject({
      type: 'parsing_exception',
      reason: 'Expected [VALUE_NUMBER] in [indices_boost] but found [VALUE_STRING]',
    })
    const scalar = await failure([2])
    expect(scalar.error.reason).toBe('Expected [START_OBJECT] in [indices_boost] but found [VALUE_NUMBER]')
    const object = await failure({ test_1: 2.0 })
    expect(object.error).toMatchObject({
      type: 'parsing_exception',
      reason: 'Unknown key for a START_OBJECT in [indices_boost].',
    })
  })
})
