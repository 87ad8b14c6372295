// `_validate/query?explain` for the queries whose Lucene query ES builds on the shard, compared as whole explanation
// strings: a script query's ScriptQuery(Script.toString) (ScriptQueryBuilder, Script, ScriptType), has_child's and
// has_parent's LateParsingQuery (HasChildQueryBuilder, HasParentQueryBuilder), parent_id's BooleanQuery
// (ParentIdQueryBuilder), and the MatchNoDocsQuery reasons of match_none (MatchNoneQueryBuilder), of a numeric terms
// query whose values all have a decimal part (NumberFieldMapper.NumberType.termsQuery) and of a match query
// (ZeroTermsQueryOption.NONE, Queries.newUnmappedFieldQuery, Queries.newLenientFieldQuery); `_explain` of a script query.
import { describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

async function qaNode(): Promise<TestNode> {
  const node = await startNode()
  await node.send('PUT', '/qa', {
    mappings: {
      properties: {
        n: { type: 'integer' },
        big: { type: 'long' },
        my_join: { type: 'join', relations: { question: ['answer', 'comment'] } },
      },
    },
  })
  await node.send('PUT', '/qa/_doc/1', { n: 1, my_join: 'question' })
  await node.send('POST', '/qa/_refresh')
  return node
}

async function explanation(node: TestNode, query: object): Promise<string> {
  const response = await node.send('POST', '/qa/_validate/query?explain=true', { query })
  expect(response.status).toBe(200)
  const body = JSON.parse(response.body) as { valid: boolean; explanations: Array<{ explanation: string }> }
  expect(body.valid).toBe(true)
  return body.explanations[0]!.explanation
}

describe('_validate/query explanations of shard-built queries', () => {
  it('prints a script query as ScriptQuery(Script{...}) without running it', async () => {
    const node = await qaNode()
    expect(await explanation(node, { script: { script: "doc['n'].value > params.min" } })).toBe(
      "ScriptQuery(Script{type=inline, lang='painless', idOrCode='doc['n'].value > params.min', options={}, params={}})",
    )
    // the params print in java.util.HashMap order (bucket by String.hashCode: min 3, name 8, list 12, nested 13, ratio 15)
    const params = { min: 1, name: 'x', ratio: 1.5, list: [1, 'a'], nested: { b: true, a: null } }
    const script = { source: 'throw new Exception()', lang: 'painless', params }
    expect(await explanation(node, { script: { script, boost: 2 } })).toBe(
      "(ScriptQuery(Script{type=inline, lang='painless', idOrCode='throw new Exception()', options={}, " +
        'params={min=1, name=x, list=[1, a], nested={a=null, b=true}, ratio=1.5}}))^2.0',
    )
    expect(await explanation(node, { script: { script: { id: 'my_script', params: { k: 'v' } } } })).toBe(
      "ScriptQuery(Script{type=stored, lang='null', idOrCode='my_script', options=null, params={k=v}})",
    )
  })

  it('explains a script query as ConstantScoreWeight does, under its ScriptQuery text', async () => {
    const node = await qaNode()
    const text =
      "ScriptQuery(Script{type=inline, lang='painless', idOrCode='doc['n'].value == 1', options={}, params={}})"
    const explain = async (source: string): Promise<unknown> => {
      const response = await node.send('POST', '/qa/_explain/1', { query: { script: { script: source } } })
      return (JSON.parse(response.body) as { explanation: unknown }).explanation
    }
    expect(await explain("doc['n'].value == 1")).toEqual({ value: 1, description: text, details: [] })
    expect(await explain("doc['n'].value == 2")).toEqual({
      value: 0,
      description: text.replace('== 1', '== 2') + " doesn't match id 0",
      details: [],
    })
  })

  it('prints has_child and has_parent as LateParsingQuery, parent_id as its BooleanQuery', async () => {
    const node = await qaNode()
    const inner = { match_all: {} }
    expect(await explanation(node, { has_child: { type: 'answer', query: inner } })).toBe(
      'LateParsingQuery {joinField=my_join#question}',
    )
    expect(await explanation(node, { has_parent: { parent_type: 'question', query: inner, boost: 3 } })).toBe(
      '(LateParsingQuery {joinField=my_join#question})^3.0',
    )
    expect(await explanation(node, { parent_id: { type: 'answer', id: '1' } })).toBe(
      '+my_join#question:1 #my_join:answer',
    )
  })

  it('prints the reasons ES gives its MatchNoDocsQuery', async () => {
    const node = await qaNode()
    expect(await explanation(node, { match_none: { boost: 2 } })).toBe(
      'MatchNoDocsQuery("User requested "match_none" query.")',
    )
    expect(await explanation(node, { bool: { should: [{ match_none: {} }, { match_all: {} }] } })).toBe(
      'MatchNoDocsQuery("User requested "match_none" query.") *:*',
    )
    expect(await explanation(node, { terms: { n: [1.5, 2.5] } })).toBe(
      'MatchNoDocsQuery("All values have a decimal part")',
    )
    expect(await explanation(node, { terms: { big: [0.5] } })).toBe(
      'MatchNoDocsQuery("All values have a decimal part")',
    )
    expect(await explanation(node, { terms: { n: [1.5, 2] } })).toBe('n:{2}')
  })

  it("prints a match query's MatchNoDocsQuery reasons: no terms, an unmapped field, a lenient failure", async () => {
    const node = await qaNode()
    expect(await explanation(node, { match: { my_join: { query: 'the', analyzer: 'stop' } } })).toBe(
      'MatchNoDocsQuery("Matching no documents because no terms present")',
    )
    expect(await explanation(node, { match: { nosuch: 'x' } })).toBe(
      'MatchNoDocsQuery("unmapped fields [nosuch]")',
    )
    expect(await explanation(node, { match: { n: { query: 'abc', lenient: true } } })).toBe(
      'MatchNoDocsQuery("failed [n] query, caused by number_format_exception:[For input string: "abc"]")',
    )
  })

  it('explains match_none with its reason', async () => {
    const node = await qaNode()
    const response = await node.send('POST', '/qa/_explain/1', { query: { match_none: {} } })
    expect(JSON.parse(response.body)).toEqual({
      _index: 'qa',
      _id: '1',
      matched: false,
      explanation: { value: 0, description: 'User requested "match_none" query.', details: [] },
    })
  })
})
