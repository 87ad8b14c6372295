// rank_feature and rank_features fields and the rank_feature query over REST, as ES 8.17 answers them
// (RankFeatureFieldMapper, RankFeaturesFieldMapper, RankFeatureQueryBuilder, LinearRankFeatureTermQuery) over
// Lucene's FeatureField: a value kept as the term frequency bits >>> 15 (9 significant bits), scores from the
// decoded float. Expected scores were computed in float32 from FeatureField's formulas: pagerank 10 is stored as
// 10.0, 3.7 as 3.6953125; the default pivot decodes the average frequency (33344 + 32985) / 2 to 6.1875.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const MAPPINGS = {
  mappings: {
    properties: {
      pagerank: { type: 'rank_feature' },
      url_length: { type: 'rank_feature', positive_score_impact: false },
      topics: { type: 'rank_features' },
      tag: { type: 'keyword' },
    },
  },
}

async function indexed(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/r', MAPPINGS)
  await node.send('PUT', '/r/_doc/1', {
    pagerank: 10,
    url_length: 20,
    topics: { politics: 20, economics: '50.5' },
  })
  await node.send('PUT', '/r/_doc/2', { pagerank: 3.7, url_length: 50, topics: { politics: 1.3 } })
  await node.send('PUT', '/r/_doc/3?refresh', { tag: 'x' })
  return node
}

async function scores(node: TestNode, query: object): Promise<Array<[string, number]>> {
  const response = await node.send('POST', '/r/_search', { query })
  expect(response.status).toBe(200)
  const hits = (JSON.parse(response.body) as { hits: { hits: Array<{ _id: string; _score: number }> } }).hits
  return hits.hits.map((hit) => [hit._id, hit._score])
}

/** The error's reason and its cause's (or the root's) reason. */
async function refusal(
  node: TestNode,
  method: 'PUT' | 'POST',
  path: string,
  body: object,
): Promise<string[]> {
  const response = await node.send(method, path, body)
  expect(response.status).toBe(400)
  const error = (
    JSON.parse(response.body) as {
      error: { reason: string; root_cause: Array<{ reason: string }>; caused_by?: { reason: string } }
    }
  ).error
  return [error.root_cause[0]!.reason, error.caused_by?.reason ?? '']
}

describe('rank_feature mappings and documents', () => {
  it('prints positive_score_impact only when false, and refuses other parameters', async () => {
    const node = await indexed()
    expect((await node.send('GET', '/r/_mapping')).body).toBe(
      '{"r":{"mappings":{"properties":{"pagerank":{"type":"rank_feature"},"tag":{"type":"keyword"},' +
        '"topics":{"type":"rank_features"},"url_length":{"type":"rank_feature","positive_score_impact":false}}}}}',
    )
    expect(
      await refusal(node, 'PUT', '/x', {
        mappings: { properties: { a: { type: 'rank_feature', dims: 1 } } },
      }),
    ).toEqual([
      'unknown parameter [dims] on mapper [a] of type [rank_feature]',
      'unknown parameter [dims] on mapper [a] of type [rank_feature]',
    ])
    const multi = { a: { type: 'text', fields: { f: { type: 'rank_features' } } } }
    expect((await refusal(node, 'PUT', '/x', { mappings: { properties: multi } }))[0]).toBe(
      "Field [f] of type [rank_features] can't be used in multifields",
    )
  })

  it("refuses the values FeatureField refuses, wrapped as each mapper's parse does", async () => {
    const node = await indexed()
    const doc = async (body: object): Promise<string[]> => refusal(node, 'PUT', '/r/_doc/9', body)
    const normal = 'which is less than the minimum positive normal float: 1.17549435E-38'
    expect(await doc({ pagerank: -1 })).toEqual([
      "[1:13] failed to parse field [pagerank] of type [rank_feature] in document with id '9'. Preview of field's value: '-1'",
      `featureValue must be a positive normal float, got: -1.0 for feature pagerank on field _feature ${normal}`,
    ])
    expect((await doc({ url_length: 0 }))[1]).toBe(
      'featureValue must be finite, got: Infinity for feature url_length on field _feature',
    )
    expect((await doc({ pagerank: 'abc' }))[1]).toBe('For input string: "abc"')
    expect(await doc({ pagerank: [1, 2] })).toEqual([
      "[1:16] failed to parse field [pagerank] of type [rank_feature] in document with id '9'. Preview of field's value: '2'",
      '[rank_feature] fields do not support indexing multiple values for the same field [pagerank] in the same document',
    ])
    expect((await doc({ topics: 3 }))[0]).toBe(
      '[1:11] failed to parse: [rank_features] fields must be json objects, expected a START_OBJECT but got: VALUE_NUMBER',
    )
    expect((await doc({ topics: { a: true } }))[0]).toBe(
      '[1:16] failed to parse: [rank_features] fields take hashes that map a feature to a strictly positive float, but got unexpected token VALUE_BOOLEAN',
    )
    expect((await doc({ topics: { a: -2 } }))[0]).toBe(
      `[1:16] failed to parse: featureValue must be a positive normal float, got: -2.0 for feature a on field topics ${normal}`,
    )
    expect((await doc({ topics: [{ a: 2 }, { a: 3 }] }))[0]).toBe(
      '[1:25] failed to parse: [rank_features] fields do not support indexing multiple values for the same rank feature [topics.a] in the same document',
    )
    const nulls = await node.send('PUT', '/r/_doc/9', { topics: { a: null }, pagerank: null })
    expect(nulls.status).toBe(201)
  })
})

