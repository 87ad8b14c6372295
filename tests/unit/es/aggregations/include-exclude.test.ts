// IncludeExclude as ES 8.17's terms aggregation applies it: a string include or exclude is Lucene's RegExp (every
// flag: `<1-3>` numeric intervals, `@` any string, `~` complement), run as an automaton; `{"partition": p,
// "num_partitions": n}` keeps the terms whose murmurhash3_x86_32 (strings) or BitMixer.mix64 (longs), floorMod n, is p,
// so the partitions of one field split its terms between them; IncludeExclude.parseInclude's and merge's errors,
// wrapped in ObjectParser's "[terms] failed to parse field [include]".
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/test', {
    mappings: { properties: { tag: { type: 'keyword' }, n: { type: 'long' } } },
  })
  const tags = ['item1', 'item2', 'item3', 'item10', 'other', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac']
  for (const [i, tag] of tags.entries()) await node.send('PUT', `/test/_doc/${i}`, { tag, n: i * 7 })
  await node.send('POST', '/test/_refresh')
})

async function keys(terms: object): Promise<Array<string | number>> {
  const response = await node.send('POST', '/test/_search', {
    size: 0,
    aggs: { t: { terms: { size: 20, ...terms } } },
  })
  const body = JSON.parse(response.body) as {
    aggregations: { t: { buckets: Array<{ key: string | number }> } }
  }
  return body.aggregations.t.buckets.map((bucket) => bucket.key).sort()
}

async function failure(terms: object): Promise<unknown> {
  const response = await node.send('POST', '/test/_search', { size: 0, aggs: { t: { terms: terms } } })
  return { status: response.status, error: (JSON.parse(response.body) as { error: unknown }).error }
}

describe('a regular expression include / exclude', () => {
  it("is Lucene's RegExp: numeric intervals, any string and complement", async () => {
    expect(await keys({ field: 'tag', include: 'item<1-3>' })).toEqual(['item1', 'item2', 'item3'])
    expect(await keys({ field: 'tag', include: 'item@', exclude: 'item<2-10>' })).toEqual(['item1'])
    expect(await keys({ field: 'tag', include: '~(item.*)' })).toEqual([
      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac',
      'other',
    ])
  })

  it('runs as an automaton: a pattern that makes a backtracking matcher explode answers at once', async () => {
    expect(await keys({ field: 'tag', include: '(a+)+b' })).toEqual([])
  })

  it("fails a syntax error as RegExp's IllegalArgumentException under the field's parse failure", async () => {
    expect(await failure({ field: 'tag', include: 'item(' })).toMatchObject({
      status: 400,
      error: {
        type: 'x_content_parse_exception',
        reason: '[1:57] [terms] failed to parse field [include]',
        caused_by: { type: 'illegal_argument_exception' },
      },
    })
  })
})

describe('a partition include', () => {
  it('splits a keyword and a long field between its partitions, each term in exactly one', async () => {
    for (const field of ['tag', 'n']) {
      const all = await keys({ field })
      const parts = await Promise.all(
        [0, 1, 2].map((partition) => keys({ field, include: { partition, num_partitions: 3 } })),
      )
      expect(parts.flat().sort()).toEqual(all)
      expect(parts.filter((part) => part.length > 0).length).toBeGreaterThan(1)
    }
  })

  it('refuses what IncludeExclude.parseInclude and merge refuse', async () => {
    const cause = async (include: object, extra: object = {}) =>
      ((await failure({ field: 'tag', include, ...extra })) as { error: { caused_by: unknown } }).error
        .caused_by
    expect(await cause({ partition: 0, of: 2 })).toEqual({
      type: 'parse_exception',
      reason: 'Unknown parameter in Include/Exclude clause: of',
    })
    expect(await cause({ partition: 0 })).toEqual({
      type: 'illegal_argument_exception',
      reason: 'Missing [num_partitions] parameter for partition-based include',
    })
    expect(await cause({ partition: 3, num_partitions: 3 })).toEqual({
      type: 'illegal_argument_exception',
      reason: 'Partition must be >=0 and < numPartition which is 3',
    })
    expect(await cause({ partition: 0, num_partitions: 2 }, { exclude: ['item1'] })).toEqual({
      type: 'illegal_argument_exception',
      reason: 'Cannot specify any excludes when using a partition-based include',
    })
  })
})
