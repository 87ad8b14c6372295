// The `_ignored` metadata field in queries, as Elasticsearch 8.17 has it: IgnoredFieldMapper.postParse indexes a term
// for each field whose value the document's parse ignored (a keyword value above `ignore_above`, nested documents'
// fields included, and a malformed value dropped by `ignore_malformed`), so `exists`, `term` and `terms` on
// `_ignored` find those documents (IgnoredFieldType: a string field with doc values since 8.15, its exists query
// constant-scoring); and BoolQueryBuilder.doToQuery: only must_not clauses filter on every document (scoring 0,
// Queries.fixNegativeQueryIfNeeded, unless adjust_pure_negative is false), no clause at all is match_all.
import { beforeEach, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeEach(async () => {
  node = await startNode()
  await node.send('PUT', '/logs', {
    mappings: {
      properties: {
        code: { type: 'keyword', ignore_above: 3 },
        n: { type: 'long', ignore_malformed: true },
        tags: { type: 'nested', properties: { t: { type: 'keyword', ignore_above: 2 } } },
      },
    },
  })
  await node.send(
    'POST',
    '/logs/_bulk?refresh=true',
    '{"index":{"_id":"1"}}\n{"code":"abcdef","n":1}\n{"index":{"_id":"2"}}\n{"code":"ab","n":"x"}\n' +
      '{"index":{"_id":"3"}}\n{"code":"ab","n":2}\n{"index":{"_id":"4"}}\n{"code":"abcd","n":"y"}\n' +
      '{"index":{"_id":"5"}}\n{"tags":[{"t":"long"}]}\n',
  )
}, 60_000)

async function search(query: object, filterPath = 'hits.hits._id'): Promise<string> {
  const response = await node.send('GET', `/logs/_search?filter_path=${filterPath}`, { query })
  expect(response.status).toBe(200)
  return response.body
}

describe('_ignored in queries', () => {
  it('exists matches the documents with an ignored value, each scoring 1; their hits list the fields', async () => {
    expect(
      await search({ exists: { field: '_ignored' } }, 'hits.hits._id,hits.hits._score,hits.hits._ignored'),
    ).toBe(
      '{"hits":{"hits":[{"_id":"1","_score":1.0,"_ignored":["code"]},{"_id":"2","_score":1.0,"_ignored":["n"]},' +
        '{"_id":"4","_score":1.0,"_ignored":["code","n"]},{"_id":"5","_score":1.0,"_ignored":["tags.t"]}]}}',
    )
    expect((await node.send('GET', '/logs/_count', { query: { exists: { field: '_ignored' } } })).body).toBe(
      '{"count":4,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0}}',
    )
  })

  it('term and terms match the documents that ignored those fields', async () => {
    expect(await search({ term: { _ignored: 'n' } })).toBe('{"hits":{"hits":[{"_id":"2"},{"_id":"4"}]}}')
    expect(await search({ terms: { _ignored: ['code', 'tags.t'] } })).toBe(
      '{"hits":{"hits":[{"_id":"1"},{"_id":"4"},{"_id":"5"}]}}',
    )
    expect(await search({ term: { _ignored: 'tags' } })).toBe('{}')
  })
})

describe('bool without positive clauses', () => {
  it('only must_not: every other document, scoring 0; adjust_pure_negative false: none', async () => {
    expect(
      await search(
        { bool: { must_not: { exists: { field: '_ignored' } } } },
        'hits.hits._id,hits.hits._score',
      ),
    ).toBe('{"hits":{"hits":[{"_id":"3","_score":0.0}]}}')
    expect(await search({ bool: { must_not: { term: { _ignored: 'code' } } } })).toBe(
      '{"hits":{"hits":[{"_id":"2"},{"_id":"3"},{"_id":"5"}]}}',
    )
    expect(await search({ bool: { must_not: { term: { code: 'ab' } }, adjust_pure_negative: false } })).toBe(
      '{}',
    )
    const explained = await node.send('GET', '/logs/_validate/query?explain=true', {
      query: { bool: { must_not: { term: { code: 'ab' } } } },
    })
    expect(explained.body).toContain('"explanation":"-code:ab #*:*"')
  })

  it('no clause at all: every document, scoring the boost', async () => {
    expect(await search({ bool: { boost: 2 } }, 'hits.total,hits.max_score')).toBe(
      '{"hits":{"total":{"value":5,"relation":"eq"},"max_score":2.0}}',
    )
  })
})
