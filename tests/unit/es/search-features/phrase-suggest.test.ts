// The `phrase` suggester on _search, as ES 8.17 runs it: the docs' "noble prize" corrected into "nobel prize" over a
// shingled field (score 0.40765354, the docs' number), gram_size inferred from the field's shingle filter, a
// reverse-field generator with pre and post filters, collate with and without prune, the coordinating node's
// merge of shards' entries, and the errors of PhraseSuggestionBuilder.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex, errorOf } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'
import {
  reducePhrase,
  type PhraseSuggestion,
} from '../../../../workers/es/search/suggest/phrase/phrase-suggestion.ts'

async function corpus(shards: number, titles = ['noble warriors', 'nobel prize']): Promise<TestCluster> {
  const { cluster } = await clusterWithIndex(
    1,
    {
      settings: {
        number_of_shards: shards,
        number_of_replicas: 0,
        analysis: {
          analyzer: {
            trigram: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'shingle'] },
            reverse: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'reverse'] },
          },
          filter: { shingle: { type: 'shingle', min_shingle_size: 2, max_shingle_size: 3 } },
        },
      },
      mappings: {
        properties: {
          title: {
            type: 'text',
            fields: {
              trigram: { type: 'text', analyzer: 'trigram' },
              reverse: { type: 'text', analyzer: 'reverse' },
            },
          },
          n: { type: 'integer' },
        },
      },
    },
    'test',
  )
  for (const [i, title] of titles.entries())
    await cluster.json(1, 'PUT', `/test/_doc/${i + 1}?routing=a`, { title })
  await cluster.json(1, 'POST', '/test/_refresh')
  return cluster
}

async function suggest(cluster: TestCluster, phrase: object, text = 'noble prize'): Promise<unknown> {
  const response = (await cluster.json(1, 'POST', '/test/_search', {
    size: 0,
    suggest: { text, simple_phrase: { phrase } },
  })) as { suggest: { simple_phrase: unknown } }
  return response.suggest.simple_phrase
}

const DOCS_EXAMPLE = {
  field: 'title.trigram',
  size: 1,
  gram_size: 3,
  direct_generator: [{ field: 'title.trigram', suggest_mode: 'always' }],
  highlight: { pre_tag: '<em>', post_tag: '</em>' },
}

