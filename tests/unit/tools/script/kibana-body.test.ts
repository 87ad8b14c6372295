// The body Kibana's console sends: objects flattened onto one line each, comments blanked, """ strings
// turned into JSON strings (Kibana's collapseLiteralStrings = JSON.stringify of the raw content).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { kibanaRequestBody } from '../../../../workers/tools/script/kibana-body.ts'

describe('kibanaRequestBody', () => {
  it.each<[string, string, string | null]>([
    ['no body', '', null],
    ['only blanks', ' \n\t\n', null],
    ['a one-line object', '{ "a": 1 }', '{ "a": 1 }\n'],
    [
      'a pretty object keeps its indentation, loses its newlines',
      '{\n  "a": {\n    "b": 1\n  }\n}',
      '{  "a": {    "b": 1  }}\n',
    ],
    [
      'NDJSON: one line per object, multi-line objects collapsed',
      '{ "index": {} }\n{\n  "a": 1\n}\n\n{"delete":{"_id":"1"}}',
      '{ "index": {} }\n{  "a": 1}\n{"delete":{"_id":"1"}}\n',
    ],
    ['objects on one line are split', '{"a":1}{"b":2} {"c":3}', '{"a":1}\n{"b":2}\n{"c":3}\n'],
    ['braces inside strings do not split', '{ "q": "{a} {b}" }', '{ "q": "{a} {b}" }\n'],
    ['escaped quotes inside strings', '{ "q": "say \\"}{\\"" }', '{ "q": "say \\"}{\\"" }\n'],
    ['a // comment becomes one space', '{\n  "a": 1 // one\n}', '{  "a": 1  }\n'],
    ['a # comment becomes one space', '{\n  # why\n  "a": 1\n}', '{     "a": 1}\n'],
    ['a block comment becomes one space', '{ /* x\n y */ "a": 1 }', '{   "a": 1 }\n'],
    ['a trailing comment stays with its object', '{"a":1} // c\n{"b":2}', '{"a":1}  \n{"b":2}\n'],
    [
      'comment markers inside strings stay',
      '{ "u": "http://x/#a", "v": "/* no */" }',
      '{ "u": "http://x/#a", "v": "/* no */" }\n',
    ],
    ['invalid JSON is sent as written', '{ "a": 1,, }', '{ "a": 1,, }\n'],
    ['a top-level array is one piece', '[1,\n 2]', '[1, 2]\n'],
    ['CRLF read as LF', '{\r\n "a": """x\r\ny"""\r\n}', '{ "a": "x\\ny"}\n'],
    ['an unclosed """ is left as written', '{"a": """x\ny', '{"a": """xy\n'],
  ])('%s', (_name, input, expected) => {
    expect(kibanaRequestBody(input)).toBe(expected)
  })

  it.each<[string, string]>([
    ['plain', 'quick "brown" fox'],
    ['backslashes', 'C:\\temp\\new'],
    ['newlines and tabs', 'line 1\nline 2\tend'],
    ['control characters', 'bell\u0007 nul\u0000'],
    ['unicode', 'café 日本 😀'],
    ['single quotes', "it's"],
    ['empty', ''],
  ])('turns a """ string with %s into the JSON string JSON.stringify makes', (_name, content) => {
    const body = kibanaRequestBody(`{\n  "s": """${content}"""\n}`)
    expect(body).toBe(`{  "s": ${JSON.stringify(content)}}\n`)
  })

  it('escapes exactly: quotes, backslashes and newlines', () => {
    expect(kibanaRequestBody('{"s": """a "b" \\c\nd"""}')).toBe('{"s": "a \\"b\\" \\\\c\\nd"}\n')
  })

  it('property: a """ string reads back as its raw content', () => {
    const content = fc
      .string({ unit: 'binary', maxLength: 40 })
      .filter((s) => !s.includes('"""') && !s.endsWith('"') && !s.includes('\r'))
    fc.assert(
      fc.property(content, (s) => {
        const body = kibanaRequestBody(`{ "s": """${s}""" }`)
        expect(JSON.parse(body ?? '')).toEqual({ s })
      }),
    )
  })

  it('property: pretty-printed NDJSON objects come back one per line, unchanged in value', () => {
    const objects = fc.array(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 })), {
      minLength: 1,
      maxLength: 5,
    })
    fc.assert(
      fc.property(objects, fc.boolean(), (values, pretty) => {
        const json = values.map((v) => JSON.parse(JSON.stringify(v)) as unknown)
        const text = json.map((v) => (pretty ? JSON.stringify(v, null, 2) : JSON.stringify(v))).join('\n')
        const lines = (kibanaRequestBody(text) ?? '').split('\n')
        expect(lines.pop()).toBe('')
        expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(json)
      }),
    )
  })
})
