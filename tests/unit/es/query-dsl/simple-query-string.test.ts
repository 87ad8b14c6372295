// simple_query_string: Lucene's SimpleQueryParser operator semantics (TestSimpleQueryParser's cases: default
// operator, + | -, precedence, phrases with slop, prefix, fuzzy, escapes, ignored unmatched quotes and
// parentheses, flags), and Elasticsearch's per-field combination through EsNode with the reference page's
// example query.
import { beforeAll, describe, expect, it } from 'vitest'
import type { IndexQuery } from '../../../../engine-wasm/src/index/index.ts'
import {
  SimpleQueryFlags,
  SimpleQueryParser,
  type SimpleQueryFactory,
} from '../../../../workers/es/search/queries/simple-query-parser.ts'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

const t = (term: string): IndexQuery => ({ type: 'term', field: 'f', term, boost: 1 })
const factory: SimpleQueryFactory = {
  defaultQuery: (text) => t(text),
  phraseQuery: (text, slop) => ({
    type: 'phrase',
    field: 'f',
    terms: [{ term: text, position: 0 }],
    slop,
    boost: 1,
  }),
  prefixQuery: (text) => ({ type: 'prefix', field: 'f', prefix: text, boost: 1 }),
  fuzzyQuery: (text, maxEdits) => ({
    type: 'fuzzy',
    field: 'f',
    term: text,
    maxEdits,
    prefixLength: 0,
    maxExpansions: 50,
    transpositions: true,
    boost: 1,
  }),
}
const bool = (must: IndexQuery[], should: IndexQuery[], mustNot: IndexQuery[] = []): IndexQuery => ({
  type: 'bool',
  must,
  should,
  mustNot,
  filter: [],
  minimumShouldMatch: 0,
  boost: 1,
})
const not = (q: IndexQuery): IndexQuery => bool([], [{ type: 'matchAll', boost: 1 }], [q])

function parse(text: string, flags: number = SimpleQueryFlags.ALL, and = false): IndexQuery | null {
  return new SimpleQueryParser(text, flags, and ? 'must' : 'should', factory).parse()
}

describe('SimpleQueryParser', () => {
  it.each<[string, IndexQuery | null]>([
    ['foo', t('foo')],
    ['foo bar', bool([], [t('foo'), t('bar')])],
    ['foo|bar', bool([], [t('foo'), t('bar')])],
    ['foo+bar', bool([t('foo'), t('bar')], [])],
    ['foo bar +baz', bool([bool([], [t('foo'), t('bar')]), t('baz')], [])],
    ['-foo', not(t('foo'))],
    ['--foo', t('foo')],
    ['foo -bar', bool([], [t('foo'), not(t('bar'))])],
    ['foo +(bar | baz)', bool([t('foo'), bool([], [t('bar'), t('baz')])], [])],
    ['(foo)', t('foo')],
    ['()foo', t('foo')],
    ['foo)', t('foo')],
    ['(foo', t('foo')],
    ['"foo bar"', factory.phraseQuery('foo bar', 0)],
    ['"foo bar"~2', factory.phraseQuery('foo bar', 2)],
    ['"foo', t('foo')],
    ['""', null],
    ['foo*', { type: 'prefix', field: 'f', prefix: 'foo', boost: 1 }],
    ['*', t('*')],
    ['foo\\*', t('foo*')],
    ['foo~1', factory.fuzzyQuery('foo', 1)],
    ['foo~', factory.fuzzyQuery('foo', 2)],
    ['foo~5', factory.fuzzyQuery('foo', 2)],
    ['foo~0', t('foo')],
    ['foo~x', t('foo')],
    ['\\"foo\\"', t('"foo"')],
    ['+foo', t('foo')],
  ])('%s', (text, expected) => {
    expect(parse(text)).toEqual(expected)
  })

  it('default_operator AND joins plain terms with MUST', () => {
    expect(parse('foo bar', SimpleQueryFlags.ALL, true)).toEqual(bool([t('foo'), t('bar')], []))
    expect(parse('foo | bar baz', SimpleQueryFlags.ALL, true)).toEqual(
      bool([bool([], [t('foo'), t('bar')]), t('baz')], []),
    )
  })

  it('operators whose flag is off are ordinary characters', () => {
    const whitespaceOnly = SimpleQueryFlags.WHITESPACE
    expect(parse('foo+bar -baz*', whitespaceOnly)).toEqual(bool([], [t('foo+bar'), t('-baz*')]))
    expect(parse('foo bar', SimpleQueryFlags.NONE)).toEqual(t('foo bar'))
  })
})

describe('simple_query_string through EsNode', () => {
  let node: TestNode
  beforeAll(async () => {
    node = await startNode()
    const docs: Array<[string, object]> = [
      ['1', { title: 'Fried eggs with potato', body: 'A quick breakfast' }],
      ['2', { title: 'Eggplant stew', body: 'fried eggs on the side' }],
      ['3', { title: 'Potato frittata', body: 'fried eggs and potato' }],
      ['4', { title: 'Pancakes', body: 'no eggs here' }],
    ]
    for (const [id, doc] of docs) await node.send('PUT', `/idx/_doc/${id}`, doc)
    await node.send('POST', '/idx/_refresh')
  })

  const ids = async (query: object): Promise<string[]> => {
    const response = await node.send('GET', '/idx/_search', { query, _source: false })
    expect(response.status).toBe(200)
    return [...response.body.matchAll(/"_id":"([^"]+)"/g)].map((m) => m[1]!).sort()
  }

  it('the reference example: a phrase, a required alternative, an excluded term', async () => {
    const query = {
      simple_query_string: {
        query: '"fried eggs" +(eggplant | potato) -frittata',
        fields: ['title^5', 'body'],
        default_operator: 'and',
      },
    }
    expect(await ids(query)).toEqual(['1', '2'])
  })

  it('prefix and fuzzy operators over every field by default; unknown options fail', async () => {
    expect(await ids({ simple_query_string: { query: 'pan*' } })).toEqual(['4'])
    expect(await ids({ simple_query_string: { query: 'pancakse~1' } })).toEqual(['4'])
    const bad = await node.send('GET', '/idx/_search', {
      query: { simple_query_string: { query: 'x', foo: 1 } },
    })
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('"reason":"[simple_query_string] unsupported field [foo]"')
    const missing = await node.send('GET', '/idx/_search', {
      query: { simple_query_string: { fields: ['title'] } },
    })
    expect(missing.body).toContain('"reason":"[simple_query_string] query text missing"')
  })
})
