// IndexSettings' dynamic limit settings through EsNode: set at creation or by PUT _settings on an open index,
// validated as Setting.intSetting validates them, shown by GET _settings (and its include_defaults), and applied
// on each shard where ES applies them, with ES 8.17's texts (DefaultSearchContext, SearchService, TermsQueryBuilder,
// RegexpQueryBuilder, InnerHitContextBuilder, TopHitsAggregationBuilder, FetchDocValuesContext,
// CustomUnifiedHighlighter, TransportAnalyzeAction, NGramTokenizerFactory).
import { beforeEach, describe, expect, test } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'
import { jsonAt } from './json-at.ts'

let node: TestNode
let uuid: string

beforeEach(async () => {
  node = await startNode()
  await node.send('PUT', '/books', {
    settings: { number_of_replicas: 0, max_result_window: 5 },
    mappings: {
      properties: {
        title: { type: 'text' },
        tag: { type: 'keyword' },
        year: { type: 'integer' },
        chapters: { type: 'nested' },
      },
    },
  })
  await node.send('POST', '/_aliases', { actions: [{ add: { index: 'books', alias: 'library' } }] })
  const docs = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'].map((tag, i) => ({
    title: `the ${tag} book`,
    tag,
    year: 2000 + i,
    chapters: [{ n: 1 }, { n: 2 }, { n: 3 }],
  }))
  for (const [i, doc] of docs.entries()) await node.send('PUT', `/books/_doc/${i + 1}`, doc)
  await node.send('POST', '/books/_refresh')
  uuid = String(
    jsonAt((await node.send('GET', '/books/_settings')).body, 'books', 'settings', 'index', 'uuid'),
  )
})

const error = async (method: 'GET' | 'POST' | 'PUT', path: string, body?: object) => {
  const response = await node.send(method, path, body)
  const parsed = JSON.parse(response.body) as {
    status: number
    error: { type: string; root_cause: unknown[] }
  }
  return { status: response.status, type: parsed.error.type, rootCause: parsed.error.root_cause }
}

const iae = (reason: string) => ({ type: 'illegal_argument_exception', reason })
const shardFailure = (reason: string) => ({
  status: 400,
  type: 'search_phase_execution_exception',
  rootCause: [iae(reason)],
})
const queryShardFailure = (reason: string) => ({
  status: 400,
  type: 'search_phase_execution_exception',
  rootCause: [
    {
      type: 'query_shard_exception',
      reason: `failed to create query: ${reason}`,
      index_uuid: uuid,
      index: 'books',
    },
  ],
})
const setLimit = async (key: string, value: number | string | null) =>
  (await node.send('PUT', '/books/_settings', { index: { [key]: value } })).body

describe('the settings', () => {
  test('a set limit shows as written; an index without a matching setting is left out', async () => {
    expect((await node.send('GET', '/books/_settings/index.max_*?flat_settings')).body).toBe(
      '{"books":{"settings":{"index.max_result_window":"5"}}}',
    )
    expect((await node.send('GET', '/books/_settings/index.max_terms_count')).body).toBe('{}')
  })

  test('include_defaults lists the ones not set, max_rescore_window following max_result_window', async () => {
    const response = await node.send('GET', '/books/_settings/index.*max*?flat_settings&include_defaults')
    expect(response.body).toBe(
      '{"books":{"settings":{"index.max_result_window":"5"},"defaults":{' +
        '"index.analyze.max_token_count":"10000",' +
        '"index.highlight.max_analyzed_offset":"1000000",' +
        '"index.max_docvalue_fields_search":"100",' +
        '"index.max_inner_result_window":"100",' +
        '"index.max_ngram_diff":"1",' +
        '"index.max_regex_length":"1000",' +
        '"index.max_rescore_window":"5",' +
        '"index.max_script_fields":"32",' +
        '"index.max_shingle_diff":"3",' +
        '"index.max_slices_per_scroll":"1024",' +
        '"index.max_terms_count":"65536",' +
        '"index.top_metrics_max_size":"10"}}}',
    )
  })

  test('dynamic on an open index; null restores the default', async () => {
    expect(await setLimit('max_result_window', 20)).toBe('{"acknowledged":true}')
    expect((await node.send('GET', '/books/_settings/index.max_result_window?flat_settings')).body).toBe(
      '{"books":{"settings":{"index.max_result_window":"20"}}}',
    )
    expect(await setLimit('max_result_window', null)).toBe('{"acknowledged":true}')
    expect((await node.send('GET', '/books/_settings/index.max_result_window')).body).toBe('{}')
  })

  test('bad values: Setting.intSetting texts, at creation and on update, changing nothing', async () => {
    expect(await error('PUT', '/books/_settings', { index: { max_result_window: 0 } })).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      rootCause: [iae('Failed to parse value [0] for setting [index.max_result_window] must be >= 1')],
    })
    expect(await error('PUT', '/books/_settings', { index: { max_terms_count: 'many' } })).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      rootCause: [iae('Failed to parse value [many] for setting [index.max_terms_count]')],
    })
    expect(await error('PUT', '/other', { settings: { 'index.max_ngram_diff': -1 } })).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      rootCause: [iae('Failed to parse value [-1] for setting [index.max_ngram_diff] must be >= 0')],
    })
    expect((await node.send('HEAD', '/other')).status).toBe(404)
    expect((await node.send('GET', '/books/_settings/index.max_result_window?flat_settings')).body).toBe(
      '{"books":{"settings":{"index.max_result_window":"5"}}}',
    )
  })
})

