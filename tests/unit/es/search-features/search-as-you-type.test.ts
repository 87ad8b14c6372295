// The `search_as_you_type` field as ES 8.17 answers it: its mapping (defaults, parameters, errors), its `._2gram` …
// `._<max>gram` and `._index_prefix` subfields queried by name (the YAML REST tests search-as-you-type/10_basic and
// 20_highlighting), the queries the root hands to them (prefix, match_phrase, match_phrase_prefix, bool_prefix),
// BM25 scores equal to a text field analyzed into the same shingles, highlights and fielddata refusals.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex, errorOf } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

type Hit = { _id: string; _score: number; highlight?: Record<string, string[]> }

async function hits(cluster: TestCluster, body: object): Promise<Hit[]> {
  const response = (await cluster.json(1, 'POST', '/idx/_search', body)) as { hits: { hits: Hit[] } }
  return response.hits.hits
}

async function ids(cluster: TestCluster, query: object): Promise<string[]> {
  return (await hits(cluster, { query })).map((hit) => hit._id)
}

/** The YAML tests' index: a_field with the simple analyzer and max_shingle_size 4, one document to find. */
async function yamlIndex(): Promise<TestCluster> {
  const { cluster } = await clusterWithIndex(1, {
    settings: { number_of_shards: 1, number_of_replicas: 0 },
    mappings: {
      properties: {
        a_field: { type: 'search_as_you_type', analyzer: 'simple', max_shingle_size: 4 },
        text_field: { type: 'text', analyzer: 'simple' },
      },
    },
  })
  const text = 'quick brown fox jump lazy dog'
  await cluster.json(1, 'PUT', '/idx/_doc/1', { a_field: text, text_field: text })
  await cluster.json(1, 'PUT', '/idx/_doc/2', { a_field: 'xylophone xylophone xylophone' })
  await cluster.json(1, 'POST', '/idx/_refresh')
  return cluster
}

describe('search_as_you_type mapping', () => {
  it('shows doc_values and max_shingle_size always, the other parameters when set, and no subfields', async () => {
    const { cluster } = await clusterWithIndex(1, {
      mappings: {
        properties: {
          plain: { type: 'search_as_you_type' },
          tuned: {
            type: 'search_as_you_type',
            norms: false,
            index: true,
            search_analyzer: 'standard',
            analyzer: 'simple',
            index_options: 'offsets',
            max_shingle_size: '4',
          },
          title: { type: 'text', fields: { suggest: { type: 'search_as_you_type', max_shingle_size: 2 } } },
        },
      },
    })
    expect(await cluster.json(1, 'GET', '/idx/_mapping')).toEqual({
      idx: {
        mappings: {
          properties: {
            plain: { type: 'search_as_you_type', doc_values: false, max_shingle_size: 3 },
            title: {
              type: 'text',
              fields: { suggest: { type: 'search_as_you_type', doc_values: false, max_shingle_size: 2 } },
            },
            tuned: {
              type: 'search_as_you_type',
              doc_values: false,
              max_shingle_size: 4,
              analyzer: 'simple',
              search_analyzer: 'standard',
              index_options: 'offsets',
              norms: false,
            },
          },
        },
      },
    })
    const text = JSON.stringify(await cluster.json(1, 'GET', '/idx/_mapping/field/plain*'))
    expect(text).toBe(
      '{"idx":{"mappings":{"plain":{"full_name":"plain","mapping":{"plain":{"type":"search_as_you_type","doc_values":false,"max_shingle_size":3}}}}}}',
    )
    // the same mapping again merges without a conflict; max_shingle_size cannot change
    await cluster.json(1, 'PUT', '/idx/_mapping', { properties: { plain: { type: 'search_as_you_type' } } })
    const conflict = await cluster.send(1, 'PUT', '/idx/_mapping', {
      properties: { plain: { type: 'search_as_you_type', max_shingle_size: 4 } },
    })
    expect(errorOf(conflict.body)).toMatchObject({
      type: 'illegal_argument_exception',
      reason:
        'Mapper for [plain] conflicts with existing mapper:\n\tCannot update parameter [max_shingle_size] from [3] to [4]',
    })
    // as a multi-field, its subfields hang under the multi-field's path
    await cluster.json(1, 'PUT', '/idx/_doc/1?refresh=true', { title: 'Hello big world' })
    const found = await ids(cluster, {
      multi_match: {
        query: 'big wo',
        type: 'bool_prefix',
        fields: ['title.suggest', 'title.suggest._2gram'],
      },
    })
    expect(found).toEqual(['1'])
    expect(await ids(cluster, { term: { 'title.suggest._index_prefix': 'big wo' } })).toEqual(['1'])
  })

  it('refuses a max_shingle_size outside 2..4, unknown parameters and doc_values, creating nothing', async () => {
    const { cluster } = await clusterWithIndex(1, {})
    const cases: Array<[object, string]> = [
      [{ max_shingle_size: 5 }, '[max_shingle_size] must be at least [2] and at most [4], got [5]'],
      [{ max_shingle_size: 1 }, '[max_shingle_size] must be at least [2] and at most [4], got [1]'],
      [{ fielddata: true }, 'unknown parameter [fielddata] on mapper [s] of type [search_as_you_type]'],
      [{ doc_values: true }, 'Cannot set [doc_values] on field of type [search_as_you_type]'],
      [
        { index_options: 'all' },
        'Unknown value [all] for field [index_options] - accepted values are [positions, docs, freqs, offsets]',
      ],
    ]
    for (const [parameters, reason] of cases) {
      const response = await cluster.send(1, 'PUT', '/other', {
        mappings: { properties: { s: { type: 'search_as_you_type', ...parameters } } },
      })
      expect(response.status).toBe(400)
      expect(errorOf(response.body)).toEqual({
        root_cause: [{ type: 'mapper_parsing_exception', reason }],
        type: 'mapper_parsing_exception',
        reason: `Failed to parse mapping: ${reason}`,
        caused_by: { type: 'mapper_parsing_exception', reason },
      })
    }
    expect((await cluster.send(1, 'HEAD', '/other')).status).toBe(404)
  })
})

