// The pinned query over REST, as ES 8.17 answers it (x-pack search-business-rules: PinnedQueryBuilder,
// SpecifiedDocument, CappedScoreQuery): pins first in their order, each scoring sortableIntToFloat(
// floatToSortableInt(MAX_ORGANIC_SCORE) + 1 + n - i), the organic query's scores capped at MAX_ORGANIC_SCORE (2^127)
// and its own boost dropped; its explanations, profile names and ConstructingObjectParser errors.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

/** A float from its bits, computed here apart from the builder. */
const fromBits = (bits: number): number => new Float32Array(new Int32Array([bits]).buffer)[0]!
/** Pin i (0-based) of n. */
const pin = (i: number, n: number): number => fromBits(0x7f000001 + n - i)
const MAX_ORGANIC_SCORE = fromBits(0x7f000000)

interface Hit {
  _index: string
  _id: string
  _score: number
  _explanation?: Explanation
}
interface Explanation {
  value: number
  description: string
  details: Explanation[]
}

let node: TestNode
beforeAll(async () => {
  node = await startNode()
  for (const index of ['p', 'q'])
    await node.send('PUT', `/${index}`, { mappings: { properties: { text: { type: 'text' } } } })
  for (const [id, text] of [
    ['1', 'fox'],
    ['2', 'fox fox'],
    ['3', 'dog'],
    ['4', 'fox dog'],
  ]) {
    await node.send('PUT', `/p/_doc/${id}`, { text })
  }
  await node.send('PUT', '/q/_doc/1', { text: 'fox' })
  await node.send('PUT', '/q/_doc/2', { text: 'cat' })
  await node.send('POST', '/_aliases', { actions: [{ add: { index: 'q', alias: 'q-alias' } }] })
  await node.send('POST', '/p,q/_refresh')
})

async function hits(body: object, path = '/p/_search'): Promise<Hit[]> {
  const response = await node.send('POST', path, body)
  expect(response.status, response.body).toBe(200)
  return (JSON.parse(response.body) as { hits: { hits: Hit[] } }).hits.hits
}

/** The hits as floats: ES prints a score shortest, which parses back to the float only through Math.fround. */
const ranked = (list: Hit[]): Array<[string, string, number]> =>
  list.map((h) => [h._index, h._id, Math.fround(h._score)])
const floats = (e: Explanation): Explanation => ({
  ...e,
  value: Math.fround(e.value),
  details: e.details.map(floats),
})
const organic = { match: { text: 'fox' } }

