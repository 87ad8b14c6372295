// A phrase whose analysis is a token graph (synonym_graph's multi-word synonyms, word_delimiter_graph's catenated
// words) is built as MatchQueryParser.MatchQueryBuilder.analyzeGraphPhrase builds it: without a slop a SpanNearQuery
// of the graph's segments (a SpanOrQuery of a segment's paths), with one a BooleanQuery of every path's phrase. The
// spans score with one idf summed over all their terms (SpanWeight) and the sloppy frequency of their matches; the
// expected scores are worked out by hand from LegacyBM25Similarity.
import { describe, expect, it } from 'vitest'
import { clusterWithIndex, validateExplanation } from '../cluster-admin/cluster-admin-fixture.ts'
import type { TestCluster } from '../cluster/es-cluster-fixture.ts'
import type { Hit } from './explained-hits.ts'
import { bm25Idf, legacyBm25OfIdf } from './legacy-bm25.ts'

const f = Math.fround

async function indexWith(settings: object, docs: readonly string[]): Promise<TestCluster> {
  const { cluster } = await clusterWithIndex(1, settings)
  for (const [i, t] of docs.entries()) await cluster.json(1, 'PUT', `/idx/_doc/${i + 1}`, { t })
  await cluster.json(1, 'POST', '/idx/_refresh')
  return cluster
}

async function scores(cluster: TestCluster, query: object): Promise<Array<[string, number]>> {
  const body = (await cluster.json(1, 'POST', '/idx/_search', { query })) as { hits: { hits: Hit[] } }
  return body.hits.hits.map((hit) => [hit._id, f(hit._score)])
}

/** The sum of the terms' float idfs in double, as BM25Similarity.idfExplain adds a phrase's or span's terms. */
function idfSum(docCount: number, ...docFreqs: number[]): number {
  return f(docFreqs.reduce((sum, docFreq) => sum + bm25Idf(docFreq, docCount), 0))
}

const SYNONYMS = {
  settings: {
    analysis: {
      filter: { syn: { type: 'synonym_graph', synonyms: ['ny, new york'] } },
      analyzer: { syn: { tokenizer: 'standard', filter: ['lowercase', 'syn'] } },
    },
  },
  mappings: { properties: { t: { type: 'text', analyzer: 'standard', search_analyzer: 'syn' } } },
}
// lengths 7, 5, 3: avgdl 5; docFreqs love 1, new 2, york 2, ny 1, fall 1
const NEW_YORK = ['I love new york in the fall', 'the fast car in ny', 'york is new']

describe('match_phrase over a synonym graph', () => {
  it('builds a SpanOrQuery of the paths, scored with the idf of all their terms', async () => {
    const cluster = await indexWith(SYNONYMS, NEW_YORK)
    const query = { match_phrase: { t: 'ny' } }
    expect(await validateExplanation(cluster, query)).toBe(
      'spanOr([spanNear([t:new, t:york], 0, true), t:ny])',
    )
    const idf = idfSum(3, 2, 2, 1)
    expect(await scores(cluster, query)).toEqual([
      ['2', legacyBm25OfIdf(idf, 5, 1, 5)],
      ['1', legacyBm25OfIdf(idf, 5, 1, 7)],
    ])
  })

  it('joins the segments in a SpanNearQuery, in order and without slop', async () => {
    const cluster = await indexWith(SYNONYMS, NEW_YORK)
    const query = { match_phrase: { t: { query: 'love ny', boost: 2 } } }
    expect(await validateExplanation(cluster, query)).toBe(
      '(spanNear([t:love, spanOr([spanNear([t:new, t:york], 0, true), t:ny])], 0, true))^2.0',
    )
    const weight = legacyBm25OfIdf(f(2 * idfSum(3, 1, 2, 2, 1)), 5, 1, 7)
    expect(await scores(cluster, query)).toEqual([['1', weight]])
    // "york is new" holds both words, not in order
    expect(await scores(cluster, { match_phrase: { t: 'new york fall' } })).toEqual([])
  })

  it('with a slop, makes a BooleanQuery of every path as a sloppy phrase', async () => {
    const cluster = await indexWith(SYNONYMS, NEW_YORK)
    const query = { match_phrase: { t: { query: 'love ny', slop: 2 } } }
    expect(await validateExplanation(cluster, query)).toBe('t:"love new york"~2 t:"love ny"~2')
    expect(await scores(cluster, query)).toEqual([['1', legacyBm25OfIdf(idfSum(3, 1, 2, 2), 5, 1, 7)]])
  })

  it('builds the same query for each field of a multi_match of type phrase', async () => {
    const cluster = await indexWith(SYNONYMS, NEW_YORK)
    const query = { multi_match: { query: 'ny', fields: ['t', 't2'], type: 'phrase' } }
    expect(await validateExplanation(cluster, query)).toBe(
      'spanOr([spanNear([t:new, t:york], 0, true), t:ny])',
    )
    const profiled = (await cluster.json(1, 'POST', '/idx/_search', { query, profile: true })) as {
      profile: { shards: Array<{ searches: Array<{ query: Array<{ type: string }> }> }> }
    }
    expect(profiled.profile.shards[0]!.searches[0]!.query[0]!.type).toBe('SpanOrQuery')
  })
})

describe('match_phrase over word_delimiter_graph', () => {
  it('matches the catenated word or its parts before the next word', async () => {
    const settings = {
      settings: {
        analysis: {
          filter: { wdg: { type: 'word_delimiter_graph', catenate_words: true } },
          analyzer: { wd: { tokenizer: 'whitespace', filter: ['wdg', 'lowercase'] } },
        },
      },
      mappings: { properties: { t: { type: 'text', analyzer: 'wd' } } },
    }
    // indexed: my wifi|wi fi router (length 4: a stacked token is not counted), wifi router here, wi fi router,
    // router wifi|wi fi; 15 tokens over 4 documents
    const cluster = await indexWith(settings, [
      'my wi-fi router',
      'wifi router here',
      'wi fi router',
      'router wi-fi',
    ])
    const query = { match_phrase: { t: 'wi-fi router' } }
    expect(await validateExplanation(cluster, query)).toBe(
      'spanNear([spanOr([t:wifi, spanNear([t:wi, t:fi], 0, true)]), t:router], 0, true)',
    )
    const idf = idfSum(4, 3, 3, 3, 4)
    expect(await scores(cluster, query)).toEqual([
      ['2', legacyBm25OfIdf(idf, 3.75, 1, 3)],
      ['3', legacyBm25OfIdf(idf, 3.75, 1, 3)],
      ['1', legacyBm25OfIdf(idf, 3.75, 1, 4)],
    ])
  })
})