describe('search_as_you_type subfields and queries (YAML 10_basic)', () => {
  it('finds the document by each shingle, prefix and phrase the YAML tests search for', async () => {
    const cluster = await yamlIndex()
    const queries: object[] = [
      { term: { a_field: 'quick' } },
      ...['quick brown', 'brown fox', 'fox jump', 'jump lazy', 'lazy dog'].map((t) => ({
        term: { 'a_field._2gram': t },
      })),
      ...['quick brown fox', 'brown fox jump', 'fox jump lazy', 'jump lazy dog'].map((t) => ({
        term: { 'a_field._3gram': t },
      })),
      ...['quick brown fox jump', 'brown fox jump lazy', 'fox jump lazy dog'].map((t) => ({
        term: { 'a_field._4gram': t },
      })),
      ...['quick br', 'jump la', 'do'].map((t) => ({ term: { 'a_field._index_prefix': t } })),
      ...[
        'quic',
        'brown fo',
        'quick b',
        'quick brown fo',
        'quick brown fox ju',
        'fo',
        'fox jum',
        'fox jump la',
      ].map((t) => ({ prefix: { a_field: t } })),
      ...['fox jump lazy do', 'do'].map((t) => ({ prefix: { a_field: t } })),
      ...['_2gram', '_3gram', '_4gram'].flatMap((sub) =>
        ['quic', 'brown fo'].map((t) => ({ prefix: { [`a_field.${sub}`]: t } })),
      ),
      ...[
        'quick',
        'quick brown',
        'quick brown fox',
        'quick brown fox jump',
        'quick brown fox jump lazy',
        'brown',
        'brown fox jump lazy dog',
        'dog',
      ].map((t) => ({ match_phrase: { a_field: t } })),
      ...['qui', 'quick b', 'quick brown f', 'quick brown fox j', 'brown fox jump lazy d'].map((t) => ({
        match_phrase_prefix: { a_field: t },
      })),
    ]
    for (const query of queries)
      expect([JSON.stringify(query), await ids(cluster, query)]).toEqual([JSON.stringify(query), ['1']])
    // shingles come from the field's own values only; a phrase out of order finds nothing
    expect(await ids(cluster, { term: { 'a_field._2gram': 'brown quick' } })).toEqual([])
    expect(await ids(cluster, { match_phrase: { a_field: 'brown quick' } })).toEqual([])
  })

  it('the root field hands prefix and phrase prefix queries to ._index_prefix, as the scores show', async () => {
    const cluster = await yamlIndex()
    // a prefix on the root is a constant-score term on ._index_prefix: "brown fo" matches across words
    expect(
      (await hits(cluster, { query: { prefix: { a_field: 'brown fo' } } })).map((h) => h._score),
    ).toEqual([1])
    // with a scoring rewrite it is that term query's BM25 score (the prefix subfield has no norms)
    const scoring = await hits(cluster, {
      query: { prefix: { a_field: { value: 'brown fo', rewrite: 'scoring_boolean' } } },
    })
    const term = await hits(cluster, { query: { term: { 'a_field._index_prefix': 'brown fo' } } })
    expect(scoring.map((h) => h._score)).toEqual(term.map((h) => h._score))
    expect(term.map((h) => h._score)).toEqual([1.1615307])
    // match_phrase_prefix "quick b" is the term "quick b" on ._index_prefix
    const phrasePrefix = await hits(cluster, { query: { match_phrase_prefix: { a_field: 'quick b' } } })
    expect(phrasePrefix.map((h) => h._score)).toEqual([1.1615307])
  })
})