describe('applied on the shard', () => {
  test('index.max_result_window: from + size', async () => {
    expect(await error('POST', '/books/_search', { from: 2, size: 4 })).toEqual(
      shardFailure(
        'Result window is too large, from + size must be less than or equal to: [5] but was [6]. See the scroll ' +
          'api for a more efficient way to request large data sets. This limit can be set by changing the ' +
          '[index.max_result_window] index level setting.',
      ),
    )
    await setLimit('max_result_window', 6)
    expect(
      jsonAt((await node.send('POST', '/books/_search', { from: 2, size: 4 })).body, 'hits', 'total'),
    ).toEqual({
      value: 6,
      relation: 'eq',
    })
  })

  test('index.max_rescore_window defaults to max_result_window', async () => {
    const body = {
      query: { match: { title: 'book' } },
      rescore: { window_size: 6, query: { rescore_query: { match: { title: 'alpha' } } } },
      size: 2,
    }
    const reason = (max: number) =>
      `Rescore window [6] is too large. It must be less than [${max}]. This prevents allocating massive heaps for ` +
      'storing the results to be rescored. This limit can be set by changing the [index.max_rescore_window] ' +
      'index level setting.'
    expect(await error('POST', '/books/_search', body)).toEqual(shardFailure(reason(5)))
    await setLimit('max_rescore_window', 6)
    expect((await node.send('POST', '/books/_search', body)).status).toBe(200)
  })

  test('index.max_terms_count and index.max_regex_length: failed to create query', async () => {
    await setLimit('max_terms_count', 2)
    expect(
      await error('POST', '/books/_search', { query: { terms: { tag: ['alpha', 'beta', 'gamma'] } } }),
    ).toEqual(
      queryShardFailure(
        'The number of terms [3] used in the Terms Query request has exceeded the allowed maximum of [2]. This ' +
          'maximum can be set by changing the [index.max_terms_count] index level setting.',
      ),
    )
    await setLimit('max_regex_length', 3)
    expect(await error('POST', '/books/_search', { query: { regexp: { tag: 'al.*' } } })).toEqual(
      queryShardFailure(
        'The length of regex [4] used in the Regexp Query request has exceeded the allowed maximum of [3]. This ' +
          'maximum can be set by changing the [index.max_regex_length] index level setting.',
      ),
    )
    expect(
      await error('POST', '/books/_search', { query: { query_string: { query: 'tag:/al.*/' } } }),
    ).toEqual(
      queryShardFailure(
        'The length of regex [4] used in the [query_string] has exceeded the allowed maximum of [3]. This ' +
          'maximum can be set by changing the [index.max_regex_length] index level setting.',
      ),
    )
    // A limit raised past the default holds on the shard (the coordinating node does not check it).
    const long = 'a'.repeat(1001)
    await setLimit('max_regex_length', 2000)
    for (const query of [{ regexp: { tag: long } }, { query_string: { query: `tag:/${long}/` } }]) {
      expect((await node.send('POST', '/books/_search', { size: 2, query })).status).toBe(200)
    }
  })

  test('index.max_docvalue_fields_search and index.max_script_fields (not with size 0)', async () => {
    await setLimit('max_docvalue_fields_search', 1)
    expect(await error('POST', '/books/_search', { size: 2, docvalue_fields: ['tag', 'year'] })).toEqual(
      shardFailure(
        'Trying to retrieve too many docvalue_fields. Must be less than or equal to: [1] but was [2]. This limit ' +
          'can be set by changing the [index.max_docvalue_fields_search] index level setting.',
      ),
    )
    await setLimit('max_script_fields', 0)
    const scriptFields = { twice: { script: { source: "doc['year'].value * 2" } } }
    expect(await error('POST', '/books/_search', { size: 2, script_fields: scriptFields })).toEqual(
      shardFailure(
        'Trying to retrieve too many script_fields. Must be less than or equal to: [0] but was [1]. This limit can ' +
          'be set by changing the [index.max_script_fields] index level setting.',
      ),
    )
    expect((await node.send('POST', '/books/_search', { size: 0, script_fields: scriptFields })).status).toBe(
      200,
    )
  })

  test('index.max_inner_result_window: top_hits and nested inner_hits', async () => {
    await setLimit('max_inner_result_window', 2)
    const aggs = { tags: { terms: { field: 'tag' }, aggs: { top: { top_hits: { size: 3 } } } } }
    expect(await error('POST', '/books/_search', { size: 0, aggs })).toEqual(
      shardFailure(
        "Top hits result window is too large, the top hits aggregator [top]'s from + size must be less than or " +
          'equal to: [2] but was [3]. This limit can be set by changing the [index.max_inner_result_window] index ' +
          'level setting.',
      ),
    )
    const nested = {
      query: { nested: { path: 'chapters', query: { match_all: {} }, inner_hits: { from: 1, size: 2 } } },
      size: 2,
    }
    expect(await error('POST', '/books/_search', nested)).toEqual(
      shardFailure(
        "Inner result window is too large, the inner hit definition's [chapters]'s from + size must be less than " +
          'or equal to: [2] but was [3]. This limit can be set by changing the [index.max_inner_result_window] ' +
          'index level setting.',
      ),
    )
  })

  test('index.highlight.max_analyzed_offset, and the query max_analyzed_offset that truncates', async () => {
    await setLimit('highlight.max_analyzed_offset', 10)
    const highlight = (options: object) => ({
      query: { match: { title: 'book' } },
      highlight: { fields: { title: options } },
      size: 1,
      sort: ['year'],
    })
    expect(await error('POST', '/books/_search', highlight({}))).toEqual(
      shardFailure(
        'The length [14] of field [title] in doc[3]/index[books] exceeds the [index.highlight.max_analyzed_offset] ' +
          'limit [10]. To avoid this error, set the query parameter [max_analyzed_offset] to a value less than ' +
          'index setting [10] and this will tolerate long field values by truncating them.',
      ),
    )
    const truncated = await node.send('POST', '/books/_search', highlight({ max_analyzed_offset: 9 }))
    expect(jsonAt(truncated.body, 'hits', 'hits', '0', 'highlight')).toBeUndefined()
    const whole = await node.send('POST', '/books/_search', highlight({ max_analyzed_offset: 10 }))
    expect(jsonAt(whole.body, 'hits', 'hits', '0', 'highlight')).toEqual({
      title: ['the alpha <em>book</em>'],
    })
  })
})

