// prettyElasticsearch against `?pretty` output (Jackson DefaultPrettyPrinter as JsonXContentGenerator sets it up:
// `"key" : value`, `{ }`, `[ ]`, LF at end), e.g. the index_not_found body quoted in elastic/elasticsearch#29503;
// prettyKibana against Kibana console's expandLiteralStrings.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { prettyElasticsearch, prettyKibana } from '../../../../workers/es/xcontent/pretty.ts'
import { parseJson } from '../../../../workers/es/xcontent/json-parser.ts'
import { toJson } from '../../../../workers/es/xcontent/json-writer.ts'
import { JsonTokenizer } from '../../../../workers/es/xcontent/json-tokenizer.ts'
import { Token } from '../../../../workers/es/xcontent/json-token.ts'

describe('prettyElasticsearch', () => {
  it('formats like ?pretty, as in the create-index error of elastic/elasticsearch#29503', () => {
    const compact =
      '{"error":{"root_cause":[{"type":"invalid_index_name_exception","reason":"Invalid index name [cafÃ©], must be lowercase","index_uuid":"_na_","index":"cafÃ©"}],"type":"invalid_index_name_exception","reason":"Invalid index name [cafÃ©], must be lowercase","index_uuid":"_na_","index":"cafÃ©"},"status":400}'
    expect(prettyElasticsearch(compact)).toBe(`{
  "error" : {
    "root_cause" : [
      {
        "type" : "invalid_index_name_exception",
        "reason" : "Invalid index name [cafÃ©], must be lowercase",
        "index_uuid" : "_na_",
        "index" : "cafÃ©"
      }
    ],
    "type" : "invalid_index_name_exception",
    "reason" : "Invalid index name [cafÃ©], must be lowercase",
    "index_uuid" : "_na_",
    "index" : "cafÃ©"
  },
  "status" : 400
}
`)
  })

  it('prints empty containers as { } and [ ], nested arrays one element per line', () => {
    expect(prettyElasticsearch('{"a":{},"b":[],"c":[1,[2]]}')).toBe(
      '{\n  "a" : { },\n  "b" : [ ],\n  "c" : [\n    1,\n    [\n      2\n    ]\n  ]\n}\n',
    )
    expect(prettyElasticsearch('[]')).toBe('[ ]\n')
    expect(prettyElasticsearch('"x"')).toBe('"x"\n')
  })

  it('re-writes embedded _source as copyCurrentStructure does: no comments, Java doubles, Jackson escapes', () => {
    expect(
      prettyElasticsearch('{"_source":{ /* c */ "n": 1.50, "e": 1e3, "z": -0, "s": "\\u00e9\\/" }}'),
    ).toBe('{\n  "_source" : {\n    "n" : 1.5,\n    "e" : 1000.0,\n    "z" : 0,\n    "s" : "é/"\n  }\n}\n')
  })

  it('is idempotent and keeps the value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const compact = toJson(value)
        const once = prettyElasticsearch(compact)
        expect(prettyElasticsearch(once)).toBe(once)
        expect(JSON.parse(once)).toEqual(JSON.parse(compact))
      }),
      { numRuns: 300 },
    )
  })

  it('handles deep nesting without recursion', () => {
    const depth = 3000
    const text = prettyElasticsearch('['.repeat(depth) + ']'.repeat(depth))
    expect(text.startsWith('[\n  [\n    [')).toBe(true)
    const tokenizer = new JsonTokenizer('['.repeat(200_000) + ']'.repeat(200_000), { maxDepth: Infinity })
    let tokens = 0
    while (tokenizer.next() !== Token.EOF) tokens++
    expect(tokens).toBe(400_000)
    expect(() => parseJson(text)).toThrow('Document nesting depth (1001)')
  })
})

describe('prettyKibana', () => {
  it('expands member strings with escapes into triple-quoted literals', () => {
    const compact = '{"message":"line 1\\nline 2","plain":"x","list":["a\\nb"],"quoted":"\\"q\\""}'
    expect(prettyKibana(compact)).toBe(
      '{\n  "message" : """line 1\nline 2""",\n  "plain" : "x",\n  "list" : [\n    "a\\nb"\n  ],\n  "quoted" : "\\"q\\""\n}',
    )
  })

  it('equals the Elasticsearch form when no string has an escape', () => {
    const compact = '{"acknowledged":true,"shards_acknowledged":true,"index":"my-index"}'
    expect(prettyKibana(compact) + '\n').toBe(prettyElasticsearch(compact))
  })
})