describe('search_as_you_type scores', () => {
  async function shingleIndex(): Promise<TestCluster> {
    const { cluster } = await clusterWithIndex(1, {
      settings: {
        number_of_shards: 1,
        number_of_replicas: 0,
        analysis: {
          filter: {
            two: { type: 'shingle', min_shingle_size: 2, max_shingle_size: 2, output_unigrams: false },
          },
          analyzer: { sh2: { tokenizer: 'standard', filter: ['lowercase', 'two'] } },
        },
      },
      mappings: { properties: { a: { type: 'search_as_you_type' }, g2: { type: 'text', analyzer: 'sh2' } } },
    })
    const docs = [
      'Quick brown fox',
      'quick brown',
      'brown',
      'The quick brown dog jumps over the quick brown fox',
      'slow brown fox',
    ]
    for (const [i, text] of docs.entries())
      await cluster.json(1, 'PUT', `/idx/_doc/${i + 1}`, { a: text, g2: text })
    await cluster.json(1, 'POST', '/idx/_refresh')
    return cluster
  }

  const scored = (list: Hit[]): Array<[string, number]> => list.map((h) => [h._id, h._score])

  it('a shingle subfield scores as a text field analyzed into the same shingles (norms, docCount, avgdl)', async () => {
    const cluster = await shingleIndex()
    const oracle = scored(await hits(cluster, { query: { term: { g2: 'quick brown' } } }))
    expect(oracle).toEqual([
      ['2', 0.50392604],
      ['1', 0.43250346],
      ['4', 0.34011108],
    ])
    expect(scored(await hits(cluster, { query: { term: { 'a._2gram': 'quick brown' } } }))).toEqual(oracle)
    // match_phrase on the root of two words is that term on ._2gram
    expect(scored(await hits(cluster, { query: { match_phrase: { a: 'quick brown' } } }))).toEqual(oracle)
    expect(scored(await hits(cluster, { query: { match: { 'a._2gram': 'Quick brown fox' } } }))).toEqual(
      scored(await hits(cluster, { query: { match: { g2: 'Quick brown fox' } } })),
    )
  })

  it('multi_match bool_prefix over the root and its shingles sums the fields (tie_breaker 1)', async () => {
    const cluster = await shingleIndex()
    const query = {
      multi_match: { query: 'quick brown f', type: 'bool_prefix', fields: ['a', 'a._2gram', 'a._3gram'] },
    }
    expect(scored(await hits(cluster, { query }))).toEqual([
      ['1', 4.117507],
      ['4', 3.9301252],
      ['5', 2.0952115],
      ['2', 1.2803986],
      ['3', 0.124557376],
    ])
    // document 5 ("slow brown fox"): brown on a, the prefix f on a and "brown f" on a._2gram (constant 1 each)
    const brown = scored(await hits(cluster, { query: { term: { a: 'brown' } } })).find(
      ([id]) => id === '5',
    )![1]
    expect(Math.fround(brown + 2)).toBe(Math.fround(2.0952115))
  })
})