describe('_analyze', () => {
  test('through an alias; index.analyze.max_token_count; inline ngram checked against index.max_ngram_diff', async () => {
    expect((await node.send('POST', '/library/_analyze', { text: 'one two' })).body).toBe(
      '{"tokens":[' +
        '{"token":"one","start_offset":0,"end_offset":3,"type":"<ALPHANUM>","position":0},' +
        '{"token":"two","start_offset":4,"end_offset":7,"type":"<ALPHANUM>","position":1}]}',
    )
    await setLimit('analyze.max_token_count', 1)
    const tooMany = await node.send('POST', '/library/_analyze', { text: 'one two' })
    expect(tooMany.status).toBe(500)
    expect(jsonAt(tooMany.body, 'error')).toEqual({
      root_cause: [
        {
          type: 'illegal_state_exception',
          reason:
            'The number of tokens produced by calling _analyze has exceeded the allowed maximum of [1]. This ' +
            'limit can be set by changing the [index.analyze.max_token_count] index level setting.',
        },
      ],
      type: 'illegal_state_exception',
      reason:
        'The number of tokens produced by calling _analyze has exceeded the allowed maximum of [1]. This ' +
        'limit can be set by changing the [index.analyze.max_token_count] index level setting.',
    })
    const ngram = { tokenizer: { type: 'ngram', min_gram: 1, max_gram: 3 }, text: 'ab' }
    expect(await error('POST', '/books/_analyze', ngram)).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      rootCause: [
        iae(
          'The difference between max_gram and min_gram in NGram Tokenizer must be less than or equal to: [1] but ' +
            'was [2]. This limit can be set by changing the [index.max_ngram_diff] index level setting.',
        ),
      ],
    })
    await setLimit('max_ngram_diff', 2)
    await setLimit('analyze.max_token_count', null)
    expect((await node.send('POST', '/books/_analyze', ngram)).body).toBe(
      '{"tokens":[' +
        '{"token":"a","start_offset":0,"end_offset":1,"type":"word","position":0},' +
        '{"token":"ab","start_offset":0,"end_offset":2,"type":"word","position":1},' +
        '{"token":"b","start_offset":1,"end_offset":2,"type":"word","position":2}]}',
    )
  })
})
