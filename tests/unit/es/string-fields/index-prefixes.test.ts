// A text field's `index_prefixes` (TextFieldMapper's PrefixConfig, PrefixFieldMapper and PrefixWrappedAnalyzer):
// the mapping (defaults, the checks' errors), the `._index_prefix` subfield's edge n-grams, and the prefix queries
// TextFieldType.prefixQuery hands to it (term, padded automaton, or the field's own prefix query), with the YAML
// REST test search/190_index_prefix_search's expected scores.
import { beforeAll, describe, expect, it } from 'vitest'
import { startNode, type TestNode } from '../node/es-node-fixture.ts'

let node: TestNode

beforeAll(async () => {
  node = await startNode()
  await node.send('PUT', '/test', {
    settings: { number_of_shards: 1 },
    mappings: {
      properties: {
        text: { type: 'text', index_prefixes: { min_chars: 2, max_chars: 5 } },
        plain: { type: 'text', index_prefixes: {} },
      },
    },
  })
  await node.send('PUT', '/test/_doc/1?refresh=true', {
    text: 'some short words with a stupendously long one',
  })
})

async function explained(query: object): Promise<string> {
  const response = await node.send('GET', '/test/_validate/query?explain=true', { query })
  return (JSON.parse(response.body) as { explanations: Array<{ explanation: string }> }).explanations[0]!
    .explanation
}

async function search(path: string, body?: object): Promise<{ total: number; maxScore: number }> {
  const response = await node.send(body === undefined ? 'GET' : 'POST', path, body)
  const parsed = JSON.parse(response.body) as { hits: { total: number; max_score: number } }
  return { total: parsed.hits.total, maxScore: parsed.hits.max_score }
}

async function error(mapping: object): Promise<unknown> {
  const response = await node.send('PUT', '/bad', { mappings: { properties: { f: mapping } } })
  return { status: response.status, error: (JSON.parse(response.body) as { error: unknown }).error }
}

