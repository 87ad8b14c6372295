// The `term` suggester on _search, as ES 8.17 runs it (TermSuggester over Lucene's DirectSpellChecker): entries per
// analyzed token with offsets, options scored 1 - edits / min(length) as a float, freq the docFreq summed over
// shards, suggest_mode missing / popular / always, sort by score or frequency, and the errors.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex, errorOf } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'

const TITLES = [
  'the quick brown fox',
  'quick brown foxes',
  'quack the duck',
  'brown bread',
  'the brown bear',
  'browned butter',
  'quickly',
]

async function corpus(shards: number): Promise<TestCluster> {
  const { cluster } = await clusterWithIndex(1, {
    settings: { number_of_shards: shards, number_of_replicas: 0 },
    mappings: { properties: { title: { type: 'text' }, tag: { type: 'keyword' }, n: { type: 'integer' } } },
  })
  for (const [i, title] of TITLES.entries()) {
    await cluster.json(1, 'PUT', `/idx/_doc/${i + 1}`, { title, tag: title.split(' ')[0], n: i })
  }
  await cluster.json(1, 'POST', '/idx/_refresh')
  return cluster
}

async function suggest(cluster: TestCluster, body: object): Promise<Record<string, unknown>> {
  const response = (await cluster.json(1, 'GET', '/idx/_search', { size: 0, ...body })) as {
    suggest: Record<string, unknown>
  }
  return response.suggest
}