describe('rank_feature fields in mapping updates and fetches', () => {
  it('keeps positive_score_impact, and fetches the values as sent', async () => {
    const node = await indexed()
    const update = { properties: { pagerank: { type: 'rank_feature', positive_score_impact: false } } }
    expect((await refusal(node, 'PUT', '/r/_mapping', update))[0]).toBe(
      'Mapper for [pagerank] conflicts with existing mapper:\n\tCannot update parameter [positive_score_impact] from [true] to [false]',
    )
    const fetched = await node.send('POST', '/r/_search?filter_path=hits.hits.fields', {
      query: { ids: { values: ['1'] } },
      fields: ['pagerank', 'url_length', 'topics'],
    })
    expect(fetched.body).toBe(
      '{"hits":{"hits":[{"fields":{"pagerank":[10.0],"url_length":[20.0],"topics":[{"politics":20,"economics":"50.5"}]}}]}}',
    )
  })
})

describe('the rank_feature query', () => {
  it('scores each function from the stored float, to the float', async () => {
    const node = await indexed()
    const rf = (options: object): object => ({ rank_feature: { field: 'pagerank', ...options } })
    expect(await scores(node, rf({}))).toEqual([
      ['1', 0.61776066],
      ['2', 0.37391305],
    ])
    expect(await scores(node, rf({ saturation: { pivot: 8 }, boost: 2 }))).toEqual([
      ['1', 1.1111112],
      ['2', 0.6319305],
    ])
    expect(await scores(node, rf({ log: { scaling_factor: 4 } }))).toEqual([
      ['1', 2.6390574],
      ['2', 2.0406113],
    ])
    expect(await scores(node, rf({ sigmoid: { pivot: 7, exponent: 0.6 } }))).toEqual([
      ['1', 0.553298],
      ['2', 0.40532953],
    ])
    expect(await scores(node, rf({ linear: {} }))).toEqual([
      ['1', 10],
      ['2', 3.6953125],
    ])
    // positive_score_impact false stores 1/value
    const inverse = { rank_feature: { field: 'url_length', linear: {} } }
    expect(await scores(node, inverse)).toEqual([
      ['1', 0.049926758],
      ['2', 0.019958496],
    ])
    // a rank_features feature, its default pivot from its own frequencies (5.09375)
    expect(await scores(node, { rank_feature: { field: 'topics.politics' } })).toEqual([
      ['1', 0.7970112],
      ['2', 0.20293397],
    ])
    expect(await scores(node, { rank_feature: { field: 'topics.sports' } })).toEqual([])
    expect(await scores(node, { rank_feature: { field: 'nothing' } })).toEqual([])
    // a term query on a rank_features field scores the feature's value (LinearRankFeatureTermQuery)
    expect(await scores(node, { term: { topics: { value: 'politics', boost: 2 } } })).toEqual([
      ['1', 40],
      ['2', 2.59375],
    ])
    expect(await scores(node, { exists: { field: 'pagerank' } })).toEqual([
      ['1', 1],
      ['2', 1],
    ])
  })

  it('explains as FeatureField functions do', async () => {
    const node = await indexed()
    const explain = async (id: string, query: object): Promise<unknown> =>
      (JSON.parse((await node.send('POST', `/r/_explain/${id}`, { query })).body) as { explanation: unknown })
        .explanation
    const k = 'k, pivot feature value that would give a score contribution equal to w/2'
    expect(await explain('1', { rank_feature: { field: 'pagerank' } })).toEqual({
      value: 0.61776066,
      description:
        'Saturation function on the _feature field for the pagerank feature, computed as w * S / (S + k) from:',
      details: [
        { value: 1, description: 'w, weight of this function', details: [] },
        { value: 6.1875, description: k, details: [] },
        { value: 10, description: 'S, feature value', details: [] },
      ],
    })
    expect(
      await explain('2', { rank_feature: { field: 'pagerank', log: { scaling_factor: 4 }, boost: 3 } }),
    ).toEqual({
      value: 6.1218343,
      description:
        'Log function on the _feature field for the pagerank feature, computed as w * log(a + S) from:',
      details: [
        { value: 3, description: 'w, weight of this function', details: [] },
        { value: 4, description: 'a, scaling factor', details: [] },
        { value: 3.6953125, description: 'S, feature value', details: [] },
      ],
    })
    expect(
      await explain('3', { rank_feature: { field: 'pagerank', sigmoid: { pivot: 7, exponent: 0.6 } } }),
    ).toEqual({
      value: 0,
      description:
        'weight(FeatureQuery(field=_feature, feature=pagerank, function=SigmoidFunction(pivot=7.0, a=0.6)) in 2) ' +
        "[SigmoidFunction(pivot=7.0, a=0.6)]. Feature pagerank isn't set.",
      details: [],
    })
    expect(await explain('1', { term: { topics: 'economics' } })).toEqual({
      value: 50.5,
      description:
        'weight(LinearRankFeatureTermQuery(field=topics, feature=economics) in 0) [SimpleLinearScorer], result of:',
      details: [{ value: 50.5, description: 'LinearScorer(featureValue=50.5, weight=1.0)', details: [] }],
    })
  })

  it("refuses with RankFeatureQueryBuilder's and FeatureField's errors", async () => {
    const node = await indexed()
    const search = async (query: object): Promise<string[]> => refusal(node, 'POST', '/r/_search', { query })
    const rf = (options: object): object => ({ rank_feature: { field: 'pagerank', ...options } })
    expect(await search({ rank_feature: { linear: {} } })).toEqual(['Required [field]', ''])
    expect((await search(rf({ foo: 1 })))[0]).toBe('[1:46] [feature] unknown field [foo]')
    expect(await search(rf({ log: {} }))).toEqual([
      '[1:53] [feature] failed to parse field [log]',
      'Required [scaling_factor]',
    ])
    expect(await search(rf({ linear: {}, saturation: {} }))).toEqual([
      'Failed to build [feature] after last required field arrived',
      'Can only specify one of [log], [saturation], [sigmoid] and [linear]',
    ])
    const created = async (query: object): Promise<string> => (await search(query))[0]!
    expect(await created(rf({ log: { scaling_factor: 0.5 } }))).toBe(
      'failed to create query: scalingFactor must be >= 1, got: 0.5',
    )
    expect(await created(rf({ saturation: { pivot: -1 } }))).toBe(
      'failed to create query: pivot must be > 0, got: -1.0',
    )
    expect(await created(rf({ sigmoid: { pivot: 1, exponent: 0 } }))).toBe(
      'failed to create query: exp must be > 0, got: 0.0',
    )
    expect(await created({ rank_feature: { field: 'url_length', log: { scaling_factor: 2 } } })).toBe(
      'failed to create query: Cannot use the [log] function with a field that has a negative score impact as it would trigger negative scores',
    )
    expect(await created({ rank_feature: { field: 'tag' } })).toBe(
      'failed to create query: [rank_feature] query only works on [rank_feature] fields and features of [rank_features] fields, not [keyword]',
    )
    expect(await created({ term: { pagerank: 1 } })).toBe(
      'failed to create query: Queries on [rank_feature] fields are not supported',
    )
    expect(await created({ range: { topics: { gte: 1 } } })).toBe(
      'failed to create query: Field [topics] of type [rank_features] does not support range queries',
    )
    expect(await created({ exists: { field: 'topics' } })).toBe(
      'failed to create query: [rank_features] fields do not support [exists] queries',
    )
    const aggs = await refusal(node, 'POST', '/r/_search', { aggs: { m: { max: { field: 'pagerank' } } } })
    expect(aggs[0]).toBe('[rank_feature] fields do not support sorting, scripting or aggregating')
  })
})

describe('rank feature fields in _field_caps', () => {
  it('lists rank_feature as searchable and neither as aggregatable', async () => {
    const node = await indexed()
    const caps = await node.send('GET', '/r/_field_caps?fields=pagerank,topics')
    expect(caps.body).toBe(
      '{"indices":["r"],"fields":{"topics":{"rank_features":{"type":"rank_features","metadata_field":false,' +
        '"searchable":false,"aggregatable":false}},"pagerank":{"rank_feature":{"type":"rank_feature",' +
        '"metadata_field":false,"searchable":true,"aggregatable":false}}}}',
    )
  })
})