describe('pinned scores', () => {
  it('puts the pins first in their order, above the organic scores, which are the organic query alone', async () => {
    const plain = new Map(ranked(await hits({ query: organic })).map(([, id, score]) => [id, score]))
    expect(plain.get('2')).toBeGreaterThan(plain.get('1')!)
    const pinned = await hits({ query: { pinned: { ids: ['3', '1'], organic } } })
    expect(ranked(pinned)).toEqual([
      ['p', '3', pin(0, 2)],
      ['p', '1', pin(1, 2)],
      ['p', '2', plain.get('2')],
      ['p', '4', plain.get('4')],
    ])
    expect(pin(0, 2)).toBe(Math.fround(1.7014124e38))
  })

  it('counts a pin that matches no document in n', async () => {
    const pinned = await hits({ query: { pinned: { ids: ['9', '3'], organic: { match_none: {} } } } })
    expect(ranked(pinned)).toEqual([['p', '3', pin(1, 2)]])
  })

  it("drops the organic query's own boost and applies the pinned query's to pins and organic hits", async () => {
    const plain = new Map(ranked(await hits({ query: organic })).map(([, id, score]) => [id, score]))
    const boostedOrganic = { match: { text: { query: 'fox', boost: 3 } } }
    const pinned = await hits({ query: { pinned: { ids: ['3'], organic: boostedOrganic, boost: 0.5 } } })
    expect(ranked(pinned)).toEqual([
      ['p', '3', pin(0, 1) * 0.5],
      ['p', '2', Math.fround(plain.get('2')! * 0.5)],
      ['p', '1', Math.fround(plain.get('1')! * 0.5)],
      ['p', '4', Math.fround(plain.get('4')! * 0.5)],
    ])
  })

  it('with no ids, scores the organic query alone', async () => {
    const plain = await hits({ query: organic })
    expect(await hits({ query: { pinned: { ids: [], organic } } })).toEqual(plain)
  })

  it('pins a doc only in the index its _index names (an alias too); without _index in any', async () => {
    const pinned = await hits(
      {
        query: {
          pinned: { docs: [{ _index: 'q', _id: '2' }, { _id: '1' }, { _index: 'p', _id: '3' }], organic },
        },
      },
      '/p,q/_search',
    )
    expect(ranked(pinned).slice(0, 4)).toEqual([
      ['q', '2', pin(0, 3)],
      ['p', '1', pin(1, 3)],
      ['q', '1', pin(1, 3)],
      ['p', '3', pin(2, 3)],
    ])
    const aliased = await hits(
      { query: { pinned: { docs: [{ _index: 'q-alias', _id: '2' }], organic: { match_none: {} } } } },
      '/p,q/_search',
    )
    expect(ranked(aliased)).toEqual([['q', '2', pin(0, 1)]])
  })

  it('caps an organic score above 2^127', async () => {
    const big = {
      bool: {
        must: [{ constant_score: { filter: { term: { text: 'fox' } }, boost: 3e38 } }, { match_all: {} }],
      },
    }
    const pinned = await hits({ query: { pinned: { ids: ['3'], organic: big } }, explain: true })
    expect(ranked(pinned)[1]).toEqual(['p', '1', MAX_ORGANIC_SCORE])
    const capped = floats(pinned[1]!._explanation!.details[0]!)
    expect(capped.value).toBe(MAX_ORGANIC_SCORE)
    expect(capped.description).toBe('Capped score of +(ConstantScore(text:fox))^3.0E38 +*:*, max of')
    expect(capped.details.map((d) => [d.value, d.description])).toEqual([
      [Math.fround(3e38), 'sum of:'],
      [MAX_ORGANIC_SCORE, 'maximum score'],
    ])
  })
})

describe('pinned explanations and profile', () => {
  it('explains a pin as DisjunctionMaxQuery over its boosted ConstantScoreQuery, beside the organic match', async () => {
    const [first, second] = await hits({
      query: { pinned: { ids: ['3', '4'], organic } },
      explain: true,
    })
    expect(floats(first!._explanation!)).toEqual({
      value: pin(0, 2),
      description: 'max of:',
      details: [
        {
          value: pin(0, 2),
          description: 'max of:',
          details: [
            { value: pin(0, 2), description: 'ConstantScore(_id:([fe 3f]))^1.7014124E38', details: [] },
          ],
        },
      ],
    })
    const [pins, organicMatch] = second!._explanation!.details
    expect(pins!.details[0]!.description).toBe('ConstantScore(_id:([fe 4f]))^1.7014122E38')
    expect(organicMatch!.description).toBe('weight(text:fox in 3) [PerFieldSimilarity], result of:')
  })

  it('profiles DisjunctionMaxQuery, BoostQuery pins and CappedScoreQuery', async () => {
    const response = await node.send('POST', '/p/_search', {
      profile: true,
      query: { pinned: { ids: ['3', '1'], organic } },
    })
    interface Profiled {
      type: string
      description: string
      children?: Profiled[]
    }
    const [top] = (
      JSON.parse(response.body) as { profile: { shards: Array<{ searches: Array<{ query: Profiled[] }> }> } }
    ).profile.shards[0]!.searches[0]!.query
    expect(top!.type).toBe('DisjunctionMaxQuery')
    expect(top!.description).toBe(
      '(((ConstantScore(_id:([fe 3f])))^1.7014124E38 | (ConstantScore(_id:([fe 1f])))^1.7014122E38) | CappedScore(text:fox))',
    )
    const [pins, capped] = top!.children!
    expect(pins!.children!.map((c) => c.type)).toEqual(['BoostQuery', 'BoostQuery'])
    expect([capped!.type, capped!.description]).toEqual(['CappedScoreQuery', 'CappedScore(text:fox)'])
    expect(capped!.children!.map((c) => [c.type, c.description])).toEqual([['TermQuery', 'text:fox']])
  })
})