describe('text index_prefixes', () => {
  it('prints the prefix config with its defaults filled in', async () => {
    const response = await node.send('GET', '/test/_mapping')
    expect(response.body).toBe(
      '{"test":{"mappings":{"properties":{"plain":{"type":"text","index_prefixes":{"min_chars":2,"max_chars":5}},' +
        '"text":{"type":"text","index_prefixes":{"min_chars":2,"max_chars":5}}}}}}',
    )
  })

  it('searches shor* as a constant score term on ._index_prefix (190_index_prefix_search)', async () => {
    expect(await search('/test/_search?rest_total_hits_as_int=true&q=shor*&df=text')).toEqual({
      total: 1,
      maxScore: 1,
    })
    expect(
      await search('/test/_search?rest_total_hits_as_int=true', {
        query: { query_string: { default_field: 'text', query: 'shor*', boost: 2 } },
      }),
    ).toEqual({ total: 1, maxScore: 2 })
    expect(
      await search('/test/_search?rest_total_hits_as_int=true', {
        explain: true,
        query: { query_string: { default_field: 'text', query: 'a*', boost: 2 } },
      }),
    ).toEqual({ total: 1, maxScore: 2 })
    expect(await search('/test/_search?rest_total_hits_as_int=true&q=stupendousl*&df=text')).toEqual({
      total: 1,
      maxScore: 1,
    })
  })

  it('indexes the edge n-grams of min_chars to max_chars characters into ._index_prefix', async () => {
    const count = async (term: string): Promise<number> =>
      (
        await search('/test/_search?rest_total_hits_as_int=true', {
          query: { term: { 'text._index_prefix': term } },
        })
      ).total
    expect(await count('st')).toBe(1)
    expect(await count('stupe')).toBe(1)
    expect(await count('stupen')).toBe(0)
    expect(await count('s')).toBe(0)
    expect(await count('a')).toBe(0)
  })

  it('explains', async () => {
    expect(await explained({ prefix: { text: 'shor' } })).toMatchInlineSnapshot(
      `"ConstantScore(text._index_prefix:shor)"`,
    )
    expect(await explained({ prefix: { text: 'a' } })).toMatchInlineSnapshot(`
      "ConstantScore(text._index_prefix:AutomatonQuery {
      org.apache.lucene.util.automaton.Automaton@7e66b06} text:a)"
    `)
    expect(await explained({ prefix: { text: 'stupendousl' } })).toMatchInlineSnapshot(`"text:stupendousl*"`)
    expect(
      await explained({ prefix: { text: { value: 'shor', rewrite: 'scoring_boolean', boost: 2 } } }),
    ).toMatchInlineSnapshot(`"(text._index_prefix:shor)^2.0"`)
    expect(await explained({ match_bool_prefix: { text: 'short wor' } })).toMatchInlineSnapshot(
      `"text:short ConstantScore(text._index_prefix:wor)"`,
    )
    expect(
      await explained({ query_string: { default_field: 'text', query: 'shor*', boost: 2 } }),
    ).toMatchInlineSnapshot(`"(+ConstantScore(text._index_prefix:shor))^2.0"`)
    expect(
      await explained({ query_string: { default_field: 'text', query: 'shortest*', boost: 2 } }),
    ).toMatchInlineSnapshot(`"(+text:shortest*)^2.0"`)
  })

  it('profiles the subfield query', async () => {
    const response = await node.send('POST', '/test/_search', {
      profile: true,
      query: { prefix: { text: 'shor' } },
    })
    type Profiled = { type: string; description: string; children?: Profiled[] }
    const body = JSON.parse(response.body) as { profile: { shards: [{ searches: [{ query: Profiled[] }] }] } }
    const outline = (q: Profiled): unknown => [q.type, q.description, ...(q.children ?? []).map(outline)]
    expect(outline(body.profile.shards[0].searches[0].query[0]!)).toMatchInlineSnapshot(`
      [
        "ConstantScoreQuery",
        "ConstantScore(text._index_prefix:shor)",
        [
          "TermQuery",
          "text._index_prefix:shor",
        ],
      ]
    `)
  })

  it('errors', async () => {
    expect(await error({ type: 'text', index_prefixes: { min_chars: 0 } })).toMatchInlineSnapshot(`
      {
        "error": {
          "caused_by": {
            "reason": "min_chars [0] must be greater than zero",
            "type": "illegal_argument_exception",
          },
          "reason": "Failed to parse mapping: min_chars [0] must be greater than zero",
          "root_cause": [
            {
              "reason": "Failed to parse mapping: min_chars [0] must be greater than zero",
              "type": "mapper_parsing_exception",
            },
          ],
          "type": "mapper_parsing_exception",
        },
        "status": 400,
      }
    `)
    expect(await error({ type: 'text', index_prefixes: { min_chars: 6 } })).toMatchInlineSnapshot(`
      {
        "error": {
          "caused_by": {
            "reason": "min_chars [6] must be less than max_chars [5]",
            "type": "illegal_argument_exception",
          },
          "reason": "Failed to parse mapping: min_chars [6] must be less than max_chars [5]",
          "root_cause": [
            {
              "reason": "Failed to parse mapping: min_chars [6] must be less than max_chars [5]",
              "type": "mapper_parsing_exception",
            },
          ],
          "type": "mapper_parsing_exception",
        },
        "status": 400,
      }
    `)
    expect(await error({ type: 'text', index_prefixes: { max_chars: 20 } })).toMatchInlineSnapshot(`
      {
        "error": {
          "caused_by": {
            "reason": "max_chars [20] must be less than 20",
            "type": "illegal_argument_exception",
          },
          "reason": "Failed to parse mapping: max_chars [20] must be less than 20",
          "root_cause": [
            {
              "reason": "Failed to parse mapping: max_chars [20] must be less than 20",
              "type": "mapper_parsing_exception",
            },
          ],
          "type": "mapper_parsing_exception",
        },
        "status": 400,
      }
    `)
    expect(await error({ type: 'text', index_prefixes: { foo: 'bar' } })).toMatchInlineSnapshot(`
      {
        "error": {
          "caused_by": {
            "reason": "Mapping definition for [index_prefixes] has unsupported parameters:  [foo : bar]",
            "type": "mapper_parsing_exception",
          },
          "reason": "Failed to parse mapping: Mapping definition for [index_prefixes] has unsupported parameters:  [foo : bar]",
          "root_cause": [
            {
              "reason": "Mapping definition for [index_prefixes] has unsupported parameters:  [foo : bar]",
              "type": "mapper_parsing_exception",
            },
          ],
          "type": "mapper_parsing_exception",
        },
        "status": 400,
      }
    `)
    expect(await error({ type: 'text', index: false, index_prefixes: {} })).toMatchInlineSnapshot(`
      {
        "error": {
          "caused_by": {
            "reason": "Cannot set index_prefixes on unindexed field [f]",
            "type": "illegal_argument_exception",
          },
          "reason": "Failed to parse mapping: Cannot set index_prefixes on unindexed field [f]",
          "root_cause": [
            {
              "reason": "Failed to parse mapping: Cannot set index_prefixes on unindexed field [f]",
              "type": "mapper_parsing_exception",
            },
          ],
          "type": "mapper_parsing_exception",
        },
        "status": 400,
      }
    `)
  })
})