describe('term suggester', () => {
  for (const shards of [1, 3]) {
    it(`suggests close terms of the index per token, freq summed over shards (${shards} shard(s))`, async () => {
      const cluster = await corpus(shards)
      const result = await suggest(cluster, {
        suggest: { text: 'Quikc brwn the', fix: { term: { field: 'title' } } },
      })
      expect(result).toEqual({
        fix: [
          {
            text: 'quikc',
            offset: 0,
            length: 5,
            // quick: a transposition (1 edit of 5); quack: 2 edits; quickly is 3 edits away
            options: [
              { text: 'quick', score: 0.8, freq: 2 },
              { text: 'quack', score: 0.6, freq: 1 },
            ],
          },
          { text: 'brwn', offset: 6, length: 4, options: [{ text: 'brown', score: 0.75, freq: 4 }] },
          // in the index: nothing to suggest in `missing` mode; shorter than 4 anyway
          { text: 'the', offset: 11, length: 3, options: [] },
        ],
      })
    })
  }

  it('writes the suggestions by name after the hits, and reads the response JSON exactly', async () => {
    const cluster = await corpus(1)
    const response = await cluster.send(1, 'GET', '/idx/_search?filter_path=suggest', {
      suggest: {
        text: 'fox',
        zeta: { term: { field: 'title', min_word_length: 3 } },
        alpha: { text: 'bron', term: { field: 'title' } },
      },
    })
    expect(response.body).toBe(
      '{"suggest":{"alpha":[{"text":"bron","offset":0,"length":4,"options":[' +
        '{"text":"brown","score":0.75,"freq":4}]}],' +
        '"zeta":[{"text":"fox","offset":0,"length":3,"options":[]}]}}',
    )
  })

  it('suggests in popular mode only more frequent terms, in always mode any, sorted by frequency', async () => {
    const cluster = await corpus(1)
    const popular = await suggest(cluster, {
      suggest: { s: { text: 'quack', term: { field: 'title', suggest_mode: 'popular', max_term_freq: 2 } } },
    })
    expect(popular).toEqual({
      s: [{ text: 'quack', offset: 0, length: 5, options: [{ text: 'quick', score: 0.8, freq: 2 }] }],
    })
    const always = await suggest(cluster, {
      suggest: {
        s: {
          text: 'brown',
          term: { field: 'title', suggest_mode: 'always', sort: 'frequency', max_term_freq: 5 },
        },
      },
    })
    // browned: 2 insertions of 5 (0.6); brown itself is never suggested
    expect(always).toEqual({
      s: [{ text: 'brown', offset: 0, length: 5, options: [{ text: 'browned', score: 0.6, freq: 1 }] }],
    })
  })

  it('cuts to size, respects prefix_length and accuracy', async () => {
    const cluster = await corpus(1)
    const sized = await suggest(cluster, {
      suggest: { s: { text: 'quikc', term: { field: 'title', size: 1 } } },
    })
    expect(sized).toEqual({
      s: [{ text: 'quikc', offset: 0, length: 5, options: [{ text: 'quick', score: 0.8, freq: 2 }] }],
    })
    const prefixed = await suggest(cluster, {
      suggest: { s: { text: 'wuick', term: { field: 'title', prefix_length: 1 } } },
    })
    expect(prefixed).toEqual({ s: [{ text: 'wuick', offset: 0, length: 5, options: [] }] })
    const noPrefix = await suggest(cluster, {
      suggest: { s: { text: 'wuick', term: { field: 'title', prefix_length: 0, max_edits: 1 } } },
    })
    expect(noPrefix).toEqual({
      s: [{ text: 'wuick', offset: 0, length: 5, options: [{ text: 'quick', score: 0.8, freq: 2 }] }],
    })
    const strict = await suggest(cluster, {
      suggest: { s: { text: 'quikc', term: { field: 'title', accuracy: 0.7 } } },
    })
    expect(strict).toEqual({
      s: [{ text: 'quikc', offset: 0, length: 5, options: [{ text: 'quick', score: 0.8, freq: 2 }] }],
    })
  })

  it('suggests on a keyword field from its whole text', async () => {
    const cluster = await corpus(1)
    const result = await suggest(cluster, { suggest: { s: { text: 'quik', term: { field: 'tag' } } } })
    expect(result).toEqual({
      s: [
        {
          text: 'quik',
          offset: 0,
          length: 4,
          options: [
            { text: 'quick', score: 0.75, freq: 1 },
            { text: 'quack', score: 0.5, freq: 1 },
          ],
        },
      ],
    })
  })

  it('cannot merge the suggestions of indices that cut the text differently', async () => {
    const cluster = await corpus(1)
    await cluster.json(1, 'PUT', '/other', {
      settings: { number_of_replicas: 0 },
      mappings: { properties: { title: { type: 'text', analyzer: 'whitespace' } } },
    })
    await cluster.json(1, 'PUT', '/other/_doc/1?refresh=true', { title: 'quick-brown' })
    const response = await cluster.send(1, 'GET', '/idx,other/_search', {
      suggest: { text: 'quikc-brwn', s: { term: { field: 'title' } } },
    })
    expect(response.status).toBe(500)
    expect(errorOf(response.body)).toMatchObject({
      type: 'illegal_state_exception',
      reason:
        "Can't merge suggest result, this might be caused by suggest calls across multiple indices with different " +
        'analysis chains. Suggest entries have different sizes actual [1] expected [2]',
    })
  })

  it('refuses what ES refuses', async () => {
    const cluster = await corpus(1)
    const error = async (body: object) => {
      const response = await cluster.send(1, 'GET', '/idx/_search', body)
      return { status: response.status, error: errorOf(response.body) }
    }
    const noText = await error({ suggest: { s: { term: { field: 'title' } } } })
    expect(noText.error.type).toBe('search_phase_execution_exception')
    expect(noText.error.root_cause[0]).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'The required text option is missing',
    })
    const numeric = await error({ suggest: { text: 'x', s: { term: { field: 'n' } } } })
    expect(numeric.error.root_cause[0]!.reason).toBe(
      'field [n] of type [integer] does not support suggestions',
    )
    const noField = await error({ suggest: { text: 'x', s: { term: { size: 3 } } } })
    expect(noField).toMatchObject({
      status: 400,
      error: { type: 'parse_exception', reason: 'the required field option [field] is missing' },
    })
    const unknown = await error({ suggest: { text: 'x', s: { term: { field: 'title', nope: 1 } } } })
    expect(unknown.error).toMatchObject({
      type: 'parsing_exception',
      reason: "suggester[term] doesn't support field [nope]",
    })
    const edits = await error({ suggest: { text: 'x', s: { term: { field: 'title', max_edits: 3 } } } })
    expect(edits.error).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'maxEdits must be between 1 and 2',
    })
    const global = await error({ suggest: { size: 3 } })
    expect(global.error.reason).toBe('[suggest] does not support [size]')
  })
})