describe('pinned highlighting', () => {
  it("highlights the organic query's terms; a pin alone marks nothing", async () => {
    const response = await node.send('POST', '/p/_search', {
      query: { pinned: { ids: ['3', '1'], organic } },
      highlight: { fields: { text: {} } },
      _source: false,
    })
    const found = (
      JSON.parse(response.body) as { hits: { hits: Array<{ _id: string; highlight?: object }> } }
    ).hits.hits
    expect(found.map((h) => [h._id, h.highlight ?? null])).toEqual([
      ['3', null],
      ['1', { text: ['<em>fox</em>'] }],
      ['2', { text: ['<em>fox</em> <em>fox</em>'] }],
      ['4', { text: ['<em>fox</em> dog'] }],
    ])
  })
})

describe('pinned parse errors', () => {
  async function error(query: string): Promise<unknown> {
    const response = await node.send('POST', '/p/_search', `{"query":{"pinned":${query}}}`)
    expect(response.status).toBe(400)
    return (JSON.parse(response.body) as { error: unknown }).error
  }
  const built = (reason: string, line: number, col: number): unknown => ({
    root_cause: [
      {
        type: 'parsing_exception',
        reason: 'Failed to build [pinned] after last required field arrived',
        line,
        col,
      },
    ],
    type: 'parsing_exception',
    reason: 'Failed to build [pinned] after last required field arrived',
    line,
    col,
    caused_by: {
      type: 'x_content_parse_exception',
      reason: 'Failed to build [pinned] after last required field arrived',
      caused_by: { type: 'illegal_argument_exception', reason },
    },
  })

  it("refuses the constructor's cases at the body's end", async () => {
    const all = '{"match_all":{}}'
    expect(await error(`{"ids":["a","b","a"],"organic":${all}}`)).toEqual(
      built('[pinned] duplicate id found in list: a', 1, 67),
    )
    expect(await error(`{"organic":${all}}`)).toEqual(
      built('[pinned] ids and docs cannot both be null', 1, 47),
    )
    const ids = JSON.stringify(Array.from({ length: 101 }, (_, i) => String(i)))
    const tooMany = (await error(`{"organic":${all},"ids":${ids}}`)) as { caused_by: { caused_by: unknown } }
    expect(tooMany.caused_by.caused_by).toEqual({
      type: 'illegal_argument_exception',
      reason: '[pinned] Max of 100 ids exceeded: 101 provided.',
    })
    const docs = (await error(
      `{"docs":[{"_index":"p","_id":"1"},{"_id":"2"},{"_index":"p","_id":"1"}],"organic":${all}}`,
    )) as {
      caused_by: { caused_by: unknown }
    }
    expect(docs.caused_by.caused_by).toEqual({
      type: 'illegal_argument_exception',
      reason: '[pinned] duplicate doc found in list: {\n  "_index" : "p",\n  "_id" : "1"\n}',
    })
  })

  it('builds when the last constructor argument arrives: inside that field', async () => {
    expect(await error('{"ids":["a"],"docs":[],"organic":{"match_all":{}}}')).toEqual({
      root_cause: [
        {
          type: 'parsing_exception',
          reason: '[1:68] [pinned] failed to parse field [organic]',
          line: 1,
          col: 68,
        },
      ],
      type: 'parsing_exception',
      reason: '[1:68] [pinned] failed to parse field [organic]',
      line: 1,
      col: 68,
      caused_by: {
        type: 'x_content_parse_exception',
        reason: '[1:68] [pinned] failed to parse field [organic]',
        caused_by: {
          type: 'x_content_parse_exception',
          reason: 'Failed to build [pinned] after last required field arrived',
          caused_by: {
            type: 'illegal_argument_exception',
            reason: '[pinned] ids and docs cannot both be used',
          },
        },
      },
    })
  })

  it('requires organic, and refuses unknown fields and wrong values where the parser stands', async () => {
    expect(await error('{"ids":["a"]}')).toEqual({
      root_cause: [{ type: 'parsing_exception', reason: 'Required [organic]', line: 1, col: 32 }],
      type: 'parsing_exception',
      reason: 'Required [organic]',
      line: 1,
      col: 32,
      caused_by: { type: 'illegal_argument_exception', reason: 'Required [organic]' },
    })
    const unknown = (await error('{"ids":["a"],"organik":{}}')) as { reason: string; caused_by: unknown }
    expect(unknown.reason).toBe('[1:33] [pinned] unknown field [organik] did you mean [organic]?')
    const value = (await error('{"ids":{},"organic":{"match_all":{}}}')) as { reason: string }
    expect(value.reason).toBe("[1:27] [pinned] ids doesn't support values of type: START_OBJECT")
    const nullId = (await error('{"ids":["a",null],"organic":{"match_all":{}}}')) as {
      reason: string
      caused_by: { caused_by: unknown }
    }
    expect(nullId.reason).toBe('[1:32] [pinned] failed to parse field [ids]')
    expect(nullId.caused_by.caused_by).toEqual({
      type: 'illegal_argument_exception',
      reason: 'Expected text at 1:32 but found VALUE_NULL',
    })
    const organicFailure = (await error('{"ids":["a"],"organic":{"foo":{}}}')) as {
      reason: string
      caused_by: { caused_by: { type: string; reason: string } }
    }
    expect(organicFailure.reason).toBe('[1:50] [pinned] failed to parse field [organic]')
    expect(organicFailure.caused_by.caused_by.reason).toBe('unknown query [foo]')
  })

  it("reports the docs items' failures inside [pinned] failed to parse field [docs]", async () => {
    const chain = (e: unknown): string[] => {
      const out: string[] = []
      for (
        let at = e as { reason: string; caused_by?: unknown } | undefined;
        at;
        at = at.caused_by as typeof at
      )
        out.push(at.reason)
      return out
    }
    const all = '"organic":{"match_all":{}}'
    expect(chain(await error(`{"docs":[{"_index":"p*","_id":"1"}],${all}}`))).toEqual([
      '[1:50] [pinned] failed to parse field [docs]',
      '[1:50] [pinned] failed to parse field [docs]',
      '[1:50] [item] failed to parse field [_id]',
      'Failed to build [item] after last required field arrived',
      'Item index cannot contain wildcard expressions',
    ])
    expect(chain(await error(`{"docs":[{"_index":"p"}],${all}}`))).toEqual([
      '[1:42] [pinned] failed to parse field [docs]',
      '[1:42] [pinned] failed to parse field [docs]',
      'Required [_id]',
    ])
    expect(chain(await error(`{"docs":["x"],${all}}`))).toEqual([
      '[1:32] [pinned] failed to parse field [docs]',
      '[1:32] [pinned] failed to parse field [docs]',
      '[1:32] [item] Expected START_OBJECT but was: END_ARRAY',
    ])
    expect(chain(await error(`{"docs":[{"_id":1}],${all}}`))).toEqual([
      '[1:36] [pinned] failed to parse field [docs]',
      '[1:36] [pinned] failed to parse field [docs]',
      "[1:36] [item] _id doesn't support values of type: VALUE_NUMBER",
    ])
  })
})