describe('phrase suggester', () => {
  it('corrects "noble prize" into "nobel prize" as the docs show', async () => {
    const cluster = await corpus(1)
    expect(await suggest(cluster, DOCS_EXAMPLE)).toEqual([
      {
        text: 'noble prize',
        offset: 0,
        length: 11,
        options: [{ text: 'nobel prize', highlighted: '<em>nobel</em> prize', score: 0.40765354 }],
      },
    ])
  })

  it('takes gram_size from the shingle filter; as unigrams the correction loses to the input', async () => {
    const cluster = await corpus(1)
    const inferred: Partial<typeof DOCS_EXAMPLE> = { ...DOCS_EXAMPLE }
    delete inferred.gram_size
    expect(await suggest(cluster, inferred)).toMatchObject([{ options: [{ text: 'nobel prize' }] }])
    expect(await suggest(cluster, { ...DOCS_EXAMPLE, gram_size: 1 })).toMatchObject([{ options: [] }])
    // the default generator (suggest_mode missing) leaves "noble", a word of the index, alone
    expect(await suggest(cluster, { field: 'title.trigram' })).toMatchObject([{ options: [] }])
  })

  it('finds candidates through a reverse field with pre and post filters', async () => {
    const cluster = await corpus(1)
    const result = await suggest(
      cluster,
      {
        field: 'title.trigram',
        size: 1,
        direct_generator: [
          { field: 'title.trigram', suggest_mode: 'always' },
          { field: 'title.reverse', suggest_mode: 'always', pre_filter: 'reverse', post_filter: 'reverse' },
        ],
      },
      'obel prize',
    )
    expect(result).toMatchObject([{ text: 'obel prize', options: [{ text: 'nobel prize' }] }])
  })

  it('collates each correction with a query template, pruning or telling collate_match', async () => {
    const cluster = await corpus(1)
    const collate = (query: object, prune: boolean) =>
      suggest(cluster, {
        field: 'title.trigram',
        size: 2,
        confidence: 0,
        direct_generator: [{ field: 'title.trigram', suggest_mode: 'always', min_word_length: 1 }],
        collate: { query: { source: query }, params: { field_name: 'title' }, prune },
      })
    const matchAll = { match: { '{{field_name}}': { query: '{{suggestion}}', operator: 'and' } } }
    expect(await collate(matchAll, false)).toMatchObject([{ options: [{ text: 'nobel prize' }] }])
    const pruned = (await collate(matchAll, true)) as Array<{ options: unknown[] }>
    expect(pruned[0]!.options).toMatchObject([
      { text: 'nobel prize', collate_match: true },
      { text: 'noble prize', collate_match: false },
    ])
  })

  it('answers an empty entry from shards without the fields, and merges shards by text', async () => {
    const cluster = await corpus(3)
    expect(await suggest(cluster, DOCS_EXAMPLE)).toEqual([
      {
        text: 'noble prize',
        offset: 0,
        length: 11,
        options: [{ text: 'nobel prize', highlighted: '<em>nobel</em> prize', score: 0.40765354 }],
      },
    ])
    const shard = (
      cutoffScore: number,
      options: Array<[string, number, boolean | null]>,
    ): PhraseSuggestion => ({
      kind: 'phrase',
      name: 's',
      size: 2,
      entries: [
        {
          text: 'x y',
          offset: 0,
          length: 3,
          cutoffScore,
          options: options.map(([text, score, collateMatch]) => ({
            text,
            highlighted: null,
            score,
            collateMatch,
          })),
        },
      ],
    })
    const merged = reducePhrase([
      shard(0.1, [
        ['a b', 0.5, false],
        ['c d', 0.15, false],
      ]),
      shard(0.2, [
        ['a b', 0.3, true],
        ['e f', 0.5, null],
        ['g h', 0.25, null],
      ]),
    ])
    // best score per text, collate_match or-ed; "c d" is not above the highest cutoff; score then text; size 2
    expect(merged.entries[0]!.options).toEqual([
      { text: 'a b', highlighted: null, score: 0.5, collateMatch: true },
      { text: 'e f', highlighted: null, score: 0.5, collateMatch: null },
    ])
  })

  it('refuses what ES refuses', async () => {
    const cluster = await corpus(1)
    const error = async (phrase: object) => {
      const response = await cluster.send(1, 'POST', '/test/_search', {
        suggest: { text: 'x', s: { phrase } },
      })
      return { status: response.status, error: errorOf(response.body) }
    }
    expect(await error({ field: 'title', nope: 1 })).toMatchObject({
      status: 400,
      error: { type: 'parsing_exception', reason: "suggester[phrase] doesn't support field [nope]" },
    })
    expect(await error({ field: 'title', nope: [] })).toMatchObject({
      error: { type: 'parsing_exception', reason: "suggester[phrase]  doesn't support array field [nope]" },
    })
    expect(await error({ size: 1 })).toMatchObject({
      status: 400,
      error: { type: 'parse_exception', reason: 'the required field option [field] is missing' },
    })
    expect(await error({ field: 'title', gram_size: 0 })).toMatchObject({
      status: 400,
      error: { type: 'illegal_argument_exception', reason: 'gramSize must be >= 1' },
    })
    expect((await error({ field: 'title', max_errors: 0 })).error.reason).toBe('max_error must be > 0.0')
    expect((await error({ field: 'title', highlight: { pre_tag: '<em>' } })).error.reason).toBe(
      'Pre and post tag must both be null or both not be null.',
    )
    expect(
      (await error({ field: 'title', smoothing: { linear: { trigram_lambda: 0.5 } } })).error.reason,
    ).toBe('linear smoothing lambdas must sum to 1')
    expect((await error({ field: 'title', direct_generator: [{ size: 1 }] })).error.reason).toBe(
      'Required [field]',
    )
    const missing = await error({ field: 'nope' })
    expect(missing.error.type).toBe('search_phase_execution_exception')
    expect(missing.error.root_cause[0]).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'no mapping found for field [nope]',
    })
    const mode = await error({ field: 'title', direct_generator: [{ field: 'title', suggest_mode: 'some' }] })
    expect(mode.error.root_cause[0]!.reason).toBe('Illegal suggest mode some')
  })
})