describe('search_as_you_type highlight, _analyze and fielddata', () => {
  it('highlights the root field as the YAML 20_highlighting tests expect', async () => {
    const cluster = await yamlIndex()
    const highlight = { fields: { a_field: { type: 'unified' } } }
    const first = async (query: object): Promise<Record<string, string[]> | undefined> =>
      (await hits(cluster, { query, highlight }))[0]!.highlight
    expect(await first({ match_phrase: { a_field: 'brown' } })).toEqual({
      a_field: ['quick <em>brown</em> fox jump lazy dog'],
    })
    expect(await first({ match_bool_prefix: { a_field: 'brown fo' } })).toEqual({
      a_field: ['quick <em>brown</em> fox jump lazy dog'],
    })
    const fields = ['a_field', 'a_field._2gram', 'a_field._3gram', 'a_field._4gram']
    const all = { fields: Object.fromEntries(fields.map((f) => [f, { type: 'unified' }])) }
    const multi = async (text: string): Promise<Record<string, string[]> | undefined> =>
      (
        await hits(cluster, {
          query: { multi_match: { query: text, type: 'bool_prefix', fields } },
          highlight: all,
        })
      )[0]!.highlight
    expect(await multi('brown fo')).toEqual({ a_field: ['quick <em>brown</em> fox jump lazy dog'] })
    expect(await multi('brown fox jump la')).toEqual({
      a_field: ['quick <em>brown</em> <em>fox</em> <em>jump</em> lazy dog'],
      'a_field._2gram': ['quick <em>brown fox jump</em> lazy dog'],
      'a_field._3gram': ['quick <em>brown fox jump</em> lazy dog'],
    })
  })

  it('_analyze of a subfield runs its wrapped analyzer', async () => {
    const cluster = await yamlIndex()
    const response = (await cluster.json(1, 'POST', '/idx/_analyze', {
      field: 'a_field._3gram',
      text: 'Quick red fox',
    })) as {
      tokens: object[]
    }
    expect(response.tokens).toEqual([
      { token: 'quick red fox', start_offset: 0, end_offset: 13, type: 'shingle', position: 0 },
    ])
  })

  it('refuses sorting and aggregating on the field as MappedFieldType does', async () => {
    const cluster = await yamlIndex()
    for (const body of [{ sort: ['a_field'] }, { aggs: { t: { terms: { field: 'a_field._2gram' } } } }]) {
      const response = await cluster.send(1, 'POST', '/idx/_search', body)
      expect(response.status).toBe(400)
      const field = 'sort' in body ? 'a_field' : 'a_field._2gram'
      expect(errorOf(response.body).root_cause).toEqual([
        {
          type: 'illegal_argument_exception',
          reason: `Fielddata is not supported on field [${field}] of type [search_as_you_type]`,
        },
      ])
    }
  })

  it('names the ._index_prefix subfield by its own type, prefix (PrefixFieldType.typeName)', async () => {
    const cluster = await yamlIndex()
    for (const body of [
      { sort: ['a_field._index_prefix'] },
      { aggs: { t: { terms: { field: 'a_field._index_prefix' } } } },
    ]) {
      const response = await cluster.send(1, 'POST', '/idx/_search', body)
      expect(response.status).toBe(400)
      expect(errorOf(response.body).root_cause).toEqual([
        {
          type: 'illegal_argument_exception',
          reason: 'Fielddata is not supported on field [a_field._index_prefix] of type [prefix]',
        },
      ])
    }
  })
})
